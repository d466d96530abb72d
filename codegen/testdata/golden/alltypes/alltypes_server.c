/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Dispatch loops of library test.alltypes; see alltypes_server.h and docs/idl.md. */
#include "alltypes_server.h"
#include "alltypes_codec.h"

void test_alltypes_everything_server_init(struct test_alltypes_everything_server *srv,
	cap_t endpoint, const struct test_alltypes_everything_handlers *handlers, void *ctx)
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
static bool test_alltypes_everything_reject(struct test_alltypes_everything_server *srv,
	uint32_t index, struct ipc_message *msg, int32_t status, const struct ipc_recv_info *info)
{
	bool reply = (info->flags & IPC_RECV_CALL) != 0;

	idl_release_caps(msg);
	if (index < TEST_ALLTYPES_EVERYTHING_METHOD_COUNT)
		srv->errors[index]++;
	else
		srv->rejected_unknown++;
	if (reply)
		idl_error_reply(msg, status);
	return reply;
}

static bool test_alltypes_everything_scalars_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_scalars_req req;
	struct test_alltypes_everything_scalars_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->scalars != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_scalars_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX,
			msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->scalars(srv->ctx, &caller, &req.in, &resp.out);
	if (rc == ERR_OK)
		rc = test_alltypes_everything_scalars_check_resp(&resp);
	if (rc == ERR_OK) {
		test_alltypes_everything_scalars_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_alltypes_everything_strings_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_strings_req req;
	struct test_alltypes_everything_strings_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, CAP_RIGHT_READ, srv->handlers->strings != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_strings_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX,
			msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->strings(srv->ctx, &caller, &req.name, &req.blob, &resp.rev_name,
		&resp.rev_blob);
	if (rc == ERR_OK)
		rc = test_alltypes_everything_strings_check_resp(&resp);
	if (rc == ERR_OK) {
		test_alltypes_everything_strings_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_alltypes_everything_arrays_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_arrays_req req;
	struct test_alltypes_everything_arrays_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->arrays != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_arrays_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX,
			msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->arrays(srv->ctx, &caller, req.nums, req.recs, req.tags, req.grid,
		&resp.sum);
	if (rc == ERR_OK) {
		test_alltypes_everything_arrays_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_alltypes_everything_swap_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_swap_req req;
	struct test_alltypes_everything_swap_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT,
		srv->handlers->swap != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_swap_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX,
			msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	resp.chan = CAP_NULL;
	rc = srv->handlers->swap(srv->ctx, &caller, req.mem, req.irq, req.tag, &resp.chan,
		&resp.tag_out);
	if (rc == ERR_OK)
		rc = test_alltypes_everything_swap_check_resp(&resp);
	if (rc == ERR_OK) {
		test_alltypes_everything_swap_encode_resp(&resp, msg);
		return true;
	}
	{
		cap_t produced[1] = {
			resp.chan,
		};

		idl_release_cap_array(produced, 1u);
	}
	idl_error_reply(msg, rc > 0 && !test_alltypes_failure_valid(rc) ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_alltypes_everything_notify_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_notify_req req;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, false, 0u, srv->handlers->notify != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_notify_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX,
			msg, rc, info);
	srv->handlers->notify(srv->ctx, &caller, req.shade, req.wide, req.flag);
	return false;
}

static bool test_alltypes_everything_poke_handle(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_everything_poke_req req;
	struct test_alltypes_everything_poke_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, 0u, srv->handlers->poke != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_everything_poke_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_POKE_INDEX,
			msg, rc, info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->poke(srv->ctx, &caller);
	if (rc == ERR_OK) {
		test_alltypes_everything_poke_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 && !test_alltypes_failure_valid(rc) ? ERR_PROTOCOL : rc);
	return true;
}

bool test_alltypes_everything_dispatch(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_ALLTYPES_EVERYTHING_IFACE_ID)
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_METHOD_COUNT,
			msg, ERR_PROTOCOL, info);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL:
		return test_alltypes_everything_scalars_handle(srv, msg, info);
	case TEST_ALLTYPES_EVERYTHING_STRINGS_ORDINAL:
		return test_alltypes_everything_strings_handle(srv, msg, info);
	case TEST_ALLTYPES_EVERYTHING_ARRAYS_ORDINAL:
		return test_alltypes_everything_arrays_handle(srv, msg, info);
	case TEST_ALLTYPES_EVERYTHING_SWAP_ORDINAL:
		return test_alltypes_everything_swap_handle(srv, msg, info);
	case TEST_ALLTYPES_EVERYTHING_NOTIFY_ORDINAL:
		return test_alltypes_everything_notify_handle(srv, msg, info);
	case TEST_ALLTYPES_EVERYTHING_POKE_ORDINAL:
		return test_alltypes_everything_poke_handle(srv, msg, info);
	default:
		return test_alltypes_everything_reject(srv, TEST_ALLTYPES_EVERYTHING_METHOD_COUNT,
			msg, ERR_NOSYS, info);
	}
}

bool test_alltypes_everything_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	return test_alltypes_everything_dispatch(srv, msg, info);
}

int32_t test_alltypes_everything_serve(struct test_alltypes_everything_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);

	while (rc == ERR_OK) {
		if (test_alltypes_everything_dispatch(srv, &msg, &info))
			rc = ipc_reply_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
		else
			rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}

void test_alltypes_counter_server_init(struct test_alltypes_counter_server *srv, cap_t endpoint,
	const struct test_alltypes_counter_handlers *handlers, void *ctx)
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
static bool test_alltypes_counter_reject(struct test_alltypes_counter_server *srv, uint32_t index,
	struct ipc_message *msg, int32_t status, const struct ipc_recv_info *info)
{
	bool reply = (info->flags & IPC_RECV_CALL) != 0;

	idl_release_caps(msg);
	if (index < TEST_ALLTYPES_COUNTER_METHOD_COUNT)
		srv->errors[index]++;
	else
		srv->rejected_unknown++;
	if (reply)
		idl_error_reply(msg, status);
	return reply;
}

static bool test_alltypes_counter_add_handle(struct test_alltypes_counter_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_counter_add_req req;
	struct test_alltypes_counter_add_resp resp;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, true, CAP_RIGHT_WRITE, srv->handlers->add != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_counter_add_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_counter_reject(srv, TEST_ALLTYPES_COUNTER_ADD_INDEX, msg, rc,
			info);
	idl_zero(&resp, sizeof(resp));
	rc = srv->handlers->add(srv->ctx, &caller, req.delta, &resp.value);
	if (rc == ERR_OK) {
		test_alltypes_counter_add_encode_resp(&resp, msg);
		return true;
	}
	idl_error_reply(msg, rc > 0 ? ERR_PROTOCOL : rc);
	return true;
}

static bool test_alltypes_counter_reset_handle(struct test_alltypes_counter_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	struct test_alltypes_counter_reset_req req;
	struct idl_caller caller = { info->badge, info->rights };
	int32_t rc = idl_admit(info, false, 0u, srv->handlers->reset != NULL);

	if (rc == ERR_OK)
		rc = test_alltypes_counter_reset_decode_req(msg, info, &req);
	if (rc != ERR_OK)
		return test_alltypes_counter_reject(srv, TEST_ALLTYPES_COUNTER_RESET_INDEX, msg, rc,
			info);
	srv->handlers->reset(srv->ctx, &caller);
	return false;
}

bool test_alltypes_counter_dispatch(struct test_alltypes_counter_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info)
{
	if ((msg->type & IPC_TYPE_REPLY) != 0 ||
		IPC_TYPE_IFACE(msg->type) != TEST_ALLTYPES_COUNTER_IFACE_ID)
		return test_alltypes_counter_reject(srv, TEST_ALLTYPES_COUNTER_METHOD_COUNT, msg,
			ERR_PROTOCOL, info);
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case TEST_ALLTYPES_COUNTER_ADD_ORDINAL:
		return test_alltypes_counter_add_handle(srv, msg, info);
	case TEST_ALLTYPES_COUNTER_RESET_ORDINAL:
		return test_alltypes_counter_reset_handle(srv, msg, info);
	default:
		return test_alltypes_counter_reject(srv, TEST_ALLTYPES_COUNTER_METHOD_COUNT, msg,
			ERR_NOSYS, info);
	}
}

bool test_alltypes_counter_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info)
{
	return test_alltypes_counter_dispatch(srv, msg, info);
}

int32_t test_alltypes_counter_serve(struct test_alltypes_counter_server *srv)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);

	while (rc == ERR_OK) {
		if (test_alltypes_counter_dispatch(srv, &msg, &info))
			rc = ipc_reply_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
		else
			rc = ipc_recv(srv->endpoint, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}
