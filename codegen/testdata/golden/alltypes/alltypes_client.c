/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/* Clients of library test.alltypes; see alltypes_client.h. */
#include "alltypes_client.h"
#include "alltypes_codec.h"

int32_t test_alltypes_everything_scalars(const struct test_alltypes_everything_client *idl_client,
	const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	struct test_alltypes_everything_scalars_req idl_req;
	struct test_alltypes_everything_scalars_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.in = *in;
	IDL_TRY(test_alltypes_everything_scalars_check_req(&idl_req));
	test_alltypes_everything_scalars_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_everything_scalars_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*out = idl_resp.out;
	return ERR_OK;
}

int32_t test_alltypes_everything_strings(const struct test_alltypes_everything_client *idl_client,
	const struct test_alltypes_name_max_string *name,
	const struct test_alltypes_blob_max_bytes *blob,
	struct test_alltypes_name_max_string *rev_name,
	struct test_alltypes_blob_max_bytes *rev_blob)
{
	struct test_alltypes_everything_strings_req idl_req;
	struct test_alltypes_everything_strings_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.name = *name;
	idl_req.blob = *blob;
	IDL_TRY(test_alltypes_everything_strings_check_req(&idl_req));
	test_alltypes_everything_strings_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_everything_strings_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*rev_name = idl_resp.rev_name;
	*rev_blob = idl_resp.rev_blob;
	return ERR_OK;
}

int32_t test_alltypes_everything_arrays(const struct test_alltypes_everything_client *idl_client,
	const uint16_t nums[5], const struct test_alltypes_record recs[2],
	const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum)
{
	struct test_alltypes_everything_arrays_req idl_req;
	struct test_alltypes_everything_arrays_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_copy(idl_req.nums, nums, sizeof(idl_req.nums));
	idl_copy(idl_req.recs, recs, sizeof(idl_req.recs));
	idl_copy(idl_req.tags, tags, sizeof(idl_req.tags));
	idl_copy(idl_req.grid, grid, sizeof(idl_req.grid));
	IDL_TRY(test_alltypes_everything_arrays_check_req(&idl_req));
	test_alltypes_everything_arrays_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_everything_arrays_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*sum = idl_resp.sum;
	return ERR_OK;
}

int32_t test_alltypes_everything_swap(const struct test_alltypes_everything_client *idl_client,
	cap_t mem, cap_t irq, uint8_t tag, cap_t *chan, uint8_t *tag_out)
{
	struct test_alltypes_everything_swap_req idl_req;
	struct test_alltypes_everything_swap_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.mem = mem;
	idl_req.irq = irq;
	idl_req.tag = tag;
	IDL_TRY(test_alltypes_everything_swap_check_req(&idl_req));
	test_alltypes_everything_swap_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_everything_swap_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*chan = idl_resp.chan;
	*tag_out = idl_resp.tag_out;
	return ERR_OK;
}

int32_t test_alltypes_everything_notify(const struct test_alltypes_everything_client *idl_client,
	int16_t shade, uint64_t wide, bool flag)
{
	struct test_alltypes_everything_notify_req idl_req;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.shade = shade;
	idl_req.wide = wide;
	idl_req.flag = flag;
	IDL_TRY(test_alltypes_everything_notify_check_req(&idl_req));
	test_alltypes_everything_notify_encode_req(&idl_req, &idl_msg);
	return ipc_send(idl_client->ep, &idl_msg, idl_client->timeout_us);
}

int32_t test_alltypes_everything_poke(const struct test_alltypes_everything_client *idl_client)
{
	struct test_alltypes_everything_poke_req idl_req;
	struct test_alltypes_everything_poke_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	test_alltypes_everything_poke_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_everything_poke_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	return ERR_OK;
}

int32_t test_alltypes_counter_add(const struct test_alltypes_counter_client *idl_client,
	int32_t delta, int64_t *value)
{
	struct test_alltypes_counter_add_req idl_req;
	struct test_alltypes_counter_add_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	idl_req.delta = delta;
	test_alltypes_counter_add_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_alltypes_counter_add_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	*value = idl_resp.value;
	return ERR_OK;
}

int32_t test_alltypes_counter_reset(const struct test_alltypes_counter_client *idl_client)
{
	struct test_alltypes_counter_reset_req idl_req;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	test_alltypes_counter_reset_encode_req(&idl_req, &idl_msg);
	return ipc_send(idl_client->ep, &idl_msg, idl_client->timeout_us);
}
