/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/*
 * Server side of library test.events: fill in a handler table, then run the dispatch
 * loop. Dispatch validates every request completely before a handler runs; a rejected request
 * gets an error reply, its capabilities are released and the method's error counter grows.
 * Events go to subscribers without ever blocking the server.
 */
#ifndef TEST_EVENTS_EVENTS_SERVER_H
#define TEST_EVENTS_EVENTS_SERVER_H

#include "events_types.h"

/*
 * Handlers of interface Sensor. Each gets the server's ctx and the caller's badge and
 * rights from the kernel. Capability arguments belong to the handler (already reduced to the
 * declared rights). Two-way handlers return ERR_OK (results are sent), a declared positive
 * error or a negative ERR_*; results are checked like client arguments before they are sent.
 * A NULL entry answers ERR_NOSYS.
 */
struct test_events_sensor_handlers {
	/*
	 * Hands over the channel events are sent on; replaces an earlier subscription.
	 * events: The sending end of the client's channel.
	 */
	int32_t (*subscribe)(void *idl_ctx, const struct idl_caller *idl_caller, cap_t events);
	/* Makes the server send `count` readings (a test hook). */
	int32_t (*poke)(void *idl_ctx, const struct idl_caller *idl_caller, uint8_t count,
		uint8_t *sent, uint8_t *dropped);
};

struct test_events_sensor_server {
	const struct test_events_sensor_handlers *handlers;
	void *ctx;
	cap_t endpoint;
	uint32_t errors[TEST_EVENTS_SENSOR_METHOD_COUNT]; /* rejected requests per method,
		by *_INDEX */
	uint32_t rejected_unknown;          /* wrong interface, reply bit or unknown ordinal */
};

void test_events_sensor_server_init(struct test_events_sensor_server *srv, cap_t endpoint,
	const struct test_events_sensor_handlers *handlers, void *ctx);

/*
 * Handles one received message in place: validates it, runs the handler and turns msg into
 * the reply. Returns true if msg now holds a reply to send (the request was a call).
 */
bool test_events_sensor_dispatch(struct test_events_sensor_server *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* The same for callers that hold the server as void * (e.g. fake_endpoint_new in tests). */
bool test_events_sensor_dispatch_untyped(void *srv, struct ipc_message *msg,
	const struct ipc_recv_info *info);

/* Receives and dispatches forever; returns the receive error that stopped it. */
int32_t test_events_sensor_serve(struct test_events_sensor_server *srv);

/*
 * A subscriber to interface Sensor's events: the channel its client handed over (a
 * capability with WRITE) and what happened to the events sent on it.
 */
struct test_events_sensor_subscriber {
	cap_t channel;
	struct idl_send_stats stats;
};

void test_events_sensor_subscriber_init(struct test_events_sensor_subscriber *sub, cap_t channel);

/*
 * A new reading.
 * Sends this event without ever waiting. Returns ERR_OK; ERR_BUSY if the channel is full (counted
 * in stats.dropped); or why it failed (counted in stats.failed): an argument check (ERR_OVERFLOW,
 * ERR_INVALID, ERR_BAD_CAP) or the kernel's error (ERR_PEER_DIED when the client is gone).
 * Capabilities of an event that was not sent are still the caller's.
 */
int32_t test_events_sensor_send_reading(struct test_events_sensor_subscriber *idl_sub,
	const struct test_events_reading *r);

/*
 * An alarm: a label and a memory capability holding the details.
 * Sends this event without ever waiting. Returns ERR_OK; ERR_BUSY if the channel is full (counted
 * in stats.dropped); or why it failed (counted in stats.failed): an argument check (ERR_OVERFLOW,
 * ERR_INVALID, ERR_BAD_CAP) or the kernel's error (ERR_PEER_DIED when the client is gone).
 * Capabilities of an event that was not sent are still the caller's.
 */
int32_t test_events_sensor_send_alarm(struct test_events_sensor_subscriber *idl_sub,
	const struct test_events_label_max_string *label, cap_t details);

/*
 * A heartbeat without values.
 * Sends this event without ever waiting. Returns ERR_OK; ERR_BUSY if the channel is full (counted
 * in stats.dropped); or why it failed (counted in stats.failed): an argument check (ERR_OVERFLOW,
 * ERR_INVALID, ERR_BAD_CAP) or the kernel's error (ERR_PEER_DIED when the client is gone).
 * Capabilities of an event that was not sent are still the caller's.
 */
int32_t test_events_sensor_send_tick(struct test_events_sensor_subscriber *idl_sub);

#endif /* TEST_EVENTS_EVENTS_SERVER_H */
