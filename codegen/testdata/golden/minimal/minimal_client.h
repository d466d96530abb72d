/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Client stubs of library test.minimal: one function per method. Each checks its
 * arguments, sends with the given timeout, validates the reply and returns ERR_OK, a negative
 * ERR_* (transport, kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_MINIMAL_MINIMAL_CLIENT_H
#define TEST_MINIMAL_MINIMAL_CLIENT_H

#include "minimal_types.h"

int32_t test_minimal_ping(cap_t ep, uint64_t timeout_us);

#endif /* TEST_MINIMAL_MINIMAL_CLIENT_H */
