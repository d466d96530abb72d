/* Generated from codegen/testdata/alltypes.idl by codegen; edit the IDL, not this file. */
/*
 * Server side of library test.alltypes: fill in a handler table, then run the dispatch
 * loop. Dispatch validates every request completely before a handler runs; a rejected request
 * gets an error reply, its capabilities are released and the method's error counter grows.
 * Events go to subscribers without ever blocking the server.
 */
#ifndef TEST_ALLTYPES_ALLTYPES_SERVER_H
#define TEST_ALLTYPES_ALLTYPES_SERVER_H

#include "alltypes_types.h"

/*
 * Handlers of interface Everything. Each gets the server's ctx and the caller's badge and
 * rights from the kernel. Capability arguments belong to the handler (already reduced to the
 * declared rights). Two-way handlers return ERR_OK (results are sent), a declared positive
 * error or a negative ERR_*; results are checked like client arguments before they are sent.
 * A NULL entry answers ERR_NOSYS.
 */
struct test_alltypes_everything_handlers {
	/* Echoes every scalar. */
	int32_t (*scalars)(void *idl_ctx, const struct idl_caller *idl_caller,
		const struct test_alltypes_scalars *in, struct test_alltypes_scalars *out);
	/* Strings and bytes up to their bounds; the reply reverses them. */
	int32_t (*strings)(void *idl_ctx, const struct idl_caller *idl_caller,
		const struct test_alltypes_name_max_string *name,
		const struct test_alltypes_blob_max_bytes *blob,
		struct test_alltypes_name_max_string *rev_name,
		struct test_alltypes_blob_max_bytes *rev_blob);
	/* Arrays: fixed numbers of scalars, structs, strings and arrays. */
	int32_t (*arrays)(void *idl_ctx, const struct idl_caller *idl_caller,
		const uint16_t nums[5], const struct test_alltypes_record recs[2],
		const struct idl_string_3 tags[2], const int8_t grid[2][3], int64_t *sum);
	/* Takes two capabilities and hands back one with fewer rights. */
	int32_t (*swap)(void *idl_ctx, const struct idl_caller *idl_caller, cap_t mem, cap_t irq,
		uint8_t tag, cap_t *chan, uint8_t *tag_out);
	/* Fire and forget. */
	void (*notify)(void *idl_ctx, const struct idl_caller *idl_caller, int16_t shade,
		uint64_t wide, bool flag);
	/* Nothing in, nothing out, but may fail. */
	int32_t (*poke)(void *idl_ctx, const struct idl_caller *idl_caller);
};

struct test_alltypes_everything_server {
	const struct test_alltypes_everything_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_ALLTYPES_EVERYTHING_METHOD_COUNT]; /* rejected requests per method,
		by *_INDEX */
	uint32_t rejected_unknown;          /* wrong interface, reply bit or unknown ordinal */
};

void test_alltypes_everything_server_init(struct test_alltypes_everything_server *srv,
	cap_t endpoint, const struct test_alltypes_everything_handlers *handlers, void *ctx);

/*
 * Handles one received message in place: validates it, runs the handler and turns msg into
 * the reply. Returns true if msg now holds a reply to send (the request was a call).
 */
bool test_alltypes_everything_dispatch(struct test_alltypes_everything_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info);

/* The same for callers that hold the server as void * (e.g. fake_endpoint_new in tests). */
bool test_alltypes_everything_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_alltypes_everything_serve(struct test_alltypes_everything_server *srv);

/*
 * Handlers of interface Counter. Each gets the server's ctx and the caller's badge and
 * rights from the kernel. Capability arguments belong to the handler (already reduced to the
 * declared rights). Two-way handlers return ERR_OK (results are sent), a declared positive
 * error or a negative ERR_*; results are checked like client arguments before they are sent.
 * A NULL entry answers ERR_NOSYS.
 */
struct test_alltypes_counter_handlers {
	/* Adds to the counter and returns the new value. */
	int32_t (*add)(void *idl_ctx, const struct idl_caller *idl_caller, int32_t delta,
		int64_t *value);
	void (*reset)(void *idl_ctx, const struct idl_caller *idl_caller);
};

struct test_alltypes_counter_server {
	const struct test_alltypes_counter_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_ALLTYPES_COUNTER_METHOD_COUNT]; /* rejected requests per method,
		by *_INDEX */
	uint32_t rejected_unknown;          /* wrong interface, reply bit or unknown ordinal */
};

void test_alltypes_counter_server_init(struct test_alltypes_counter_server *srv, cap_t endpoint,
	const struct test_alltypes_counter_handlers *handlers, void *ctx);

/*
 * Handles one received message in place: validates it, runs the handler and turns msg into
 * the reply. Returns true if msg now holds a reply to send (the request was a call).
 */
bool test_alltypes_counter_dispatch(struct test_alltypes_counter_server *srv,
	struct ipc_message *msg, const struct ipc_recv_info *info);

/* The same for callers that hold the server as void * (e.g. fake_endpoint_new in tests). */
bool test_alltypes_counter_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_alltypes_counter_serve(struct test_alltypes_counter_server *srv);

#endif /* TEST_ALLTYPES_ALLTYPES_SERVER_H */
