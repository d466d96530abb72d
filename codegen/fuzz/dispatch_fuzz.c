/*
 * libFuzzer target for the generated server decode path (codegen/testdata/alltypes.idl):
 * arbitrary type, flags, caller rights, capability slots, length and data go through
 * dispatch. Aborts if a rejected request leaks a capability or reaches a handler, if an error
 * reply is malformed, or if an accepted request does not re-encode to exactly its input bytes
 * (the wire format is canonical: one value, one encoding).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/alltypes_codec.h"
#include "codegen/alltypes_server.h"
#include "fake_transport.h"

#define HEADER_BYTES 8u

static int handler_calls;

static int32_t h_scalars(void *ctx, const struct idl_caller *c,
			 const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out)
{
	(void)ctx;
	(void)c;
	*out = *in;
	handler_calls++;
	return ERR_OK;
}

static int32_t h_strings(void *ctx, const struct idl_caller *c,
			 const struct test_alltypes_name_max_string *n,
			 const struct test_alltypes_blob_max_bytes *b,
			 struct test_alltypes_name_max_string *rn, struct test_alltypes_blob_max_bytes *rb)
{
	(void)ctx;
	(void)c;
	*rn = *n;
	*rb = *b;
	handler_calls++;
	return ERR_OK;
}

static int32_t h_arrays(void *ctx, const struct idl_caller *c, const uint16_t nums[5],
			const struct test_alltypes_record recs[2], const struct idl_string_3 tags[2],
			const int8_t grid[2][3], int64_t *sum)
{
	(void)ctx;
	(void)c;
	(void)recs;
	(void)tags;
	*sum = nums[0] + grid[1][2];
	handler_calls++;
	return ERR_OK;
}

static int32_t h_swap(void *ctx, const struct idl_caller *c, cap_t mem, cap_t irq, uint8_t tag,
		      cap_t *chan, uint8_t *tag_out)
{
	(void)ctx;
	(void)c;
	(void)irq;
	*chan = mem;
	*tag_out = tag;
	handler_calls++;
	return tag & 1u ? TEST_ALLTYPES_FAILURE_FULL : ERR_OK;
}

static void h_notify(void *ctx, const struct idl_caller *c, int16_t s, uint64_t w, bool f)
{
	(void)ctx;
	(void)c;
	(void)s;
	(void)w;
	(void)f;
	handler_calls++;
}

static int32_t h_poke(void *ctx, const struct idl_caller *c)
{
	(void)ctx;
	(void)c;
	handler_calls++;
	return ERR_OK;
}

static const struct test_alltypes_everything_handlers handlers = {
	h_scalars, h_strings, h_arrays, h_swap, h_notify, h_poke,
};

/* Decodes with the codec and re-encodes; returns false if an accepted request is not canonical. */
#define CANONICAL(method)                                                                   \
	do {                                                                                 \
		struct test_alltypes_everything_##method##_req req;                          \
		struct ipc_message again;                                                    \
		if (test_alltypes_everything_##method##_decode_req(msg, info, &req) != ERR_OK) \
			return true;                                                         \
		test_alltypes_everything_##method##_encode_req(&req, &again);                \
		return again.length == msg->length &&                                        \
		       memcmp(again.data, msg->data, msg->length) == 0 &&                    \
		       memcmp(again.caps, msg->caps, sizeof(again.caps)) == 0;               \
	} while (0)

static bool canonical(const struct ipc_message *msg, const struct ipc_recv_info *info)
{
	switch (IPC_TYPE_ORDINAL(msg->type)) {
	case 1: CANONICAL(scalars);
	case 2: CANONICAL(strings);
	case 3: CANONICAL(arrays);
	case 5: CANONICAL(swap);
	case 7: CANONICAL(notify);
	case 8: CANONICAL(poke);
	default: return true;
	}
}

/* Input: ordinal, iface-flip+flags, caller rights, 4 cap slot bytes, length, then data. */
static void build(const uint8_t *in, size_t size, struct ipc_message *msg,
		  struct ipc_recv_info *info)
{
	uint32_t iface = in[1] & 0x80u ? 0x102u : TEST_ALLTYPES_EVERYTHING_IFACE_ID;

	memset(info, 0, sizeof(*info));
	memset(msg, 0, sizeof(*msg));
	msg->type = IPC_TYPE(iface, in[0] & 0x0fu) | (in[1] & 0x40u ? IPC_TYPE_REPLY : 0);
	info->flags = in[1] & 1u ? IPC_RECV_CALL : 0;
	info->rights = in[2] & CAP_RIGHTS_ALL;
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++) {
		uint8_t slot = in[3 + i];

		msg->caps[i] = CAP_NULL;
		if (!(slot & 0x80u))
			continue;
		msg->caps[i] = fake_cap_new(slot & 7u, (slot >> 3) & CAP_RIGHTS_ALL);
		info->cap_type[i] = slot & 7u;
		info->cap_rights[i] = (slot >> 3) & CAP_RIGHTS_ALL;
	}
	msg->length = in[7] == 0xff ? 0xffffffffu : (uint32_t)(size - HEADER_BYTES);
	memcpy(msg->data, in + HEADER_BYTES, size - HEADER_BYTES);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct test_alltypes_everything_server srv;
	struct ipc_message msg, probe;
	struct ipc_recv_info info;
	cap_t sent[IPC_MAX_CAPS];
	bool replied;

	if (size < HEADER_BYTES || size > HEADER_BYTES + IPC_DATA_BYTES)
		return 0;
	fake_reset();
	build(in, size, &msg, &info);
	probe = msg;
	if (msg.length <= IPC_DATA_BYTES && !canonical(&probe, &info))
		abort();
	memcpy(sent, msg.caps, sizeof(sent));
	test_alltypes_everything_server_init(&srv, CAP_NULL, &handlers, NULL);
	handler_calls = 0;
	replied = test_alltypes_everything_dispatch(&srv, &msg, &info);
	if (handler_calls > 1 || fake_bad_deletes() != 0)
		abort();
	if (handler_calls == 1)
		return 0;
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++) {
		if (sent[i] != CAP_NULL && fake_cap_delete_count(sent[i]) != 1)
			abort(); /* a rejected request must release every capability, once */
	}
	if (replied && (msg.length != IDL_STATUS_BYTES || idl_get_i32(msg.data) >= 0))
		abort();
	if (srv.rejected_unknown + srv.errors[0] + srv.errors[1] + srv.errors[2] + srv.errors[3] +
	    srv.errors[4] + srv.errors[5] != 1)
		abort(); /* exactly one error counted */
	return 0;
}
