/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Wire codecs of library test.minimal: request, reply and event structs and the
 * functions that check, encode and decode them. Clients and servers share these, so both
 * validate alike.
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
int32_t test_minimal_ping_check_req(const struct test_minimal_ping_req *req);
void test_minimal_ping_encode_req(const struct test_minimal_ping_req *req, struct ipc_message *msg);
int32_t test_minimal_ping_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_req *req);
int32_t test_minimal_ping_check_resp(const struct test_minimal_ping_resp *resp);
void test_minimal_ping_encode_resp(const struct test_minimal_ping_resp *resp,
	struct ipc_message *msg);
int32_t test_minimal_ping_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_minimal_ping_resp *resp);

#endif /* TEST_MINIMAL_MINIMAL_CODEC_H */
