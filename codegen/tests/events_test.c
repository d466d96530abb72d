/*
 * Events end to end for codegen/testdata/events.idl, through the fake transport: a client
 * subscribes with the sending end of its channel, the server sends events without ever
 * blocking (a full channel is counted and reported, a dead subscriber too), and the client's
 * generated receiver validates each event as strictly as a server validates requests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "codegen/events_client.h"
#include "codegen/events_server.h"
#include "fake_transport.h"

#define TIMEOUT 1000u

/* The server: one subscriber; poke sends `count` readings and says what happened to them. */
static struct {
	struct test_events_sensor_subscriber sub;
	bool subscribed;
} sensor;

static int32_t h_subscribe(void *ctx, const struct idl_caller *caller, cap_t events)
{
	(void)ctx;
	(void)caller;
	if (sensor.subscribed)
		(void)cap_delete(sensor.sub.channel);
	test_events_sensor_subscriber_init(&sensor.sub, events);
	sensor.subscribed = true;
	return ERR_OK;
}

static int32_t h_poke(void *ctx, const struct idl_caller *caller, uint8_t count, uint8_t *sent,
		      uint8_t *dropped)
{
	(void)ctx;
	(void)caller;
	*sent = *dropped = 0;
	for (uint8_t k = 0; k < count; k++) {
		struct test_events_reading r = { .sensor = k, .value = -1000 * k,
						 .level = TEST_EVENTS_LEVEL_HIGH };
		int32_t rc = test_events_sensor_send_reading(&sensor.sub, &r);

		if (rc == ERR_OK)
			(*sent)++;
		else if (rc == ERR_BUSY)
			(*dropped)++;
	}
	return ERR_OK;
}

static const struct test_events_sensor_handlers handlers = {
	.subscribe = h_subscribe,
	.poke = h_poke,
};

/* The client: what its event handlers saw. */
static struct {
	int readings, alarms, ticks;
	struct test_events_reading last;
	uint64_t badge;
	cap_t details;
	uint32_t details_rights;
	struct test_events_label_max_string label;
} seen;

static void on_reading(void *ctx, const struct idl_caller *from, const struct test_events_reading *r)
{
	(void)ctx;
	seen.readings++;
	seen.last = *r;
	seen.badge = from->badge;
}

static void on_alarm(void *ctx, const struct idl_caller *from,
		     const struct test_events_label_max_string *label, cap_t details)
{
	(void)ctx;
	(void)from;
	seen.alarms++;
	seen.label = *label;
	seen.details = details;
	seen.details_rights = fake_cap_rights(details);
}

static void on_tick(void *ctx, const struct idl_caller *from)
{
	(void)ctx;
	(void)from;
	seen.ticks++;
}

static const struct test_events_sensor_event_handlers event_handlers = {
	.reading = on_reading,
	.alarm = on_alarm,
	.tick = on_tick,
};

static struct test_events_sensor_server server;
static struct test_events_sensor_client client;
static struct test_events_sensor_events events;
static cap_t send_end, recv_end;

/* A fresh world: the server, a client of it, and a subscribed channel of `capacity`. */
static void setup(uint32_t capacity)
{
	fake_reset();
	memset(&sensor, 0, sizeof(sensor));
	memset(&seen, 0, sizeof(seen));
	test_events_sensor_server_init(&server, CAP_NULL, &handlers, NULL);
	client.ep = fake_endpoint_new(test_events_sensor_dispatch_untyped, &server, 7,
				      CAP_RIGHTS_ALL);
	client.timeout_us = TIMEOUT;
	fake_channel_new(capacity, 0x5e45u, &send_end, &recv_end);
	test_events_sensor_events_init(&events, recv_end, &event_handlers, NULL);
	assert_int_equal(test_events_sensor_subscribe(&client, send_end), ERR_OK);
	assert_true(sensor.subscribed);
	/* The handler got the channel reduced to the declared rights. */
	assert_int_equal(fake_cap_rights(sensor.sub.channel), CAP_RIGHT_WRITE);
}

static void test_events_arrive_in_order(void **state)
{
	uint8_t sent, dropped;

	(void)state;
	setup(8);
	assert_int_equal(test_events_sensor_poke(&client, 3, &sent, &dropped), ERR_OK);
	assert_int_equal(sent, 3);
	assert_int_equal(dropped, 0);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_OK);
		assert_int_equal(seen.last.sensor, k);
		assert_int_equal(seen.last.value, -1000 * k);
		assert_int_equal(seen.last.level, TEST_EVENTS_LEVEL_HIGH);
	}
	assert_int_equal(seen.readings, 3);
	assert_true(seen.badge == 0x5e45u);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_TIMEOUT);
	assert_int_equal(sensor.sub.stats.sent, 3);
}

/* A full channel never stalls the server: the events that do not fit are counted as dropped. */
static void test_full_channel_is_counted_not_waited_for(void **state)
{
	uint8_t sent, dropped;

	(void)state;
	setup(2);
	assert_int_equal(test_events_sensor_poke(&client, 5, &sent, &dropped), ERR_OK);
	assert_int_equal(sent, 2);
	assert_int_equal(dropped, 3);
	assert_int_equal(sensor.sub.stats.sent, 2);
	assert_int_equal(sensor.sub.stats.dropped, 3);
	assert_int_equal(sensor.sub.stats.failed, 0);
	assert_int_equal(fake_channel_pending(recv_end), 2);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_OK);
	assert_int_equal(test_events_sensor_poke(&client, 1, &sent, &dropped), ERR_OK);
	assert_int_equal(sent, 1);
}

/* Once the client's end is gone, sends fail with ERR_PEER_DIED and count as failed. */
static void test_dead_subscriber_is_reported(void **state)
{
	struct test_events_reading r = { .level = TEST_EVENTS_LEVEL_LOW };

	(void)state;
	setup(4);
	assert_int_equal(cap_delete(recv_end), ERR_OK);
	assert_int_equal(test_events_sensor_send_reading(&sensor.sub, &r), ERR_PEER_DIED);
	assert_int_equal(sensor.sub.stats.failed, 1);
	assert_int_equal(sensor.sub.stats.sent, 0);
}

/* The sender checks its arguments like a client stub: nothing over-long or invalid is sent. */
static void test_sender_checks_arguments(void **state)
{
	struct test_events_reading bad = { .level = 3 };
	struct test_events_label_max_string label = { .len = TEST_EVENTS_LABEL_MAX + 1 };

	(void)state;
	setup(4);
	assert_int_equal(test_events_sensor_send_reading(&sensor.sub, &bad), ERR_INVALID);
	assert_int_equal(test_events_sensor_send_alarm(&sensor.sub, &label,
						       fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHT_READ)),
			 ERR_OVERFLOW);
	label.len = 1;
	assert_int_equal(test_events_sensor_send_alarm(&sensor.sub, &label, CAP_NULL),
			 ERR_BAD_CAP);
	assert_int_equal(sensor.sub.stats.failed, 3);
	assert_int_equal(fake_channel_pending(recv_end), 0);
}

/* Capabilities travel with events and arrive reduced to the declared rights. */
static void test_event_with_capability(void **state)
{
	struct test_events_label_max_string label;
	cap_t mem;

	(void)state;
	setup(4);
	mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	assert_int_equal(IDL_STRING_SET(label, "overheat"), ERR_OK);
	assert_int_equal(test_events_sensor_send_alarm(&sensor.sub, &label, mem), ERR_OK);
	assert_int_equal(test_events_sensor_send_tick(&sensor.sub), ERR_OK);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_OK);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_OK);
	assert_int_equal(seen.alarms, 1);
	assert_int_equal(seen.ticks, 1);
	assert_int_equal(seen.label.len, 8);
	assert_memory_equal(seen.label.data, "overheat", 8);
	assert_int_equal(seen.details, mem);
	assert_int_equal(seen.details_rights, CAP_RIGHT_READ);
}

/* A client without a handler for an event drops it after validation and releases its caps. */
static void test_unhandled_event_is_dropped(void **state)
{
	static const struct test_events_sensor_event_handlers only_ticks = { .tick = on_tick };
	struct test_events_label_max_string label = { .len = 0 };
	cap_t mem;

	(void)state;
	setup(4);
	test_events_sensor_events_init(&events, recv_end, &only_ticks, NULL);
	mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHT_READ);
	assert_int_equal(test_events_sensor_send_alarm(&sensor.sub, &label, mem), ERR_OK);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_OK);
	assert_int_equal(seen.alarms, 0);
	assert_false(fake_cap_alive(mem));
	assert_int_equal(events.errors[TEST_EVENTS_SENSOR_ALARM_EVENT_INDEX], 0);
}

/* A request sent on the event channel is no event: rejected, counted, its caps released. */
static void test_request_on_event_channel_is_rejected(void **state)
{
	struct ipc_message msg;
	cap_t mem;

	(void)state;
	setup(4);
	mem = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	idl_msg_start(&msg, TEST_EVENTS_SENSOR_SUBSCRIBE_TYPE, 0);
	msg.caps[0] = mem;
	assert_int_equal(ipc_send(send_end, &msg, IPC_NO_WAIT), ERR_OK);
	assert_int_equal(test_events_sensor_events_recv(&events, IPC_NO_WAIT), ERR_NOSYS);
	assert_int_equal(events.rejected_unknown, 1);
	assert_false(fake_cap_alive(mem));
	assert_int_equal(seen.readings + seen.alarms + seen.ticks, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events_arrive_in_order),
		cmocka_unit_test(test_full_channel_is_counted_not_waited_for),
		cmocka_unit_test(test_dead_subscriber_is_reported),
		cmocka_unit_test(test_sender_checks_arguments),
		cmocka_unit_test(test_event_with_capability),
		cmocka_unit_test(test_unhandled_event_is_dropped),
		cmocka_unit_test(test_request_on_event_channel_is_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
