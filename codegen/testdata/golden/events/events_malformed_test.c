/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/*
 * Generated tests of library test.events: every corruption of a valid request (and of
 * a valid event) must be rejected with the right error, release every capability, count
 * against the method (event) and never reach a handler; struct codecs round-trip and reject
 * corrupted bytes; enum and status names match the IDL. Host only, through the fake transport
 * (CMocka). Each method and event is one row of a table the generic tests walk.
 */
#include "idl_test.h"
#include "events_codec.h"
#include "events_client.h"
#include "events_server.h"

static int handler_calls;

/* A valid Reading (each struct's sample uses those of the structs it holds). */
static void struct_test_events_reading_sample(struct test_events_reading *v)
{
	idl_zero(v, sizeof(*v));
	v->sensor = (uint8_t)(127ll);
	v->value = (int32_t)(64ll);
	v->level = TEST_EVENTS_LEVEL_LOW;
}

static int32_t method_test_events_sensor_subscribe_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, cap_t idl_p0)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	handler_calls++;
	return ERR_OK;
}

static const uint8_t method_test_events_sensor_subscribe_cap_types[] = { CAP_TYPE_CHANNEL, };
static const uint32_t method_test_events_sensor_subscribe_cap_rights[] = {
	CAP_RIGHT_WRITE,
};

static void method_test_events_sensor_subscribe_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_events_sensor_subscribe_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.events = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHTS_ALL);
	assert_int_equal(test_events_sensor_subscribe_check_req(&req), ERR_OK);
	test_events_sensor_subscribe_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, method_test_events_sensor_subscribe_cap_types,
		1u);
}

static int32_t method_test_events_sensor_poke_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, uint8_t idl_p0, uint8_t *idl_p1, uint8_t *idl_p2)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	handler_calls++;
	(*idl_p1) = (uint8_t)(127ll);
	(*idl_p2) = (uint8_t)(164ll);
	return ERR_OK;
}


static void method_test_events_sensor_poke_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_events_sensor_poke_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.count = (uint8_t)(127ll);
	test_events_sensor_poke_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct test_events_sensor_handlers iface_test_events_sensor_stubs = {
	.subscribe = method_test_events_sensor_subscribe_stub,
	.poke = method_test_events_sensor_poke_stub,
};


static const struct idl_test_corruption iface_test_events_sensor_no_corruption[] = { { NULL, 0, 0,
	0 } };

static const struct idl_test_case iface_test_events_sensor_cases[] = {
	{ .name = "Sensor.subscribe", .index = TEST_EVENTS_SENSOR_SUBSCRIBE_INDEX,
	  .call = true, .rights = CAP_RIGHT_READ,
	  .length = 0u, .reply_length = 4u,
	  .sample = method_test_events_sensor_subscribe_sample,
	  .corruptions = iface_test_events_sensor_no_corruption,
	  .caps = 1u, .cap_types = method_test_events_sensor_subscribe_cap_types,
	  .cap_rights = method_test_events_sensor_subscribe_cap_rights },
	{ .name = "Sensor.poke", .index = TEST_EVENTS_SENSOR_POKE_INDEX,
	  .call = true, .rights = 0u,
	  .length = 1u, .reply_length = 6u,
	  .sample = method_test_events_sensor_poke_sample,
	  .corruptions = iface_test_events_sensor_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

/* ---- Server side of Sensor: requests reaching test_events_sensor_dispatch. ---- */

static uint32_t iface_test_events_sensor_counter(const struct test_events_sensor_server *srv,
	uint32_t index)
{
	if (index < TEST_EVENTS_SENSOR_METHOD_COUNT)
		return srv->errors[index];
	return srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void iface_test_events_sensor_expect_rejected(const struct idl_test_case *c,
	const char *what, struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index,
	int32_t status, bool reply)
{
	struct test_events_sensor_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_events_sensor_server_init(&srv, CAP_NULL, &iface_test_events_sensor_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_events_sensor_dispatch(&srv, msg, info) == reply);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_events_sensor_counter(&srv, index) == 1);
	idl_test_expect_released(c->name, what, sent);
	if (!reply)
		return;
	IDL_TEST_EXPECT(c->name, what, msg->type == (type | IPC_TYPE_REPLY));
	IDL_TEST_EXPECT(c->name, what, msg->length == IDL_STATUS_BYTES);
	IDL_TEST_EXPECT(c->name, what, idl_get_i32(msg->data) == status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		IDL_TEST_EXPECT(c->name, what, msg->caps[s] == CAP_NULL);
}

static void test_iface_test_events_sensor_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_cases) {
		struct test_events_sensor_server srv;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_events_sensor_server_init(&srv, CAP_NULL, &iface_test_events_sensor_stubs,
			NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_events_sensor_dispatch(&srv, &msg,
			&info) == c->call);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_events_sensor_counter(&srv,
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

static void test_iface_test_events_sensor_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_events_sensor_expect_rejected(c, "length", &msg, &info, c->index,
				ERR_PROTOCOL, c->call);
		}
	}
}

static void test_iface_test_events_sensor_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_events_sensor_expect_rejected(c, bad->what, &msg, &info,
				c->index, ERR_PROTOCOL, c->call);
		}
	}
}

/* Callers without a right the method needs, and the wrong kind of send (call vs send). */
static void test_iface_test_events_sensor_bad_caller(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t bit = 1; bit <= CAP_RIGHTS_ALL; bit <<= 1) {
			if ((c->rights & bit) == 0)
				continue;
			c->sample(&msg, &info);
			info.rights = CAP_RIGHTS_ALL & ~bit;
			iface_test_events_sensor_expect_rejected(c, "caller rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		c->sample(&msg, &info);
		info.flags ^= IPC_RECV_CALL;
		iface_test_events_sensor_expect_rejected(c, "kind of send", &msg, &info, c->index,
			ERR_PROTOCOL, !c->call);
	}
}

/* Each capability missing, of the wrong type and with too few rights; one too many. */
static void test_iface_test_events_sensor_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_events_sensor_expect_rejected(c, "cap missing", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_events_sensor_expect_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_events_sensor_expect_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_events_sensor_expect_rejected(c, "extra cap", &msg, &info, c->index,
			ERR_BAD_CAP, c->call);
	}
}

/* Unknown and reserved ordinals, event ordinals, another interface, a reply as a request. */
static void test_iface_test_events_sensor_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 3u, 4u, 5u, 6u, 7u,
	};
	const struct idl_test_case *c = iface_test_events_sensor_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, ordinals[k]);
		iface_test_events_sensor_expect_rejected(c, "unknown ordinal", &msg, &info,
			TEST_EVENTS_SENSOR_METHOD_COUNT, ERR_NOSYS, c->call);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_EVENTS_SENSOR_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_events_sensor_expect_rejected(c, "other interface", &msg, &info,
		TEST_EVENTS_SENSOR_METHOD_COUNT, ERR_PROTOCOL, c->call);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_events_sensor_expect_rejected(c, "reply bit", &msg, &info,
		TEST_EVENTS_SENSOR_METHOD_COUNT, ERR_PROTOCOL, c->call);
}

/* ---- Client side of Sensor: events reaching test_events_sensor_events_dispatch. ---- */

static void event_test_events_sensor_reading_event_stub(void *idl_ctx,
	const struct idl_caller *idl_from, const struct test_events_reading *idl_p0)
{
	(void)idl_ctx;
	(void)idl_from;
	(void)idl_p0;
	handler_calls++;
}

static void event_test_events_sensor_reading_event_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_events_sensor_reading_evt event;

	fake_reset();
	idl_zero(&event, sizeof(event));
	struct_test_events_reading_sample(&event.r);
	assert_int_equal(test_events_sensor_reading_check_evt(&event), ERR_OK);
	test_events_sensor_reading_encode_evt(&event, msg);
	idl_test_sample_info(info, 0, NULL, 0u);
}

static const struct idl_test_corruption event_test_events_sensor_reading_event_bad[] = {
	{ "r.level out of range", 8u, 1u, 3ull },
	{ "padding at 1", 3u, 1u, 1ull },
	{ "padding at 9", 11u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

static void event_test_events_sensor_alarm_event_stub(void *idl_ctx,
	const struct idl_caller *idl_from, const struct test_events_label_max_string *idl_p0,
	cap_t idl_p1)
{
	(void)idl_ctx;
	(void)idl_from;
	(void)idl_p0;
	(void)idl_p1;
	handler_calls++;
}

static const uint8_t event_test_events_sensor_alarm_event_cap_types[] = { CAP_TYPE_MEMORY, };
static const uint32_t event_test_events_sensor_alarm_event_cap_rights[] = {
	CAP_RIGHT_READ,
};

static void event_test_events_sensor_alarm_event_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_events_sensor_alarm_evt event;

	fake_reset();
	idl_zero(&event, sizeof(event));
	event.label.len = 8;
	for (uint32_t i = 0; i < 8u; i++)
		event.label.data[i] = 'a' + (char)(i % 26u);
	event.details = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	assert_int_equal(test_events_sensor_alarm_check_evt(&event), ERR_OK);
	test_events_sensor_alarm_encode_evt(&event, msg);
	idl_test_sample_info(info, 0, event_test_events_sensor_alarm_event_cap_types, 1u);
}

static const struct idl_test_corruption event_test_events_sensor_alarm_event_bad[] = {
	{ "label unused byte", 16u, 1u, 85ull },
	{ "label length over bound", 0u, 1u, 17ull },
	{ NULL, 0, 0, 0 },
};

static void event_test_events_sensor_tick_event_stub(void *idl_ctx,
	const struct idl_caller *idl_from)
{
	(void)idl_ctx;
	(void)idl_from;
	handler_calls++;
}

static void event_test_events_sensor_tick_event_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_events_sensor_tick_evt event;

	fake_reset();
	idl_zero(&event, sizeof(event));
	test_events_sensor_tick_encode_evt(&event, msg);
	idl_test_sample_info(info, 0, NULL, 0u);
}

static const struct test_events_sensor_event_handlers iface_test_events_sensor_event_stubs = {
	.reading = event_test_events_sensor_reading_event_stub,
	.alarm = event_test_events_sensor_alarm_event_stub,
	.tick = event_test_events_sensor_tick_event_stub,
};

static const struct idl_test_case iface_test_events_sensor_event_cases[] = {
	{ .name = "Sensor.reading", .index = TEST_EVENTS_SENSOR_READING_EVENT_INDEX,
	  .call = false, .rights = 0, .length = 12u, .reply_length = 0,
	  .sample = event_test_events_sensor_reading_event_sample,
	  .corruptions = event_test_events_sensor_reading_event_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Sensor.alarm", .index = TEST_EVENTS_SENSOR_ALARM_EVENT_INDEX,
	  .call = false, .rights = 0, .length = 17u, .reply_length = 0,
	  .sample = event_test_events_sensor_alarm_event_sample,
	  .corruptions = event_test_events_sensor_alarm_event_bad,
	  .caps = 1u, .cap_types = event_test_events_sensor_alarm_event_cap_types,
	  .cap_rights = event_test_events_sensor_alarm_event_cap_rights },
	{ .name = "Sensor.tick", .index = TEST_EVENTS_SENSOR_TICK_EVENT_INDEX,
	  .call = false, .rights = 0, .length = 0u, .reply_length = 0,
	  .sample = event_test_events_sensor_tick_event_sample,
	  .corruptions = iface_test_events_sensor_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

static uint32_t iface_test_events_sensor_event_counter(const struct test_events_sensor_events *ev,
	uint32_t index)
{
	if (index < TEST_EVENTS_SENSOR_EVENT_COUNT)
		return ev->errors[index];
	return ev->rejected_unknown;
}

/* Dispatches an event that must be rejected with status, unseen, counted and released. */
static void iface_test_events_sensor_expect_event_rejected(const struct idl_test_case *c,
	const char *what, struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index,
	int32_t status)
{
	struct test_events_sensor_events ev;
	cap_t sent[IPC_MAX_CAPS];

	test_events_sensor_events_init(&ev, CAP_NULL, &iface_test_events_sensor_event_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_events_sensor_events_dispatch(&ev, msg,
		info) == status);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_events_sensor_event_counter(&ev, index) == 1);
	idl_test_expect_released(c->name, what, sent);
}

static void test_iface_test_events_sensor_events_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_event_cases) {
		struct test_events_sensor_events ev;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_events_sensor_events_init(&ev, CAP_NULL, &iface_test_events_sensor_event_stubs,
			NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_events_sensor_events_dispatch(&ev, &msg,
			&info) == ERR_OK);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_events_sensor_event_counter(&ev,
			c->index) == 0);
		IDL_TEST_EXPECT(c->name, "valid", fake_deletes() == 0);
		for (uint32_t k = 0; k < c->caps; k++)
			IDL_TEST_EXPECT(c->name, "valid: rights reduced",
			       fake_cap_rights(sent[k]) == c->cap_rights[k]);
	}
}

static void test_iface_test_events_sensor_events_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_event_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_events_sensor_expect_event_rejected(c, "length", &msg, &info,
				c->index, ERR_PROTOCOL);
		}
	}
}

static void test_iface_test_events_sensor_events_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_event_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_events_sensor_expect_event_rejected(c, bad->what, &msg, &info,
				c->index, ERR_PROTOCOL);
		}
	}
}

/* Each capability missing, of the wrong type, with too few rights; one too many; a call. */
static void test_iface_test_events_sensor_events_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_events_sensor_event_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_events_sensor_expect_event_rejected(c, "cap missing", &msg,
				&info, c->index, ERR_BAD_CAP);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_events_sensor_expect_event_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_events_sensor_expect_event_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS);
		}
		c->sample(&msg, &info);
		info.flags = IPC_RECV_CALL;
		iface_test_events_sensor_expect_event_rejected(c, "called, not sent", &msg, &info,
			c->index, ERR_PROTOCOL);
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_events_sensor_expect_event_rejected(c, "extra cap", &msg, &info,
			c->index, ERR_BAD_CAP);
	}
}

/* Method, reserved and unknown ordinals on the channel, another interface, a reply. */
static void test_iface_test_events_sensor_events_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 1u, 2u, 6u, 7u,
	};
	const struct idl_test_case *c = iface_test_events_sensor_event_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_EVENTS_SENSOR_IFACE_ID, ordinals[k]);
		iface_test_events_sensor_expect_event_rejected(c, "not an event", &msg, &info,
			TEST_EVENTS_SENSOR_EVENT_COUNT, ERR_NOSYS);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_EVENTS_SENSOR_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_events_sensor_expect_event_rejected(c, "other interface", &msg, &info,
		TEST_EVENTS_SENSOR_EVENT_COUNT, ERR_PROTOCOL);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_events_sensor_expect_event_rejected(c, "reply bit", &msg, &info,
		TEST_EVENTS_SENSOR_EVENT_COUNT, ERR_PROTOCOL);
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

/* Every member of Level is valid and named; a value that is none is neither. */
static void test_enum_test_events_level_names(void **state)
{
	(void)state;
	assert_true(test_events_level_valid(TEST_EVENTS_LEVEL_LOW));
	assert_string_equal(test_events_level_name(TEST_EVENTS_LEVEL_LOW), "LOW");
	assert_true(test_events_level_valid(TEST_EVENTS_LEVEL_HIGH));
	assert_string_equal(test_events_level_name(TEST_EVENTS_LEVEL_HIGH), "HIGH");
	assert_false(test_events_level_valid(3));
	assert_string_equal(test_events_level_name(3), "unknown");
}

static const struct idl_test_corruption struct_test_events_reading_bad[] = {
	{ "level out of range", 8u, 1u, 3ull },
	{ "padding at 1", 3u, 1u, 1ull },
	{ "padding at 9", 11u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

/* A sample Reading encodes, decodes and encodes again to the same bytes; each corruption
 * of those bytes is refused. */
static void test_struct_test_events_reading_codec(void **state)
{
	struct test_events_reading v, back;
	uint8_t wire[TEST_EVENTS_READING_WIRE_SIZE], again[TEST_EVENTS_READING_WIRE_SIZE];
	const struct idl_test_corruption *bad;

	(void)state;
	struct_test_events_reading_sample(&v);
	assert_int_equal(test_events_reading_check(&v), ERR_OK);
	idl_zero(wire, sizeof(wire));
	test_events_reading_put(wire, &v);
	assert_int_equal(test_events_reading_get(wire, &back), ERR_OK);
	idl_zero(again, sizeof(again));
	test_events_reading_put(again, &back);
	assert_memory_equal(wire, again, sizeof(wire));
	for (bad = struct_test_events_reading_bad; bad->what != NULL; bad++) {
		uint8_t copy[sizeof(wire)];

		idl_copy(copy, wire, sizeof(wire));
		idl_test_corrupt(copy, bad);
		IDL_TEST_EXPECT("Reading", bad->what, test_events_reading_get(copy,
			&back) == ERR_PROTOCOL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_for_this_abi),
		cmocka_unit_test(test_enum_test_events_level_names),
		cmocka_unit_test(test_struct_test_events_reading_codec),
		cmocka_unit_test(test_iface_test_events_sensor_valid),
		cmocka_unit_test(test_iface_test_events_sensor_bad_length),
		cmocka_unit_test(test_iface_test_events_sensor_bad_fields),
		cmocka_unit_test(test_iface_test_events_sensor_bad_caller),
		cmocka_unit_test(test_iface_test_events_sensor_bad_caps),
		cmocka_unit_test(test_iface_test_events_sensor_unknown),
		cmocka_unit_test(test_iface_test_events_sensor_events_valid),
		cmocka_unit_test(test_iface_test_events_sensor_events_bad_length),
		cmocka_unit_test(test_iface_test_events_sensor_events_bad_fields),
		cmocka_unit_test(test_iface_test_events_sensor_events_bad_caps),
		cmocka_unit_test(test_iface_test_events_sensor_events_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
