/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.minimal. */
#ifndef TEST_MINIMAL_MINIMAL_TYPES_H
#define TEST_MINIMAL_MINIMAL_TYPES_H

#include <keel/idl_runtime.h>

#define TEST_MINIMAL_IFACE_ID 1u
#define TEST_MINIMAL_VERSION 1u
#define TEST_MINIMAL_METHOD_COUNT 1u
#define TEST_MINIMAL_PING_ORDINAL 1u
#define TEST_MINIMAL_PING_INDEX 0u
#define TEST_MINIMAL_PING_TYPE IPC_TYPE(TEST_MINIMAL_IFACE_ID, TEST_MINIMAL_PING_ORDINAL)

#endif /* TEST_MINIMAL_MINIMAL_TYPES_H */
