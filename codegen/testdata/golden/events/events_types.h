/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/* Types, constants, interface ids and ordinals of library test.events. */
#ifndef TEST_EVENTS_EVENTS_TYPES_H
#define TEST_EVENTS_EVENTS_TYPES_H

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

/* Longest alarm label. */
#define TEST_EVENTS_LABEL_MAX 16

/* A string<LABEL_MAX>: len bytes of data are meaningful, 0 <= len <= TEST_EVENTS_LABEL_MAX. */
struct test_events_label_max_string {
	uint8_t len;
	char data[TEST_EVENTS_LABEL_MAX];
};

/* enum Level: u8 on the wire. */
#define TEST_EVENTS_LEVEL_LOW 1
#define TEST_EVENTS_LEVEL_HIGH 2

/* True if v is a member of enum Level. */
static inline bool test_events_level_valid(int64_t v)
{
	switch (v) {
	case 1:
	case 2:
		return true;
	default:
		return false;
	}
}

/* The name of member v of enum Level ("LOW"...); "unknown" otherwise. */
static inline const char *test_events_level_name(int64_t v)
{
	switch (v) {
	case 1:
		return "LOW";
	case 2:
		return "HIGH";
	default:
		return "unknown";
	}
}

/* One measurement. */
struct test_events_reading {
	uint8_t sensor;
	int32_t value;
	uint8_t level;
};

#define TEST_EVENTS_READING_WIRE_SIZE 12u

/* A sensor that reports through events. */
#define TEST_EVENTS_SENSOR_IFACE_ID 768u
#define TEST_EVENTS_SENSOR_VERSION 1u
#define TEST_EVENTS_SENSOR_METHOD_COUNT 2u
#define TEST_EVENTS_SENSOR_EVENT_COUNT 3u
#define TEST_EVENTS_SENSOR_SUBSCRIBE_ORDINAL 1u
#define TEST_EVENTS_SENSOR_SUBSCRIBE_INDEX 0u
#define TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE \
	IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, TEST_EVENTS_SENSOR_SUBSCRIBE_ORDINAL)
#define TEST_EVENTS_SENSOR_POKE_ORDINAL 2u
#define TEST_EVENTS_SENSOR_POKE_INDEX 1u
#define TEST_EVENTS_SENSOR_POKE_TYPE \
	IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, TEST_EVENTS_SENSOR_POKE_ORDINAL)
#define TEST_EVENTS_SENSOR_READING_ORDINAL 3u
#define TEST_EVENTS_SENSOR_READING_EVENT_INDEX 0u
#define TEST_EVENTS_SENSOR_READING_TYPE \
	IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, TEST_EVENTS_SENSOR_READING_ORDINAL)
#define TEST_EVENTS_SENSOR_ALARM_ORDINAL 4u
#define TEST_EVENTS_SENSOR_ALARM_EVENT_INDEX 1u
#define TEST_EVENTS_SENSOR_ALARM_TYPE \
	IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, TEST_EVENTS_SENSOR_ALARM_ORDINAL)
#define TEST_EVENTS_SENSOR_TICK_ORDINAL 5u
#define TEST_EVENTS_SENSOR_TICK_EVENT_INDEX 2u
#define TEST_EVENTS_SENSOR_TICK_TYPE \
	IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, TEST_EVENTS_SENSOR_TICK_ORDINAL)

#endif /* TEST_EVENTS_EVENTS_TYPES_H */
