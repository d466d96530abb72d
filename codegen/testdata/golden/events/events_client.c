/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/* Clients of library test.events; see events_client.h. */
#include "events_client.h"
#include "events_codec.h"

int32_t test_events_sensor_subscribe(const struct test_events_sensor_client *idl_client,
	cap_t events)
{
	struct test_events_sensor_subscribe_req idl_req;
	struct test_events_sensor_subscribe_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.events = events;
	IDL_TRY(test_events_sensor_subscribe_check_req(&idl_req));
	test_events_sensor_subscribe_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_events_sensor_subscribe_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	return ERR_OK;
}

int32_t test_events_sensor_poke(const struct test_events_sensor_client *idl_client, uint8_t count,
	uint8_t *sent, uint8_t *dropped)
{
	struct test_events_sensor_poke_req idl_req;
	struct test_events_sensor_poke_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.count = count;
	test_events_sensor_poke_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_events_sensor_poke_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*sent = idl_resp.sent;
	*dropped = idl_resp.dropped;
	return ERR_OK;
}

void test_events_sensor_events_init(struct test_events_sensor_events *ev, cap_t channel,
	const struct test_events_sensor_event_handlers *handlers, void *ctx)
{
	idl_zero(ev, sizeof(*ev));
	ev->handlers = handlers;
	ev->ctx = ctx;
	ev->channel = channel;
}

/* Rejects a message: releases its capabilities and counts it against the event (or unknown). */
static int32_t test_events_sensor_events_reject(struct test_events_sensor_events *ev,
	uint32_t index, struct ipc_message *msg, int32_t status)
{
	idl_release_caps(msg);
	if (index < TEST_EVENTS_SENSOR_EVENT_COUNT)
		ev->errors[index]++;
	else
		ev->rejected_unknown++;
	return status;
}

static int32_t test_events_sensor_reading_handle_evt(struct test_events_sensor_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_events_sensor_reading_evt event;
	struct idl_caller from;
	int32_t rc;

	if ((info->flags & IPC_RECV_CALL) != 0) /* events are sent, never called */
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_READING_EVENT_INDEX,
			msg, ERR_PROTOCOL);
	rc = test_events_sensor_reading_decode_evt(msg, info, &event);
	if (rc != ERR_OK)
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_READING_EVENT_INDEX,
			msg, rc);
	if (ev->handlers->reading == NULL) {
		idl_release_caps(msg);
		return ERR_OK;
	}
	from.badge = info->badge;
	from.rights = info->rights;
	ev->handlers->reading(ev->ctx, &from, &event.r);
	return ERR_OK;
}

static int32_t test_events_sensor_alarm_handle_evt(struct test_events_sensor_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_events_sensor_alarm_evt event;
	struct idl_caller from;
	int32_t rc;

	if ((info->flags & IPC_RECV_CALL) != 0) /* events are sent, never called */
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_ALARM_EVENT_INDEX,
			msg, ERR_PROTOCOL);
	rc = test_events_sensor_alarm_decode_evt(msg, info, &event);
	if (rc != ERR_OK)
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_ALARM_EVENT_INDEX,
			msg, rc);
	if (ev->handlers->alarm == NULL) {
		idl_release_caps(msg);
		return ERR_OK;
	}
	from.badge = info->badge;
	from.rights = info->rights;
	ev->handlers->alarm(ev->ctx, &from, &event.label, event.details);
	return ERR_OK;
}

static int32_t test_events_sensor_tick_handle_evt(struct test_events_sensor_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_events_sensor_tick_evt event;
	struct idl_caller from;
	int32_t rc;

	if ((info->flags & IPC_RECV_CALL) != 0) /* events are sent, never called */
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_TICK_EVENT_INDEX,
			msg, ERR_PROTOCOL);
	rc = test_events_sensor_tick_decode_evt(msg, info, &event);
	if (rc != ERR_OK)
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_TICK_EVENT_INDEX,
			msg, rc);
	if (ev->handlers->tick == NULL) {
		idl_release_caps(msg);
		return ERR_OK;
	}
	from.badge = info->badge;
	from.rights = info->rights;
	ev->handlers->tick(ev->ctx, &from);
	return ERR_OK;
}

int32_t test_events_sensor_events_dispatch(struct test_events_sensor_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_EVENTS_SENSOR_IFACE_ID)
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_EVENT_COUNT, msg,
			ERR_PROTOCOL);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_EVENTS_SENSOR_READING_ORDINAL:
		return test_events_sensor_reading_handle_evt(ev, msg, info);
	case TEST_EVENTS_SENSOR_ALARM_ORDINAL:
		return test_events_sensor_alarm_handle_evt(ev, msg, info);
	case TEST_EVENTS_SENSOR_TICK_ORDINAL:
		return test_events_sensor_tick_handle_evt(ev, msg, info);
	default:
		return test_events_sensor_events_reject(ev, TEST_EVENTS_SENSOR_EVENT_COUNT, msg,
			ERR_NOSYS);
	}
}

int32_t test_events_sensor_events_recv(struct test_events_sensor_events *ev, uint64_t timeout_us)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(ev->channel, &msg, &info, timeout_us);

	if (rc != ERR_OK)
		return rc;
	return test_events_sensor_events_dispatch(ev, &msg, &info);
}
