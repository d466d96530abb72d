/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Clients of library test.fullmsg; see fullmsg_client.h. */
#include "fullmsg_client.h"
#include "fullmsg_codec.h"

int32_t test_fullmsg_full_exact(const struct test_fullmsg_full_client *idl_client,
	const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252])
{
	struct test_fullmsg_full_exact_req idl_req;
	struct test_fullmsg_full_exact_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.blob = *blob;
	idl_req.last = last;
	IDL_TRY(test_fullmsg_full_exact_check_req(&idl_req));
	test_fullmsg_full_exact_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_fullmsg_full_exact_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	idl_copy(status_copy, idl_resp.status_copy, sizeof(idl_resp.status_copy));
	return ERR_OK;
}

int32_t test_fullmsg_full_four(const struct test_fullmsg_full_client *idl_client, cap_t a, cap_t b,
	cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d)
{
	struct test_fullmsg_full_four_req idl_req;
	struct test_fullmsg_full_four_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.a = a;
	idl_req.b = b;
	idl_req.c = c;
	idl_req.d = d;
	IDL_TRY(test_fullmsg_full_four_check_req(&idl_req));
	test_fullmsg_full_four_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_fullmsg_full_four_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*out_a = idl_resp.out_a;
	*out_b = idl_resp.out_b;
	*out_c = idl_resp.out_c;
	*out_d = idl_resp.out_d;
	return ERR_OK;
}

int32_t test_fullmsg_full_longest(const struct test_fullmsg_full_client *idl_client,
	const struct idl_string_255 *text, uint8_t *len)
{
	struct test_fullmsg_full_longest_req idl_req;
	struct test_fullmsg_full_longest_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.text = *text;
	test_fullmsg_full_longest_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_fullmsg_full_longest_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*len = idl_resp.len;
	return ERR_OK;
}

void test_fullmsg_full_events_init(struct test_fullmsg_full_events *ev, cap_t channel,
	const struct test_fullmsg_full_event_handlers *handlers, void *ctx)
{
	idl_zero(ev, sizeof(*ev));
	ev->handlers = handlers;
	ev->ctx = ctx;
	ev->channel = channel;
}

/* Rejects a message: releases its capabilities and counts it against the event (or unknown). */
static int32_t test_fullmsg_full_events_reject(struct test_fullmsg_full_events *ev, uint32_t index,
	struct ipc_message *msg, int32_t status)
{
	idl_release_caps(msg);
	if (index < TEST_FULLMSG_FULL_EVENT_COUNT)
		ev->errors[index]++;
	else
		ev->rejected_unknown++;
	return status;
}

static int32_t test_fullmsg_full_full_handle_evt(struct test_fullmsg_full_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_fullmsg_full_full_evt event;
	struct idl_caller from;
	int32_t rc;

	if ((info->flags & IPC_RECV_CALL) != 0) /* events are sent, never called */
		return test_fullmsg_full_events_reject(ev, TEST_FULLMSG_FULL_FULL_EVENT_INDEX, msg,
			ERR_PROTOCOL);
	rc = test_fullmsg_full_full_decode_evt(msg, info, &event);
	if (rc != ERR_OK)
		return test_fullmsg_full_events_reject(ev, TEST_FULLMSG_FULL_FULL_EVENT_INDEX, msg,
			rc);
	if (ev->handlers->full == NULL) {
		idl_release_caps(msg);
		return ERR_OK;
	}
	from.badge = info->badge;
	from.rights = info->rights;
	ev->handlers->full(ev->ctx, &from, &event.blob, event.last, event.a, event.b, event.c,
		event.d);
	return ERR_OK;
}

int32_t test_fullmsg_full_events_dispatch(struct test_fullmsg_full_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_FULLMSG_FULL_IFACE_ID)
		return test_fullmsg_full_events_reject(ev, TEST_FULLMSG_FULL_EVENT_COUNT, msg,
			ERR_PROTOCOL);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_FULLMSG_FULL_FULL_ORDINAL:
		return test_fullmsg_full_full_handle_evt(ev, msg, info);
	default:
		return test_fullmsg_full_events_reject(ev, TEST_FULLMSG_FULL_EVENT_COUNT, msg,
			ERR_NOSYS);
	}
}

int32_t test_fullmsg_full_events_recv(struct test_fullmsg_full_events *ev, uint64_t timeout_us)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(ev->channel, &msg, &info, timeout_us);

	if (rc != ERR_OK)
		return rc;
	return test_fullmsg_full_events_dispatch(ev, &msg, &info);
}
