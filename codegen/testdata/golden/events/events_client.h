/* Generated from codegen/testdata/events.idl by codegen; edit the IDL, not this file. */
/*
 * Clients of library test.events: per interface a typed handle, one function per
 * method and the receiving end of its events. Each call checks its arguments, sends with the
 * handle's timeout, validates the reply and returns ERR_OK, a negative ERR_* (transport,
 * kernel or validation) or the method's positive declared error.
 */
#ifndef TEST_EVENTS_EVENTS_CLIENT_H
#define TEST_EVENTS_EVENTS_CLIENT_H

#include "events_types.h"

/*
 * A client of interface Sensor: a server's endpoint capability and the deadline of every
 * call in microseconds (IPC_WAIT_FOREVER: none). For example
 * `struct test_events_sensor_client c = { .ep = ep, .timeout_us = 100000 };`
 */
struct test_events_sensor_client {
	cap_t ep;
	uint64_t timeout_us;
};

/*
 * Hands over the channel events are sent on; replaces an earlier subscription.
 * events: The sending end of the client's channel.
 */
int32_t test_events_sensor_subscribe(const struct test_events_sensor_client *idl_client,
	cap_t events);

/* Makes the server send `count` readings (a test hook). */
int32_t test_events_sensor_poke(const struct test_events_sensor_client *idl_client, uint8_t count,
	uint8_t *sent, uint8_t *dropped);

/*
 * Handlers of interface Sensor's events. Each gets the receiver's ctx, the badge and
 * rights of the sender's channel capability (from the kernel) and the event's values,
 * already validated; capability values belong to the handler. A NULL entry drops that event
 * after validation and releases its capabilities.
 */
struct test_events_sensor_event_handlers {
	/* A new reading. */
	void (*reading)(void *idl_ctx, const struct idl_caller *idl_from,
		const struct test_events_reading *r);
	/* An alarm: a label and a memory capability holding the details. */
	void (*alarm)(void *idl_ctx, const struct idl_caller *idl_from,
		const struct test_events_label_max_string *label, cap_t details);
	/* A heartbeat without values. */
	void (*tick)(void *idl_ctx, const struct idl_caller *idl_from);
};

/* The receiving end of interface Sensor's events: a channel capability with READ. */
struct test_events_sensor_events {
	const struct test_events_sensor_event_handlers *handlers;
	void *ctx;
	cap_t channel;
	uint32_t errors[TEST_EVENTS_SENSOR_EVENT_COUNT]; /* rejected events per event,
		by *_EVENT_INDEX */
	uint32_t rejected_unknown;       /* not an event of Sensor */
};

void test_events_sensor_events_init(struct test_events_sensor_events *ev, cap_t channel,
	const struct test_events_sensor_event_handlers *handlers, void *ctx);

/*
 * Validates one message received on the channel as completely as a server validates requests
 * and runs its handler. Returns ERR_OK for a valid event (handled, or dropped by a NULL
 * handler), else why it was rejected (ERR_PROTOCOL, ERR_NOSYS, ERR_BAD_CAP, ERR_RIGHTS): its
 * capabilities are then released and the rejection counted in ev.
 */
int32_t test_events_sensor_events_dispatch(struct test_events_sensor_events *ev,
	struct ipc_message *msg, const struct ipc_recv_info *info);

/* Waits up to timeout_us for one message on the channel and dispatches it; returns the receive
 * error (ERR_TIMEOUT...) or the dispatch result. */
int32_t test_events_sensor_events_recv(struct test_events_sensor_events *ev, uint64_t timeout_us);

#endif /* TEST_EVENTS_EVENTS_CLIENT_H */
