/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Malformed-message tests of library test.minimal: every corruption of a valid request
 * must be rejected with the right error, release every capability, count against the method
 * and never reach a handler. Runs on the host through the fake transport (CMocka).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "minimal_codec.h"
#include "minimal_server.h"

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

static int32_t test_minimal_ping_stub(void *ctx, const struct idl_caller *caller)
{
	(void)ctx;
	(void)caller;
	handler_calls++;
	return ERR_OK;
}

static const struct test_minimal_handlers test_minimal_stubs = {
	.ping = test_minimal_ping_stub,
};

static uint32_t test_minimal_counter(const struct test_minimal_server *srv, uint32_t index)
{
	return index < TEST_MINIMAL_METHOD_COUNT ? srv->errors[index] : srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void test_minimal_expect_rejected(struct ipc_message *msg, struct ipc_recv_info *info,
	uint32_t index, int32_t status, bool reply)
{
	struct test_minimal_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_minimal_server_init(&srv, CAP_NULL, &test_minimal_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	assert_int_equal(test_minimal_dispatch(&srv, msg, info), reply);
	assert_int_equal(handler_calls, 0);
	assert_int_equal(test_minimal_counter(&srv, index), 1);
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

/* A valid request for Minimal.ping with fresh capabilities of the declared kinds. */
static void test_minimal_ping_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_minimal_ping_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	assert_int_equal(test_minimal_ping_check_req(&req), ERR_OK);
	test_minimal_ping_encode_req(&req, msg);
	idl_zero(info, sizeof(*info));
	info->badge = 0x4b45454cu;
	info->rights = CAP_RIGHTS_ALL;
	info->flags = IPC_RECV_CALL;
}

static void test_test_minimal_ping_valid(void **state)
{
	struct test_minimal_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_minimal_ping_sample(&msg, &info);
	test_minimal_server_init(&srv, CAP_NULL, &test_minimal_stubs, NULL);
	handler_calls = 0;
	assert_int_equal(test_minimal_dispatch(&srv, &msg, &info), true);
	assert_int_equal(handler_calls, 1);
	assert_int_equal(test_minimal_counter(&srv, TEST_MINIMAL_PING_INDEX), 0);
	assert_int_equal(fake_deletes(), 0);
	assert_int_equal(msg.type, TEST_MINIMAL_PING_TYPE | IPC_TYPE_REPLY);
	assert_int_equal(idl_get_i32(msg.data), ERR_OK);
	assert_int_equal(msg.length, 4u);
}

static void test_test_minimal_ping_bad_length(void **state)
{
	static const uint32_t lengths[] = { 1u, IPC_DATA_BYTES + 1u, 0xffffffffu };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		if (lengths[k] == 0u)
			continue;
		test_minimal_ping_sample(&msg, &info);
		msg.length = lengths[k];
		test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_PING_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_minimal_ping_bad_fields(void **state)
{
	static const struct corruption cases[] = {
		{ NULL, 0, 0, 0 },
	};
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (const struct corruption *c = cases; c->what != NULL; c++) {
		test_minimal_ping_sample(&msg, &info);
		corrupt(&msg, c);
		test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_PING_INDEX, ERR_PROTOCOL, true);
	}
}

static void test_test_minimal_ping_bad_caller(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	/* The wrong kind of send: a send to a two-way method. */
	test_minimal_ping_sample(&msg, &info);
	info.flags ^= IPC_RECV_CALL;
	test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_PING_INDEX, ERR_PROTOCOL, false);
}

static void test_test_minimal_ping_bad_caps(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	test_minimal_ping_sample(&msg, &info); /* extra */
	msg.caps[0] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	info.cap_type[0] = CAP_TYPE_MEMORY;
	info.cap_rights[0] = CAP_RIGHTS_ALL;
	test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_PING_INDEX, ERR_BAD_CAP, true);
}

static void test_test_minimal_unknown(void **state)
{
	static const uint32_t ordinals[] = { 0u, 2u, };
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		test_minimal_ping_sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_MINIMAL_IFACE_ID, ordinals[k]);
		test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_METHOD_COUNT, ERR_NOSYS, true);
	}
	test_minimal_ping_sample(&msg, &info); /* another interface */
	msg.type = IPC_TYPE((TEST_MINIMAL_IFACE_ID % 0x7fffu) + 1u, TEST_MINIMAL_PING_ORDINAL);
	test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_METHOD_COUNT, ERR_PROTOCOL, true);
	test_minimal_ping_sample(&msg, &info); /* a reply sent as a request */
	msg.type |= IPC_TYPE_REPLY;
	test_minimal_expect_rejected(&msg, &info, TEST_MINIMAL_METHOD_COUNT, ERR_PROTOCOL, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_test_minimal_ping_valid),
		cmocka_unit_test(test_test_minimal_ping_bad_length),
		cmocka_unit_test(test_test_minimal_ping_bad_fields),
		cmocka_unit_test(test_test_minimal_ping_bad_caller),
		cmocka_unit_test(test_test_minimal_ping_bad_caps),
		cmocka_unit_test(test_test_minimal_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
