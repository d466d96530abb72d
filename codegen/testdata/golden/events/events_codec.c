/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/* Wire codecs of library test.events; see events_codec.h and docs/idl.md. */
#include "events_codec.h"

void test_events_reading_put(uint8_t *p, const struct test_events_reading *v)
{
	idl_put_u8(p + 0u, (uint8_t)v->sensor);
	idl_put_u32(p + 4u, (uint32_t)v->value);
	idl_put_u8(p + 8u, (uint8_t)v->level);
}

int32_t test_events_reading_get(const uint8_t *p, struct test_events_reading *v)
{
	if (!idl_all_zero(p + 1u, 3u))
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 9u, 3u))
		return ERR_PROTOCOL;
	v->sensor = idl_get_u8(p + 0u);
	v->value = idl_get_i32(p + 4u);
	v->level = idl_get_u8(p + 8u);
	if (!test_events_level_valid(v->level))
		return ERR_PROTOCOL;
	return ERR_OK;
}

int32_t test_events_reading_check(const struct test_events_reading *v)
{
	if (!test_events_level_valid(v->level))
		return ERR_INVALID;
	return ERR_OK;
}

static const uint8_t test_events_sensor_subscribe_req_cap_types[1] = {
	CAP_TYPE_CHANNEL,
};
static const uint32_t test_events_sensor_subscribe_req_cap_rights[1] = {
	CAP_RIGHT_WRITE,
};

/* Checks a request before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_subscribe_check_req(const struct test_events_sensor_subscribe_req *req)
{
	if (req->events == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

/* Encodes a checked request into msg. */
void test_events_sensor_subscribe_encode_req(const struct test_events_sensor_subscribe_req *req,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE, 0u);
	msg->caps[0] = req->events;
}

/*
 * Validates a received request completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to req. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_events_sensor_subscribe_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->type != TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	IDL_TRY(idl_check_caps(msg, info, test_events_sensor_subscribe_req_cap_types,
		test_events_sensor_subscribe_req_cap_rights, 1u));
	IDL_TRY(idl_restrict_caps(msg, test_events_sensor_subscribe_req_cap_rights, 1u));
	req->events = msg->caps[0];
	return ERR_OK;
}

/* Checks a reply before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_subscribe_check_resp(
	const struct test_events_sensor_subscribe_resp *resp)
{
	(void)resp;
	return ERR_OK;
}

/* Encodes a checked reply into msg. */
void test_events_sensor_subscribe_encode_resp(const struct test_events_sensor_subscribe_resp *resp,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE | IPC_TYPE_REPLY, 4u);
	(void)resp;
}

/*
 * Validates a received reply as strictly as a request and decodes it. Returns ERR_OK, the
 * reply's negative status, its declared positive error, or ERR_PROTOCOL/ERR_BAD_CAP/ERR_RIGHTS
 * if the reply is malformed; on any non-OK result the caller releases msg's capabilities.
 */
int32_t test_events_sensor_subscribe_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_resp *resp)
{
	const uint8_t *p = msg->data;

	idl_zero(resp, sizeof(*resp));
	if (msg->type != (TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE | IPC_TYPE_REPLY) ||
	    msg->length < IDL_STATUS_BYTES)
		return ERR_PROTOCOL;
	if (idl_get_i32(p) != ERR_OK) {
		int32_t status = idl_get_i32(p);

		if (msg->length != IDL_STATUS_BYTES ||
		    idl_check_caps(msg, info, NULL, NULL, 0) != ERR_OK)
			return ERR_PROTOCOL;
		return status < 0 ? status : ERR_PROTOCOL;
	}
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

/* Checks a request before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_poke_check_req(const struct test_events_sensor_poke_req *req)
{
	(void)req;
	return ERR_OK;
}

/* Encodes a checked request into msg. */
void test_events_sensor_poke_encode_req(const struct test_events_sensor_poke_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_POKE_TYPE, 1u);
	idl_put_u8(p + 0u, (uint8_t)req->count);
}

/*
 * Validates a received request completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to req. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_events_sensor_poke_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->type != TEST_EVENTS_SENSOR_POKE_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 1u)
		return ERR_PROTOCOL;
	req->count = idl_get_u8(p + 0u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

/* Checks a reply before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_poke_check_resp(const struct test_events_sensor_poke_resp *resp)
{
	(void)resp;
	return ERR_OK;
}

/* Encodes a checked reply into msg. */
void test_events_sensor_poke_encode_resp(const struct test_events_sensor_poke_resp *resp,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_POKE_TYPE | IPC_TYPE_REPLY, 6u);
	idl_put_u8(p + 4u, (uint8_t)resp->sent);
	idl_put_u8(p + 5u, (uint8_t)resp->dropped);
}

/*
 * Validates a received reply as strictly as a request and decodes it. Returns ERR_OK, the
 * reply's negative status, its declared positive error, or ERR_PROTOCOL/ERR_BAD_CAP/ERR_RIGHTS
 * if the reply is malformed; on any non-OK result the caller releases msg's capabilities.
 */
int32_t test_events_sensor_poke_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_resp *resp)
{
	const uint8_t *p = msg->data;

	idl_zero(resp, sizeof(*resp));
	if (msg->type != (TEST_EVENTS_SENSOR_POKE_TYPE | IPC_TYPE_REPLY) ||
	    msg->length < IDL_STATUS_BYTES)
		return ERR_PROTOCOL;
	if (idl_get_i32(p) != ERR_OK) {
		int32_t status = idl_get_i32(p);

		if (msg->length != IDL_STATUS_BYTES ||
		    idl_check_caps(msg, info, NULL, NULL, 0) != ERR_OK)
			return ERR_PROTOCOL;
		return status < 0 ? status : ERR_PROTOCOL;
	}
	if (msg->length != 6u)
		return ERR_PROTOCOL;
	resp->sent = idl_get_u8(p + 4u);
	resp->dropped = idl_get_u8(p + 5u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

/* Checks a event before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_reading_check_evt(const struct test_events_sensor_reading_evt *event)
{
	IDL_TRY(test_events_reading_check(&event->r));
	return ERR_OK;
}

/* Encodes a checked event into msg. */
void test_events_sensor_reading_encode_evt(const struct test_events_sensor_reading_evt *event,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_READING_TYPE, 12u);
	test_events_reading_put(p + 0u, &event->r);
}

/*
 * Validates a received event completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to event. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_events_sensor_reading_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_reading_evt *event)
{
	const uint8_t *p = msg->data;

	idl_zero(event, sizeof(*event));
	if (msg->type != TEST_EVENTS_SENSOR_READING_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 12u)
		return ERR_PROTOCOL;
	if (test_events_reading_get(p + 0u, &event->r) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

static const uint8_t test_events_sensor_alarm_evt_cap_types[1] = {
	CAP_TYPE_MEMORY,
};
static const uint32_t test_events_sensor_alarm_evt_cap_rights[1] = {
	CAP_RIGHT_READ,
};

/* Checks a event before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_alarm_check_evt(const struct test_events_sensor_alarm_evt *event)
{
	if (event->label.len > 16u)
		return ERR_OVERFLOW;
	if (event->details == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

/* Encodes a checked event into msg. */
void test_events_sensor_alarm_encode_evt(const struct test_events_sensor_alarm_evt *event,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_ALARM_TYPE, 17u);
	idl_put_bounded(p + 0u, event->label.len, event->label.data);
	msg->caps[0] = event->details;
}

/*
 * Validates a received event completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to event. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_events_sensor_alarm_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_alarm_evt *event)
{
	const uint8_t *p = msg->data;

	idl_zero(event, sizeof(*event));
	if (msg->type != TEST_EVENTS_SENSOR_ALARM_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 17u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 0u, 16u, &event->label.len, event->label.data) != ERR_OK)
		return ERR_PROTOCOL;
	IDL_TRY(idl_check_caps(msg, info, test_events_sensor_alarm_evt_cap_types,
		test_events_sensor_alarm_evt_cap_rights, 1u));
	IDL_TRY(idl_restrict_caps(msg, test_events_sensor_alarm_evt_cap_rights, 1u));
	event->details = msg->caps[0];
	return ERR_OK;
}

/* Checks a event before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_events_sensor_tick_check_evt(const struct test_events_sensor_tick_evt *event)
{
	(void)event;
	return ERR_OK;
}

/* Encodes a checked event into msg. */
void test_events_sensor_tick_encode_evt(const struct test_events_sensor_tick_evt *event,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_TICK_TYPE, 0u);
	(void)event;
}

/*
 * Validates a received event completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to event. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_events_sensor_tick_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_tick_evt *event)
{
	idl_zero(event, sizeof(*event));
	if (msg->type != TEST_EVENTS_SENSOR_TICK_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}
