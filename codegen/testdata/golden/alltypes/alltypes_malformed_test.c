/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Malformed-message tests of library test.alltypes: every corruption of a valid request
 * must be rejected with the right error, release every capability, count against the method
 * and never reach a handler. Runs on the host through the fake transport (CMocka).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "alltypes_codec.h"
#include "alltypes_server.h"

/* A corruption of a single wire field: write value (width bytes, little-endian) at offset. */
struct corruption {
	const char *what;
	uint32_t offset;
	uint32_t width;
	uint64_t value;
};

static int handler_calls;

static void corrupt(struct ipc_message *msg, const struct corruption *c)
{
	for (uint32_t i = 0; i < c->width; i++)
		msg->data[c->offset + i] = (uint8_t)(c->value >> (8 * i));
}

static int32_t test_alltypes_everything_scalars_stub(void *ctx, const struct idl_caller *caller, const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	(void)ctx;
	(void)caller;
	(void)in;
	(void)out;
	handler_calls++;
	(*out).a = (uint8_t)(127ll);
	(*out).b = (uint16_t)(164ll);
	(*out).c = (uint32_t)(201ll);
	(*out).d = (uint64_t)(238ll);
	(*out).e = (int8_t)(-76ll);
	(*out).f = (int16_t)(12ll);
	(*out).g = (int32_t)(-50ll);
	(*out).h = (int64_t)(86ll);
	(*out).flag = true;
	(*out).shade = TEST_ALLTYPES_SHADE_DEEP;
	return ERR_OK;
}

static int32_t test_alltypes_everything_strings_stub(void *ctx, const struct idl_caller *caller, const struct idl_string_12 *name, const struct idl_bytes_9 *blob, struct idl_string_12 *rev_name, struct idl_bytes_9 *rev_blob)
{
	(void)ctx;
	(void)caller;
	(void)name;
	(void)blob;
	(void)rev_name;
	(void)rev_blob;
	handler_calls++;
	(*rev_name).len = 6;
	for (uint32_t i = 0; i < 6u; i++)
		(*rev_name).data[i] = 'a' + (char)(i % 26u);
	(*rev_blob).len = 4;
	for (uint32_t i = 0; i < 4u; i++)
		(*rev_blob).data[i] = (uint8_t)(i * 7u + 1u);
	return ERR_OK;
}

static int32_t test_alltypes_everything_arrays_stub(void *ctx, const struct idl_caller *caller, const uint16_t nums[5], const struct test_alltypes_record recs[2], const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum)
{
	(void)ctx;
	(void)caller;
	(void)nums;
	(void)recs;
	(void)tags;
	(void)grid;
	(void)sum;
	handler_calls++;
	(*sum) = (int64_t)(-28ll);
	return ERR_OK;
}

static int32_t test_alltypes_everything_swap_stub(void *ctx, const struct idl_caller *caller, cap_t mem, cap_t irq, uint8_t tag, cap_t *chan, uint8_t *tag_out)
{
	(void)ctx;
	(void)caller;
	(void)mem;
	(void)irq;
	(void)tag;
	(void)chan;
	(void)tag_out;
	handler_calls++;
	(*chan) = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHTS_ALL);
	(*tag_out) = (uint8_t)(127ll);
	return ERR_OK;
}

static void test_alltypes_everything_notify_stub(void *ctx, const struct idl_caller *caller, int16_t shade, uint64_t wide, bool flag)
{
	(void)ctx;
	(void)caller;
	(void)shade;
	(void)wide;
	(void)flag;
	handler_calls++;
}

static int32_t test_alltypes_everything_poke_stub(void *ctx, const struct idl_caller *caller)
{
	(void)ctx;
	(void)caller;
	handler_calls++;
	return ERR_OK;
}

static const struct test_alltypes_everything_handlers test_alltypes_everything_stubs = {
	.scalars = test_alltypes_everything_scalars_stub,
	.strings = test_alltypes_everything_strings_stub,
	.arrays = test_alltypes_everything_arrays_stub,
	.swap = test_alltypes_everything_swap_stub,
	.notify = test_alltypes_everything_notify_stub,
	.poke = test_alltypes_everything_poke_stub,
};

static uint32_t test_alltypes_everything_counter(const struct test_alltypes_everything_server *srv, uint32_t index)
{
	return index < TEST_ALLTYPES_EVERYTHING_METHOD_COUNT ? srv->errors[index] : srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void test_alltypes_everything_expect_rejected(struct ipc_message *msg, struct ipc_recv_info *info,
	uint32_t index, int32_t status, bool reply)
{
	struct test_alltypes_everything_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, msg, info), reply);
	assert_int_equal(handler_calls, 0);
	assert_int_equal(test_alltypes_everything_counter(&srv, index), 1);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++) {
		if (sent[s] != CAP_NULL)
			assert_int_equal(fake_cap_delete_count(sent[s]), 1);
	}
	assert_int_equal(fake_bad_deletes(), 0);
	if (!reply)
		return;
	assert_int_equal(msg->type, type | IPC_TYPE_REPLY);
	assert_int_equal(msg->length, IDL_STATUS_BYTES);
	assert_int_equal(idl_get_i32(msg->data), status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		assert_int_equal(msg->caps[s], CAP_NULL);
}

/* A valid request for Everything.scalars with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_scalars_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_scalars_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.in.a = (uint8_t)(127ll);
	req.in.b = (uint16_t)(164ll);
	req.in.c = (uint32_t)(201ll);
	req.in.d = (uint64_t)(238ll);
	req.in.e = (int8_t)(-76ll);
	req.in.f = (int16_t)(12ll);
	req.in.g = (int32_t)(-50ll);
	req.in.h = (int64_t)(86ll);
	req.in.flag = true;
	req.in.shade = TEST_ALLTYPES_SHADE_DEEP;
	assert_int_equal(test_alltypes_everything_scalars_check_req(&req), ERR_OK);
	test_alltypes_everything_scalars_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_alltypes_everything_scalars_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_scalars_sample(&msg, &info);
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_ALLTYPES_EVERYTHING_SCALARS_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 48u);
}

static void test_test_alltypes_everything_scalars_bad_length(void **state)
{
	static const uint32_t lengths[] = { 39u, 0u, 41u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 40u)
			continue;
		test_alltypes_everything_scalars_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_scalars_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "in.flag not 0 or 1", 32u, 1u, 2ull },
		{ "in.shade out of range", 34u, 2u, 8ull },
		{ "padding at 1", 1u, 1u, 1ull },
		{ "padding at 17", 17u, 1u, 1ull },
		{ "padding at 33", 33u, 1u, 1ull },
		{ "padding at 36", 39u, 1u, 1ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_scalars_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_scalars_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_everything_scalars_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_everything_scalars_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_scalars_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Everything.strings with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_strings_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_strings_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.name.len = 6;
	for (uint32_t i = 0; i < 6u; i++)
		req.name.data[i] = 'a' + (char)(i % 26u);
	req.blob.len = 4;
	for (uint32_t i = 0; i < 4u; i++)
		req.blob.data[i] = (uint8_t)(i * 7u + 1u);
	assert_int_equal(test_alltypes_everything_strings_check_req(&req), ERR_OK);
	test_alltypes_everything_strings_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_alltypes_everything_strings_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_strings_sample(&msg, &info);
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_ALLTYPES_EVERYTHING_STRINGS_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 27u);
}

static void test_test_alltypes_everything_strings_bad_length(void **state)
{
	static const uint32_t lengths[] = { 22u, 0u, 24u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 23u)
			continue;
		test_alltypes_everything_strings_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_strings_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "name unused byte", 12u, 1u, 85ull },
		{ "name length over bound", 0u, 1u, 13ull },
		{ "blob unused byte", 22u, 1u, 85ull },
		{ "blob length over bound", 13u, 1u, 10ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_strings_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_strings_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_strings_sample(&msg, &info);
	info.rights = CAP_RIGHTS_ALL & ~1u;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX, ERR_RIGHTS, true);
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_everything_strings_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_everything_strings_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_strings_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Everything.arrays with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_arrays_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_arrays_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	for (uint32_t i0 = 0; i0 < 5u; i0++) {
		req.nums[i0] = (uint16_t)(127ll);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		req.recs[i0].id = (uint32_t)(164ll);
		req.recs[i0].name.len = 6;
		for (uint32_t i = 0; i < 6u; i++)
			req.recs[i0].name.data[i] = 'a' + (char)(i % 26u);
		for (uint32_t i1 = 0; i1 < 2u; i1++) {
			req.recs[i0].points[i1].x = (int16_t)(-2ll);
			req.recs[i0].points[i1].y = (int16_t)(38ll);
			req.recs[i0].points[i1].on = true;
		}
		req.recs[i0].wide = TEST_ALLTYPES_WIDE_LOW;
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		req.tags[i0].len = 1;
		for (uint32_t i = 0; i < 1u; i++)
			req.tags[i0].data[i] = 'a' + (char)(i % 26u);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		for (uint32_t i1 = 0; i1 < 3u; i1++) {
			req.grid[i0][i1] = (int8_t)(-76ll);
		}
	}
	assert_int_equal(test_alltypes_everything_arrays_check_req(&req), ERR_OK);
	test_alltypes_everything_arrays_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_alltypes_everything_arrays_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_arrays_sample(&msg, &info);
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_ALLTYPES_EVERYTHING_ARRAYS_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 16u);
}

static void test_test_alltypes_everything_arrays_bad_length(void **state)
{
	static const uint32_t lengths[] = { 109u, 0u, 111u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 110u)
			continue;
		test_alltypes_everything_arrays_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_arrays_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "recs[0].name unused byte", 32u, 1u, 85ull },
		{ "recs[0].name length over bound", 20u, 1u, 13ull },
		{ "recs[0].points[0].on not 0 or 1", 38u, 1u, 2ull },
		{ "recs[0].wide out of range", 48u, 8u, 0ull },
		{ "tags[0] unused byte", 99u, 1u, 85ull },
		{ "tags[0] length over bound", 96u, 1u, 4ull },
		{ "padding at 10", 15u, 1u, 1ull },
		{ "padding at 33", 33u, 1u, 1ull },
		{ "padding at 39", 39u, 1u, 1ull },
		{ "padding at 45", 45u, 1u, 1ull },
		{ "padding at 46", 47u, 1u, 1ull },
		{ "padding at 73", 73u, 1u, 1ull },
		{ "padding at 79", 79u, 1u, 1ull },
		{ "padding at 85", 85u, 1u, 1ull },
		{ "padding at 86", 87u, 1u, 1ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_arrays_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_arrays_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_everything_arrays_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_everything_arrays_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_arrays_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Everything.swap with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_swap_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_swap_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.tag = (uint8_t)(127ll);
	req.mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	req.irq = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHTS_ALL);
	assert_int_equal(test_alltypes_everything_swap_check_req(&req), ERR_OK);
	test_alltypes_everything_swap_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
	info->cap_type[0] = CAP_TYPE_MEMORY;
	info->cap_rights[0] = CAP_RIGHTS_ALL;
	info->cap_type[1] = CAP_TYPE_IRQ;
	info->cap_rights[1] = CAP_RIGHTS_ALL;
}

static void test_test_alltypes_everything_swap_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	cap_t sent[2];
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_swap_sample(&msg, &info);
	sent[0] = msg.caps[0];
	sent[1] = msg.caps[1];
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(fake_cap_rights(sent[0]), CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	assert_int_equal(fake_cap_rights(sent[1]), CAP_RIGHT_READ);
	assert_int_equal(msg.type, TEST_ALLTYPES_EVERYTHING_SWAP_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 5u);
}

static void test_test_alltypes_everything_swap_bad_length(void **state)
{
	static const uint32_t lengths[] = { 0u, 0u, 2u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 1u)
			continue;
		test_alltypes_everything_swap_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_swap_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_swap_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_swap_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_swap_sample(&msg, &info);
	info.rights = CAP_RIGHTS_ALL & ~2u;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_RIGHTS, true);
	test_alltypes_everything_swap_sample(&msg, &info);
	info.rights = CAP_RIGHTS_ALL & ~8u;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_RIGHTS, true);
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_everything_swap_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_everything_swap_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_swap_sample(&msg, &info); /* missing */
	msg.caps[0] = CAP_NULL;
	info.cap_type[0] = CAP_TYPE_NONE;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_BAD_CAP, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* wrong type */
	info.cap_type[0] = CAP_TYPE_MEMORY % (CAP_TYPE_COUNT - 1) + 1;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_BAD_CAP, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* too few rights */
	info.cap_rights[0] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_RIGHTS, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* missing */
	msg.caps[1] = CAP_NULL;
	info.cap_type[1] = CAP_TYPE_NONE;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_BAD_CAP, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* wrong type */
	info.cap_type[1] = CAP_TYPE_IRQ % (CAP_TYPE_COUNT - 1) + 1;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_BAD_CAP, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* too few rights */
	info.cap_rights[1] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_READ);
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_RIGHTS, true);
	test_alltypes_everything_swap_sample(&msg, &info); /* extra */
	msg.caps[2] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[2] = CAP_TYPE_MEMORY;
	info.cap_rights[2] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_SWAP_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Everything.notify with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_notify_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_notify_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.shade = TEST_ALLTYPES_SHADE_DEEP;
	req.wide = TEST_ALLTYPES_WIDE_LOW;
	req.flag = true;
	assert_int_equal(test_alltypes_everything_notify_check_req(&req), ERR_OK);
	test_alltypes_everything_notify_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = 0;
}

static void test_test_alltypes_everything_notify_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_notify_sample(&msg, &info);
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), false);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
}

static void test_test_alltypes_everything_notify_bad_length(void **state)
{
	static const uint32_t lengths[] = { 16u, 0u, 18u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 17u)
			continue;
		test_alltypes_everything_notify_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX, ERR_PROTOCOL, false);
	}
}

static void test_test_alltypes_everything_notify_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "shade out of range", 0u, 2u, 8ull },
		{ "wide out of range", 8u, 8u, 0ull },
		{ "flag not 0 or 1", 16u, 1u, 2ull },
		{ "padding at 2", 7u, 1u, 1ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_notify_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX, ERR_PROTOCOL, false);
	}
}

static void test_test_alltypes_everything_notify_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a call to a oneway method. */
	test_alltypes_everything_notify_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX, ERR_PROTOCOL, true);
}

static void test_test_alltypes_everything_notify_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_notify_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX, ERR_BAD_CAP, false);
}

/* A valid request for Everything.poke with fresh capabilities of the declared kinds. */
static void test_alltypes_everything_poke_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_everything_poke_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	assert_int_equal(test_alltypes_everything_poke_check_req(&req), ERR_OK);
	test_alltypes_everything_poke_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_alltypes_everything_poke_valid(void **state)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_poke_sample(&msg, &info);
	test_alltypes_everything_server_init(&srv, CAP_NULL, &test_alltypes_everything_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_everything_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_everything_counter(&srv, TEST_ALLTYPES_EVERYTHING_POKE_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_ALLTYPES_EVERYTHING_POKE_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 4u);
}

static void test_test_alltypes_everything_poke_bad_length(void **state)
{
	static const uint32_t lengths[] = { 1u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 0u)
			continue;
		test_alltypes_everything_poke_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_POKE_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_poke_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_everything_poke_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_POKE_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_everything_poke_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_everything_poke_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_POKE_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_everything_poke_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_everything_poke_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_POKE_INDEX, ERR_BAD_CAP, true);
}

static void test_test_alltypes_everything_unknown(void **state)
{
	static const uint32_t ordinals[] = { 0u, 4u, 6u, 9u, };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		test_alltypes_everything_scalars_sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, ordinals[k]);
		test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_NOSYS, true);
	}
	test_alltypes_everything_scalars_sample(&msg, &info); /* another interface */
	msg.type = IPC_TYPE((TEST_ALLTYPES_EVERYTHING_IFACE_ID % 0x7fffu) + 1u, TEST_ALLTYPES_EVERYTHING_SCALARS_ORDINAL);
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_PROTOCOL, true);
	test_alltypes_everything_scalars_sample(&msg, &info); /* a reply sent as a request */
	msg.type |= IPC_TYPE_REPLY;
	test_alltypes_everything_expect_rejected(&msg, &info, TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_PROTOCOL, true);
}

static int32_t test_alltypes_counter_add_stub(void *ctx, const struct idl_caller *caller, int32_t delta, int64_t *value)
{
	(void)ctx;
	(void)caller;
	(void)delta;
	(void)value;
	handler_calls++;
	(*value) = (int64_t)(-28ll);
	return ERR_OK;
}

static void test_alltypes_counter_reset_stub(void *ctx, const struct idl_caller *caller)
{
	(void)ctx;
	(void)caller;
	handler_calls++;
}

static const struct test_alltypes_counter_handlers test_alltypes_counter_stubs = {
	.add = test_alltypes_counter_add_stub,
	.reset = test_alltypes_counter_reset_stub,
};

static uint32_t test_alltypes_counter_counter(const struct test_alltypes_counter_server *srv, uint32_t index)
{
	return index < TEST_ALLTYPES_COUNTER_METHOD_COUNT ? srv->errors[index] : srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void test_alltypes_counter_expect_rejected(struct ipc_message *msg, struct ipc_recv_info *info,
	uint32_t index, int32_t status, bool reply)
{
	struct test_alltypes_counter_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_alltypes_counter_server_init(&srv, CAP_NULL, &test_alltypes_counter_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	assert_int_equal(test_alltypes_counter_dispatch(&srv, msg, info), reply);
	assert_int_equal(handler_calls, 0);
	assert_int_equal(test_alltypes_counter_counter(&srv, index), 1);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++) {
		if (sent[s] != CAP_NULL)
			assert_int_equal(fake_cap_delete_count(sent[s]), 1);
	}
	assert_int_equal(fake_bad_deletes(), 0);
	if (!reply)
		return;
	assert_int_equal(msg->type, type | IPC_TYPE_REPLY);
	assert_int_equal(msg->length, IDL_STATUS_BYTES);
	assert_int_equal(idl_get_i32(msg->data), status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		assert_int_equal(msg->caps[s], CAP_NULL);
}

/* A valid request for Counter.add with fresh capabilities of the declared kinds. */
static void test_alltypes_counter_add_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_counter_add_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.delta = (int32_t)(-28ll);
	assert_int_equal(test_alltypes_counter_add_check_req(&req), ERR_OK);
	test_alltypes_counter_add_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_alltypes_counter_add_valid(void **state)
{
	struct test_alltypes_counter_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_counter_add_sample(&msg, &info);
	test_alltypes_counter_server_init(&srv, CAP_NULL, &test_alltypes_counter_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_counter_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_counter_counter(&srv, TEST_ALLTYPES_COUNTER_ADD_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_ALLTYPES_COUNTER_ADD_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 16u);
}

static void test_test_alltypes_counter_add_bad_length(void **state)
{
	static const uint32_t lengths[] = { 3u, 0u, 5u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 4u)
			continue;
		test_alltypes_counter_add_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_ADD_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_counter_add_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_counter_add_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_ADD_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_alltypes_counter_add_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_counter_add_sample(&msg, &info);
	info.rights = CAP_RIGHTS_ALL & ~2u;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_ADD_INDEX, ERR_RIGHTS, true);
	/* The wrong kind of send: a send to a two-way method. */
	test_alltypes_counter_add_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_ADD_INDEX, ERR_PROTOCOL, false);
}

static void test_test_alltypes_counter_add_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_counter_add_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_ADD_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Counter.reset with fresh capabilities of the declared kinds. */
static void test_alltypes_counter_reset_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_alltypes_counter_reset_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	assert_int_equal(test_alltypes_counter_reset_check_req(&req), ERR_OK);
	test_alltypes_counter_reset_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = 0;
}

static void test_test_alltypes_counter_reset_valid(void **state)
{
	struct test_alltypes_counter_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_counter_reset_sample(&msg, &info);
	test_alltypes_counter_server_init(&srv, CAP_NULL, &test_alltypes_counter_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_alltypes_counter_dispatch(&srv, &msg, &info), false);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_alltypes_counter_counter(&srv, TEST_ALLTYPES_COUNTER_RESET_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
}

static void test_test_alltypes_counter_reset_bad_length(void **state)
{
	static const uint32_t lengths[] = { 1u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 0u)
			continue;
		test_alltypes_counter_reset_sample(&msg, &info);
		msg.length = lengths[k];
		test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_RESET_INDEX, ERR_PROTOCOL, false);
	}
}

static void test_test_alltypes_counter_reset_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_alltypes_counter_reset_sample(&msg, &info);
		corrupt(&msg, c);
		test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_RESET_INDEX, ERR_PROTOCOL, false);
	}
}

static void test_test_alltypes_counter_reset_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a call to a oneway method. */
	test_alltypes_counter_reset_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_RESET_INDEX, ERR_PROTOCOL, true);
}

static void test_test_alltypes_counter_reset_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_alltypes_counter_reset_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_RESET_INDEX, ERR_BAD_CAP, false);
}

static void test_test_alltypes_counter_unknown(void **state)
{
	static const uint32_t ordinals[] = { 0u, 3u, };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		test_alltypes_counter_add_sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, ordinals[k]);
		test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_NOSYS, true);
	}
	test_alltypes_counter_add_sample(&msg, &info); /* another interface */
	msg.type = IPC_TYPE((TEST_ALLTYPES_COUNTER_IFACE_ID % 0x7fffu) + 1u, TEST_ALLTYPES_COUNTER_ADD_ORDINAL);
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_PROTOCOL, true);
	test_alltypes_counter_add_sample(&msg, &info); /* a reply sent as a request */
	msg.type |= IPC_TYPE_REPLY;
	test_alltypes_counter_expect_rejected(&msg, &info, TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_PROTOCOL, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_test_alltypes_everything_scalars_valid),
		cmocka_unit_test(test_test_alltypes_everything_scalars_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_scalars_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_scalars_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_scalars_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_strings_valid),
		cmocka_unit_test(test_test_alltypes_everything_strings_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_strings_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_strings_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_strings_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_arrays_valid),
		cmocka_unit_test(test_test_alltypes_everything_arrays_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_arrays_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_arrays_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_arrays_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_swap_valid),
		cmocka_unit_test(test_test_alltypes_everything_swap_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_swap_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_swap_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_swap_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_notify_valid),
		cmocka_unit_test(test_test_alltypes_everything_notify_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_notify_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_notify_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_notify_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_poke_valid),
		cmocka_unit_test(test_test_alltypes_everything_poke_bad_length),
		cmocka_unit_test(test_test_alltypes_everything_poke_bad_fields),
		cmocka_unit_test(test_test_alltypes_everything_poke_bad_caller),
		cmocka_unit_test(test_test_alltypes_everything_poke_bad_caps),
		cmocka_unit_test(test_test_alltypes_everything_unknown),
		cmocka_unit_test(test_test_alltypes_counter_add_valid),
		cmocka_unit_test(test_test_alltypes_counter_add_bad_length),
		cmocka_unit_test(test_test_alltypes_counter_add_bad_fields),
		cmocka_unit_test(test_test_alltypes_counter_add_bad_caller),
		cmocka_unit_test(test_test_alltypes_counter_add_bad_caps),
		cmocka_unit_test(test_test_alltypes_counter_reset_valid),
		cmocka_unit_test(test_test_alltypes_counter_reset_bad_length),
		cmocka_unit_test(test_test_alltypes_counter_reset_bad_fields),
		cmocka_unit_test(test_test_alltypes_counter_reset_bad_caller),
		cmocka_unit_test(test_test_alltypes_counter_reset_bad_caps),
		cmocka_unit_test(test_test_alltypes_counter_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
