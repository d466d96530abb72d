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

int32_t test_events_sensor_subscribe_check_req(const struct test_events_sensor_subscribe_req *req)
{
	if (req->events == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_events_sensor_subscribe_encode_req(const struct test_events_sensor_subscribe_req *req,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE, 0u);
	msg->caps[0] = req->events;
}

int32_t test_events_sensor_subscribe_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	IDL_TRY(idl_check_caps(msg, info, test_events_sensor_subscribe_req_cap_types,
		test_events_sensor_subscribe_req_cap_rights, 1u));
	IDL_TRY(idl_restrict_caps(msg, test_events_sensor_subscribe_req_cap_rights, 1u));
	req->events = msg->caps[0];
	return ERR_OK;
}

void test_events_sensor_subscribe_encode_resp(const struct test_events_sensor_subscribe_resp *resp,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE | IPC_TYPE_REPLY, 4u);
	(void)resp;
}

int32_t test_events_sensor_subscribe_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_subscribe_resp *resp)
{
	int32_t status = idl_reply_status(msg, info,
		TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_events_sensor_poke_encode_req(const struct test_events_sensor_poke_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_POKE_TYPE, 1u);
	idl_put_u8(p + 0u, (uint8_t)req->count);
}

int32_t test_events_sensor_poke_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 1u)
		return ERR_PROTOCOL;
	req->count = idl_get_u8(p + 0u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_events_sensor_poke_encode_resp(const struct test_events_sensor_poke_resp *resp,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_POKE_TYPE | IPC_TYPE_REPLY, 6u);
	idl_put_u8(p + 4u, (uint8_t)resp->sent);
	idl_put_u8(p + 5u, (uint8_t)resp->dropped);
}

int32_t test_events_sensor_poke_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_poke_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info, TEST_EVENTS_SENSOR_POKE_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 6u)
		return ERR_PROTOCOL;
	resp->sent = idl_get_u8(p + 4u);
	resp->dropped = idl_get_u8(p + 5u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

int32_t test_events_sensor_reading_check_evt(const struct test_events_sensor_reading_evt *event)
{
	IDL_TRY(test_events_reading_check(&event->r));
	return ERR_OK;
}

void test_events_sensor_reading_encode_evt(const struct test_events_sensor_reading_evt *event,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_READING_TYPE, 12u);
	test_events_reading_put(p + 0u, &event->r);
}

int32_t test_events_sensor_reading_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_reading_evt *event)
{
	const uint8_t *p = msg->data;

	idl_zero(event, sizeof(*event));
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

int32_t test_events_sensor_alarm_check_evt(const struct test_events_sensor_alarm_evt *event)
{
	if (event->label.len > 16u)
		return ERR_OVERFLOW;
	if (event->details == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_events_sensor_alarm_encode_evt(const struct test_events_sensor_alarm_evt *event,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_EVENTS_SENSOR_ALARM_TYPE, 17u);
	idl_put_bounded(p + 0u, event->label.len, event->label.data);
	msg->caps[0] = event->details;
}

int32_t test_events_sensor_alarm_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_alarm_evt *event)
{
	const uint8_t *p = msg->data;

	idl_zero(event, sizeof(*event));
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

void test_events_sensor_tick_encode_evt(const struct test_events_sensor_tick_evt *event,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_EVENTS_SENSOR_TICK_TYPE, 0u);
	(void)event;
}

int32_t test_events_sensor_tick_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_events_sensor_tick_evt *event)
{
	idl_zero(event, sizeof(*event));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}
