/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Malformed-message tests of library test.fullmsg: every corruption of a valid request
 * must be rejected with the right error, release every capability, count against the method
 * and never reach a handler. Runs on the host through the fake transport (CMocka).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "fullmsg_codec.h"
#include "fullmsg_server.h"

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

static int32_t test_fullmsg_full_exact_stub(void *ctx, const struct idl_caller *caller, const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252])
{
	(void)ctx;
	(void)caller;
	(void)blob;
	(void)last;
	(void)status_copy;
	handler_calls++;
	for (uint32_t i0 = 0; i0 < 252u; i0++) {
		status_copy[i0] = (uint8_t)(127ll);
	}
	return ERR_OK;
}

static int32_t test_fullmsg_full_four_stub(void *ctx, const struct idl_caller *caller, cap_t a, cap_t b, cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d)
{
	(void)ctx;
	(void)caller;
	(void)a;
	(void)b;
	(void)c;
	(void)d;
	(void)out_a;
	(void)out_b;
	(void)out_c;
	(void)out_d;
	handler_calls++;
	(*out_a) = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	(*out_b) = fake_cap_new(CAP_TYPE_UNIT, CAP_RIGHTS_ALL);
	(*out_c) = fake_cap_new(CAP_TYPE_ENDPOINT, CAP_RIGHTS_ALL);
	(*out_d) = fake_cap_new(CAP_TYPE_THREAD, CAP_RIGHTS_ALL);
	return ERR_OK;
}

static int32_t test_fullmsg_full_longest_stub(void *ctx, const struct idl_caller *caller, const struct idl_string_255 *text, uint8_t *len)
{
	(void)ctx;
	(void)caller;
	(void)text;
	(void)len;
	handler_calls++;
	(*len) = (uint8_t)(127ll);
	return ERR_OK;
}

static const struct test_fullmsg_full_handlers test_fullmsg_full_stubs = {
	.exact = test_fullmsg_full_exact_stub,
	.four = test_fullmsg_full_four_stub,
	.longest = test_fullmsg_full_longest_stub,
};

static uint32_t test_fullmsg_full_counter(const struct test_fullmsg_full_server *srv, uint32_t index)
{
	return index < TEST_FULLMSG_FULL_METHOD_COUNT ? srv->errors[index] : srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void test_fullmsg_full_expect_rejected(struct ipc_message *msg, struct ipc_recv_info *info,
	uint32_t index, int32_t status, bool reply)
{
	struct test_fullmsg_full_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_fullmsg_full_server_init(&srv, CAP_NULL, &test_fullmsg_full_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	assert_int_equal(test_fullmsg_full_dispatch(&srv, msg, info), reply);
	assert_int_equal(handler_calls, 0);
	assert_int_equal(test_fullmsg_full_counter(&srv, index), 1);
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

/* A valid request for Full.exact with fresh capabilities of the declared kinds. */
static void test_fullmsg_full_exact_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_fullmsg_full_exact_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.blob.len = 127;
	for (uint32_t i = 0; i < 127u; i++)
		req.blob.data[i] = (uint8_t)(i * 7u + 1u);
	req.last = (uint8_t)(127ll);
	assert_int_equal(test_fullmsg_full_exact_check_req(&req), ERR_OK);
	test_fullmsg_full_exact_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_fullmsg_full_exact_valid(void **state)
{
	struct test_fullmsg_full_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_exact_sample(&msg, &info);
	test_fullmsg_full_server_init(&srv, CAP_NULL, &test_fullmsg_full_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_fullmsg_full_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_fullmsg_full_counter(&srv, TEST_FULLMSG_FULL_EXACT_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_FULLMSG_FULL_EXACT_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 256u);
}

static void test_test_fullmsg_full_exact_bad_length(void **state)
{
	static const uint32_t lengths[] = { 255u, 0u, 257u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 256u)
			continue;
		test_fullmsg_full_exact_sample(&msg, &info);
		msg.length = lengths[k];
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_EXACT_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_exact_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "blob unused byte", 254u, 1u, 85ull },
		{ "blob length over bound", 0u, 1u, 255ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_fullmsg_full_exact_sample(&msg, &info);
		corrupt(&msg, c);
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_EXACT_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_exact_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_fullmsg_full_exact_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_EXACT_INDEX, ERR_PROTOCOL, false);
}

static void test_test_fullmsg_full_exact_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_exact_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_EXACT_INDEX, ERR_BAD_CAP, true);
}

/* A valid request for Full.four with fresh capabilities of the declared kinds. */
static void test_fullmsg_full_four_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_fullmsg_full_four_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.a = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	req.b = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHTS_ALL);
	req.c = fake_cap_new(CAP_TYPE_IOPORT, CAP_RIGHTS_ALL);
	req.d = fake_cap_new(CAP_TYPE_THREAD, CAP_RIGHTS_ALL);
	assert_int_equal(test_fullmsg_full_four_check_req(&req), ERR_OK);
	test_fullmsg_full_four_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
	info->cap_type[0] = CAP_TYPE_MEMORY;
	info->cap_rights[0] = CAP_RIGHTS_ALL;
	info->cap_type[1] = CAP_TYPE_IRQ;
	info->cap_rights[1] = CAP_RIGHTS_ALL;
	info->cap_type[2] = CAP_TYPE_IOPORT;
	info->cap_rights[2] = CAP_RIGHTS_ALL;
	info->cap_type[3] = CAP_TYPE_THREAD;
	info->cap_rights[3] = CAP_RIGHTS_ALL;
}

static void test_test_fullmsg_full_four_valid(void **state)
{
	struct test_fullmsg_full_server srv;
	cap_t sent[4];
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_four_sample(&msg, &info);
	sent[0] = msg.caps[0];
	sent[1] = msg.caps[1];
	sent[2] = msg.caps[2];
	sent[3] = msg.caps[3];
	test_fullmsg_full_server_init(&srv, CAP_NULL, &test_fullmsg_full_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_fullmsg_full_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_fullmsg_full_counter(&srv, TEST_FULLMSG_FULL_FOUR_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(fake_cap_rights(sent[0]), CAP_RIGHT_READ);
	assert_int_equal(fake_cap_rights(sent[1]), CAP_RIGHT_READ);
	assert_int_equal(fake_cap_rights(sent[2]), CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	assert_int_equal(fake_cap_rights(sent[3]), CAP_RIGHT_ADMIN);
	assert_int_equal(msg.type, TEST_FULLMSG_FULL_FOUR_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 4u);
}

static void test_test_fullmsg_full_four_bad_length(void **state)
{
	static const uint32_t lengths[] = { 1u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 0u)
			continue;
		test_fullmsg_full_four_sample(&msg, &info);
		msg.length = lengths[k];
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_four_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_fullmsg_full_four_sample(&msg, &info);
		corrupt(&msg, c);
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_four_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_fullmsg_full_four_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_PROTOCOL, false);
}

static void test_test_fullmsg_full_four_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_four_sample(&msg, &info); /* missing */
	msg.caps[0] = CAP_NULL;
	info.cap_type[0] = CAP_TYPE_NONE;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* wrong type */
	info.cap_type[0] = CAP_TYPE_MEMORY % (CAP_TYPE_COUNT - 1) + 1;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* too few rights */
	info.cap_rights[0] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_READ);
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_RIGHTS, true);
	test_fullmsg_full_four_sample(&msg, &info); /* missing */
	msg.caps[1] = CAP_NULL;
	info.cap_type[1] = CAP_TYPE_NONE;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* wrong type */
	info.cap_type[1] = CAP_TYPE_IRQ % (CAP_TYPE_COUNT - 1) + 1;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* too few rights */
	info.cap_rights[1] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_READ);
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_RIGHTS, true);
	test_fullmsg_full_four_sample(&msg, &info); /* missing */
	msg.caps[2] = CAP_NULL;
	info.cap_type[2] = CAP_TYPE_NONE;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* wrong type */
	info.cap_type[2] = CAP_TYPE_IOPORT % (CAP_TYPE_COUNT - 1) + 1;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* too few rights */
	info.cap_rights[2] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_RIGHTS, true);
	test_fullmsg_full_four_sample(&msg, &info); /* missing */
	msg.caps[3] = CAP_NULL;
	info.cap_type[3] = CAP_TYPE_NONE;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* wrong type */
	info.cap_type[3] = CAP_TYPE_THREAD % (CAP_TYPE_COUNT - 1) + 1;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_BAD_CAP, true);
	test_fullmsg_full_four_sample(&msg, &info); /* too few rights */
	info.cap_rights[3] = CAP_RIGHTS_ALL & ~(CAP_RIGHT_ADMIN);
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_FOUR_INDEX, ERR_RIGHTS, true);
}

/* A valid request for Full.longest with fresh capabilities of the declared kinds. */
static void test_fullmsg_full_longest_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_fullmsg_full_longest_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.text.len = 127;
	for (uint32_t i = 0; i < 127u; i++)
		req.text.data[i] = 'a' + (char)(i % 26u);
	assert_int_equal(test_fullmsg_full_longest_check_req(&req), ERR_OK);
	test_fullmsg_full_longest_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_fullmsg_full_longest_valid(void **state)
{
	struct test_fullmsg_full_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_longest_sample(&msg, &info);
	test_fullmsg_full_server_init(&srv, CAP_NULL, &test_fullmsg_full_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_fullmsg_full_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_fullmsg_full_counter(&srv, TEST_FULLMSG_FULL_LONGEST_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_FULLMSG_FULL_LONGEST_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 5u);
}

static void test_test_fullmsg_full_longest_bad_length(void **state)
{
	static const uint32_t lengths[] = { 255u, 0u, 257u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 256u)
			continue;
		test_fullmsg_full_longest_sample(&msg, &info);
		msg.length = lengths[k];
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_LONGEST_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_longest_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ "text unused byte", 255u, 1u, 85ull },
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_fullmsg_full_longest_sample(&msg, &info);
		corrupt(&msg, c);
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_LONGEST_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_fullmsg_full_longest_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_fullmsg_full_longest_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_LONGEST_INDEX, ERR_PROTOCOL, false);
}

static void test_test_fullmsg_full_longest_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_fullmsg_full_longest_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_LONGEST_INDEX, ERR_BAD_CAP, true);
}

static void test_test_fullmsg_full_unknown(void **state)
{
	static const uint32_t ordinals[] = { 0u, 4u, };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		test_fullmsg_full_exact_sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, ordinals[k]);
		test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_METHOD_COUNT, ERR_NOSYS, true);
	}
	test_fullmsg_full_exact_sample(&msg, &info); /* another interface */
	msg.type = IPC_TYPE((TEST_FULLMSG_FULL_IFACE_ID % 0x7fffu) + 1u, TEST_FULLMSG_FULL_EXACT_ORDINAL);
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_METHOD_COUNT, ERR_PROTOCOL, true);
	test_fullmsg_full_exact_sample(&msg, &info); /* a reply sent as a request */
	msg.type |= IPC_TYPE_REPLY;
	test_fullmsg_full_expect_rejected(&msg, &info, TEST_FULLMSG_FULL_METHOD_COUNT, ERR_PROTOCOL, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_test_fullmsg_full_exact_valid),
		cmocka_unit_test(test_test_fullmsg_full_exact_bad_length),
		cmocka_unit_test(test_test_fullmsg_full_exact_bad_fields),
		cmocka_unit_test(test_test_fullmsg_full_exact_bad_caller),
		cmocka_unit_test(test_test_fullmsg_full_exact_bad_caps),
		cmocka_unit_test(test_test_fullmsg_full_four_valid),
		cmocka_unit_test(test_test_fullmsg_full_four_bad_length),
		cmocka_unit_test(test_test_fullmsg_full_four_bad_fields),
		cmocka_unit_test(test_test_fullmsg_full_four_bad_caller),
		cmocka_unit_test(test_test_fullmsg_full_four_bad_caps),
		cmocka_unit_test(test_test_fullmsg_full_longest_valid),
		cmocka_unit_test(test_test_fullmsg_full_longest_bad_length),
		cmocka_unit_test(test_test_fullmsg_full_longest_bad_fields),
		cmocka_unit_test(test_test_fullmsg_full_longest_bad_caller),
		cmocka_unit_test(test_test_fullmsg_full_longest_bad_caps),
		cmocka_unit_test(test_test_fullmsg_full_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
