/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Dispatch loops of library test.minimal; see minimal_server.h and docs/idl.md. */
#include "minimal_server.h"
#include "minimal_codec.h"

void test_minimal_server_init(struct test_minimal_server *srv, cap_t endpoint,
	const struct test_minimal_handlers *handlers, void *ctx)
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
static bool test_minimal_reject(struct test_minimal_server *srv, uint32_t index,
	struct ipc_message *msg, int32_t status, const struct ipc_recv_info *info)
{
	bool reply = (info->flags & IPC_RECV_CALL) != 0;

	idl_release_caps(msg);
	if (index < TEST_MINIMAL_METHOD_COUNT)
		srv->errors[index]++;
	else
		srv->rejected_unknown++;
	if (reply)
		idl_error_reply(msg, status);
	return reply;
}

static bool test_minimal_ping_handle(struct test_minimal_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	struct test_minimal_ping_req req;
	struct test_minimal_ping_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->ping != NULL);

	if (rc == ERR_OK)
		rc = test_minimal_ping_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_minimal_reject(srv, TEST_MINIMAL_PING_INDEX, msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->ping(srv->ctx, &caller);
	if (rc == ERR_OK) {
		test_minimal_ping_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

bool test_minimal_dispatch(struct test_minimal_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 || IPC_TYPE_IFACE(msg->type) != TEST_MINIMAL_IFACE_ID)
		return test_minimal_reject(srv, TEST_MINIMAL_METHOD_COUNT, msg, ERR_PROTOCOL, info);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_MINIMAL_PING_ORDINAL:
		return test_minimal_ping_handle(srv, msg, info);
	default:
		return test_minimal_reject(srv, TEST_MINIMAL_METHOD_COUNT, msg, ERR_NOSYS, info);
	}
}

bool test_minimal_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	return test_minimal_dispatch(srv, msg, info);
}

int32_t test_minimal_serve(struct test_minimal_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);

	while (rc == ERR_OK) {
		if (test_minimal_dispatch(srv, &msg, &info))
			rc = ipc_reply_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
		else
			rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}
