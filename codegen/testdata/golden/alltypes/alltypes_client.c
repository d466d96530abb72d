/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Client stubs of library test.alltypes; see alltypes_client.h. */
#include "alltypes_client.h"
#include "alltypes_codec.h"

int32_t test_alltypes_everything_scalars(cap_t ep, uint64_t timeout_us, const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	struct test_alltypes_everything_scalars_req req;
	struct test_alltypes_everything_scalars_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.in = *in;
	IDL_TRY(test_alltypes_everything_scalars_check_req(&req));
	test_alltypes_everything_scalars_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_everything_scalars_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*out = resp.out;
	return ERR_OK;
}

int32_t test_alltypes_everything_strings(cap_t ep, uint64_t timeout_us, const struct idl_string_12 *name, const struct idl_bytes_9 *blob, struct idl_string_12 *rev_name, struct idl_bytes_9 *rev_blob)
{
	struct test_alltypes_everything_strings_req req;
	struct test_alltypes_everything_strings_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.name = *name;
	req.blob = *blob;
	IDL_TRY(test_alltypes_everything_strings_check_req(&req));
	test_alltypes_everything_strings_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_everything_strings_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*rev_name = resp.rev_name;
	*rev_blob = resp.rev_blob;
	return ERR_OK;
}

int32_t test_alltypes_everything_arrays(cap_t ep, uint64_t timeout_us, const uint16_t nums[5], const struct test_alltypes_record recs[2], const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum)
{
	struct test_alltypes_everything_arrays_req req;
	struct test_alltypes_everything_arrays_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	idl_copy(req.nums, nums, sizeof(req.nums));
	idl_copy(req.recs, recs, sizeof(req.recs));
	idl_copy(req.tags, tags, sizeof(req.tags));
	idl_copy(req.grid, grid, sizeof(req.grid));
	IDL_TRY(test_alltypes_everything_arrays_check_req(&req));
	test_alltypes_everything_arrays_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_everything_arrays_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*sum = resp.sum;
	return ERR_OK;
}

int32_t test_alltypes_everything_swap(cap_t ep, uint64_t timeout_us, cap_t mem, cap_t irq, uint8_t tag, cap_t *chan, uint8_t *tag_out)
{
	struct test_alltypes_everything_swap_req req;
	struct test_alltypes_everything_swap_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.mem = mem;
	req.irq = irq;
	req.tag = tag;
	IDL_TRY(test_alltypes_everything_swap_check_req(&req));
	test_alltypes_everything_swap_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_everything_swap_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*chan = resp.chan;
	*tag_out = resp.tag_out;
	return ERR_OK;
}

int32_t test_alltypes_everything_notify(cap_t ep, uint64_t timeout_us, int16_t shade, uint64_t wide, bool flag)
{
	struct test_alltypes_everything_notify_req req;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.shade = shade;
	req.wide = wide;
	req.flag = flag;
	IDL_TRY(test_alltypes_everything_notify_check_req(&req));
	test_alltypes_everything_notify_encode_req(&req, &msg);
	return ipc_send(ep, &msg, timeout_us);
}

int32_t test_alltypes_everything_poke(cap_t ep, uint64_t timeout_us)
{
	struct test_alltypes_everything_poke_req req;
	struct test_alltypes_everything_poke_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	IDL_TRY(test_alltypes_everything_poke_check_req(&req));
	test_alltypes_everything_poke_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_everything_poke_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	return ERR_OK;
}

int32_t test_alltypes_counter_add(cap_t ep, uint64_t timeout_us, int32_t delta, int64_t *value)
{
	struct test_alltypes_counter_add_req req;
	struct test_alltypes_counter_add_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.delta = delta;
	IDL_TRY(test_alltypes_counter_add_check_req(&req));
	test_alltypes_counter_add_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_alltypes_counter_add_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*value = resp.value;
	return ERR_OK;
}

int32_t test_alltypes_counter_reset(cap_t ep, uint64_t timeout_us)
{
	struct test_alltypes_counter_reset_req req;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	IDL_TRY(test_alltypes_counter_reset_check_req(&req));
	test_alltypes_counter_reset_encode_req(&req, &msg);
	return ipc_send(ep, &msg, timeout_us);
}
