/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Clients of library test.minimal; see minimal_client.h. */
#include "minimal_client.h"
#include "minimal_codec.h"

int32_t test_minimal_ping(const struct test_minimal_client *idl_client)
{
	struct test_minimal_ping_req idl_req;
	struct test_minimal_ping_resp idl_resp;
	struct ipc_recv_info idl_info;
	int32_t idl_rc;
	struct ipc_message idl_msg;

	idl_zero(&idl_req, sizeof(idl_req));
	test_minimal_ping_encode_req(&idl_req, &idl_msg);
	idl_rc = ipc_call(idl_client->ep, &idl_msg, &idl_info, idl_client->timeout_us);
	if (idl_rc != ERR_OK)
		return idl_rc;
	idl_rc = test_minimal_ping_decode_resp(&idl_msg, &idl_info, &idl_resp);
	if (idl_rc != ERR_OK) {
		idl_release_caps(&idl_msg);
		return idl_rc;
	}
	return ERR_OK;
}
