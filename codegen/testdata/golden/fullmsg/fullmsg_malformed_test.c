/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Generated tests of library test.fullmsg: every corruption of a valid request (and of
 * a valid event) must be rejected with the right error, release every capability, count
 * against the method (event) and never reach a handler; struct codecs round-trip and reject
 * corrupted bytes; enum and status names match the IDL. Host only, through the fake transport
 * (CMocka). Each method and event is one row of a table the generic tests walk.
 */
#include "idl_test.h"
#include "fullmsg_codec.h"
#include "fullmsg_client.h"
#include "fullmsg_server.h"

static int handler_calls;

static int32_t method_test_fullmsg_full_exact_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, const struct idl_bytes_254 *idl_p0, uint8_t idl_p1,
	uint8_t idl_p2[252])
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	handler_calls++;
	for (uint32_t i0 = 0; i0 < 252u; i0++) {
		idl_p2[i0] = (uint8_t)(127ll);
	}
	return ERR_OK;
}


static void method_test_fullmsg_full_exact_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
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
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct idl_test_corruption method_test_fullmsg_full_exact_bad[] = {
	{ "blob unused byte", 254u, 1u, 85ull },
	{ "blob length over bound", 0u, 1u, 255ull },
	{ NULL, 0, 0, 0 },
};

static int32_t method_test_fullmsg_full_four_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, cap_t idl_p0, cap_t idl_p1, cap_t idl_p2, cap_t idl_p3,
	cap_t *idl_p4, cap_t *idl_p5, cap_t *idl_p6, cap_t *idl_p7)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	(void)idl_p3;
	(void)idl_p4;
	(void)idl_p5;
	(void)idl_p6;
	(void)idl_p7;
	handler_calls++;
	(*idl_p4) = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	(*idl_p5) = fake_cap_new(CAP_TYPE_UNIT, CAP_RIGHTS_ALL);
	(*idl_p6) = fake_cap_new(CAP_TYPE_ENDPOINT, CAP_RIGHTS_ALL);
	(*idl_p7) = fake_cap_new(CAP_TYPE_THREAD, CAP_RIGHTS_ALL);
	return ERR_OK;
}

static const uint8_t method_test_fullmsg_full_four_cap_types[] = { CAP_TYPE_MEMORY, CAP_TYPE_IRQ,
	CAP_TYPE_IOPORT, CAP_TYPE_THREAD, };
static const uint32_t method_test_fullmsg_full_four_cap_rights[] = {
	CAP_RIGHT_READ,
	CAP_RIGHT_READ,
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_ADMIN,
};

static void method_test_fullmsg_full_four_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
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
	idl_test_sample_info(info, IPC_RECV_CALL, method_test_fullmsg_full_four_cap_types, 4u);
}

static int32_t method_test_fullmsg_full_longest_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, const struct idl_string_255 *idl_p0, uint8_t *idl_p1)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	handler_calls++;
	(*idl_p1) = (uint8_t)(127ll);
	return ERR_OK;
}


static void method_test_fullmsg_full_longest_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_fullmsg_full_longest_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.text.len = 127;
	for (uint32_t i = 0; i < 127u; i++)
		req.text.data[i] = 'a' + (char)(i % 26u);
	test_fullmsg_full_longest_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct idl_test_corruption method_test_fullmsg_full_longest_bad[] = {
	{ "text unused byte", 255u, 1u, 85ull },
	{ NULL, 0, 0, 0 },
};

static const struct test_fullmsg_full_handlers iface_test_fullmsg_full_stubs = {
	.exact = method_test_fullmsg_full_exact_stub,
	.four = method_test_fullmsg_full_four_stub,
	.longest = method_test_fullmsg_full_longest_stub,
};


static const struct idl_test_corruption iface_test_fullmsg_full_no_corruption[] = { { NULL, 0, 0,
	0 } };

static const struct idl_test_case iface_test_fullmsg_full_cases[] = {
	{ .name = "Full.exact", .index = TEST_FULLMSG_FULL_EXACT_INDEX,
	  .call = true, .rights = 0u,
	  .length = 256u, .reply_length = 256u,
	  .sample = method_test_fullmsg_full_exact_sample,
	  .corruptions = method_test_fullmsg_full_exact_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Full.four", .index = TEST_FULLMSG_FULL_FOUR_INDEX,
	  .call = true, .rights = 0u,
	  .length = 0u, .reply_length = 4u,
	  .sample = method_test_fullmsg_full_four_sample,
	  .corruptions = iface_test_fullmsg_full_no_corruption,
	  .caps = 4u, .cap_types = method_test_fullmsg_full_four_cap_types,
	  .cap_rights = method_test_fullmsg_full_four_cap_rights },
	{ .name = "Full.longest", .index = TEST_FULLMSG_FULL_LONGEST_INDEX,
	  .call = true, .rights = 0u,
	  .length = 256u, .reply_length = 5u,
	  .sample = method_test_fullmsg_full_longest_sample,
	  .corruptions = method_test_fullmsg_full_longest_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

/* ---- Server side of Full: requests reaching test_fullmsg_full_dispatch. ---- */

static uint32_t iface_test_fullmsg_full_counter(const struct test_fullmsg_full_server *srv,
	uint32_t index)
{
	if (index < TEST_FULLMSG_FULL_METHOD_COUNT)
		return srv->errors[index];
	return srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void iface_test_fullmsg_full_expect_rejected(const struct idl_test_case *c, const char *what,
	struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index, int32_t status,
	bool reply)
{
	struct test_fullmsg_full_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_fullmsg_full_server_init(&srv, CAP_NULL, &iface_test_fullmsg_full_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_fullmsg_full_dispatch(&srv, msg, info) == reply);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_fullmsg_full_counter(&srv, index) == 1);
	idl_test_expect_released(c->name, what, sent);
	if (!reply)
		return;
	IDL_TEST_EXPECT(c->name, what, msg->type == (type | IPC_TYPE_REPLY));
	IDL_TEST_EXPECT(c->name, what, msg->length == IDL_STATUS_BYTES);
	IDL_TEST_EXPECT(c->name, what, idl_get_i32(msg->data) == status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		IDL_TEST_EXPECT(c->name, what, msg->caps[s] == CAP_NULL);
}

static void test_iface_test_fullmsg_full_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_cases) {
		struct test_fullmsg_full_server srv;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_fullmsg_full_server_init(&srv, CAP_NULL, &iface_test_fullmsg_full_stubs, NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_fullmsg_full_dispatch(&srv, &msg,
			&info) == c->call);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_fullmsg_full_counter(&srv,
			c->index) == 0);
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

static void test_iface_test_fullmsg_full_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_fullmsg_full_expect_rejected(c, "length", &msg, &info, c->index,
				ERR_PROTOCOL, c->call);
		}
	}
}

static void test_iface_test_fullmsg_full_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_fullmsg_full_expect_rejected(c, bad->what, &msg, &info, c->index,
				ERR_PROTOCOL, c->call);
		}
	}
}

/* Callers without a right the method needs, and the wrong kind of send (call vs send). */
static void test_iface_test_fullmsg_full_bad_caller(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t bit = 1; bit <= CAP_RIGHTS_ALL; bit <<= 1) {
			if ((c->rights & bit) == 0)
				continue;
			c->sample(&msg, &info);
			info.rights = CAP_RIGHTS_ALL & ~bit;
			iface_test_fullmsg_full_expect_rejected(c, "caller rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		c->sample(&msg, &info);
		info.flags ^= IPC_RECV_CALL;
		iface_test_fullmsg_full_expect_rejected(c, "kind of send", &msg, &info, c->index,
			ERR_PROTOCOL, !c->call);
	}
}

/* Each capability missing, of the wrong type and with too few rights; one too many. */
static void test_iface_test_fullmsg_full_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_fullmsg_full_expect_rejected(c, "cap missing", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_fullmsg_full_expect_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_fullmsg_full_expect_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_fullmsg_full_expect_rejected(c, "extra cap", &msg, &info, c->index,
			ERR_BAD_CAP, c->call);
	}
}

/* Unknown and reserved ordinals, event ordinals, another interface, a reply as a request. */
static void test_iface_test_fullmsg_full_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 4u, 5u,
	};
	const struct idl_test_case *c = iface_test_fullmsg_full_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, ordinals[k]);
		iface_test_fullmsg_full_expect_rejected(c, "unknown ordinal", &msg, &info,
			TEST_FULLMSG_FULL_METHOD_COUNT, ERR_NOSYS, c->call);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_FULLMSG_FULL_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_fullmsg_full_expect_rejected(c, "other interface", &msg, &info,
		TEST_FULLMSG_FULL_METHOD_COUNT, ERR_PROTOCOL, c->call);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_fullmsg_full_expect_rejected(c, "reply bit", &msg, &info,
		TEST_FULLMSG_FULL_METHOD_COUNT, ERR_PROTOCOL, c->call);
}

/* ---- Client side of Full: events reaching test_fullmsg_full_events_dispatch. ---- */

static void event_test_fullmsg_full_full_event_stub(void *idl_ctx,
	const struct idl_caller *idl_from, const struct idl_bytes_254 *idl_p0, uint8_t idl_p1,
	cap_t idl_p2, cap_t idl_p3, cap_t idl_p4, cap_t idl_p5)
{
	(void)idl_ctx;
	(void)idl_from;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	(void)idl_p3;
	(void)idl_p4;
	(void)idl_p5;
	handler_calls++;
}

static const uint8_t event_test_fullmsg_full_full_event_cap_types[] = { CAP_TYPE_MEMORY,
	CAP_TYPE_IRQ, CAP_TYPE_IOPORT, CAP_TYPE_THREAD, };
static const uint32_t event_test_fullmsg_full_full_event_cap_rights[] = {
	CAP_RIGHT_READ,
	CAP_RIGHT_READ,
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_ADMIN,
};

static void event_test_fullmsg_full_full_event_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_fullmsg_full_full_evt event;

	fake_reset();
	idl_zero(&event, sizeof(event));
	event.blob.len = 127;
	for (uint32_t i = 0; i < 127u; i++)
		event.blob.data[i] = (uint8_t)(i * 7u + 1u);
	event.last = (uint8_t)(127ll);
	event.a = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	event.b = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHTS_ALL);
	event.c = fake_cap_new(CAP_TYPE_IOPORT, CAP_RIGHTS_ALL);
	event.d = fake_cap_new(CAP_TYPE_THREAD, CAP_RIGHTS_ALL);
	assert_int_equal(test_fullmsg_full_full_check_evt(&event), ERR_OK);
	test_fullmsg_full_full_encode_evt(&event, msg);
	idl_test_sample_info(info, 0, event_test_fullmsg_full_full_event_cap_types, 4u);
}

static const struct idl_test_corruption event_test_fullmsg_full_full_event_bad[] = {
	{ "blob unused byte", 254u, 1u, 85ull },
	{ "blob length over bound", 0u, 1u, 255ull },
	{ NULL, 0, 0, 0 },
};

static const struct test_fullmsg_full_event_handlers iface_test_fullmsg_full_event_stubs = {
	.full = event_test_fullmsg_full_full_event_stub,
};

static const struct idl_test_case iface_test_fullmsg_full_event_cases[] = {
	{ .name = "Full.full", .index = TEST_FULLMSG_FULL_FULL_EVENT_INDEX,
	  .call = false, .rights = 0, .length = 256u, .reply_length = 0,
	  .sample = event_test_fullmsg_full_full_event_sample,
	  .corruptions = event_test_fullmsg_full_full_event_bad,
	  .caps = 4u, .cap_types = event_test_fullmsg_full_full_event_cap_types,
	  .cap_rights = event_test_fullmsg_full_full_event_cap_rights },
};

static uint32_t iface_test_fullmsg_full_event_counter(const struct test_fullmsg_full_events *ev,
	uint32_t index)
{
	if (index < TEST_FULLMSG_FULL_EVENT_COUNT)
		return ev->errors[index];
	return ev->rejected_unknown;
}

/* Dispatches an event that must be rejected with status, unseen, counted and released. */
static void iface_test_fullmsg_full_expect_event_rejected(const struct idl_test_case *c,
	const char *what, struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index,
	int32_t status)
{
	struct test_fullmsg_full_events ev;
	cap_t sent[IPC_MAX_CAPS];

	test_fullmsg_full_events_init(&ev, CAP_NULL, &iface_test_fullmsg_full_event_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_fullmsg_full_events_dispatch(&ev, msg, info) == status);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_fullmsg_full_event_counter(&ev, index) == 1);
	idl_test_expect_released(c->name, what, sent);
}

static void test_iface_test_fullmsg_full_events_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_event_cases) {
		struct test_fullmsg_full_events ev;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_fullmsg_full_events_init(&ev, CAP_NULL, &iface_test_fullmsg_full_event_stubs,
			NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_fullmsg_full_events_dispatch(&ev, &msg,
			&info) == ERR_OK);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_fullmsg_full_event_counter(&ev,
			c->index) == 0);
		IDL_TEST_EXPECT(c->name, "valid", fake_deletes() == 0);
		for (uint32_t k = 0; k < c->caps; k++)
			IDL_TEST_EXPECT(c->name, "valid: rights reduced",
			       fake_cap_rights(sent[k]) == c->cap_rights[k]);
	}
}

static void test_iface_test_fullmsg_full_events_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_event_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_fullmsg_full_expect_event_rejected(c, "length", &msg, &info,
				c->index, ERR_PROTOCOL);
		}
	}
}

static void test_iface_test_fullmsg_full_events_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_event_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_fullmsg_full_expect_event_rejected(c, bad->what, &msg, &info,
				c->index, ERR_PROTOCOL);
		}
	}
}

/* Each capability missing, of the wrong type, with too few rights; one too many; a call. */
static void test_iface_test_fullmsg_full_events_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_fullmsg_full_event_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_fullmsg_full_expect_event_rejected(c, "cap missing", &msg, &info,
				c->index, ERR_BAD_CAP);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_fullmsg_full_expect_event_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_fullmsg_full_expect_event_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS);
		}
		c->sample(&msg, &info);
		info.flags = IPC_RECV_CALL;
		iface_test_fullmsg_full_expect_event_rejected(c, "called, not sent", &msg, &info,
			c->index, ERR_PROTOCOL);
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_fullmsg_full_expect_event_rejected(c, "extra cap", &msg, &info, c->index,
			ERR_BAD_CAP);
	}
}

/* Method, reserved and unknown ordinals on the channel, another interface, a reply. */
static void test_iface_test_fullmsg_full_events_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 1u, 2u, 3u, 5u,
	};
	const struct idl_test_case *c = iface_test_fullmsg_full_event_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_FULLMSG_FULL_IFACE_ID, ordinals[k]);
		iface_test_fullmsg_full_expect_event_rejected(c, "not an event", &msg, &info,
			TEST_FULLMSG_FULL_EVENT_COUNT, ERR_NOSYS);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_FULLMSG_FULL_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_fullmsg_full_expect_event_rejected(c, "other interface", &msg, &info,
		TEST_FULLMSG_FULL_EVENT_COUNT, ERR_PROTOCOL);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_fullmsg_full_expect_event_rejected(c, "reply bit", &msg, &info,
		TEST_FULLMSG_FULL_EVENT_COUNT, ERR_PROTOCOL);
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
		cmocka_unit_test(test_iface_test_fullmsg_full_valid),
		cmocka_unit_test(test_iface_test_fullmsg_full_bad_length),
		cmocka_unit_test(test_iface_test_fullmsg_full_bad_fields),
		cmocka_unit_test(test_iface_test_fullmsg_full_bad_caller),
		cmocka_unit_test(test_iface_test_fullmsg_full_bad_caps),
		cmocka_unit_test(test_iface_test_fullmsg_full_unknown),
		cmocka_unit_test(test_iface_test_fullmsg_full_events_valid),
		cmocka_unit_test(test_iface_test_fullmsg_full_events_bad_length),
		cmocka_unit_test(test_iface_test_fullmsg_full_events_bad_fields),
		cmocka_unit_test(test_iface_test_fullmsg_full_events_bad_caps),
		cmocka_unit_test(test_iface_test_fullmsg_full_events_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
