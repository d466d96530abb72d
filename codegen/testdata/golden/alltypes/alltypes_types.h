/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.alltypes. */
#ifndef TEST_ALLTYPES_ALLTYPES_TYPES_H
#define TEST_ALLTYPES_ALLTYPES_TYPES_H

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

#ifndef IDL_STRING_3_DEFINED
#define IDL_STRING_3_DEFINED
/* A string<3>: len bytes of data are meaningful, 0 <= len <= 3. */
struct idl_string_3 {
	uint8_t len;
	char data[3];
};
#endif

/* Bound of names, used through a constant. */
#define TEST_ALLTYPES_NAME_MAX 12

#define TEST_ALLTYPES_BLOB_MAX 9

/* A signed constant (not a bound). */
#define TEST_ALLTYPES_OFFSET_MIN (-2147483647ll - 1)

#define TEST_ALLTYPES_BIG 18446744073709551615ull

/* A string<NAME_MAX>: len bytes of data are meaningful, 0 <= len <= TEST_ALLTYPES_NAME_MAX. */
struct test_alltypes_name_max_string {
	uint8_t len;
	char data[TEST_ALLTYPES_NAME_MAX];
};

/* A bytes<BLOB_MAX>: len bytes of data are meaningful, 0 <= len <= TEST_ALLTYPES_BLOB_MAX. */
struct test_alltypes_blob_max_bytes {
	uint8_t len;
	uint8_t data[TEST_ALLTYPES_BLOB_MAX];
};

/* Shades, with a signed underlying type and a negative member. */
/* enum Shade: i16 on the wire. */
/* Darker than black. */
#define TEST_ALLTYPES_SHADE_DEEP (-300)
#define TEST_ALLTYPES_SHADE_DARK 0
#define TEST_ALLTYPES_SHADE_LIGHT 7

/* True if v is a member of enum Shade. */
static inline bool test_alltypes_shade_valid(int64_t v)
{
	switch (v) {
	case (-300):
	case 0:
	case 7:
		return true;
	default:
		return false;
	}
}

/* The name of member v of enum Shade ("DEEP"...); "unknown" otherwise. */
static inline const char *test_alltypes_shade_name(int64_t v)
{
	switch (v) {
	case (-300):
		return "DEEP";
	case 0:
		return "DARK";
	case 7:
		return "LIGHT";
	default:
		return "unknown";
	}
}

/* A 64-bit enum whose members use the whole range. */
/* enum Wide: u64 on the wire. */
#define TEST_ALLTYPES_WIDE_LOW 1
#define TEST_ALLTYPES_WIDE_HIGH 18446744073709551615ull

/* True if v is a member of enum Wide. */
static inline bool test_alltypes_wide_valid(uint64_t v)
{
	switch (v) {
	case 1:
	case 18446744073709551615ull:
		return true;
	default:
		return false;
	}
}

/* The name of member v of enum Wide ("LOW"...); "unknown" otherwise. */
static inline const char *test_alltypes_wide_name(uint64_t v)
{
	switch (v) {
	case 1:
		return "LOW";
	case 18446744073709551615ull:
		return "HIGH";
	default:
		return "unknown";
	}
}

/* Errors of the Everything interface. */
/* enum Failure: u32 on the wire. */
/* Nothing to return. */
#define TEST_ALLTYPES_FAILURE_EMPTY 1
#define TEST_ALLTYPES_FAILURE_FULL 2
#define TEST_ALLTYPES_FAILURE_DENIED 70000

/* True if v is a member of enum Failure. */
static inline bool test_alltypes_failure_valid(int64_t v)
{
	switch (v) {
	case 1:
	case 2:
	case 70000:
		return true;
	default:
		return false;
	}
}

/* The name of member v of enum Failure ("EMPTY"...); "unknown" otherwise. */
static inline const char *test_alltypes_failure_name(int64_t v)
{
	switch (v) {
	case 1:
		return "EMPTY";
	case 2:
		return "FULL";
	case 70000:
		return "DENIED";
	default:
		return "unknown";
	}
}

/* The name of a status a method with `error Failure` returns: "OK", ERR_* or a member. */
static inline const char *test_alltypes_failure_status_name(int32_t status)
{
	return status > 0 ? test_alltypes_failure_name(status) : idl_status_name(status);
}

/* Every scalar, with padding between them. */
struct test_alltypes_scalars {
	uint8_t a;
	uint16_t b;
	uint32_t c;
	uint64_t d;
	int8_t e;
	int16_t f;
	int32_t g;
	int64_t h;
	bool flag;
	int16_t shade;
};

#define TEST_ALLTYPES_SCALARS_WIRE_SIZE 40u

struct test_alltypes_point {
	int16_t x;
	int16_t y;
	bool on;
};

#define TEST_ALLTYPES_POINT_WIRE_SIZE 6u

/* Nesting: a struct holding a struct, an array of structs and strings. */
struct test_alltypes_record {
	uint32_t id;
	struct test_alltypes_name_max_string name;
	struct test_alltypes_point points[2];
	uint64_t wide;
};

#define TEST_ALLTYPES_RECORD_WIRE_SIZE 40u

/* The interface the round-trip tests call. */
#define TEST_ALLTYPES_EVERYTHING_IFACE_ID 257u
#define TEST_ALLTYPES_EVERYTHING_VERSION 3u
#define TEST_ALLTYPES_EVERYTHING_METHOD_COUNT 6u
#define TEST_ALLTYPES_EVERYTHING_EVENT_COUNT 0u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL 1u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX 0u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_STRINGS_ORDINAL 2u
#define TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX 1u
#define TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_STRINGS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_ORDINAL 3u
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX 2u
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_ARRAYS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_SWAP_ORDINAL 5u
#define TEST_ALLTYPES_EVERYTHING_SWAP_INDEX 3u
#define TEST_ALLTYPES_EVERYTHING_SWAP_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_SWAP_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_ORDINAL 7u
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX 4u
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_NOTIFY_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_POKE_ORDINAL 8u
#define TEST_ALLTYPES_EVERYTHING_POKE_INDEX 5u
#define TEST_ALLTYPES_EVERYTHING_POKE_TYPE \
	IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_POKE_ORDINAL)

/* A second interface in the same library, with its own id. */
#define TEST_ALLTYPES_COUNTER_IFACE_ID 258u
#define TEST_ALLTYPES_COUNTER_VERSION 1u
#define TEST_ALLTYPES_COUNTER_METHOD_COUNT 2u
#define TEST_ALLTYPES_COUNTER_EVENT_COUNT 0u
#define TEST_ALLTYPES_COUNTER_ADD_ORDINAL 1u
#define TEST_ALLTYPES_COUNTER_ADD_INDEX 0u
#define TEST_ALLTYPES_COUNTER_ADD_TYPE \
	IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, TEST_ALLTYPES_COUNTER_ADD_ORDINAL)
#define TEST_ALLTYPES_COUNTER_RESET_ORDINAL 2u
#define TEST_ALLTYPES_COUNTER_RESET_INDEX 1u
#define TEST_ALLTYPES_COUNTER_RESET_TYPE \
	IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, TEST_ALLTYPES_COUNTER_RESET_ORDINAL)

#endif /* TEST_ALLTYPES_ALLTYPES_TYPES_H */
