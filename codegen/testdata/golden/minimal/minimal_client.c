/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Client stubs of library test.minimal; see minimal_client.h. */
#include "minimal_client.h"
#include "minimal_codec.h"

int32_t test_minimal_ping(cap_t ep, uint64_t timeout_us)
{
	struct test_minimal_ping_req req;
	struct test_minimal_ping_resp resp;
	struct ipc_recv_info info;
	int32_t rc;
	struct ipc_message msg;

	idl_zero(&req, sizeof(req));
	IDL_TRY(test_minimal_ping_check_req(&req));
	test_minimal_ping_encode_req(&req, &msg);
	rc = ipc_call(ep, &msg, &info, timeout_us);
	if (rc != ERR_OK)
		return rc;
	rc = test_minimal_ping_decode_resp(&msg, &info, &resp);
	if (rc != ERR_OK) {
		idl_release_caps(&msg);
		return rc;
	}
	return ERR_OK;
}
