/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Wire codecs of library test.fullmsg: request, reply and event structs and the
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
#ifndef TEST_FULLMSG_FULLMSG_CODEC_H
#define TEST_FULLMSG_FULLMSG_CODEC_H

#include "fullmsg_types.h"

/* Request of Full.exact: 256 bytes, 0 capabilities. */
struct test_fullmsg_full_exact_req {
	struct idl_bytes_254 blob;
	uint8_t last;
};
#define TEST_FULLMSG_FULL_EXACT_REQ_LENGTH 256u

/* Reply of Full.exact: 256 bytes, 0 capabilities. */
struct test_fullmsg_full_exact_resp {
	uint8_t status_copy[252];
};
#define TEST_FULLMSG_FULL_EXACT_RESP_LENGTH 256u
int32_t test_fullmsg_full_exact_check_req(const struct test_fullmsg_full_exact_req *req);
void test_fullmsg_full_exact_encode_req(const struct test_fullmsg_full_exact_req *req,
	struct ipc_message *msg);
int32_t test_fullmsg_full_exact_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_exact_req *req);
void test_fullmsg_full_exact_encode_resp(const struct test_fullmsg_full_exact_resp *resp,
	struct ipc_message *msg);
int32_t test_fullmsg_full_exact_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_exact_resp *resp);

/* Request of Full.four: 0 bytes, 4 capabilities. */
struct test_fullmsg_full_four_req {
	cap_t a;
	cap_t b;
	cap_t c;
	cap_t d;
};
#define TEST_FULLMSG_FULL_FOUR_REQ_LENGTH 0u

/* Reply of Full.four: 4 bytes, 4 capabilities. */
struct test_fullmsg_full_four_resp {
	cap_t out_a;
	cap_t out_b;
	cap_t out_c;
	cap_t out_d;
};
#define TEST_FULLMSG_FULL_FOUR_RESP_LENGTH 4u
int32_t test_fullmsg_full_four_check_req(const struct test_fullmsg_full_four_req *req);
void test_fullmsg_full_four_encode_req(const struct test_fullmsg_full_four_req *req,
	struct ipc_message *msg);
int32_t test_fullmsg_full_four_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_four_req *req);
int32_t test_fullmsg_full_four_check_resp(const struct test_fullmsg_full_four_resp *resp);
void test_fullmsg_full_four_encode_resp(const struct test_fullmsg_full_four_resp *resp,
	struct ipc_message *msg);
int32_t test_fullmsg_full_four_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_four_resp *resp);

/* Request of Full.longest: 256 bytes, 0 capabilities. */
struct test_fullmsg_full_longest_req {
	struct idl_string_255 text;
};
#define TEST_FULLMSG_FULL_LONGEST_REQ_LENGTH 256u

/* Reply of Full.longest: 5 bytes, 0 capabilities. */
struct test_fullmsg_full_longest_resp {
	uint8_t len;
};
#define TEST_FULLMSG_FULL_LONGEST_RESP_LENGTH 5u
void test_fullmsg_full_longest_encode_req(const struct test_fullmsg_full_longest_req *req,
	struct ipc_message *msg);
int32_t test_fullmsg_full_longest_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_longest_req *req);
void test_fullmsg_full_longest_encode_resp(const struct test_fullmsg_full_longest_resp *resp,
	struct ipc_message *msg);
int32_t test_fullmsg_full_longest_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_longest_resp *resp);

/* Event Full.full: 256 bytes, 4 capabilities. */
struct test_fullmsg_full_full_evt {
	struct idl_bytes_254 blob;
	uint8_t last;
	cap_t a;
	cap_t b;
	cap_t c;
	cap_t d;
};
#define TEST_FULLMSG_FULL_FULL_EVT_LENGTH 256u
int32_t test_fullmsg_full_full_check_evt(const struct test_fullmsg_full_full_evt *event);
void test_fullmsg_full_full_encode_evt(const struct test_fullmsg_full_full_evt *event,
	struct ipc_message *msg);
int32_t test_fullmsg_full_full_decode_evt(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_fullmsg_full_full_evt *event);

#endif /* TEST_FULLMSG_FULLMSG_CODEC_H */
