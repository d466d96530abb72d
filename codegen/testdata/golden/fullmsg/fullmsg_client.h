/* Generated from codegen/testdata/fullmsg.idl by codegen; edit the IDL, not this file. */
/*
 * Clients of library test.fullmsg: per interface a typed handle, one function per
 * method and the receiving end of its events. Each call checks its arguments, sends with the
 * handle's timeout, validates the reply and returns ERR_OK, a negative ERR_* (transport,
 * kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_FULLMSG_FULLMSG_CLIENT_H
#define TEST_FULLMSG_FULLMSG_CLIENT_H

#include "fullmsg_types.h"

/*
 * A client of interface Full: a server's endpoint capability and the deadline of every
 * call in microseconds (IPC_WAIT_FOREVER: none). For example
 * `struct test_fullmsg_full_client c = { .ep = ep, .timeout_us = 100000 };`
 */
struct test_fullmsg_full_client {
	cap_t ep;
	uint64_t timeout_us;
};

/* 1 + 254 + 1 = 256 bytes: exactly a full message. */
int32_t test_fullmsg_full_exact(const struct test_fullmsg_full_client *idl_client,
	const struct idl_bytes_254 *blob, uint8_t last, uint8_t status_copy[252]);

/* Four capabilities, the most a message carries. */
int32_t test_fullmsg_full_four(const struct test_fullmsg_full_client *idl_client, cap_t a, cap_t b,
	cap_t c, cap_t d, cap_t *out_a, cap_t *out_b, cap_t *out_c, cap_t *out_d);

/* A 255-byte string: the largest bound. */
int32_t test_fullmsg_full_longest(const struct test_fullmsg_full_client *idl_client,
	const struct idl_string_255 *text, uint8_t *len);

/*
 * Handlers of interface Full's events. Each gets the receiver's ctx, the badge and
 * rights of the sender's channel capability (from the kernel) and the event's values,
 * already validated; capability values belong to the handler. A NULL entry drops that event
 * after validation and releases its capabilities.
 */
struct test_fullmsg_full_event_handlers {
	/* An event of exactly 256 bytes and 4 capabilities. */
	void (*full)(void *idl_ctx, const struct idl_caller *idl_from,
		const struct idl_bytes_254 *blob, uint8_t last, cap_t a, cap_t b, cap_t c, cap_t d);
};

/* The receiving end of interface Full's events: a channel capability with READ. */
struct test_fullmsg_full_events {
	const struct test_fullmsg_full_event_handlers *handlers;
	void *ctx;
	cap_t channel;
	uint32_t errors[TEST_FULLMSG_FULL_EVENT_COUNT]; /* rejected events per event,
		by *_EVENT_INDEX */
	uint32_t rejected_unknown;       /* not an event of Full */
};

void test_fullmsg_full_events_init(struct test_fullmsg_full_events *ev, cap_t channel,
	const struct test_fullmsg_full_event_handlers *handlers, void *ctx);

/*
 * Validates one message received on the channel as completely as a server validates requests
 * and runs its handler. Returns ERR_OK for a valid event (handled, or dropped by a NULL
 * handler), else why it was rejected (ERR_PROTOCOL, ERR_NOSYS, ERR_BAD_CAP, ERR_RIGHTS): its
 * capabilities are then released and the rejection counted in ev.
 */
int32_t test_fullmsg_full_events_dispatch(struct test_fullmsg_full_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info);

/* Waits up to timeout_us for one message on the channel and dispatches it; returns the receive
 * error (ERR_TIMEOUT...) or the dispatch result. */
int32_t test_fullmsg_full_events_recv(struct test_fullmsg_full_events *ev, uint64_t timeout_us);

#endif /* TEST_FULLMSG_FULLMSG_CLIENT_H */
