/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Wire codecs of library test.alltypes: request, reply and event structs and the
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
#ifndef TEST_ALLTYPES_ALLTYPES_CODEC_H
#define TEST_ALLTYPES_ALLTYPES_CODEC_H

#include "alltypes_types.h"

void test_alltypes_scalars_put(uint8_t *p, const struct test_alltypes_scalars *v);
int32_t test_alltypes_scalars_get(const uint8_t *p, struct test_alltypes_scalars *v);
int32_t test_alltypes_scalars_check(const struct test_alltypes_scalars *v);

void test_alltypes_point_put(uint8_t *p, const struct test_alltypes_point *v);
int32_t test_alltypes_point_get(const uint8_t *p, struct test_alltypes_point *v);
int32_t test_alltypes_point_check(const struct test_alltypes_point *v);

void test_alltypes_record_put(uint8_t *p, const struct test_alltypes_record *v);
int32_t test_alltypes_record_get(const uint8_t *p, struct test_alltypes_record *v);
int32_t test_alltypes_record_check(const struct test_alltypes_record *v);

/* Request of Everything.scalars: 40 bytes, 0 capabilities. */
struct test_alltypes_everything_scalars_req {
	struct test_alltypes_scalars in;
};
#define TEST_ALLTYPES_EVERYTHING_SCALARS_REQ_LENGTH 40u

/* Reply of Everything.scalars: 48 bytes, 0 capabilities. */
struct test_alltypes_everything_scalars_resp {
	struct test_alltypes_scalars out;
};
#define TEST_ALLTYPES_EVERYTHING_SCALARS_RESP_LENGTH 48u
int32_t test_alltypes_everything_scalars_check_req(
	const struct test_alltypes_everything_scalars_req *req);
void test_alltypes_everything_scalars_encode_req(
	const struct test_alltypes_everything_scalars_req *req, struct ipc_message *msg);
int32_t test_alltypes_everything_scalars_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_scalars_req *req);
int32_t test_alltypes_everything_scalars_check_resp(
	const struct test_alltypes_everything_scalars_resp *resp);
void test_alltypes_everything_scalars_encode_resp(
	const struct test_alltypes_everything_scalars_resp *resp, struct ipc_message *msg);
int32_t test_alltypes_everything_scalars_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_scalars_resp *resp);

/* Request of Everything.strings: 23 bytes, 0 capabilities. */
struct test_alltypes_everything_strings_req {
	struct test_alltypes_name_max_string name;
	struct test_alltypes_blob_max_bytes blob;
};
#define TEST_ALLTYPES_EVERYTHING_STRINGS_REQ_LENGTH 23u

/* Reply of Everything.strings: 27 bytes, 0 capabilities. */
struct test_alltypes_everything_strings_resp {
	struct test_alltypes_name_max_string rev_name;
	struct test_alltypes_blob_max_bytes rev_blob;
};
#define TEST_ALLTYPES_EVERYTHING_STRINGS_RESP_LENGTH 27u
int32_t test_alltypes_everything_strings_check_req(
	const struct test_alltypes_everything_strings_req *req);
void test_alltypes_everything_strings_encode_req(
	const struct test_alltypes_everything_strings_req *req, struct ipc_message *msg);
int32_t test_alltypes_everything_strings_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_strings_req *req);
int32_t test_alltypes_everything_strings_check_resp(
	const struct test_alltypes_everything_strings_resp *resp);
void test_alltypes_everything_strings_encode_resp(
	const struct test_alltypes_everything_strings_resp *resp, struct ipc_message *msg);
int32_t test_alltypes_everything_strings_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_strings_resp *resp);

/* Request of Everything.arrays: 110 bytes, 0 capabilities. */
struct test_alltypes_everything_arrays_req {
	uint16_t nums[5];
	struct test_alltypes_record recs[2];
	struct idl_string_3 tags[2];
	int8_t grid[2][3];
};
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_REQ_LENGTH 110u

/* Reply of Everything.arrays: 16 bytes, 0 capabilities. */
struct test_alltypes_everything_arrays_resp {
	int64_t sum;
};
#define TEST_ALLTYPES_EVERYTHING_ARRAYS_RESP_LENGTH 16u
int32_t test_alltypes_everything_arrays_check_req(
	const struct test_alltypes_everything_arrays_req *req);
void test_alltypes_everything_arrays_encode_req(
	const struct test_alltypes_everything_arrays_req *req, struct ipc_message *msg);
int32_t test_alltypes_everything_arrays_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_arrays_req *req);
void test_alltypes_everything_arrays_encode_resp(
	const struct test_alltypes_everything_arrays_resp *resp, struct ipc_message *msg);
int32_t test_alltypes_everything_arrays_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_arrays_resp *resp);

/* Request of Everything.swap: 1 bytes, 2 capabilities. */
struct test_alltypes_everything_swap_req {
	cap_t mem;
	cap_t irq;
	uint8_t tag;
};
#define TEST_ALLTYPES_EVERYTHING_SWAP_REQ_LENGTH 1u

/* Reply of Everything.swap: 5 bytes, 1 capabilities. */
struct test_alltypes_everything_swap_resp {
	cap_t chan;
	uint8_t tag_out;
};
#define TEST_ALLTYPES_EVERYTHING_SWAP_RESP_LENGTH 5u
int32_t test_alltypes_everything_swap_check_req(
	const struct test_alltypes_everything_swap_req *req);
void test_alltypes_everything_swap_encode_req(const struct test_alltypes_everything_swap_req *req,
	struct ipc_message *msg);
int32_t test_alltypes_everything_swap_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_swap_req *req);
int32_t test_alltypes_everything_swap_check_resp(
	const struct test_alltypes_everything_swap_resp *resp);
void test_alltypes_everything_swap_encode_resp(
	const struct test_alltypes_everything_swap_resp *resp, struct ipc_message *msg);
int32_t test_alltypes_everything_swap_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_swap_resp *resp);

/* Request of Everything.notify: 17 bytes, 0 capabilities. */
struct test_alltypes_everything_notify_req {
	int16_t shade;
	uint64_t wide;
	bool flag;
};
#define TEST_ALLTYPES_EVERYTHING_NOTIFY_REQ_LENGTH 17u
int32_t test_alltypes_everything_notify_check_req(
	const struct test_alltypes_everything_notify_req *req);
void test_alltypes_everything_notify_encode_req(
	const struct test_alltypes_everything_notify_req *req, struct ipc_message *msg);
int32_t test_alltypes_everything_notify_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_notify_req *req);

/* Request of Everything.poke: 0 bytes, 0 capabilities. */
struct test_alltypes_everything_poke_req {
	uint8_t idl_empty;
};
#define TEST_ALLTYPES_EVERYTHING_POKE_REQ_LENGTH 0u

/* Reply of Everything.poke: 4 bytes, 0 capabilities. */
struct test_alltypes_everything_poke_resp {
	uint8_t idl_empty;
};
#define TEST_ALLTYPES_EVERYTHING_POKE_RESP_LENGTH 4u
void test_alltypes_everything_poke_encode_req(const struct test_alltypes_everything_poke_req *req,
	struct ipc_message *msg);
int32_t test_alltypes_everything_poke_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_poke_req *req);
void test_alltypes_everything_poke_encode_resp(
	const struct test_alltypes_everything_poke_resp *resp, struct ipc_message *msg);
int32_t test_alltypes_everything_poke_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_everything_poke_resp *resp);

/* Request of Counter.add: 4 bytes, 0 capabilities. */
struct test_alltypes_counter_add_req {
	int32_t delta;
};
#define TEST_ALLTYPES_COUNTER_ADD_REQ_LENGTH 4u

/* Reply of Counter.add: 16 bytes, 0 capabilities. */
struct test_alltypes_counter_add_resp {
	int64_t value;
};
#define TEST_ALLTYPES_COUNTER_ADD_RESP_LENGTH 16u
void test_alltypes_counter_add_encode_req(const struct test_alltypes_counter_add_req *req,
	struct ipc_message *msg);
int32_t test_alltypes_counter_add_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_add_req *req);
void test_alltypes_counter_add_encode_resp(const struct test_alltypes_counter_add_resp *resp,
	struct ipc_message *msg);
int32_t test_alltypes_counter_add_decode_resp(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_add_resp *resp);

/* Request of Counter.reset: 0 bytes, 0 capabilities. */
struct test_alltypes_counter_reset_req {
	uint8_t idl_empty;
};
#define TEST_ALLTYPES_COUNTER_RESET_REQ_LENGTH 0u
void test_alltypes_counter_reset_encode_req(const struct test_alltypes_counter_reset_req *req,
	struct ipc_message *msg);
int32_t test_alltypes_counter_reset_decode_req(const struct ipc_message *msg,
	const struct ipc_recv_info *info, struct test_alltypes_counter_reset_req *req);

#endif /* TEST_ALLTYPES_ALLTYPES_CODEC_H */
