/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/* Dispatch loops of library test.events; see events_server.h and docs/idl.md. */
#include "events_server.h"
#include "events_codec.h"

void test_events_sensor_server_init(struct test_events_sensor_server *srv, cap_t endpoint,
	const struct test_events_sensor_handlers *handlers, void *ctx)
{
	idl_zero(srv, sizeof(*srv));
	srv->handlers = handlers;
	srv->ctx = ctx;
	srv->endpoint = endpoint;
}

/*
 * Rejects a request: releases every capability it carries, counts the error against the
 * method (an index past the last method counts as unknown) and, if the sender waits, turns
 * msg into the error reply. Returns whether there is a reply to send.
 */
static bool test_events_sensor_reject(struct test_events_sensor_server *srv, uint32_t index,
	struct ipc_message *msg, int32_t status, const struct ipc_recv_info *info)
{
	bool reply = (info->flags & IPC_RECV_CALL) != 0;

	idl_release_caps(msg);
	if (index < TEST_EVENTS_SENSOR_METHOD_COUNT)
		srv->errors[index]++;
	else
		srv->rejected_unknown++;
	if (reply)
		idl_error_reply(msg, status);
	return reply;
}

static bool test_events_sensor_subscribe_handle(struct test_events_sensor_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_events_sensor_subscribe_req req;
	struct test_events_sensor_subscribe_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, CAP_RIGHT_READ, srv->handlers->subscribe != NULL);

	if (rc == ERR_OK)
		rc = test_events_sensor_subscribe_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_events_sensor_reject(srv, TEST_EVENTS_SENSOR_SUBSCRIBE_INDEX, msg, rc,
			info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->subscribe(srv->ctx, &caller, req.events);
	if (rc == ERR_OK) {
		test_events_sensor_subscribe_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_events_sensor_poke_handle(struct test_events_sensor_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_events_sensor_poke_req req;
	struct test_events_sensor_poke_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->poke != NULL);

	if (rc == ERR_OK)
		rc = test_events_sensor_poke_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_events_sensor_reject(srv, TEST_EVENTS_SENSOR_POKE_INDEX, msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->poke(srv->ctx, &caller, req.count, &resp.sent, &resp.dropped);
	if (rc == ERR_OK) {
		test_events_sensor_poke_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

bool test_events_sensor_dispatch(struct test_events_sensor_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_EVENTS_SENSOR_IFACE_ID)
		return test_events_sensor_reject(srv, TEST_EVENTS_SENSOR_METHOD_COUNT, msg,
			ERR_PROTOCOL, info);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_EVENTS_SENSOR_SUBSCRIBE_ORDINAL:
		return test_events_sensor_subscribe_handle(srv, msg, info);
	case TEST_EVENTS_SENSOR_POKE_ORDINAL:
		return test_events_sensor_poke_handle(srv, msg, info);
	default:
		return test_events_sensor_reject(srv, TEST_EVENTS_SENSOR_METHOD_COUNT, msg,
			ERR_NOSYS, info);
	}
}

bool test_events_sensor_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	return test_events_sensor_dispatch(srv, msg, info);
}

int32_t test_events_sensor_serve(struct test_events_sensor_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);

	while (rc == ERR_OK) {
		if (test_events_sensor_dispatch(srv, &msg, &info))
			rc = ipc_reply_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
		else
			rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}

void test_events_sensor_subscriber_init(struct test_events_sensor_subscriber *sub, cap_t channel)
{
	idl_zero(sub, sizeof(*sub));
	sub->channel = channel;
}

int32_t test_events_sensor_send_reading(struct test_events_sensor_subscriber *idl_sub,
	const struct test_events_reading *r)
{
	struct test_events_sensor_reading_evt idl_event;
	struct ipc_message idl_msg;
	int32_t idl_rc;

	idl_zero(&idl_event, sizeof(idl_event));
	idl_event.r = *r;
	idl_rc = test_events_sensor_reading_check_evt(&idl_event);
	if (idl_rc == ERR_OK) {
		test_events_sensor_reading_encode_evt(&idl_event, &idl_msg);
		idl_rc = ipc_send(idl_sub->channel, &idl_msg, IPC_NO_WAIT);
	}
	return idl_count_send(&idl_sub->stats, idl_rc);
}

int32_t test_events_sensor_send_alarm(struct test_events_sensor_subscriber *idl_sub,
	const struct test_events_label_max_string *label, cap_t details)
{
	struct test_events_sensor_alarm_evt idl_event;
	struct ipc_message idl_msg;
	int32_t idl_rc;

	idl_zero(&idl_event, sizeof(idl_event));
	idl_event.label = *label;
	idl_event.details = details;
	idl_rc = test_events_sensor_alarm_check_evt(&idl_event);
	if (idl_rc == ERR_OK) {
		test_events_sensor_alarm_encode_evt(&idl_event, &idl_msg);
		idl_rc = ipc_send(idl_sub->channel, &idl_msg, IPC_NO_WAIT);
	}
	return idl_count_send(&idl_sub->stats, idl_rc);
}

int32_t test_events_sensor_send_tick(struct test_events_sensor_subscriber *idl_sub)
{
	struct test_events_sensor_tick_evt idl_event;
	struct ipc_message idl_msg;
	int32_t idl_rc;

	idl_zero(&idl_event, sizeof(idl_event));
	test_events_sensor_tick_encode_evt(&idl_event, &idl_msg);
	idl_rc = ipc_send(idl_sub->channel, &idl_msg, IPC_NO_WAIT);
	return idl_count_send(&idl_sub->stats, idl_rc);
}
