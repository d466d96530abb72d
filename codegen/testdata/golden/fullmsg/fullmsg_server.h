/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Server side of library test.fullmsg: fill in a handler table, then run the dispatch
 * loop. Dispatch validates every request completely before a handler runs; a rejected request
 * gets an error reply, its capabilities are released and the method's error counter grows.
 * Events go to subscribers without ever blocking the server.
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
	int32_t (*exact)(void *idl_ctx, const struct idl_caller *idl_caller,
		const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252]);
	/* Four capabilities, the most a message carries. */
	int32_t (*four)(void *idl_ctx, const struct idl_caller *idl_caller, cap_t a, cap_t b,
		cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d);
	/* A 255-byte string: the largest bound. */
	int32_t (*longest)(void *idl_ctx, const struct idl_caller *idl_caller,
		const struct idl_string_255 *text, uint8_t *len);
};

struct test_fullmsg_full_server {
	const struct test_fullmsg_full_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_FULLMSG_FULL_METHOD_COUNT]; /* rejected requests per method,
		by *_INDEX */
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

/* The same for callers that hold the server as void * (e.g. fake_endpoint_new in tests). */
bool test_fullmsg_full_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_fullmsg_full_serve(struct test_fullmsg_full_server *srv);

/*
 * A subscriber to interface Full's events: the channel its client handed over (a
 * capability with WRITE) and what happened to the events sent on it.
 */
struct test_fullmsg_full_subscriber {
	cap_t channel;
	struct idl_send_stats stats;
};

void test_fullmsg_full_subscriber_init(struct test_fullmsg_full_subscriber *sub, cap_t channel);

/*
 * An event of exactly 256 bytes and 4 capabilities.
 * Sends this event without ever waiting. Returns ERR_OK; ERR_BUSY if the channel is full (counted
 * in stats.dropped); or why it failed (counted in stats.failed): an argument check (ERR_OVERFLOW,
 * ERR_INVALID, ERR_BAD_CAP) or the kernel's error (ERR_PEER_DIED when the client is gone).
 * Capabilities of an event that was not sent are still the caller's.
 */
int32_t test_fullmsg_full_send_full(struct test_fullmsg_full_subscriber *idl_sub,
	const struct idl_bytes_254 *blob, uint8_t last, cap_t a, cap_t b, cap_t c, cap_t d);

#endif /* TEST_FULLMSG_FULLMSG_SERVER_H */
