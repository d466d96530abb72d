/*
 * Host tests of the keyboard service (service.c) through the generated client and dispatch
 * over the fake transport, with a fake i8042 (the ps2.h hooks below): subscriber table and
 * its limit, events to every subscriber, drops counted per subscriber, dead subscribers
 * dropped, the LED exchange driven by replies, its timeout, rights and unsubscribe.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "idl/keyboard_client.h"
#include "servers/keyboard/ps2.h"
#include "servers/keyboard/service.h"

#define ALL_RIGHTS (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

/* The fake controller: bytes the "keyboard" sent, bytes the service wrote, the clock. */
static uint8_t input[32], written[32];
static unsigned input_len, input_pos, written_len;
static uint64_t clock_us;
static bool refuse_writes;

bool kbd_ps2_read(uint8_t *byte, bool *aux)
{
	if (input_pos == input_len)
		return false;
	*aux = false;
	*byte = input[input_pos++];
	return true;
}

bool kbd_ps2_write(uint8_t byte)
{
	if (refuse_writes)
		return false;
	assert_true(written_len < sizeof(written));
	written[written_len++] = byte;
	return true;
}

bool kbd_ps2_init(void)
{
	return true;
}

uint64_t kbd_clock_us(void)
{
	return clock_us;
}

static struct kbd_service service;
static struct keel_keyboard_server server;

static int setup(void **unused)
{
	(void)unused;
	fake_reset();
	input_len = input_pos = written_len = 0;
	clock_us = 1000;
	refuse_writes = false;
	kbd_service_init(&service);
	keel_keyboard_server_init(&server, CAP_NULL, &kbd_handlers, &service);
	return 0;
}

static struct keel_keyboard_client client(uint64_t badge, uint32_t rights)
{
	return (struct keel_keyboard_client){
	    .ep = fake_endpoint_new(keel_keyboard_dispatch_untyped, &server, badge, rights),
	    .timeout_us = 1000};
}

/* The keyboard sends these bytes and raises its interrupt. */
static void type(const uint8_t *bytes, unsigned n)
{
	input_len = input_pos = 0;
	for (unsigned i = 0; i < n; i++)
		input[input_len++] = bytes[i];
	kbd_service_interrupt(&service);
}

#define TYPE(...) type((const uint8_t[]){__VA_ARGS__}, sizeof((uint8_t[]){__VA_ARGS__}))

/* A subscribed channel's receiving end. */
static cap_t subscribe(const struct keel_keyboard_client *kb, uint32_t capacity, int32_t want)
{
	cap_t send, recv;

	fake_channel_new(capacity, 0, &send, &recv);
	assert_int_equal(keel_keyboard_subscribe(kb, send), want);
	return recv;
}

static struct keel_keyboard_driver_stats stats(const struct keel_keyboard_client *kb)
{
	struct keel_keyboard_driver_stats st;

	assert_int_equal(keel_keyboard_stats(kb, &st), ERR_OK);
	return st;
}

static void test_table_holds_four(void **unused)
{
	struct keel_keyboard_client kb = client(2, ALL_RIGHTS);
	cap_t send, recv;

	(void)unused;
	for (int i = 0; i < KEEL_KEYBOARD_SUBSCRIBERS_MAX; i++)
		(void)subscribe(&kb, 4, ERR_OK);
	fake_channel_new(4, 0, &send, &recv);
	assert_int_equal(keel_keyboard_subscribe(&kb, send), KEEL_KEYBOARD_ERROR_FULL);
	assert_false(fake_cap_alive(send)); /* released, not kept */
	assert_int_equal(stats(&kb).subscribers, KEEL_KEYBOARD_SUBSCRIBERS_MAX);
}

static void test_events_drops_and_dead_subscribers(void **unused)
{
	struct keel_keyboard_client kb = client(2, ALL_RIGHTS);
	struct keel_keyboard_driver_stats st;
	cap_t big, small, dead;

	(void)unused;
	TYPE(0x1e, 0x9e);
	assert_int_equal(stats(&kb).unheard, 2);
	big = subscribe(&kb, 8, ERR_OK);
	small = subscribe(&kb, 1, ERR_OK);
	dead = subscribe(&kb, 1, ERR_OK);
	assert_int_equal(cap_delete(dead), ERR_OK);
	TYPE(0x1e, 0x9e, 0x30);
	assert_int_equal(fake_channel_pending(big), 3);
	assert_int_equal(fake_channel_pending(small), 1);
	st = stats(&kb);
	assert_int_equal(st.events, 5);
	assert_int_equal(st.bytes_read, 5);
	assert_int_equal(st.interrupts, 2);
	assert_int_equal(st.dead_dropped, 1);
	assert_int_equal(st.subscribers, 2);
	assert_int_equal(st.per_subscriber[0].sent, 3);
	assert_int_equal(st.per_subscriber[1].sent, 1);
	assert_int_equal(st.per_subscriber[1].dropped, 2);
	assert_int_equal(st.per_subscriber[2].unit, 0);
	assert_int_equal(st.per_subscriber[0].unit, 2);
}

static void test_caps_lock_drives_the_leds(void **unused)
{
	struct keel_keyboard_client kb = client(2, ALL_RIGHTS);

	(void)unused;
	TYPE(0x3a);
	assert_int_equal(written_len, 1);
	assert_int_equal(written[0], KBD_LEDS_COMMAND);
	TYPE(0xba, KBD_LEDS_ACK); /* the release, then the keyboard's answer */
	assert_int_equal(written_len, 2);
	assert_int_equal(written[1], KEEL_KEYBOARD_LED_CAPS_LOCK);
	TYPE(KBD_LEDS_ACK);
	assert_int_equal(service.leds.shown, KEEL_KEYBOARD_LED_CAPS_LOCK);
	assert_int_equal(stats(&kb).leds, KEEL_KEYBOARD_LED_CAPS_LOCK);
	assert_int_equal(stats(&kb).events, 2);
	assert_int_equal(stats(&kb).led_errors, 0);
}

static void test_set_leds_rights_bits_and_timeout(void **unused)
{
	struct keel_keyboard_client reader = client(3, CAP_RIGHT_READ);
	struct keel_keyboard_client kb = client(2, ALL_RIGHTS);

	(void)unused;
	assert_int_equal(keel_keyboard_set_leds(&reader, 1), ERR_RIGHTS);
	assert_int_equal(keel_keyboard_set_leds(&kb, 8), KEEL_KEYBOARD_ERROR_BAD_LEDS);
	assert_int_equal(written_len, 0);
	assert_int_equal(keel_keyboard_set_leds(&kb, KEEL_KEYBOARD_LED_NUM_LOCK), ERR_OK);
	assert_int_equal(written[0], KBD_LEDS_COMMAND);
	assert_int_equal(stats(&kb).leds, KEEL_KEYBOARD_LED_NUM_LOCK);
	/* the keyboard never answers: the next interrupt after the timeout gives up */
	clock_us += KBD_LEDS_TIMEOUT_US;
	TYPE(0x1e);
	assert_int_equal(stats(&kb).led_errors, 1);
	/* a controller that never takes the byte fails the update at once */
	refuse_writes = true;
	assert_int_equal(keel_keyboard_set_leds(&kb, 0), ERR_OK);
	assert_int_equal(stats(&kb).led_errors, 2);
}

static void test_unsubscribe_only_the_callers(void **unused)
{
	struct keel_keyboard_client mine = client(2, ALL_RIGHTS);
	struct keel_keyboard_client other = client(3, CAP_RIGHT_READ);
	uint8_t removed = 0;

	(void)unused;
	(void)subscribe(&mine, 2, ERR_OK);
	(void)subscribe(&other, 2, ERR_OK);
	(void)subscribe(&mine, 2, ERR_OK);
	assert_int_equal(keel_keyboard_unsubscribe(&mine, &removed), ERR_OK);
	assert_int_equal(removed, 2);
	assert_int_equal(stats(&other).subscribers, 1);
	assert_int_equal(stats(&other).per_subscriber[1].unit, 3);
	assert_int_equal(fake_bad_deletes(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_table_holds_four, setup),
	    cmocka_unit_test_setup(test_events_drops_and_dead_subscribers, setup),
	    cmocka_unit_test_setup(test_caps_lock_drives_the_leds, setup),
	    cmocka_unit_test_setup(test_set_leds_rights_bits_and_timeout, setup),
	    cmocka_unit_test_setup(test_unsubscribe_only_the_callers, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
