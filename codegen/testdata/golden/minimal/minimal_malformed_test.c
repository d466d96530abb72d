/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Generated tests of library test.minimal: every corruption of a valid request (and of
 * a valid event) must be rejected with the right error, release every capability, count
 * against the method (event) and never reach a handler; struct codecs round-trip and reject
 * corrupted bytes; enum and status names match the IDL. Host only, through the fake transport
 * (CMocka). Each method and event is one row of a table the generic tests walk.
 */
#include "idl_test.h"
#include "minimal_codec.h"
#include "minimal_server.h"

static int handler_calls;

static int32_t method_test_minimal_ping_stub(void *idl_ctx, const struct idl_caller *idl_caller)
{
	(void)idl_ctx;
	(void)idl_caller;
	handler_calls++;
	return ERR_OK;
}


static void method_test_minimal_ping_sample(struct ipc_message *msg, struct ipc_recv_info *info)
{
	struct test_minimal_ping_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	test_minimal_ping_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct test_minimal_handlers iface_test_minimal_stubs = {
	.ping = method_test_minimal_ping_stub,
};


static const struct idl_test_corruption iface_test_minimal_no_corruption[] = { { NULL, 0, 0, 0 } };

static const struct idl_test_case iface_test_minimal_cases[] = {
	{ .name = "Minimal.ping", .index = TEST_MINIMAL_PING_INDEX,
	  .call = true, .rights = 0u,
	  .length = 0u, .reply_length = 4u,
	  .sample = method_test_minimal_ping_sample,
	  .corruptions = iface_test_minimal_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

/* ---- Server side of Minimal: requests reaching test_minimal_dispatch. ---- */

static uint32_t iface_test_minimal_counter(const struct test_minimal_server *srv, uint32_t index)
{
	if (index < TEST_MINIMAL_METHOD_COUNT)
		return srv->errors[index];
	return srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void iface_test_minimal_expect_rejected(const struct idl_test_case *c, const char *what,
	struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index, int32_t status,
	bool reply)
{
	struct test_minimal_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_minimal_server_init(&srv, CAP_NULL, &iface_test_minimal_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_minimal_dispatch(&srv, msg, info) == reply);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_minimal_counter(&srv, index) == 1);
	idl_test_expect_released(c->name, what, sent);
	if (!reply)
		return;
	IDL_TEST_EXPECT(c->name, what, msg->type == (type | IPC_TYPE_REPLY));
	IDL_TEST_EXPECT(c->name, what, msg->length == IDL_STATUS_BYTES);
	IDL_TEST_EXPECT(c->name, what, idl_get_i32(msg->data) == status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		IDL_TEST_EXPECT(c->name, what, msg->caps[s] == CAP_NULL);
}

static void test_iface_test_minimal_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_minimal_cases) {
		struct test_minimal_server srv;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_minimal_server_init(&srv, CAP_NULL, &iface_test_minimal_stubs, NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_minimal_dispatch(&srv, &msg,
			&info) == c->call);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_minimal_counter(&srv, c->index) == 0);
		IDL_TEST_EXPECT(c->name, "valid", fake_deletes() == 0);
		for (uint32_t k = 0; k < c->caps; k++)
			IDL_TEST_EXPECT(c->name, "valid: rights reduced",
			       fake_cap_rights(sent[k]) == c->cap_rights[k]);
		if (!c->call)
			continue;
		IDL_TEST_EXPECT(c->name, "valid", (msg.type & IPC_TYPE_REPLY) != 0);
		IDL_TEST_EXPECT(c->name, "valid", idl_get_i32(msg.data) == ERR_OK);
		IDL_TEST_EXPECT(c->name, "valid", msg.length == c->reply_length);
	}
}

static void test_iface_test_minimal_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_minimal_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_minimal_expect_rejected(c, "length", &msg, &info, c->index,
				ERR_PROTOCOL, c->call);
		}
	}
}

static void test_iface_test_minimal_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_minimal_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_minimal_expect_rejected(c, bad->what, &msg, &info, c->index,
				ERR_PROTOCOL, c->call);
		}
	}
}

/* Callers without a right the method needs, and the wrong kind of send (call vs send). */
static void test_iface_test_minimal_bad_caller(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_minimal_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t bit = 1; bit <= CAP_RIGHTS_ALL; bit <<= 1) {
			if ((c->rights & bit) == 0)
				continue;
			c->sample(&msg, &info);
			info.rights = CAP_RIGHTS_ALL & ~bit;
			iface_test_minimal_expect_rejected(c, "caller rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		c->sample(&msg, &info);
		info.flags ^= IPC_RECV_CALL;
		iface_test_minimal_expect_rejected(c, "kind of send", &msg, &info, c->index,
			ERR_PROTOCOL, !c->call);
	}
}

/* Each capability missing, of the wrong type and with too few rights; one too many. */
static void test_iface_test_minimal_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_minimal_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_minimal_expect_rejected(c, "cap missing", &msg, &info, c->index,
				ERR_BAD_CAP, c->call);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_minimal_expect_rejected(c, "cap type", &msg, &info, c->index,
				ERR_BAD_CAP, c->call);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_minimal_expect_rejected(c, "cap rights", &msg, &info, c->index,
				ERR_RIGHTS, c->call);
		}
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_minimal_expect_rejected(c, "extra cap", &msg, &info, c->index,
			ERR_BAD_CAP, c->call);
	}
}

/* Unknown and reserved ordinals, event ordinals, another interface, a reply as a request. */
static void test_iface_test_minimal_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 2u,
	};
	const struct idl_test_case *c = iface_test_minimal_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_MINIMAL_IFACE_ID, ordinals[k]);
		iface_test_minimal_expect_rejected(c, "unknown ordinal", &msg, &info,
			TEST_MINIMAL_METHOD_COUNT, ERR_NOSYS, c->call);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_MINIMAL_IFACE_ID % 0x7fffu) + 1u, IPC_TYPE_ORDINAL(msg.type));
	iface_test_minimal_expect_rejected(c, "other interface", &msg, &info,
		TEST_MINIMAL_METHOD_COUNT, ERR_PROTOCOL, c->call);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_minimal_expect_rejected(c, "reply bit", &msg, &info, TEST_MINIMAL_METHOD_COUNT,
		ERR_PROTOCOL, c->call);
}

/* ---- The ABI and status names this code was generated for. ---- */

static void test_generated_for_this_abi(void **state)
{
	(void)state;
	assert_int_equal(IPC_DATA_BYTES, 256);
	assert_int_equal(IPC_MAX_CAPS, 4);
	assert_string_equal(idl_status_name(ERR_OK), "OK");
	assert_string_equal(idl_status_name(ERR_INVALID), "ERR_INVALID");
	assert_string_equal(idl_status_name(ERR_NOMEM), "ERR_NOMEM");
	assert_string_equal(idl_status_name(ERR_FAULT), "ERR_FAULT");
	assert_string_equal(idl_status_name(ERR_NOSYS), "ERR_NOSYS");
	assert_string_equal(idl_status_name(ERR_TIMEOUT), "ERR_TIMEOUT");
	assert_string_equal(idl_status_name(ERR_BAD_CAP), "ERR_BAD_CAP");
	assert_string_equal(idl_status_name(ERR_RIGHTS), "ERR_RIGHTS");
	assert_string_equal(idl_status_name(ERR_PEER_DIED), "ERR_PEER_DIED");
	assert_string_equal(idl_status_name(ERR_OVERFLOW), "ERR_OVERFLOW");
	assert_string_equal(idl_status_name(ERR_BUSY), "ERR_BUSY");
	assert_string_equal(idl_status_name(ERR_NOT_FOUND), "ERR_NOT_FOUND");
	assert_string_equal(idl_status_name(ERR_PROTOCOL), "ERR_PROTOCOL");
	assert_string_equal(idl_status_name(-13), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_for_this_abi),
		cmocka_unit_test(test_iface_test_minimal_valid),
		cmocka_unit_test(test_iface_test_minimal_bad_length),
		cmocka_unit_test(test_iface_test_minimal_bad_fields),
		cmocka_unit_test(test_iface_test_minimal_bad_caller),
		cmocka_unit_test(test_iface_test_minimal_bad_caps),
		cmocka_unit_test(test_iface_test_minimal_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
