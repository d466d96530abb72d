/* Generated from codegen/testdata/minimal.idl by codegen; edit the IDL, not this file. */
/*
 * Server side of library test.minimal: fill in a handler table, then run the dispatch
 * loop. Dispatch validates every request completely before a handler runs; a rejected request
 * gets an error reply, its capabilities are released and the method's error counter grows.
 * Events go to subscribers without ever blocking the server.
 */
#ifndef TEST_MINIMAL_MINIMAL_SERVER_H
#define TEST_MINIMAL_MINIMAL_SERVER_H

#include "minimal_types.h"

/*
 * Handlers of interface Minimal. Each gets the server's ctx and the caller's badge and
 * rights from the kernel. Capability arguments belong to the handler (already reduced to the
 * declared rights). Two-way handlers return ERR_OK (results are sent), a declared positive
 * error or a negative ERR_*; results are checked like client arguments before they are sent.
 * A NULL entry answers ERR_NOSYS.
 */
struct test_minimal_handlers {
	int32_t (*ping)(void *idl_ctx, const struct idl_caller *idl_caller);
};

struct test_minimal_server {
	const struct test_minimal_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_MINIMAL_METHOD_COUNT]; /* rejected requests per method, by *_INDEX */
	uint32_t rejected_unknown;          /* wrong interface, reply bit or unknown ordinal */
};

void test_minimal_server_init(struct test_minimal_server *srv, cap_t endpoint,
	const struct test_minimal_handlers *handlers, void *ctx);

/*
 * Handles one received message in place: validates it, runs the handler and turns msg into
 * the reply. Returns true if msg now holds a reply to send (the request was a call).
 */
bool test_minimal_dispatch(struct test_minimal_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* The same for callers that hold the server as void * (e.g. fake_endpoint_new in tests). */
bool test_minimal_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_minimal_serve(struct test_minimal_server *srv);

#endif /* TEST_MINIMAL_MINIMAL_SERVER_H */
