/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Dispatch loops of library test.fullmsg; see fullmsg_server.h and docs/idl.md. */
#include "fullmsg_server.h"
#include "fullmsg_codec.h"

void test_fullmsg_full_server_init(struct test_fullmsg_full_server *srv, cap_t endpoint,
	const struct test_fullmsg_full_handlers *handlers, void *ctx)
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
static bool test_fullmsg_full_reject(struct test_fullmsg_full_server *srv, uint32_t index,
	struct ipc_message *msg, int32_t status, const struct ipc_recv_info *info)
{
	bool reply = (info->flags & IPC_RECV_CALL) != 0;

	idl_release_caps(msg);
	if (index < TEST_FULLMSG_FULL_METHOD_COUNT)
		srv->errors[index]++;
	else
		srv->rejected_unknown++;
	if (reply)
		idl_error_reply(msg, status);
	return reply;
}

static bool test_fullmsg_full_exact_handle(struct test_fullmsg_full_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_fullmsg_full_exact_req req;
	struct test_fullmsg_full_exact_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->exact != NULL);

	if (rc == ERR_OK)
		rc = test_fullmsg_full_exact_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_fullmsg_full_reject(srv, TEST_FULLMSG_FULL_EXACT_INDEX, msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->exact(srv->ctx, &caller, &req.blob, req.last, resp.status_copy);
	if (rc == ERR_OK) {
		test_fullmsg_full_exact_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_fullmsg_full_four_handle(struct test_fullmsg_full_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_fullmsg_full_four_req req;
	struct test_fullmsg_full_four_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->four != NULL);

	if (rc == ERR_OK)
		rc = test_fullmsg_full_four_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_fullmsg_full_reject(srv, TEST_FULLMSG_FULL_FOUR_INDEX, msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	resp.out_a = CAP_NULL;
	resp.out_b = CAP_NULL;
	resp.out_c = CAP_NULL;
	resp.out_d = CAP_NULL;
	rc = srv->handlers->four(srv->ctx, &caller, req.a, req.b, req.c, req.d, &resp.out_a,
		&resp.out_b, &resp.out_c, &resp.out_d);
	if (rc == ERR_OK)
		rc = test_fullmsg_full_four_check_resp(&resp);
	if (rc == ERR_OK) {
		test_fullmsg_full_four_encode_resp(&resp, msg);
		return true;
	}
	{
		cap_t produced[4] = {
			resp.out_a,
			resp.out_b,
			resp.out_c,
			resp.out_d,
		};

		idl_release_cap_array(produced, 4u);
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_fullmsg_full_longest_handle(struct test_fullmsg_full_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_fullmsg_full_longest_req req;
	struct test_fullmsg_full_longest_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->longest != NULL);

	if (rc == ERR_OK)
		rc = test_fullmsg_full_longest_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_fullmsg_full_reject(srv, TEST_FULLMSG_FULL_LONGEST_INDEX, msg, rc,
			info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->longest(srv->ctx, &caller, &req.text, &resp.len);
	if (rc == ERR_OK) {
		test_fullmsg_full_longest_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

bool test_fullmsg_full_dispatch(struct test_fullmsg_full_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_FULLMSG_FULL_IFACE_ID)
		return test_fullmsg_full_reject(srv, TEST_FULLMSG_FULL_METHOD_COUNT, msg,
			ERR_PROTOCOL, info);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_FULLMSG_FULL_EXACT_ORDINAL:
		return test_fullmsg_full_exact_handle(srv, msg, info);
	case TEST_FULLMSG_FULL_FOUR_ORDINAL:
		return test_fullmsg_full_four_handle(srv, msg, info);
	case TEST_FULLMSG_FULL_LONGEST_ORDINAL:
		return test_fullmsg_full_longest_handle(srv, msg, info);
	default:
		return test_fullmsg_full_reject(srv, TEST_FULLMSG_FULL_METHOD_COUNT, msg, ERR_NOSYS,
			info);
	}
}

bool test_fullmsg_full_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	return test_fullmsg_full_dispatch(srv, msg, info);
}

int32_t test_fullmsg_full_serve(struct test_fullmsg_full_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);

	while (rc == ERR_OK) {
		if (test_fullmsg_full_dispatch(srv, &msg, &info))
			rc = ipc_reply_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
		else
			rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}

void test_fullmsg_full_subscriber_init(struct test_fullmsg_full_subscriber *sub, cap_t channel)
{
	idl_zero(sub, sizeof(*sub));
	sub->channel = channel;
}

int32_t test_fullmsg_full_send_full(struct test_fullmsg_full_subscriber *idl_sub,
	const struct idl_bytes_254 *blob, uint8_t last, cap_t a, cap_t b, cap_t c, cap_t d)
{
	struct test_fullmsg_full_full_evt idl_event;
	struct ipc_message idl_msg;
	int32_t idl_rc;

	idl_zero(&idl_event, sizeof(idl_event));
	idl_event.blob = *blob;
	idl_event.last = last;
	idl_event.a = a;
	idl_event.b = b;
	idl_event.c = c;
	idl_event.d = d;
	idl_rc = test_fullmsg_full_full_check_evt(&idl_event);
	if (idl_rc == ERR_OK) {
		test_fullmsg_full_full_encode_evt(&idl_event, &idl_msg);
		idl_rc = ipc_send(idl_sub->channel, &idl_msg, IPC_NO_WAIT);
	}
	return idl_count_send(&idl_sub->stats, idl_rc);
}
