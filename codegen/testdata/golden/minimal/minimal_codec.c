/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/* Wire codecs of library test.minimal; see minimal_codec.h and docs/idl.md. */
#include "minimal_codec.h"

/* Checks a request before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_minimal_ping_check_req(const struct test_minimal_ping_req *req)
{
	(void)req;
	return ERR_OK;
}

/* Encodes a checked request into msg. */
void test_minimal_ping_encode_req(const struct test_minimal_ping_req *req, struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_MINIMAL_PING_TYPE, 0u);
	(void)req;
}

/*
 * Validates a received request completely (type, length, values, padding, unused bytes,
 * capabilities against the kernel's info) and decodes it. On success the capabilities are
 * reduced to the declared rights and belong to req. Returns ERR_PROTOCOL, ERR_BAD_CAP
 * or ERR_RIGHTS on failure, leaving every capability in msg.
 */
int32_t test_minimal_ping_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_req *req)
{
	idl_zero(req, sizeof(*req));
	if (msg->type != TEST_MINIMAL_PING_TYPE)
		return ERR_PROTOCOL;
	if (msg->length != 0u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}

/* Checks a reply before it is sent: ERR_OVERFLOW, ERR_INVALID or ERR_BAD_CAP, never truncates. */
int32_t test_minimal_ping_check_resp(const struct test_minimal_ping_resp *resp)
{
	(void)resp;
	return ERR_OK;
}

/* Encodes a checked reply into msg. */
void test_minimal_ping_encode_resp(const struct test_minimal_ping_resp *resp,
	struct ipc_message *msg)
{
	idl_msg_start(msg, TEST_MINIMAL_PING_TYPE | IPC_TYPE_REPLY, 4u);
	(void)resp;
}

/*
 * Validates a received reply as strictly as a request and decodes it. Returns ERR_OK, the
 * reply's negative status, its declared positive error, or ERR_PROTOCOL/ERR_BAD_CAP/ERR_RIGHTS
 * if the reply is malformed; on any non-OK result the caller releases msg's capabilities.
 */
int32_t test_minimal_ping_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_resp *resp)
{
	const uint8_t *p = msg->data;

	idl_zero(resp, sizeof(*resp));
	if (msg->type != (TEST_MINIMAL_PING_TYPE | IPC_TYPE_REPLY) ||
	    msg->length < IDL_STATUS_BYTES)
		return ERR_PROTOCOL;
	if (idl_get_i32(p) != ERR_OK) {
		int32_t status = idl_get_i32(p);

		if (msg->length != IDL_STATUS_BYTES ||
		    idl_check_caps(msg, info, NULL, NULL, 0) != ERR_OK)
			return ERR_PROTOCOL;
		return status < 0 ? status : ERR_PROTOCOL;
	}
	if (msg->length != 4u)
		return ERR_PROTOCOL;
	return idl_check_caps(msg, info, NULL, NULL, 0);
}
