/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Wire codecs of library test.minimal: request, reply and event structs and the
 * functions that check, encode and decode them. Clients and servers share these, so both
 * validate alike.
 *
 * X_check_req/_resp/_evt check a value before it is sent (ERR_OVERFLOW, ERR_INVALID,
 * ERR_BAD_CAP; never truncating); they exist only where something can be wrong.
 * X_encode_* encode a checked value into a message. X_decode_req/_evt take a received message
 * of their type (dispatch routes by type), validate it completely (length, values, padding,
 * unused bytes, capabilities against the kernel's info) and decode it: on success its
 * capabilities are reduced to the declared rights and belong to the result; on failure
 * (ERR_PROTOCOL, ERR_BAD_CAP, ERR_RIGHTS) they are still in the message. X_decode_resp
 * validates a reply as strictly and returns ERR_OK, the reply's negative status, its declared
 * positive error, or one of those failures.
 */
#ifndef TEST_MINIMAL_MINIMAL_CODEC_H
#define TEST_MINIMAL_MINIMAL_CODEC_H

#include "minimal_types.h"

/* Request of Minimal.ping: 0 bytes, 0 capabilities. */
struct test_minimal_ping_req {
	uint8_t idl_empty;
};
#define TEST_MINIMAL_PING_REQ_LENGTH 0u

/* Reply of Minimal.ping: 4 bytes, 0 capabilities. */
struct test_minimal_ping_resp {
	uint8_t idl_empty;
};
#define TEST_MINIMAL_PING_RESP_LENGTH 4u
void test_minimal_ping_encode_req(const struct test_minimal_ping_req *req, struct ipc_message *msg);
int32_t test_minimal_ping_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_req *req);
void test_minimal_ping_encode_resp(const struct test_minimal_ping_resp *resp,
	struct ipc_message *msg);
int32_t test_minimal_ping_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_resp *resp);

#endif /* TEST_MINIMAL_MINIMAL_CODEC_H */
