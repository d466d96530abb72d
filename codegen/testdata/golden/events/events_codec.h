/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/*
 * Wire codecs of library test.events: request, reply and event structs and the
 * functions that check, encode and decode them. Clients and servers share these, so both
 * validate alike.
 *
 * X_check_req/_resp/_evt check a value before it is sent (ERR_OVERFLOW, ERR_INVALID,
 * ERR_BAD_CAP; never truncating); they exist only where something can be wrong.
 * X_encode_* encode a checked value into a message. X_decode_req/_evt take a received message
 * of their type (dispatch routes by type), validate it completely (length, values, padding,
 * unused bytes, capabilities against the kernel's info) and decode it: on success its
 * capabilities are reduced to the declared rights and belong to the result; on failure
 * (ERR_PROTOCOL, ERR_BAD_CAP, ERR_RIGHTS) they are still in the message. X_decode_resp
 * validates a reply as strictly and returns ERR_OK, the reply's negative status, its declared
 * positive error, or one of those failures.
 */
#ifndef TEST_EVENTS_EVENTS_CODEC_H
#define TEST_EVENTS_EVENTS_CODEC_H

#include "events_types.h"

void test_events_reading_put(uint8_t *p, const struct test_events_reading *v);
int32_t test_events_reading_get(const uint8_t *p, struct test_events_reading *v);
int32_t test_events_reading_check(const struct test_events_reading *v);

/* Request of Sensor.subscribe: 0 bytes, 1 capabilities. */
struct test_events_sensor_subscribe_req {
	cap_t events;
};
#define TEST_EVENTS_SENSOR_SUBSCRIBE_REQ_LENGTH 0u

/* Reply of Sensor.subscribe: 4 bytes, 0 capabilities. */
struct test_events_sensor_subscribe_resp {
	uint8_t idl_empty;
};
#define TEST_EVENTS_SENSOR_SUBSCRIBE_RESP_LENGTH 4u
int32_t test_events_sensor_subscribe_check_req(const struct test_events_sensor_subscribe_req *req);
void test_events_sensor_subscribe_encode_req(const struct test_events_sensor_subscribe_req *req,
	struct ipc_message *msg);
int32_t test_events_sensor_subscribe_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_req *req);
void test_events_sensor_subscribe_encode_resp(const struct test_events_sensor_subscribe_resp *resp,
	struct ipc_message *msg);
int32_t test_events_sensor_subscribe_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_resp *resp);

/* Request of Sensor.poke: 1 bytes, 0 capabilities. */
struct test_events_sensor_poke_req {
	uint8_t count;
};
#define TEST_EVENTS_SENSOR_POKE_REQ_LENGTH 1u

/* Reply of Sensor.poke: 6 bytes, 0 capabilities. */
struct test_events_sensor_poke_resp {
	uint8_t sent;
	uint8_t dropped;
};
#define TEST_EVENTS_SENSOR_POKE_RESP_LENGTH 6u
void test_events_sensor_poke_encode_req(const struct test_events_sensor_poke_req *req,
	struct ipc_message *msg);
int32_t test_events_sensor_poke_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_req *req);
void test_events_sensor_poke_encode_resp(const struct test_events_sensor_poke_resp *resp,
	struct ipc_message *msg);
int32_t test_events_sensor_poke_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_resp *resp);

/* Event Sensor.reading: 12 bytes, 0 capabilities. */
struct test_events_sensor_reading_evt {
	struct test_events_reading r;
};
#define TEST_EVENTS_SENSOR_READING_EVT_LENGTH 12u
int32_t test_events_sensor_reading_check_evt(const struct test_events_sensor_reading_evt *event);
void test_events_sensor_reading_encode_evt(const struct test_events_sensor_reading_evt *event,
	struct ipc_message *msg);
int32_t test_events_sensor_reading_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_reading_evt *event);

/* Event Sensor.alarm: 17 bytes, 1 capabilities. */
struct test_events_sensor_alarm_evt {
	struct test_events_label_max_string label;
	cap_t details;
};
#define TEST_EVENTS_SENSOR_ALARM_EVT_LENGTH 17u
int32_t test_events_sensor_alarm_check_evt(const struct test_events_sensor_alarm_evt *event);
void test_events_sensor_alarm_encode_evt(const struct test_events_sensor_alarm_evt *event,
	struct ipc_message *msg);
int32_t test_events_sensor_alarm_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_alarm_evt *event);

/* Event Sensor.tick: 0 bytes, 0 capabilities. */
struct test_events_sensor_tick_evt {
	uint8_t idl_empty;
};
#define TEST_EVENTS_SENSOR_TICK_EVT_LENGTH 0u
void test_events_sensor_tick_encode_evt(const struct test_events_sensor_tick_evt *event,
	struct ipc_message *msg);
int32_t test_events_sensor_tick_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_tick_evt *event);

#endif /* TEST_EVENTS_EVENTS_CODEC_H */
