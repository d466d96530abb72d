/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/* Client stubs of library test.fullmsg; see fullmsg_client.h. */
#include "fullmsg_client.h"
#include "fullmsg_codec.h"

int32_t test_fullmsg_full_exact(cap_t ep, uint64_t timeout_us, const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252])
{
	struct test_fullmsg_full_exact_req req;
	struct test_fullmsg_full_exact_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.blob = *blob;
	req.last = last;
	IDL_TRY(test_fullmsg_full_exact_check_req(&req));
	test_fullmsg_full_exact_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_fullmsg_full_exact_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	idl_copy(status_copy, resp.status_copy, sizeof(resp.status_copy));
	return ERR_OK;
}

int32_t test_fullmsg_full_four(cap_t ep, uint64_t timeout_us, cap_t a, cap_t b, cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d)
{
	struct test_fullmsg_full_four_req req;
	struct test_fullmsg_full_four_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.a = a;
	req.b = b;
	req.c = c;
	req.d = d;
	IDL_TRY(test_fullmsg_full_four_check_req(&req));
	test_fullmsg_full_four_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_fullmsg_full_four_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*out_a = resp.out_a;
	*out_b = resp.out_b;
	*out_c = resp.out_c;
	*out_d = resp.out_d;
	return ERR_OK;
}

int32_t test_fullmsg_full_longest(cap_t ep, uint64_t timeout_us, const struct idl_string_255 *text, uint8_t *len)
{
	struct test_fullmsg_full_longest_req req;
	struct test_fullmsg_full_longest_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	req.text = *text;
	IDL_TRY(test_fullmsg_full_longest_check_req(&req));
	test_fullmsg_full_longest_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_fullmsg_full_longest_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	*len = resp.len;
	return ERR_OK;
}
