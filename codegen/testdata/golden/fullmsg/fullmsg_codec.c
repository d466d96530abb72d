/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Wire codecs of library test.fullmsg; see fullmsg_codec.h and docs/idl.md. */
#include "fullmsg_codec.h"

int32_t test_fullmsg_full_exact_check_req(const struct test_fullmsg_full_exact_req *req)
{
	if (req->blob.len > 254u)
		return ERR_OVERFLOW;
	return ERR_OK;
}

void test_fullmsg_full_exact_encode_req(const struct test_fullmsg_full_exact_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_FULLMSG_FULL_EXACT_TYPE, 256u);
	idl_put_bounded(p + 0u, req->blob.len, req->blob.data);
	idl_put_u8(p + 255u, (uint8_t)req->last);
}

int32_t test_fullmsg_full_exact_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_exact_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 256u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 0u, 254u, &req->blob.len, req->blob.data) != ERR_OK)
		return ERR_PROTOCOL;
	req->last = idl_get_u8(p + 255u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_fullmsg_full_exact_encode_resp(const struct test_fullmsg_full_exact_resp *resp,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_FULLMSG_FULL_EXACT_TYPE | IPC_TYPE_REPLY, 256u);
	for (uint32_t i0 = 0; i0 < 252u; i0++) {
		idl_put_u8(p + 4u + i0 * 1u, (uint8_t)resp->status_copy[i0]);
	}
}

int32_t test_fullmsg_full_exact_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_exact_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info, TEST_FULLMSG_FULL_EXACT_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 256u)
		return ERR_PROTOCOL;
	for (uint32_t i0 = 0; i0 < 252u; i0++) {
		resp->status_copy[i0] = idl_get_u8(p + 4u + i0 * 1u);
	}
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

static const uint8_t test_fullmsg_full_four_req_cap_types[4] = {
	CAP_TYPE_MEMORY,
	CAP_TYPE_IRQ,
	CAP_TYPE_IOPORT,
	CAP_TYPE_THREAD,
};
static const uint32_t test_fullmsg_full_four_req_cap_rights[4] = {
	CAP_RIGHT_READ,
	CAP_RIGHT_READ,
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_ADMIN,
};

int32_t test_fullmsg_full_four_check_req(const struct test_fullmsg_full_four_req *req)
{
	if (req->a == CAP_NULL)
		return ERR_BAD_CAP;
	if (req->b == CAP_NULL)
		return ERR_BAD_CAP;
	if (req->c == CAP_NULL)
		return ERR_BAD_CAP;
	if (req->d == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_fullmsg_full_four_encode_req(const struct test_fullmsg_full_four_req *req,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_FULLMSG_FULL_FOUR_TYPE, 0u);
	msg->caps[0] = req->a;
	msg->caps[1] = req->b;
	msg->caps[2] = req->c;
	msg->caps[3] = req->d;
}

int32_t test_fullmsg_full_four_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_four_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	IDL_TRY(idl_check_caps(msg, info, test_fullmsg_full_four_req_cap_types,
		test_fullmsg_full_four_req_cap_rights, 4u));
	IDL_TRY(idl_restrict_caps(msg, test_fullmsg_full_four_req_cap_rights, 4u));
	req->a = msg->caps[0];
	req->b = msg->caps[1];
	req->c = msg->caps[2];
	req->d = msg->caps[3];
	return ERR_OK;
}

static const uint8_t test_fullmsg_full_four_resp_cap_types[4] = {
	CAP_TYPE_MEMORY,
	CAP_TYPE_UNIT,
	CAP_TYPE_ENDPOINT,
	CAP_TYPE_THREAD,
};
static const uint32_t test_fullmsg_full_four_resp_cap_rights[4] = {
	CAP_RIGHT_READ,
	CAP_RIGHT_READ,
	CAP_RIGHT_WRITE,
	CAP_RIGHT_ADMIN,
};

int32_t test_fullmsg_full_four_check_resp(const struct test_fullmsg_full_four_resp *resp)
{
	if (resp->out_a == CAP_NULL)
		return ERR_BAD_CAP;
	if (resp->out_b == CAP_NULL)
		return ERR_BAD_CAP;
	if (resp->out_c == CAP_NULL)
		return ERR_BAD_CAP;
	if (resp->out_d == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_fullmsg_full_four_encode_resp(const struct test_fullmsg_full_four_resp *resp,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_FULLMSG_FULL_FOUR_TYPE | IPC_TYPE_REPLY, 4u);
	msg->caps[0] = resp->out_a;
	msg->caps[1] = resp->out_b;
	msg->caps[2] = resp->out_c;
	msg->caps[3] = resp->out_d;
}

int32_t test_fullmsg_full_four_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_four_resp *resp)
{
	int32_t status = idl_reply_status(msg, info, TEST_FULLMSG_FULL_FOUR_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	IDL_TRY(idl_check_caps(msg, info, test_fullmsg_full_four_resp_cap_types,
		test_fullmsg_full_four_resp_cap_rights, 4u));
	IDL_TRY(idl_restrict_caps(msg, test_fullmsg_full_four_resp_cap_rights, 4u));
	resp->out_a = msg->caps[0];
	resp->out_b = msg->caps[1];
	resp->out_c = msg->caps[2];
	resp->out_d = msg->caps[3];
	return ERR_OK;
}

void test_fullmsg_full_longest_encode_req(const struct test_fullmsg_full_longest_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_FULLMSG_FULL_LONGEST_TYPE, 256u);
	idl_put_bounded(p + 0u, req->text.len, req->text.data);
}

int32_t test_fullmsg_full_longest_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_longest_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 256u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 0u, 255u, &req->text.len, req->text.data) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_fullmsg_full_longest_encode_resp(const struct test_fullmsg_full_longest_resp *resp,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_FULLMSG_FULL_LONGEST_TYPE | IPC_TYPE_REPLY, 5u);
	idl_put_u8(p + 4u, (uint8_t)resp->len);
}

int32_t test_fullmsg_full_longest_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_longest_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_FULLMSG_FULL_LONGEST_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 5u)
		return ERR_PROTOCOL;
	resp->len = idl_get_u8(p + 4u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

static const uint8_t test_fullmsg_full_full_evt_cap_types[4] = {
	CAP_TYPE_MEMORY,
	CAP_TYPE_IRQ,
	CAP_TYPE_IOPORT,
	CAP_TYPE_THREAD,
};
static const uint32_t test_fullmsg_full_full_evt_cap_rights[4] = {
	CAP_RIGHT_READ,
	CAP_RIGHT_READ,
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_ADMIN,
};

int32_t test_fullmsg_full_full_check_evt(const struct test_fullmsg_full_full_evt *event)
{
	if (event->blob.len > 254u)
		return ERR_OVERFLOW;
	if (event->a == CAP_NULL)
		return ERR_BAD_CAP;
	if (event->b == CAP_NULL)
		return ERR_BAD_CAP;
	if (event->c == CAP_NULL)
		return ERR_BAD_CAP;
	if (event->d == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_fullmsg_full_full_encode_evt(const struct test_fullmsg_full_full_evt *event,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_FULLMSG_FULL_FULL_TYPE, 256u);
	idl_put_bounded(p + 0u, event->blob.len, event->blob.data);
	idl_put_u8(p + 255u, (uint8_t)event->last);
	msg->caps[0] = event->a;
	msg->caps[1] = event->b;
	msg->caps[2] = event->c;
	msg->caps[3] = event->d;
}

int32_t test_fullmsg_full_full_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_full_evt *event)
{
	const uint8_t *p = msg->data;

	idl_zero(event, sizeof(*event));
	if (msg->length != 256u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 0u, 254u, &event->blob.len, event->blob.data) != ERR_OK)
		return ERR_PROTOCOL;
	event->last = idl_get_u8(p + 255u);
	IDL_TRY(idl_check_caps(msg, info, test_fullmsg_full_full_evt_cap_types,
		test_fullmsg_full_full_evt_cap_rights, 4u));
	IDL_TRY(idl_restrict_caps(msg, test_fullmsg_full_full_evt_cap_rights, 4u));
	event->a = msg->caps[0];
	event->b = msg->caps[1];
	event->c = msg->caps[2];
	event->d = msg->caps[3];
	return ERR_OK;
}
