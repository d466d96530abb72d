/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.fullmsg. */
#ifndef TEST_FULLMSG_FULLMSG_TYPES_H
#define TEST_FULLMSG_FULLMSG_TYPES_H

#include <keel/idl_runtime.h>

/* The ABI values this code was generated for; a different <keel/abi.h> fails the build. */
_Static_assert(IPC_DATA_BYTES == 256, "keel/abi.h differs from the one idlc read");
_Static_assert(IPC_MAX_CAPS == 4, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHTS_ALL == 31, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_ENDPOINT == 1, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_CHANNEL == 2, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_MEMORY == 3, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_IRQ == 4, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_IOPORT == 5, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_UNIT == 6, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_THREAD == 7, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_TYPE_NOTIFICATION == 8, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHT_READ == 1, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHT_WRITE == 2, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHT_EXECUTE == 4, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHT_GRANT == 8, "keel/abi.h differs from the one idlc read");
_Static_assert(CAP_RIGHT_ADMIN == 16, "keel/abi.h differs from the one idlc read");

#ifndef IDL_STATUS_NAME_DEFINED
#define IDL_STATUS_NAME_DEFINED
/* The name of a status: "OK" or an ERR_* name; "unknown" for any other value. */
static inline const char *idl_status_name(int32_t status)
{
	switch (status) {
	case ERR_OK:
		return "OK";
	case ERR_INVALID:
		return "ERR_INVALID";
	case ERR_NOMEM:
		return "ERR_NOMEM";
	case ERR_FAULT:
		return "ERR_FAULT";
	case ERR_NOSYS:
		return "ERR_NOSYS";
	case ERR_TIMEOUT:
		return "ERR_TIMEOUT";
	case ERR_BAD_CAP:
		return "ERR_BAD_CAP";
	case ERR_RIGHTS:
		return "ERR_RIGHTS";
	case ERR_PEER_DIED:
		return "ERR_PEER_DIED";
	case ERR_OVERFLOW:
		return "ERR_OVERFLOW";
	case ERR_BUSY:
		return "ERR_BUSY";
	case ERR_NOT_FOUND:
		return "ERR_NOT_FOUND";
	case ERR_PROTOCOL:
		return "ERR_PROTOCOL";
	default:
		return "unknown";
	}
}
#endif

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
#define TEST_FULLMSG_FULL_EVENT_COUNT 1u
#define TEST_FULLMSG_FULL_EXACT_ORDINAL 1u
#define TEST_FULLMSG_FULL_EXACT_INDEX 0u
#define TEST_FULLMSG_FULL_EXACT_TYPE \
	IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_EXACT_ORDINAL)
#define TEST_FULLMSG_FULL_FOUR_ORDINAL 2u
#define TEST_FULLMSG_FULL_FOUR_INDEX 1u
#define TEST_FULLMSG_FULL_FOUR_TYPE \
	IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_FOUR_ORDINAL)
#define TEST_FULLMSG_FULL_LONGEST_ORDINAL 3u
#define TEST_FULLMSG_FULL_LONGEST_INDEX 2u
#define TEST_FULLMSG_FULL_LONGEST_TYPE \
	IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_LONGEST_ORDINAL)
#define TEST_FULLMSG_FULL_FULL_ORDINAL 4u
#define TEST_FULLMSG_FULL_FULL_EVENT_INDEX 0u
#define TEST_FULLMSG_FULL_FULL_TYPE \
	IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, TEST_FULLMSG_FULL_FULL_ORDINAL)

#endif /* TEST_FULLMSG_FULLMSG_TYPES_H */
