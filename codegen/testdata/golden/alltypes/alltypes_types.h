/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.alltypes. */
#ifndef TEST_ALLTYPES_ALLTYPES_TYPES_H
#define TEST_ALLTYPES_ALLTYPES_TYPES_H

#include <keel/idl_runtime.h>

#ifndef IDL_BYTES_9_DEFINED
#define IDL_BYTES_9_DEFINED
/* A bytes<9>: len bytes of data are meaningful, 0 <= len <= 9. */
struct idl_bytes_9 {
	uint8_t len;
	uint8_t data[9];
};
#endif

#ifndef IDL_STRING_3_DEFINED
#define IDL_STRING_3_DEFINED
/* A string<3>: len bytes of data are meaningful, 0 <= len <= 3. */
struct idl_string_3 {
	uint8_t len;
	char data[3];
};
#endif

#ifndef IDL_STRING_12_DEFINED
#define IDL_STRING_12_DEFINED
/* A string<12>: len bytes of data are meaningful, 0 <= len <= 12. */
struct idl_string_12 {
	uint8_t len;
	char data[12];
};
#endif

/* Bound of names, used through a constant. */
#define TEST_ALLTYPES_NAME_MAX 12

#define TEST_ALLTYPES_BLOB_MAX 9

/* A signed constant (not a bound). */
#define TEST_ALLTYPES_OFFSET_MIN (-2147483647ll - 1)

#define TEST_ALLTYPES_BIG 18446744073709551615ull

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
	struct idl_string_12 name;
	struct test_alltypes_point points[2];
	uint64_t wide;
};

#define TEST_ALLTYPES_RECORD_WIRE_SIZE 40u

/* The interface the round-trip tests call. */
#define TEST_ALLTYPES_EVERYTHING_IFACE_ID 257u
#define TEST_ALLTYPES_EVERYTHING_VERSION 3u
#define TEST_ALLTYPES_EVERYTHING_METHOD_COUNT 6u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL 1u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX 0u
#define TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_STRINGS_ORDINAL 2u
#define TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX 1u
#define TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_STRINGS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_ORDINAL 3u
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX 2u
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_ARRAYS_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_SWAP_ORDINAL 5u
#define TEST_ALLTYPES_EVERYTHING_SWAP_INDEX 3u
#define TEST_ALLTYPES_EVERYTHING_SWAP_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_SWAP_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_ORDINAL 7u
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX 4u
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_NOTIFY_ORDINAL)
#define TEST_ALLTYPES_EVERYTHING_POKE_ORDINAL 8u
#define TEST_ALLTYPES_EVERYTHING_POKE_INDEX 5u
#define TEST_ALLTYPES_EVERYTHING_POKE_TYPE IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, TEST_ALLTYPES_EVERYTHING_POKE_ORDINAL)

/* A second interface in the same library, with its own id. */
#define TEST_ALLTYPES_COUNTER_IFACE_ID 258u
#define TEST_ALLTYPES_COUNTER_VERSION 1u
#define TEST_ALLTYPES_COUNTER_METHOD_COUNT 2u
#define TEST_ALLTYPES_COUNTER_ADD_ORDINAL 1u
#define TEST_ALLTYPES_COUNTER_ADD_INDEX 0u
#define TEST_ALLTYPES_COUNTER_ADD_TYPE IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, TEST_ALLTYPES_COUNTER_ADD_ORDINAL)
#define TEST_ALLTYPES_COUNTER_RESET_ORDINAL 2u
#define TEST_ALLTYPES_COUNTER_RESET_INDEX 1u
#define TEST_ALLTYPES_COUNTER_RESET_TYPE IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, TEST_ALLTYPES_COUNTER_RESET_ORDINAL)

#endif /* TEST_ALLTYPES_ALLTYPES_TYPES_H */
