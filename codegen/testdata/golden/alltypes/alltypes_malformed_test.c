/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Generated tests of library test.alltypes: every corruption of a valid request (and of
 * a valid event) must be rejected with the right error, release every capability, count
 * against the method (event) and never reach a handler; struct codecs round-trip and reject
 * corrupted bytes; enum and status names match the IDL. Host only, through the fake transport
 * (CMocka). Each method and event is one row of a table the generic tests walk.
 */
#include "idl_test.h"
#include "alltypes_codec.h"
#include "alltypes_server.h"

static int handler_calls;

/* A valid Scalars (each struct's sample uses those of the structs it holds). */
static void struct_test_alltypes_scalars_sample(struct test_alltypes_scalars *v)
{
	idl_zero(v, sizeof(*v));
	v->a = (uint8_t)(127ll);
	v->b = (uint16_t)(164ll);
	v->c = (uint32_t)(201ll);
	v->d = (uint64_t)(238ll);
	v->e = (int8_t)(-76ll);
	v->f = (int16_t)(12ll);
	v->g = (int32_t)(-50ll);
	v->h = (int64_t)(86ll);
	v->flag = true;
	v->shade = TEST_ALLTYPES_SHADE_DEEP;
}

/* A valid Point (each struct's sample uses those of the structs it holds). */
static void struct_test_alltypes_point_sample(struct test_alltypes_point *v)
{
	idl_zero(v, sizeof(*v));
	v->x = (int16_t)(-28ll);
	v->y = (int16_t)(64ll);
	v->on = true;
}

/* A valid Record (each struct's sample uses those of the structs it holds). */
static void struct_test_alltypes_record_sample(struct test_alltypes_record *v)
{
	idl_zero(v, sizeof(*v));
	v->id = (uint32_t)(127ll);
	v->name.len = 6;
	for (uint32_t i = 0; i < 6u; i++)
		v->name.data[i] = 'a' + (char)(i % 26u);
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		struct_test_alltypes_point_sample(&v->points[i0]);
	}
	v->wide = TEST_ALLTYPES_WIDE_LOW;
}

static int32_t method_test_alltypes_everything_scalars_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, const struct test_alltypes_scalars *idl_p0,
	struct test_alltypes_scalars *idl_p1)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	handler_calls++;
	struct_test_alltypes_scalars_sample(&(*idl_p1));
	return ERR_OK;
}


static void method_test_alltypes_everything_scalars_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_everything_scalars_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	struct_test_alltypes_scalars_sample(&req.in);
	assert_int_equal(test_alltypes_everything_scalars_check_req(&req), ERR_OK);
	test_alltypes_everything_scalars_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct idl_test_corruption method_test_alltypes_everything_scalars_bad[] = {
	{ "in.flag not 0 or 1", 32u, 1u, 2ull },
	{ "in.shade out of range", 34u, 2u, 8ull },
	{ "padding at 1", 1u, 1u, 1ull },
	{ "padding at 17", 17u, 1u, 1ull },
	{ "padding at 33", 33u, 1u, 1ull },
	{ "padding at 36", 39u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

static int32_t method_test_alltypes_everything_strings_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, const struct test_alltypes_name_max_string *idl_p0,
	const struct test_alltypes_blob_max_bytes *idl_p1,
	struct test_alltypes_name_max_string *idl_p2, struct test_alltypes_blob_max_bytes *idl_p3)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	(void)idl_p3;
	handler_calls++;
	(*idl_p2).len = 6;
	for (uint32_t i = 0; i < 6u; i++)
		(*idl_p2).data[i] = 'a' + (char)(i % 26u);
	(*idl_p3).len = 4;
	for (uint32_t i = 0; i < 4u; i++)
		(*idl_p3).data[i] = (uint8_t)(i * 7u + 1u);
	return ERR_OK;
}


static void method_test_alltypes_everything_strings_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
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
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct idl_test_corruption method_test_alltypes_everything_strings_bad[] = {
	{ "name unused byte", 12u, 1u, 85ull },
	{ "name length over bound", 0u, 1u, 13ull },
	{ "blob unused byte", 22u, 1u, 85ull },
	{ "blob length over bound", 13u, 1u, 10ull },
	{ NULL, 0, 0, 0 },
};

static int32_t method_test_alltypes_everything_arrays_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, const uint16_t idl_p0[5],
	const struct test_alltypes_record idl_p1[2], const struct idl_string_3 idl_p2[2],
	const int8_t idl_p3[2][3], int64_t *idl_p4)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	(void)idl_p3;
	(void)idl_p4;
	handler_calls++;
	(*idl_p4) = (int64_t)(-28ll);
	return ERR_OK;
}


static void method_test_alltypes_everything_arrays_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_everything_arrays_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	for (uint32_t i0 = 0; i0 < 5u; i0++) {
		req.nums[i0] = (uint16_t)(127ll);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		struct_test_alltypes_record_sample(&req.recs[i0]);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		req.tags[i0].len = 1;
		for (uint32_t i = 0; i < 1u; i++)
			req.tags[i0].data[i] = 'a' + (char)(i % 26u);
	}
	for (uint32_t i0 = 0; i0 < 2u; i0++) {
		for (uint32_t i1 = 0; i1 < 3u; i1++) {
			req.grid[i0][i1] = (int8_t)(64ll);
		}
	}
	assert_int_equal(test_alltypes_everything_arrays_check_req(&req), ERR_OK);
	test_alltypes_everything_arrays_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct idl_test_corruption method_test_alltypes_everything_arrays_bad[] = {
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

static int32_t method_test_alltypes_everything_swap_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, cap_t idl_p0, cap_t idl_p1, uint8_t idl_p2,
	cap_t *idl_p3, uint8_t *idl_p4)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	(void)idl_p3;
	(void)idl_p4;
	handler_calls++;
	(*idl_p3) = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHTS_ALL);
	(*idl_p4) = (uint8_t)(127ll);
	return ERR_OK;
}

static const uint8_t method_test_alltypes_everything_swap_cap_types[] = { CAP_TYPE_MEMORY,
	CAP_TYPE_IRQ, };
static const uint32_t method_test_alltypes_everything_swap_cap_rights[] = {
	CAP_RIGHT_READ | CAP_RIGHT_WRITE,
	CAP_RIGHT_READ,
};

static void method_test_alltypes_everything_swap_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_everything_swap_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	req.irq = fake_cap_new(CAP_TYPE_IRQ, CAP_RIGHTS_ALL);
	req.tag = (uint8_t)(127ll);
	assert_int_equal(test_alltypes_everything_swap_check_req(&req), ERR_OK);
	test_alltypes_everything_swap_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, method_test_alltypes_everything_swap_cap_types,
		2u);
}

static void method_test_alltypes_everything_notify_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, int16_t idl_p0, uint64_t idl_p1, bool idl_p2)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	(void)idl_p2;
	handler_calls++;
}


static void method_test_alltypes_everything_notify_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_everything_notify_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.shade = TEST_ALLTYPES_SHADE_DEEP;
	req.wide = TEST_ALLTYPES_WIDE_LOW;
	req.flag = true;
	assert_int_equal(test_alltypes_everything_notify_check_req(&req), ERR_OK);
	test_alltypes_everything_notify_encode_req(&req, msg);
	idl_test_sample_info(info, 0, NULL, 0u);
}

static const struct idl_test_corruption method_test_alltypes_everything_notify_bad[] = {
	{ "shade out of range", 0u, 2u, 8ull },
	{ "wide out of range", 8u, 8u, 0ull },
	{ "flag not 0 or 1", 16u, 1u, 2ull },
	{ "padding at 2", 7u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

static int32_t method_test_alltypes_everything_poke_stub(void *idl_ctx,
	const struct idl_caller *idl_caller)
{
	(void)idl_ctx;
	(void)idl_caller;
	handler_calls++;
	return ERR_OK;
}


static void method_test_alltypes_everything_poke_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_everything_poke_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	test_alltypes_everything_poke_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static const struct test_alltypes_everything_handlers iface_test_alltypes_everything_stubs = {
	.scalars = method_test_alltypes_everything_scalars_stub,
	.strings = method_test_alltypes_everything_strings_stub,
	.arrays = method_test_alltypes_everything_arrays_stub,
	.swap = method_test_alltypes_everything_swap_stub,
	.notify = method_test_alltypes_everything_notify_stub,
	.poke = method_test_alltypes_everything_poke_stub,
};


static const struct idl_test_corruption iface_test_alltypes_everything_no_corruption[] = { { NULL,
	0, 0, 0 } };

static const struct idl_test_case iface_test_alltypes_everything_cases[] = {
	{ .name = "Everything.scalars", .index = TEST_ALLTYPES_EVERYTHING_SCALARS_INDEX,
	  .call = true, .rights = 0u,
	  .length = 40u, .reply_length = 48u,
	  .sample = method_test_alltypes_everything_scalars_sample,
	  .corruptions = method_test_alltypes_everything_scalars_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Everything.strings", .index = TEST_ALLTYPES_EVERYTHING_STRINGS_INDEX,
	  .call = true, .rights = CAP_RIGHT_READ,
	  .length = 23u, .reply_length = 27u,
	  .sample = method_test_alltypes_everything_strings_sample,
	  .corruptions = method_test_alltypes_everything_strings_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Everything.arrays", .index = TEST_ALLTYPES_EVERYTHING_ARRAYS_INDEX,
	  .call = true, .rights = 0u,
	  .length = 110u, .reply_length = 16u,
	  .sample = method_test_alltypes_everything_arrays_sample,
	  .corruptions = method_test_alltypes_everything_arrays_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Everything.swap", .index = TEST_ALLTYPES_EVERYTHING_SWAP_INDEX,
	  .call = true, .rights = CAP_RIGHT_WRITE | CAP_RIGHT_GRANT,
	  .length = 1u, .reply_length = 5u,
	  .sample = method_test_alltypes_everything_swap_sample,
	  .corruptions = iface_test_alltypes_everything_no_corruption,
	  .caps = 2u, .cap_types = method_test_alltypes_everything_swap_cap_types,
	  .cap_rights = method_test_alltypes_everything_swap_cap_rights },
	{ .name = "Everything.notify", .index = TEST_ALLTYPES_EVERYTHING_NOTIFY_INDEX,
	  .call = false, .rights = 0u,
	  .length = 17u, .reply_length = 0u,
	  .sample = method_test_alltypes_everything_notify_sample,
	  .corruptions = method_test_alltypes_everything_notify_bad,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Everything.poke", .index = TEST_ALLTYPES_EVERYTHING_POKE_INDEX,
	  .call = true, .rights = 0u,
	  .length = 0u, .reply_length = 4u,
	  .sample = method_test_alltypes_everything_poke_sample,
	  .corruptions = iface_test_alltypes_everything_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

/* ---- Server side of Everything: requests reaching test_alltypes_everything_dispatch. ---- */

static uint32_t iface_test_alltypes_everything_counter(
	const struct test_alltypes_everything_server *srv, uint32_t index)
{
	if (index < TEST_ALLTYPES_EVERYTHING_METHOD_COUNT)
		return srv->errors[index];
	return srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void iface_test_alltypes_everything_expect_rejected(const struct idl_test_case *c,
	const char *what, struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index,
	int32_t status, bool reply)
{
	struct test_alltypes_everything_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_alltypes_everything_server_init(&srv, CAP_NULL, &iface_test_alltypes_everything_stubs,
		NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_alltypes_everything_dispatch(&srv, msg, info) == reply);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_alltypes_everything_counter(&srv, index) == 1);
	idl_test_expect_released(c->name, what, sent);
	if (!reply)
		return;
	IDL_TEST_EXPECT(c->name, what, msg->type == (type | IPC_TYPE_REPLY));
	IDL_TEST_EXPECT(c->name, what, msg->length == IDL_STATUS_BYTES);
	IDL_TEST_EXPECT(c->name, what, idl_get_i32(msg->data) == status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		IDL_TEST_EXPECT(c->name, what, msg->caps[s] == CAP_NULL);
}

static void test_iface_test_alltypes_everything_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_everything_cases) {
		struct test_alltypes_everything_server srv;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_alltypes_everything_server_init(&srv, CAP_NULL,
			&iface_test_alltypes_everything_stubs, NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_alltypes_everything_dispatch(&srv, &msg,
			&info) == c->call);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_alltypes_everything_counter(&srv,
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

static void test_iface_test_alltypes_everything_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_everything_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_alltypes_everything_expect_rejected(c, "length", &msg, &info,
				c->index, ERR_PROTOCOL, c->call);
		}
	}
}

static void test_iface_test_alltypes_everything_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_everything_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_alltypes_everything_expect_rejected(c, bad->what, &msg, &info,
				c->index, ERR_PROTOCOL, c->call);
		}
	}
}

/* Callers without a right the method needs, and the wrong kind of send (call vs send). */
static void test_iface_test_alltypes_everything_bad_caller(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_everything_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t bit = 1; bit <= CAP_RIGHTS_ALL; bit <<= 1) {
			if ((c->rights & bit) == 0)
				continue;
			c->sample(&msg, &info);
			info.rights = CAP_RIGHTS_ALL & ~bit;
			iface_test_alltypes_everything_expect_rejected(c, "caller rights", &msg,
				&info, c->index, ERR_RIGHTS, c->call);
		}
		c->sample(&msg, &info);
		info.flags ^= IPC_RECV_CALL;
		iface_test_alltypes_everything_expect_rejected(c, "kind of send", &msg, &info,
			c->index, ERR_PROTOCOL, !c->call);
	}
}

/* Each capability missing, of the wrong type and with too few rights; one too many. */
static void test_iface_test_alltypes_everything_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_everything_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_alltypes_everything_expect_rejected(c, "cap missing", &msg,
				&info, c->index, ERR_BAD_CAP, c->call);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_alltypes_everything_expect_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_alltypes_everything_expect_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_alltypes_everything_expect_rejected(c, "extra cap", &msg, &info,
			c->index, ERR_BAD_CAP, c->call);
	}
}

/* Unknown and reserved ordinals, event ordinals, another interface, a reply as a request. */
static void test_iface_test_alltypes_everything_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 4u, 6u, 9u,
	};
	const struct idl_test_case *c = iface_test_alltypes_everything_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_ALLTYPES_EVERYTHING_IFACE_ID, ordinals[k]);
		iface_test_alltypes_everything_expect_rejected(c, "unknown ordinal", &msg, &info,
			TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_NOSYS, c->call);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_ALLTYPES_EVERYTHING_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_alltypes_everything_expect_rejected(c, "other interface", &msg, &info,
		TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_PROTOCOL, c->call);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_alltypes_everything_expect_rejected(c, "reply bit", &msg, &info,
		TEST_ALLTYPES_EVERYTHING_METHOD_COUNT, ERR_PROTOCOL, c->call);
}

static int32_t method_test_alltypes_counter_add_stub(void *idl_ctx,
	const struct idl_caller *idl_caller, int32_t idl_p0, int64_t *idl_p1)
{
	(void)idl_ctx;
	(void)idl_caller;
	(void)idl_p0;
	(void)idl_p1;
	handler_calls++;
	(*idl_p1) = (int64_t)(-28ll);
	return ERR_OK;
}


static void method_test_alltypes_counter_add_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_counter_add_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	req.delta = (int32_t)(-28ll);
	test_alltypes_counter_add_encode_req(&req, msg);
	idl_test_sample_info(info, IPC_RECV_CALL, NULL, 0u);
}

static void method_test_alltypes_counter_reset_stub(void *idl_ctx,
	const struct idl_caller *idl_caller)
{
	(void)idl_ctx;
	(void)idl_caller;
	handler_calls++;
}


static void method_test_alltypes_counter_reset_sample(struct ipc_message *msg,
	struct ipc_recv_info *info)
{
	struct test_alltypes_counter_reset_req req;

	fake_reset();
	idl_zero(&req, sizeof(req));
	test_alltypes_counter_reset_encode_req(&req, msg);
	idl_test_sample_info(info, 0, NULL, 0u);
}

static const struct test_alltypes_counter_handlers iface_test_alltypes_counter_stubs = {
	.add = method_test_alltypes_counter_add_stub,
	.reset = method_test_alltypes_counter_reset_stub,
};


static const struct idl_test_corruption iface_test_alltypes_counter_no_corruption[] = { { NULL, 0,
	0, 0 } };

static const struct idl_test_case iface_test_alltypes_counter_cases[] = {
	{ .name = "Counter.add", .index = TEST_ALLTYPES_COUNTER_ADD_INDEX,
	  .call = true, .rights = CAP_RIGHT_WRITE,
	  .length = 4u, .reply_length = 16u,
	  .sample = method_test_alltypes_counter_add_sample,
	  .corruptions = iface_test_alltypes_counter_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
	{ .name = "Counter.reset", .index = TEST_ALLTYPES_COUNTER_RESET_INDEX,
	  .call = false, .rights = 0u,
	  .length = 0u, .reply_length = 0u,
	  .sample = method_test_alltypes_counter_reset_sample,
	  .corruptions = iface_test_alltypes_counter_no_corruption,
	  .caps = 0u, .cap_types = NULL,
	  .cap_rights = NULL },
};

/* ---- Server side of Counter: requests reaching test_alltypes_counter_dispatch. ---- */

static uint32_t iface_test_alltypes_counter_counter(const struct test_alltypes_counter_server *srv,
	uint32_t index)
{
	if (index < TEST_ALLTYPES_COUNTER_METHOD_COUNT)
		return srv->errors[index];
	return srv->rejected_unknown;
}

/*
 * Dispatches a message that must be rejected: checks the reply (or its absence), that the
 * handler never ran, that the error was counted and that every capability was released.
 */
static void iface_test_alltypes_counter_expect_rejected(const struct idl_test_case *c,
	const char *what, struct ipc_message *msg, struct ipc_recv_info *info, uint32_t index,
	int32_t status, bool reply)
{
	struct test_alltypes_counter_server srv;
	cap_t sent[IPC_MAX_CAPS];
	uint32_t type = msg->type;

	test_alltypes_counter_server_init(&srv, CAP_NULL, &iface_test_alltypes_counter_stubs, NULL);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		sent[s] = msg->caps[s];
	handler_calls = 0;
	IDL_TEST_EXPECT(c->name, what, test_alltypes_counter_dispatch(&srv, msg, info) == reply);
	IDL_TEST_EXPECT(c->name, what, handler_calls == 0);
	IDL_TEST_EXPECT(c->name, what, iface_test_alltypes_counter_counter(&srv, index) == 1);
	idl_test_expect_released(c->name, what, sent);
	if (!reply)
		return;
	IDL_TEST_EXPECT(c->name, what, msg->type == (type | IPC_TYPE_REPLY));
	IDL_TEST_EXPECT(c->name, what, msg->length == IDL_STATUS_BYTES);
	IDL_TEST_EXPECT(c->name, what, idl_get_i32(msg->data) == status);
	for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
		IDL_TEST_EXPECT(c->name, what, msg->caps[s] == CAP_NULL);
}

static void test_iface_test_alltypes_counter_valid(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_counter_cases) {
		struct test_alltypes_counter_server srv;
		struct ipc_message msg;
		struct ipc_recv_info info;
		cap_t sent[IPC_MAX_CAPS];

		c->sample(&msg, &info);
		for (uint32_t s = 0; s < IPC_MAX_CAPS; s++)
			sent[s] = msg.caps[s];
		test_alltypes_counter_server_init(&srv, CAP_NULL,
			&iface_test_alltypes_counter_stubs, NULL);
		handler_calls = 0;
		IDL_TEST_EXPECT(c->name, "valid", test_alltypes_counter_dispatch(&srv, &msg,
			&info) == c->call);
		IDL_TEST_EXPECT(c->name, "valid", handler_calls == 1);
		IDL_TEST_EXPECT(c->name, "valid", iface_test_alltypes_counter_counter(&srv,
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

static void test_iface_test_alltypes_counter_bad_length(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_counter_cases) {
		for (uint32_t k = 0; k < IDL_TEST_BAD_LENGTHS; k++) {
			struct ipc_message msg;
			struct ipc_recv_info info;
			uint32_t length;

			if (!idl_test_bad_length(c, k, &length))
				continue;
			c->sample(&msg, &info);
			msg.length = length;
			iface_test_alltypes_counter_expect_rejected(c, "length", &msg, &info,
				c->index, ERR_PROTOCOL, c->call);
		}
	}
}

static void test_iface_test_alltypes_counter_bad_fields(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_counter_cases) {
		for (const struct idl_test_corruption *bad =
			c->corruptions; bad->what != NULL; bad++) {
			struct ipc_message msg;
			struct ipc_recv_info info;

			c->sample(&msg, &info);
			idl_test_corrupt(msg.data, bad);
			iface_test_alltypes_counter_expect_rejected(c, bad->what, &msg, &info,
				c->index, ERR_PROTOCOL, c->call);
		}
	}
}

/* Callers without a right the method needs, and the wrong kind of send (call vs send). */
static void test_iface_test_alltypes_counter_bad_caller(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_counter_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t bit = 1; bit <= CAP_RIGHTS_ALL; bit <<= 1) {
			if ((c->rights & bit) == 0)
				continue;
			c->sample(&msg, &info);
			info.rights = CAP_RIGHTS_ALL & ~bit;
			iface_test_alltypes_counter_expect_rejected(c, "caller rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		c->sample(&msg, &info);
		info.flags ^= IPC_RECV_CALL;
		iface_test_alltypes_counter_expect_rejected(c, "kind of send", &msg, &info,
			c->index, ERR_PROTOCOL, !c->call);
	}
}

/* Each capability missing, of the wrong type and with too few rights; one too many. */
static void test_iface_test_alltypes_counter_bad_caps(void **state)
{
	(void)state;
	IDL_TEST_FOR_EACH(c, iface_test_alltypes_counter_cases) {
		struct ipc_message msg;
		struct ipc_recv_info info;

		for (uint32_t k = 0; k < c->caps; k++) {
			c->sample(&msg, &info);
			msg.caps[k] = CAP_NULL;
			info.cap_type[k] = CAP_TYPE_NONE;
			iface_test_alltypes_counter_expect_rejected(c, "cap missing", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			c->sample(&msg, &info);
			info.cap_type[k] = (uint8_t)(c->cap_types[k] % (CAP_TYPE_COUNT - 1) + 1);
			iface_test_alltypes_counter_expect_rejected(c, "cap type", &msg, &info,
				c->index, ERR_BAD_CAP, c->call);
			if (c->cap_rights[k] == 0)
				continue;
			c->sample(&msg, &info);
			info.cap_rights[k] = CAP_RIGHTS_ALL & ~c->cap_rights[k];
			iface_test_alltypes_counter_expect_rejected(c, "cap rights", &msg, &info,
				c->index, ERR_RIGHTS, c->call);
		}
		if (c->caps == IPC_MAX_CAPS)
			continue;
		c->sample(&msg, &info);
		msg.caps[c->caps] = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
		info.cap_type[c->caps] = CAP_TYPE_MEMORY;
		info.cap_rights[c->caps] = CAP_RIGHTS_ALL;
		iface_test_alltypes_counter_expect_rejected(c, "extra cap", &msg, &info, c->index,
			ERR_BAD_CAP, c->call);
	}
}

/* Unknown and reserved ordinals, event ordinals, another interface, a reply as a request. */
static void test_iface_test_alltypes_counter_unknown(void **state)
{
	static const uint32_t ordinals[] = {
0u, 3u,
	};
	const struct idl_test_case *c = iface_test_alltypes_counter_cases;
	struct ipc_message msg;
	struct ipc_recv_info info;

	(void)state;
	for (uint32_t k = 0; k < sizeof(ordinals) / sizeof(ordinals[0]); k++) {
		c->sample(&msg, &info);
		msg.type = IPC_TYPE(TEST_ALLTYPES_COUNTER_IFACE_ID, ordinals[k]);
		iface_test_alltypes_counter_expect_rejected(c, "unknown ordinal", &msg, &info,
			TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_NOSYS, c->call);
	}
	c->sample(&msg, &info);
	msg.type = IPC_TYPE((TEST_ALLTYPES_COUNTER_IFACE_ID % 0x7fffu) + 1u,
		IPC_TYPE_ORDINAL(msg.type));
	iface_test_alltypes_counter_expect_rejected(c, "other interface", &msg, &info,
		TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_PROTOCOL, c->call);
	c->sample(&msg, &info);
	msg.type |= IPC_TYPE_REPLY;
	iface_test_alltypes_counter_expect_rejected(c, "reply bit", &msg, &info,
		TEST_ALLTYPES_COUNTER_METHOD_COUNT, ERR_PROTOCOL, c->call);
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

/* Every member of Shade is valid and named; a value that is none is neither. */
static void test_enum_test_alltypes_shade_names(void **state)
{
	(void)state;
	assert_true(test_alltypes_shade_valid(TEST_ALLTYPES_SHADE_DEEP));
	assert_string_equal(test_alltypes_shade_name(TEST_ALLTYPES_SHADE_DEEP), "DEEP");
	assert_true(test_alltypes_shade_valid(TEST_ALLTYPES_SHADE_DARK));
	assert_string_equal(test_alltypes_shade_name(TEST_ALLTYPES_SHADE_DARK), "DARK");
	assert_true(test_alltypes_shade_valid(TEST_ALLTYPES_SHADE_LIGHT));
	assert_string_equal(test_alltypes_shade_name(TEST_ALLTYPES_SHADE_LIGHT), "LIGHT");
	assert_false(test_alltypes_shade_valid(8));
	assert_string_equal(test_alltypes_shade_name(8), "unknown");
}

/* Every member of Wide is valid and named; a value that is none is neither. */
static void test_enum_test_alltypes_wide_names(void **state)
{
	(void)state;
	assert_true(test_alltypes_wide_valid(TEST_ALLTYPES_WIDE_LOW));
	assert_string_equal(test_alltypes_wide_name(TEST_ALLTYPES_WIDE_LOW), "LOW");
	assert_true(test_alltypes_wide_valid(TEST_ALLTYPES_WIDE_HIGH));
	assert_string_equal(test_alltypes_wide_name(TEST_ALLTYPES_WIDE_HIGH), "HIGH");
	assert_false(test_alltypes_wide_valid(0));
	assert_string_equal(test_alltypes_wide_name(0), "unknown");
}

/* Every member of Failure is valid and named; a value that is none is neither. */
static void test_enum_test_alltypes_failure_names(void **state)
{
	(void)state;
	assert_true(test_alltypes_failure_valid(TEST_ALLTYPES_FAILURE_EMPTY));
	assert_string_equal(test_alltypes_failure_name(TEST_ALLTYPES_FAILURE_EMPTY), "EMPTY");
	assert_string_equal(test_alltypes_failure_status_name(TEST_ALLTYPES_FAILURE_EMPTY),
		"EMPTY");
	assert_true(test_alltypes_failure_valid(TEST_ALLTYPES_FAILURE_FULL));
	assert_string_equal(test_alltypes_failure_name(TEST_ALLTYPES_FAILURE_FULL), "FULL");
	assert_string_equal(test_alltypes_failure_status_name(TEST_ALLTYPES_FAILURE_FULL), "FULL");
	assert_true(test_alltypes_failure_valid(TEST_ALLTYPES_FAILURE_DENIED));
	assert_string_equal(test_alltypes_failure_name(TEST_ALLTYPES_FAILURE_DENIED), "DENIED");
	assert_string_equal(test_alltypes_failure_status_name(TEST_ALLTYPES_FAILURE_DENIED),
		"DENIED");
	assert_false(test_alltypes_failure_valid(70001));
	assert_string_equal(test_alltypes_failure_name(70001), "unknown");
	assert_string_equal(test_alltypes_failure_status_name(ERR_OK), "OK");
	assert_string_equal(test_alltypes_failure_status_name(ERR_TIMEOUT), "ERR_TIMEOUT");
}

static const struct idl_test_corruption struct_test_alltypes_scalars_bad[] = {
	{ "flag not 0 or 1", 32u, 1u, 2ull },
	{ "shade out of range", 34u, 2u, 8ull },
	{ "padding at 1", 1u, 1u, 1ull },
	{ "padding at 17", 17u, 1u, 1ull },
	{ "padding at 33", 33u, 1u, 1ull },
	{ "padding at 36", 39u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

/* A sample Scalars encodes, decodes and encodes again to the same bytes; each corruption
 * of those bytes is refused. */
static void test_struct_test_alltypes_scalars_codec(void **state)
{
	struct test_alltypes_scalars v, back;
	uint8_t wire[TEST_ALLTYPES_SCALARS_WIRE_SIZE], again[TEST_ALLTYPES_SCALARS_WIRE_SIZE];
	const struct idl_test_corruption *bad;

	(void)state;
	struct_test_alltypes_scalars_sample(&v);
	assert_int_equal(test_alltypes_scalars_check(&v), ERR_OK);
	idl_zero(wire, sizeof(wire));
	test_alltypes_scalars_put(wire, &v);
	assert_int_equal(test_alltypes_scalars_get(wire, &back), ERR_OK);
	idl_zero(again, sizeof(again));
	test_alltypes_scalars_put(again, &back);
	assert_memory_equal(wire, again, sizeof(wire));
	for (bad = struct_test_alltypes_scalars_bad; bad->what != NULL; bad++) {
		uint8_t copy[sizeof(wire)];

		idl_copy(copy, wire, sizeof(wire));
		idl_test_corrupt(copy, bad);
		IDL_TEST_EXPECT("Scalars", bad->what, test_alltypes_scalars_get(copy,
			&back) == ERR_PROTOCOL);
	}
}

static const struct idl_test_corruption struct_test_alltypes_point_bad[] = {
	{ "on not 0 or 1", 4u, 1u, 2ull },
	{ "padding at 5", 5u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

/* A sample Point encodes, decodes and encodes again to the same bytes; each corruption
 * of those bytes is refused. */
static void test_struct_test_alltypes_point_codec(void **state)
{
	struct test_alltypes_point v, back;
	uint8_t wire[TEST_ALLTYPES_POINT_WIRE_SIZE], again[TEST_ALLTYPES_POINT_WIRE_SIZE];
	const struct idl_test_corruption *bad;

	(void)state;
	struct_test_alltypes_point_sample(&v);
	assert_int_equal(test_alltypes_point_check(&v), ERR_OK);
	idl_zero(wire, sizeof(wire));
	test_alltypes_point_put(wire, &v);
	assert_int_equal(test_alltypes_point_get(wire, &back), ERR_OK);
	idl_zero(again, sizeof(again));
	test_alltypes_point_put(again, &back);
	assert_memory_equal(wire, again, sizeof(wire));
	for (bad = struct_test_alltypes_point_bad; bad->what != NULL; bad++) {
		uint8_t copy[sizeof(wire)];

		idl_copy(copy, wire, sizeof(wire));
		idl_test_corrupt(copy, bad);
		IDL_TEST_EXPECT("Point", bad->what, test_alltypes_point_get(copy,
			&back) == ERR_PROTOCOL);
	}
}

static const struct idl_test_corruption struct_test_alltypes_record_bad[] = {
	{ "name unused byte", 16u, 1u, 85ull },
	{ "name length over bound", 4u, 1u, 13ull },
	{ "points[0].on not 0 or 1", 22u, 1u, 2ull },
	{ "wide out of range", 32u, 8u, 0ull },
	{ "padding at 17", 17u, 1u, 1ull },
	{ "padding at 23", 23u, 1u, 1ull },
	{ "padding at 29", 29u, 1u, 1ull },
	{ "padding at 30", 31u, 1u, 1ull },
	{ NULL, 0, 0, 0 },
};

/* A sample Record encodes, decodes and encodes again to the same bytes; each corruption
 * of those bytes is refused. */
static void test_struct_test_alltypes_record_codec(void **state)
{
	struct test_alltypes_record v, back;
	uint8_t wire[TEST_ALLTYPES_RECORD_WIRE_SIZE], again[TEST_ALLTYPES_RECORD_WIRE_SIZE];
	const struct idl_test_corruption *bad;

	(void)state;
	struct_test_alltypes_record_sample(&v);
	assert_int_equal(test_alltypes_record_check(&v), ERR_OK);
	idl_zero(wire, sizeof(wire));
	test_alltypes_record_put(wire, &v);
	assert_int_equal(test_alltypes_record_get(wire, &back), ERR_OK);
	idl_zero(again, sizeof(again));
	test_alltypes_record_put(again, &back);
	assert_memory_equal(wire, again, sizeof(wire));
	for (bad = struct_test_alltypes_record_bad; bad->what != NULL; bad++) {
		uint8_t copy[sizeof(wire)];

		idl_copy(copy, wire, sizeof(wire));
		idl_test_corrupt(copy, bad);
		IDL_TEST_EXPECT("Record", bad->what, test_alltypes_record_get(copy,
			&back) == ERR_PROTOCOL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_for_this_abi),
		cmocka_unit_test(test_enum_test_alltypes_shade_names),
		cmocka_unit_test(test_enum_test_alltypes_wide_names),
		cmocka_unit_test(test_enum_test_alltypes_failure_names),
		cmocka_unit_test(test_struct_test_alltypes_scalars_codec),
		cmocka_unit_test(test_struct_test_alltypes_point_codec),
		cmocka_unit_test(test_struct_test_alltypes_record_codec),
		cmocka_unit_test(test_iface_test_alltypes_everything_valid),
		cmocka_unit_test(test_iface_test_alltypes_everything_bad_length),
		cmocka_unit_test(test_iface_test_alltypes_everything_bad_fields),
		cmocka_unit_test(test_iface_test_alltypes_everything_bad_caller),
		cmocka_unit_test(test_iface_test_alltypes_everything_bad_caps),
		cmocka_unit_test(test_iface_test_alltypes_everything_unknown),
		cmocka_unit_test(test_iface_test_alltypes_counter_valid),
		cmocka_unit_test(test_iface_test_alltypes_counter_bad_length),
		cmocka_unit_test(test_iface_test_alltypes_counter_bad_fields),
		cmocka_unit_test(test_iface_test_alltypes_counter_bad_caller),
		cmocka_unit_test(test_iface_test_alltypes_counter_bad_caps),
		cmocka_unit_test(test_iface_test_alltypes_counter_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
