/* Host tests of the LED state machine (leds.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "servers/keyboard/leds.h"

static void test_command_then_value(void **unused)
{
	struct kbd_leds l;

	(void)unused;
	kbd_leds_init(&l);
	assert_int_equal(kbd_leds_set(&l, 4, 0), KBD_LEDS_COMMAND);
	assert_int_equal(kbd_leds_set(&l, 6, 1), KBD_LEDS_NOTHING); /* busy: remembered */
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 2), 6);
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 3), KBD_LEDS_NOTHING);
	assert_int_equal(l.shown, 6);
	assert_int_equal(kbd_leds_set(&l, 6, 4), KBD_LEDS_NOTHING);		 /* already shown */
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 5), KBD_LEDS_NOTHING); /* stray */
	assert_int_equal(l.errors, 0);
}

static void test_change_while_value_in_flight(void **unused)
{
	struct kbd_leds l;

	(void)unused;
	kbd_leds_init(&l);
	assert_int_equal(kbd_leds_set(&l, 4, 0), KBD_LEDS_COMMAND);
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 0), 4);
	assert_int_equal(kbd_leds_set(&l, 0, 0), KBD_LEDS_NOTHING);
	/* 4 acknowledged, 0 wanted: a new update starts */
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 0), KBD_LEDS_COMMAND);
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 0), 0);
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_ACK, 0), KBD_LEDS_NOTHING);
	assert_int_equal(l.shown, 0);
}

static void test_resend_then_give_up(void **unused)
{
	struct kbd_leds l;

	(void)unused;
	kbd_leds_init(&l);
	assert_int_equal(kbd_leds_set(&l, 2, 0), KBD_LEDS_COMMAND);
	for (unsigned i = 0; i < KBD_LEDS_RETRIES; i++)
		assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_RESEND, 0), KBD_LEDS_COMMAND);
	assert_int_equal(kbd_leds_reply(&l, KBD_LEDS_RESEND, 0), KBD_LEDS_NOTHING);
	assert_int_equal(l.errors, 1);
	assert_int_equal(l.state, KBD_LEDS_IDLE);
}

static void test_timeout(void **unused)
{
	struct kbd_leds l;

	(void)unused;
	kbd_leds_init(&l);
	assert_int_equal(kbd_leds_set(&l, 1, 1000), KBD_LEDS_COMMAND);
	assert_int_equal(kbd_leds_poll(&l, 1000 + KBD_LEDS_TIMEOUT_US - 1), KBD_LEDS_NOTHING);
	assert_int_equal(l.errors, 0);
	assert_int_equal(kbd_leds_poll(&l, 1000 + KBD_LEDS_TIMEOUT_US), KBD_LEDS_NOTHING);
	assert_int_equal(l.errors, 1);
	assert_int_equal(kbd_leds_set(&l, 3, 200000), KBD_LEDS_COMMAND); /* usable again */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_command_then_value),
	    cmocka_unit_test(test_change_while_value_in_flight),
	    cmocka_unit_test(test_resend_then_give_up),
	    cmocka_unit_test(test_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
