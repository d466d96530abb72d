/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.fullmsg. */
#ifndef TEST_FULLMSG_FULLMSG_TYPES_H
#define TEST_FULLMSG_FULLMSG_TYPES_H

#include <keel/idl_runtime.h>

#ifndef IDL_BYTES_254_DEFINED
#define IDL_BYTES_254_DEFINED
/* A bytes<254>: len bytes of data are meaningful, 0 <= len <= 254. */
struct idl_bytes_254 {
	uint8_t len;
	uint8_t data[254];
};
#endif

#ifndef IDL_STRING_255_DEFINED
#define IDL_STRING_255_DEFINED
/* A string<255>: len bytes of data are meaningful, 0 <= len <= 255. */
struct idl_string_255 {
	uint8_t len;
	char data[255];
};
#endif

#define TEST_FULLMSG_FULL_IFACE_ID 512u
#define TEST_FULLMSG_FULL_VERSION 1u
#define TEST_FULLMSG_FULL_METHOD_COUNT 3u
#define TEST_FULLMSG_FULL_EXACT_ORDINAL 1u
#define TEST_FULLMSG_FULL_EXACT_INDEX 0u
#define TEST_FULLMSG_FULL_EXACT_TYPE IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_EXACT_ORDINAL)
#define TEST_FULLMSG_FULL_FOUR_ORDINAL 2u
#define TEST_FULLMSG_FULL_FOUR_INDEX 1u
#define TEST_FULLMSG_FULL_FOUR_TYPE IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_FOUR_ORDINAL)
#define TEST_FULLMSG_FULL_LONGEST_ORDINAL 3u
#define TEST_FULLMSG_FULL_LONGEST_INDEX 2u
#define TEST_FULLMSG_FULL_LONGEST_TYPE IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_LONGEST_ORDINAL)

#endif /* TEST_FULLMSG_FULLMSG_TYPES_H */
