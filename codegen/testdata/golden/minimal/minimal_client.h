/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Clients of library test.minimal: per interface a typed handle, one function per
 * method and the receiving end of its events. Each call checks its arguments, sends with the
 * handle's timeout, validates the reply and returns ERR_OK, a negative ERR_* (transport,
 * kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_MINIMAL_MINIMAL_CLIENT_H
#define TEST_MINIMAL_MINIMAL_CLIENT_H

#include "minimal_types.h"

/*
 * A client of interface Minimal: a server's endpoint capability and the deadline of every
 * call in microseconds (IPC_WAIT_FOREVER: none). For example
 * `struct test_minimal_client c = { .ep = ep, .timeout_us = 100000 };`
 */
struct test_minimal_client {
	cap_t ep;
	uint64_t timeout_us;
};

int32_t test_minimal_ping(const struct test_minimal_client *idl_client);

#endif /* TEST_MINIMAL_MINIMAL_CLIENT_H */
