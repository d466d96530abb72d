/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Wire codecs of library test.alltypes; see alltypes_codec.h and docs/idl.md. */
#include "alltypes_codec.h"

void test_alltypes_scalars_put(uint8_t *p, const struct test_alltypes_scalars *v)
{
	idl_put_u8(p + 0u, (uint8_t)v->a);
	idl_put_u16(p + 2u, (uint16_t)v->b);
	idl_put_u32(p + 4u, (uint32_t)v->c);
	idl_put_u64(p + 8u, (uint64_t)v->d);
	idl_put_u8(p + 16u, (uint8_t)v->e);
	idl_put_u16(p + 18u, (uint16_t)v->f);
	idl_put_u32(p + 20u, (uint32_t)v->g);
	idl_put_u64(p + 24u, (uint64_t)v->h);
	idl_put_u8(p + 32u, v->flag ? 1u : 0u);
	idl_put_u16(p + 34u, (uint16_t)v->shade);
}

int32_t test_alltypes_scalars_get(const uint8_t *p, struct test_alltypes_scalars *v)
{
	if (!idl_all_zero(p + 1u, 1u))
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 17u, 1u))
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 33u, 1u))
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 36u, 4u))
		return ERR_PROTOCOL;
	v->a = idl_get_u8(p + 0u);
	v->b = idl_get_u16(p + 2u);
	v->c = idl_get_u32(p + 4u);
	v->d = idl_get_u64(p + 8u);
	v->e = idl_get_i8(p + 16u);
	v->f = idl_get_i16(p + 18u);
	v->g = idl_get_i32(p + 20u);
	v->h = idl_get_i64(p + 24u);
	if (idl_get_u8(p + 32u) > 1u)
		return ERR_PROTOCOL;
	v->flag = idl_get_u8(p + 32u) == 1u;
	v->shade = idl_get_i16(p + 34u);
	if (!test_alltypes_shade_valid(v->shade))
		return ERR_PROTOCOL;
	return ERR_OK;
}

int32_t test_alltypes_scalars_check(const struct test_alltypes_scalars *v)
{
	if (!test_alltypes_shade_valid(v->shade))
		return ERR_INVALID;
	return ERR_OK;
}

void test_alltypes_point_put(uint8_t *p, const struct test_alltypes_point *v)
{
	idl_put_u16(p + 0u, (uint16_t)v->x);
	idl_put_u16(p + 2u, (uint16_t)v->y);
	idl_put_u8(p + 4u, v->on ? 1u : 0u);
}

int32_t test_alltypes_point_get(const uint8_t *p, struct test_alltypes_point *v)
{
	if (!idl_all_zero(p + 5u, 1u))
		return ERR_PROTOCOL;
	v->x = idl_get_i16(p + 0u);
	v->y = idl_get_i16(p + 2u);
	if (idl_get_u8(p + 4u) > 1u)
		return ERR_PROTOCOL;
	v->on = idl_get_u8(p + 4u) == 1u;
	return ERR_OK;
}

int32_t test_alltypes_point_check(const struct test_alltypes_point *v)
{
	(void)v;
	return ERR_OK;
}

void test_alltypes_record_put(uint8_t *p, const struct test_alltypes_record *v)
{
	idl_put_u32(p + 0u, (uint32_t)v->id);
	idl_put_bounded(p + 4u, v->name.len, v->name.data);
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		test_alltypes_point_put(p + 18u + i0 * 6u, &v->points[i0]);
	}
	idl_put_u64(p + 32u, (uint64_t)v->wide);
}

int32_t test_alltypes_record_get(const uint8_t *p, struct test_alltypes_record *v)
{
	if (!idl_all_zero(p + 17u, 1u))
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 30u, 2u))
		return ERR_PROTOCOL;
	v->id = idl_get_u32(p + 0u);
	if (idl_get_bounded(p + 4u, 12u, &v->name.len, v->name.data) != ERR_OK)
		return ERR_PROTOCOL;
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		if (test_alltypes_point_get(p + 18u + i0 * 6u, &v->points[i0]) != ERR_OK)
			return ERR_PROTOCOL;
	}
	v->wide = idl_get_u64(p + 32u);
	if (!test_alltypes_wide_valid(v->wide))
		return ERR_PROTOCOL;
	return ERR_OK;
}

int32_t test_alltypes_record_check(const struct test_alltypes_record *v)
{
	if (v->name.len > 12u)
		return ERR_OVERFLOW;
	if (!test_alltypes_wide_valid(v->wide))
		return ERR_INVALID;
	return ERR_OK;
}

int32_t test_alltypes_everything_scalars_check_req(
	const struct test_alltypes_everything_scalars_req *req)
{
	IDL_TRY(test_alltypes_scalars_check(&req->in));
	return ERR_OK;
}

void test_alltypes_everything_scalars_encode_req(
	const struct test_alltypes_everything_scalars_req *req, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE, 40u);
	test_alltypes_scalars_put(p + 0u, &req->in);
}

int32_t test_alltypes_everything_scalars_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_scalars_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 40u)
		return ERR_PROTOCOL;
	if (test_alltypes_scalars_get(p + 0u, &req->in) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

int32_t test_alltypes_everything_scalars_check_resp(
	const struct test_alltypes_everything_scalars_resp *resp)
{
	IDL_TRY(test_alltypes_scalars_check(&resp->out));
	return ERR_OK;
}

void test_alltypes_everything_scalars_encode_resp(
	const struct test_alltypes_everything_scalars_resp *resp, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE | IPC_TYPE_REPLY, 48u);
	test_alltypes_scalars_put(p + 8u, &resp->out);
}

int32_t test_alltypes_everything_scalars_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_scalars_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 48u)
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 4u, 4u))
		return ERR_PROTOCOL;
	if (test_alltypes_scalars_get(p + 8u, &resp->out) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

int32_t test_alltypes_everything_strings_check_req(
	const struct test_alltypes_everything_strings_req *req)
{
	if (req->name.len > 12u)
		return ERR_OVERFLOW;
	if (req->blob.len > 9u)
		return ERR_OVERFLOW;
	return ERR_OK;
}

void test_alltypes_everything_strings_encode_req(
	const struct test_alltypes_everything_strings_req *req, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE, 23u);
	idl_put_bounded(p + 0u, req->name.len, req->name.data);
	idl_put_bounded(p + 13u, req->blob.len, req->blob.data);
}

int32_t test_alltypes_everything_strings_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_strings_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 23u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 0u, 12u, &req->name.len, req->name.data) != ERR_OK)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 13u, 9u, &req->blob.len, req->blob.data) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

int32_t test_alltypes_everything_strings_check_resp(
	const struct test_alltypes_everything_strings_resp *resp)
{
	if (resp->rev_name.len > 12u)
		return ERR_OVERFLOW;
	if (resp->rev_blob.len > 9u)
		return ERR_OVERFLOW;
	return ERR_OK;
}

void test_alltypes_everything_strings_encode_resp(
	const struct test_alltypes_everything_strings_resp *resp, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE | IPC_TYPE_REPLY, 27u);
	idl_put_bounded(p + 4u, resp->rev_name.len, resp->rev_name.data);
	idl_put_bounded(p + 17u, resp->rev_blob.len, resp->rev_blob.data);
}

int32_t test_alltypes_everything_strings_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_strings_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 27u)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 4u, 12u, &resp->rev_name.len, resp->rev_name.data) != ERR_OK)
		return ERR_PROTOCOL;
	if (idl_get_bounded(p + 17u, 9u, &resp->rev_blob.len, resp->rev_blob.data) != ERR_OK)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

int32_t test_alltypes_everything_arrays_check_req(
	const struct test_alltypes_everything_arrays_req *req)
{
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		IDL_TRY(test_alltypes_record_check(&req->recs[i0]));
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		if (req->tags[i0].len > 3u)
			return ERR_OVERFLOW;
	}
	return ERR_OK;
}

void test_alltypes_everything_arrays_encode_req(
	const struct test_alltypes_everything_arrays_req *req, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE, 110u);
	for (uint32_t i0 = 0; i0 < 5u; i0++) {
		idl_put_u16(p + 0u + i0 * 2u, (uint16_t)req->nums[i0]);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		test_alltypes_record_put(p + 16u + i0 * 40u, &req->recs[i0]);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		idl_put_bounded(p + 96u + i0 * 4u, req->tags[i0].len, req->tags[i0].data);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		for (uint32_t i1 = 0; i1 < 3u; i1++) {
			idl_put_u8(p + 104u + i0 * 3u + i1 * 1u, (uint8_t)req->grid[i0][i1]);
		}
	}
}

int32_t test_alltypes_everything_arrays_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_arrays_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 110u)
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 10u, 6u))
		return ERR_PROTOCOL;
	for (uint32_t i0 = 0; i0 < 5u; i0++) {
		req->nums[i0] = idl_get_u16(p + 0u + i0 * 2u);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		if (test_alltypes_record_get(p + 16u + i0 * 40u, &req->recs[i0]) != ERR_OK)
			return ERR_PROTOCOL;
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		if (idl_get_bounded(p + 96u + i0 * 4u, 3u, &req->tags[i0].len,
			req->tags[i0].data) != ERR_OK)
			return ERR_PROTOCOL;
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		for (uint32_t i1 = 0; i1 < 3u; i1++) {
			req->grid[i0][i1] = idl_get_i8(p + 104u + i0 * 3u + i1 * 1u);
		}
	}
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_everything_arrays_encode_resp(
	const struct test_alltypes_everything_arrays_resp *resp, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE | IPC_TYPE_REPLY, 16u);
	idl_put_u64(p + 8u, (uint64_t)resp->sum);
}

int32_t test_alltypes_everything_arrays_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_arrays_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 16u)
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 4u, 4u))
		return ERR_PROTOCOL;
	resp->sum = idl_get_i64(p + 8u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

static const uint8_t test_alltypes_everything_swap_req_cap_types[2] = {
	CAP_TYPE_MEMORY,
	CAP_TYPE_IRQ,
};
static const uint32_t test_alltypes_everything_swap_req_cap_rights[2] = {
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_READ,
};

int32_t test_alltypes_everything_swap_check_req(const struct test_alltypes_everything_swap_req *req)
{
	if (req->mem == CAP_NULL)
		return ERR_BAD_CAP;
	if (req->irq == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_alltypes_everything_swap_encode_req(const struct test_alltypes_everything_swap_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_SWAP_TYPE, 1u);
	idl_put_u8(p + 0u, (uint8_t)req->tag);
	msg->caps[0] = req->mem;
	msg->caps[1] = req->irq;
}

int32_t test_alltypes_everything_swap_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_swap_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 1u)
		return ERR_PROTOCOL;
	req->tag = idl_get_u8(p + 0u);
	IDL_TRY(idl_check_caps(msg, info, test_alltypes_everything_swap_req_cap_types,
		test_alltypes_everything_swap_req_cap_rights, 2u));
	IDL_TRY(idl_restrict_caps(msg, test_alltypes_everything_swap_req_cap_rights, 2u));
	req->mem = msg->caps[0];
	req->irq = msg->caps[1];
	return ERR_OK;
}

static const uint8_t test_alltypes_everything_swap_resp_cap_types[1] = {
	CAP_TYPE_CHANNEL,
};
static const uint32_t test_alltypes_everything_swap_resp_cap_rights[1] = {
	CAP_RIGHT_WRITE,
};

int32_t test_alltypes_everything_swap_check_resp(
	const struct test_alltypes_everything_swap_resp *resp)
{
	if (resp->chan == CAP_NULL)
		return ERR_BAD_CAP;
	return ERR_OK;
}

void test_alltypes_everything_swap_encode_resp(
	const struct test_alltypes_everything_swap_resp *resp, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_SWAP_TYPE | IPC_TYPE_REPLY, 5u);
	idl_put_u8(p + 4u, (uint8_t)resp->tag_out);
	msg->caps[0] = resp->chan;
}

int32_t test_alltypes_everything_swap_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_swap_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_EVERYTHING_SWAP_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 || test_alltypes_failure_valid(status) ? status : ERR_PROTOCOL;
	if (msg->length != 5u)
		return ERR_PROTOCOL;
	resp->tag_out = idl_get_u8(p + 4u);
	IDL_TRY(idl_check_caps(msg, info, test_alltypes_everything_swap_resp_cap_types,
		test_alltypes_everything_swap_resp_cap_rights, 1u));
	IDL_TRY(idl_restrict_caps(msg, test_alltypes_everything_swap_resp_cap_rights, 1u));
	resp->chan = msg->caps[0];
	return ERR_OK;
}

int32_t test_alltypes_everything_notify_check_req(
	const struct test_alltypes_everything_notify_req *req)
{
	if (!test_alltypes_shade_valid(req->shade))
		return ERR_INVALID;
	if (!test_alltypes_wide_valid(req->wide))
		return ERR_INVALID;
	return ERR_OK;
}

void test_alltypes_everything_notify_encode_req(
	const struct test_alltypes_everything_notify_req *req, struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_NOTIFY_TYPE, 17u);
	idl_put_u16(p + 0u, (uint16_t)req->shade);
	idl_put_u64(p + 8u, (uint64_t)req->wide);
	idl_put_u8(p + 16u, req->flag ? 1u : 0u);
}

int32_t test_alltypes_everything_notify_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_notify_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 17u)
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 2u, 6u))
		return ERR_PROTOCOL;
	req->shade = idl_get_i16(p + 0u);
	if (!test_alltypes_shade_valid(req->shade))
		return ERR_PROTOCOL;
	req->wide = idl_get_u64(p + 8u);
	if (!test_alltypes_wide_valid(req->wide))
		return ERR_PROTOCOL;
	if (idl_get_u8(p + 16u) > 1u)
		return ERR_PROTOCOL;
	req->flag = idl_get_u8(p + 16u) == 1u;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_everything_poke_encode_req(const struct test_alltypes_everything_poke_req *req,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_POKE_TYPE, 0u);
	(void)req;
}

int32_t test_alltypes_everything_poke_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_poke_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_everything_poke_encode_resp(
	const struct test_alltypes_everything_poke_resp *resp, struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_ALLTYPES_EVERYTHING_POKE_TYPE | IPC_TYPE_REPLY, 4u);
	(void)resp;
}

int32_t test_alltypes_everything_poke_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_poke_resp *resp)
{
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_EVERYTHING_POKE_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 || test_alltypes_failure_valid(status) ? status : ERR_PROTOCOL;
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_counter_add_encode_req(const struct test_alltypes_counter_add_req *req,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_COUNTER_ADD_TYPE, 4u);
	idl_put_u32(p + 0u, (uint32_t)req->delta);
}

int32_t test_alltypes_counter_add_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_add_req *req)
{
	const uint8_t *p = msg->data;

	idl_zero(req, sizeof(*req));
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	req->delta = idl_get_i32(p + 0u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_counter_add_encode_resp(const struct test_alltypes_counter_add_resp *resp,
	struct ipc_message *msg)
{
	uint8_t *p = msg->data;

	idl_msg_start(msg, TEST_ALLTYPES_COUNTER_ADD_TYPE | IPC_TYPE_REPLY, 16u);
	idl_put_u64(p + 8u, (uint64_t)resp->value);
}

int32_t test_alltypes_counter_add_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_add_resp *resp)
{
	const uint8_t *p = msg->data;
	int32_t status = idl_reply_status(msg, info,
		TEST_ALLTYPES_COUNTER_ADD_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 16u)
		return ERR_PROTOCOL;
	if (!idl_all_zero(p + 4u, 4u))
		return ERR_PROTOCOL;
	resp->value = idl_get_i64(p + 8u);
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_alltypes_counter_reset_encode_req(const struct test_alltypes_counter_reset_req *req,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_ALLTYPES_COUNTER_RESET_TYPE, 0u);
	(void)req;
}

int32_t test_alltypes_counter_reset_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_reset_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}
