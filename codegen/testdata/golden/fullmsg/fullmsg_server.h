/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Server side of library test.fullmsg: fill in a handler table, then run the dispatch
 * loop. Dispatch validates every request completely before a handler runs; a rejected request
 * gets an error reply, its capabilities are released and the method's error counter grows.
 */
#ifndef TEST_FULLMSG_FULLMSG_SERVER_H
#define TEST_FULLMSG_FULLMSG_SERVER_H

#include "fullmsg_types.h"

/*
 * Handlers of interface Full. Each gets the server's ctx and the caller's badge and
 * rights from the kernel. Capability arguments belong to the handler (already reduced to the
 * declared rights). Two-way handlers return ERR_OK (results are sent), a declared positive
 * error or a negative ERR_*; results are checked like client arguments before they are sent.
 * A NULL entry answers ERR_NOSYS.
 */
struct test_fullmsg_full_handlers {
	/* 1 + 254 + 1 = 256 bytes: exactly a full message. */
	int32_t (*exact)(void *ctx, const struct idl_caller *caller, const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252]);
	/* Four capabilities, the most a message carries. */
	int32_t (*four)(void *ctx, const struct idl_caller *caller, cap_t a, cap_t b, cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d);
	/* A 255-byte string: the largest bound. */
	int32_t (*longest)(void *ctx, const struct idl_caller *caller, const struct idl_string_255 *text, uint8_t *len);
};

struct test_fullmsg_full_server {
	const struct test_fullmsg_full_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_FULLMSG_FULL_METHOD_COUNT]; /* rejected requests per method, by *_INDEX */
	uint32_t rejected_unknown;          /* wrong interface, reply bit or unknown ordinal */
};

void test_fullmsg_full_server_init(struct test_fullmsg_full_server *srv, cap_t endpoint,
	const struct test_fullmsg_full_handlers *handlers, void *ctx);

/*
 * Handles one received message in place: validates it, runs the handler and turns msg into
 * the reply. Returns true if msg now holds a reply to send (the request was a call).
 */
bool test_fullmsg_full_dispatch(struct test_fullmsg_full_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_fullmsg_full_serve(struct test_fullmsg_full_server *srv);

#endif /* TEST_FULLMSG_FULLMSG_SERVER_H */
