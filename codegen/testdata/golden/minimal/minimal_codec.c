/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Wire codecs of library test.minimal; see minimal_codec.h and docs/idl.md. */
#include "minimal_codec.h"

void test_minimal_ping_encode_req(const struct test_minimal_ping_req *req, struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_MINIMAL_PING_TYPE, 0u);
	(void)req;
}

int32_t test_minimal_ping_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

void test_minimal_ping_encode_resp(const struct test_minimal_ping_resp *resp,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_MINIMAL_PING_TYPE | IPC_TYPE_REPLY, 4u);
	(void)resp;
}

int32_t test_minimal_ping_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_resp *resp)
{
	int32_t status = idl_reply_status(msg, info, TEST_MINIMAL_PING_TYPE | IPC_TYPE_REPLY);

	idl_zero(resp, sizeof(*resp));
	if (status != ERR_OK)
		return status < 0 ? status : ERR_PROTOCOL;
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}
