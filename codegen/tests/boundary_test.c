/*
 * Boundary and reply-validation tests of generated code: exactly-full messages (256 bytes,
 * 4 capabilities, a 255-byte string), a client that rejects malformed replies as strictly as
 * the server rejects requests, and the serve loop. Uses fullmsg.idl and alltypes.idl.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "codegen/alltypes_client.h"
#include "codegen/alltypes_codec.h"
#include "codegen/alltypes_server.h"
#include "fake_transport.h"
#include "codegen/fullmsg_client.h"
#include "codegen/fullmsg_codec.h"
#include "codegen/fullmsg_server.h"

#define TIMEOUT 1000u

_Static_assert(TEST_FULLMSG_FULL_EXACT_REQ_LENGTH == IPC_DATA_BYTES, "request is exactly full");
_Static_assert(TEST_FULLMSG_FULL_EXACT_RESP_LENGTH == IPC_DATA_BYTES, "reply is exactly full");

static uint32_t last_request_length;

static int32_t h_exact(void *ctx, const struct idl_caller *caller, const struct idl_bytes_254 *blob,
		       uint8_t last, uint8_t status_copy[252])
{
	(void)ctx;
	(void)caller;
	for (uint32_t i = 0; i < 252; i++)
		status_copy[i] = (uint8_t)(blob->data[i] ^ last);
	return blob->len == 254 ? ERR_OK : ERR_INVALID;
}

static int32_t h_four(void *ctx, const struct idl_caller *caller, cap_t a, cap_t b, cap_t c,
		      cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d)
{
	(void)ctx;
	(void)caller;
	*out_a = a;
	*out_b = fake_cap_new(CAP_TYPE_UNIT, CAP_RIGHTS_ALL);
	*out_c = fake_cap_new(CAP_TYPE_ENDPOINT, CAP_RIGHTS_ALL);
	*out_d = d;
	return cap_delete(b) == ERR_OK && cap_delete(c) == ERR_OK ? ERR_OK : ERR_BAD_CAP;
}

static int32_t h_longest(void *ctx, const struct idl_caller *caller,
			 const struct idl_string_255 *text, uint8_t *len)
{
	(void)ctx;
	(void)caller;
	*len = text->len;
	return ERR_OK;
}

static const struct test_fullmsg_full_handlers full_handlers = {
	.exact = h_exact, .four = h_four, .longest = h_longest,
};
static struct test_fullmsg_full_server full_server;

static bool full_dispatch(void *srv, struct ipc_message *msg, const struct ipc_recv_info *info)
{
	last_request_length = msg->length;
	return test_fullmsg_full_dispatch(srv, msg, info);
}

static struct test_fullmsg_full_client full_setup(void)
{
	struct test_fullmsg_full_client client = { .timeout_us = TIMEOUT };

	fake_reset();
	test_fullmsg_full_server_init(&full_server, CAP_NULL, &full_handlers, NULL);
	client.ep = fake_endpoint_new(full_dispatch, &full_server, 1, CAP_RIGHTS_ALL);
	return client;
}

static void test_exactly_full_message(void **state)
{
	struct idl_bytes_254 blob;
	uint8_t out[252];
	struct test_fullmsg_full_client ep = full_setup();

	(void)state;
	blob.len = 254;
	for (uint32_t i = 0; i < 254; i++)
		blob.data[i] = (uint8_t)i;
	assert_int_equal(test_fullmsg_full_exact(&ep, &blob, 0x5a, out), ERR_OK);
	assert_int_equal(last_request_length, IPC_DATA_BYTES);
	for (uint32_t i = 0; i < 252; i++)
		assert_int_equal(out[i], (uint8_t)(i ^ 0x5a));
}

static void test_four_caps_each_way(void **state)
{
	struct test_fullmsg_full_client ep = full_setup();
	cap_t a = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	cap_t b = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHT_READ);
	cap_t c = fake_cap_new(CAP_TYPE_IOPORT, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	cap_t d = fake_cap_new(CAP_TYPE_THREAD, CAP_RIGHT_ADMIN);
	cap_t out[4];

	(void)state;
	assert_int_equal(test_fullmsg_full_four(&ep, a, b, c, d, &out[0], &out[1], &out[2],
						&out[3]), ERR_OK);
	assert_int_equal(out[0], a);
	assert_int_equal(fake_cap_rights(out[0]), CAP_RIGHT_READ);
	assert_int_equal(fake_cap_type(out[1]), CAP_TYPE_UNIT);
	assert_int_equal(fake_cap_rights(out[1]), CAP_RIGHT_READ);
	assert_int_equal(fake_cap_rights(out[2]), CAP_RIGHT_WRITE);
	assert_int_equal(out[3], d);
	assert_int_equal(fake_deletes(), 2);
}

static void test_longest_string(void **state)
{
	struct idl_string_255 text;
	uint8_t len = 0;
	struct test_fullmsg_full_client ep = full_setup();

	(void)state;
	text.len = 255;
	memset(text.data, 'q', sizeof(text.data));
	assert_int_equal(test_fullmsg_full_longest(&ep, &text, &len), ERR_OK);
	assert_int_equal(len, 255);
}

/* ---- Reply validation in the client, through a hook that corrupts the server's reply. ---- */

static uint32_t corrupt_offset, corrupt_value;
static bool corrupt_add_cap;

static void corrupt_reply(struct ipc_message *reply, struct ipc_recv_info *info)
{
	if (corrupt_add_cap) {
		reply->caps[3] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info->cap_type[3] = CAP_TYPE_MEMORY;
		info->cap_rights[3] = CAP_RIGHTS_ALL;
		return;
	}
	reply->data[corrupt_offset] = (uint8_t)corrupt_value;
}

static int32_t h_scalars(void *ctx, const struct idl_caller *caller,
			 const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	(void)ctx;
	(void)caller;
	*out = *in;
	return ERR_OK;
}

static const struct test_alltypes_everything_handlers every_handlers = { .scalars = h_scalars };
static struct test_alltypes_everything_server every_server;

static int32_t call_scalars_with_corruption(uint32_t offset, uint32_t value, bool add_cap)
{
	struct test_alltypes_scalars in = { .shade = TEST_ALLTYPES_SHADE_DARK }, out;
	struct test_alltypes_everything_client ep = { .timeout_us = TIMEOUT };

	fake_reset();
	test_alltypes_everything_server_init(&every_server, CAP_NULL, &every_handlers, NULL);
	ep.ep = fake_endpoint_new(test_alltypes_everything_dispatch_untyped, &every_server, 1,
				  CAP_RIGHTS_ALL);
	corrupt_offset = offset;
	corrupt_value = value;
	corrupt_add_cap = add_cap;
	fake_set_reply_hook(corrupt_reply);
	return test_alltypes_everything_scalars(&ep, &in, &out);
}

static void test_client_rejects_malformed_replies(void **state)
{
	(void)state;
	/* Reply layout: status 0..3, then Scalars at 8 (a@8, b@10, ..., flag@40, shade@42). */
	assert_int_equal(call_scalars_with_corruption(40, 2, false), ERR_PROTOCOL); /* bool */
	assert_int_equal(call_scalars_with_corruption(42, 1, false), ERR_PROTOCOL); /* enum */
	assert_int_equal(call_scalars_with_corruption(4, 1, false), ERR_PROTOCOL);  /* padding */
	assert_int_equal(call_scalars_with_corruption(9, 1, false), ERR_PROTOCOL);  /* padding */
	assert_int_equal(call_scalars_with_corruption(0, 5, false), ERR_PROTOCOL);  /* status */
	assert_int_equal(call_scalars_with_corruption(0, 0, true), ERR_BAD_CAP);    /* extra cap */
	assert_int_equal(fake_deletes(), 1); /* the client released the unexpected cap */
	assert_int_equal(call_scalars_with_corruption(8, 0xee, false), ERR_OK);     /* a: any u8 */
}

static void test_serve_loop(void **state)
{
	struct test_alltypes_scalars in = { .a = 7, .shade = TEST_ALLTYPES_SHADE_LIGHT };
	struct test_alltypes_everything_scalars_req req = { .in = in };
	struct ipc_message msg;
	struct ipc_recv_info info = { .flags = IPC_RECV_CALL };

	(void)state;
	fake_reset();
	test_alltypes_everything_server_init(&every_server, 5, &every_handlers, NULL);
	test_alltypes_everything_scalars_encode_req(&req, &msg);
	fake_queue_push(&msg, &info);
	msg.type = IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, 4); /* reserved ordinal */
	fake_queue_push(&msg, &info);
	assert_int_equal(test_alltypes_everything_serve(&every_server), ERR_TIMEOUT);
	assert_int_equal(fake_reply_count(), 2);
	assert_int_equal(idl_get_i32(fake_reply(0)->data), ERR_OK);
	assert_int_equal(fake_reply(0)->data[8], 7);
	assert_int_equal(idl_get_i32(fake_reply(1)->data), ERR_NOSYS);
	assert_int_equal(every_server.rejected_unknown, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exactly_full_message),
		cmocka_unit_test(test_four_caps_each_way),
		cmocka_unit_test(test_longest_string),
		cmocka_unit_test(test_client_rejects_malformed_replies),
		cmocka_unit_test(test_serve_loop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
