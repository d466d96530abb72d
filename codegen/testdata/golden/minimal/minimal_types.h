/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.minimal. */
#ifndef TEST_MINIMAL_MINIMAL_TYPES_H
#define TEST_MINIMAL_MINIMAL_TYPES_H

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

#define TEST_MINIMAL_IFACE_ID 1u
#define TEST_MINIMAL_VERSION 1u
#define TEST_MINIMAL_METHOD_COUNT 1u
#define TEST_MINIMAL_EVENT_COUNT 0u
#define TEST_MINIMAL_PING_ORDINAL 1u
#define TEST_MINIMAL_PING_INDEX 0u
#define TEST_MINIMAL_PING_TYPE IPC_TYPE(TEST_MINIMAL_IFACE_ID, TEST_MINIMAL_PING_ORDINAL)

#endif /* TEST_MINIMAL_MINIMAL_TYPES_H */
