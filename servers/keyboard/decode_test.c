/* Host tests of the scancode decoder and the US layout (decode.c, keymap.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "servers/keyboard/decode.h"

#define MOD_SHIFT KEEL_KEYBOARD_MODIFIER_SHIFT
#define MOD_CTRL  KEEL_KEYBOARD_MODIFIER_CTRL
#define MOD_ALT	  KEEL_KEYBOARD_MODIFIER_ALT
#define MOD_CAPS  KEEL_KEYBOARD_MODIFIER_CAPS_LOCK
#define MOD_NUM	  KEEL_KEYBOARD_MODIFIER_NUM_LOCK

enum { LSHIFT = 0x2a, RSHIFT = 0x36, CTRL = 0x1d, ALT = 0x38, CAPS = 0x3a, NUM = 0x45 };
#define UP(code) ((uint8_t)((code) | 0x80))

static struct kbd_decoder dec;

static int setup(void **unused)
{
	(void)unused;
	kbd_decoder_init(&dec);
	return 0;
}

/* Feeds bytes; returns the ASCII of every press event, in order, as a string. */
static const char *typed(const uint8_t *bytes, size_t n)
{
	static char out[64];
	size_t len = 0;
	struct keel_keyboard_key_event ev;

	for (size_t i = 0; i < n; i++)
		if (kbd_decode(&dec, bytes[i], &ev) == KBD_DECODE_EVENT && ev.pressed && ev.ascii &&
		    len < sizeof(out) - 1)
			out[len++] = (char)ev.ascii;
	out[len] = '\0';
	return out;
}

#define TYPED(...) typed((const uint8_t[]){__VA_ARGS__}, sizeof((uint8_t[]){__VA_ARGS__}))

/* The one event a byte gives (the test fails if it gives none). */
static struct keel_keyboard_key_event event_of(uint8_t byte)
{
	struct keel_keyboard_key_event ev = {0};

	assert_int_equal(kbd_decode(&dec, byte, &ev), KBD_DECODE_EVENT);
	return ev;
}

static void test_plain_letters_digits_symbols(void **unused)
{
	(void)unused;
	/* h i space 1 - = [ ] ; ' ` \ , . / */
	assert_string_equal(TYPED(0x23, UP(0x23), 0x17, UP(0x17), 0x39, 0x02, 0x0c, 0x0d, 0x1a,
				  0x1b, 0x27, 0x28, 0x29, 0x2b, 0x33, 0x34, 0x35),
			    "hi 1-=[];'`\\,./");
	assert_string_equal(TYPED(0x1c, 0x0e, 0x0f, 0x01), "\n\b\t\x1b");
}

static void test_shift_a_is_upper_case(void **unused)
{
	(void)unused;
	assert_string_equal(TYPED(LSHIFT, 0x1e, UP(0x1e), UP(LSHIFT), 0x1e), "Aa");
	assert_string_equal(TYPED(RSHIFT, 0x02, 0x03, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b, 0x27, 0x28,
				  0x29, 0x2b, 0x33, 0x34, 0x35, UP(RSHIFT)),
			    "!@)_+{}:\"~|<>?");
}

static void test_hi_bang_with_shift_held(void **unused)
{
	(void)unused;
	assert_string_equal(TYPED(LSHIFT, 0x23, UP(0x23), UP(LSHIFT), 0x17, UP(0x17), LSHIFT, 0x02,
				  UP(0x02), UP(LSHIFT)),
			    "Hi!");
}

static void test_caps_lock_and_shift(void **unused)
{
	(void)unused;
	assert_string_equal(TYPED(CAPS, UP(CAPS), 0x1e, 0x02), "A1");
	assert_int_equal(dec.locks, KEEL_KEYBOARD_LED_CAPS_LOCK);
	/* shift inverts caps lock for letters only */
	assert_string_equal(TYPED(LSHIFT, 0x1e, 0x02, UP(LSHIFT)), "a!");
	assert_int_equal(event_of(0x30).modifiers, MOD_CAPS);
	/* a second press turns it off; its repeats do not toggle */
	assert_string_equal(TYPED(CAPS, CAPS, CAPS, UP(CAPS), 0x1e), "a");
	assert_int_equal(dec.locks, 0);
}

static void test_ctrl_c_and_alt(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	assert_string_equal(TYPED(CTRL, 0x2e, UP(0x2e), UP(CTRL)), "\x03");
	/* right ctrl is extended */
	assert_string_equal(TYPED(0xe0, CTRL, 0x2e), "\x03");
	assert_int_equal(event_of(UP(0x2e)).modifiers, MOD_CTRL);
	assert_string_equal(TYPED(0xe0, UP(CTRL)), "");
	assert_int_equal(kbd_modifiers(&dec), 0);
	assert_string_equal(TYPED(0xe0, ALT), "");
	ev = event_of(0x2e);
	assert_int_equal(ev.ascii, 'c');
	assert_int_equal(ev.modifiers, MOD_ALT);
	assert_int_equal(event_of(ALT).modifiers, MOD_ALT); /* left alt too */
	assert_int_equal(kbd_decode(&dec, 0xe0, &ev), KBD_DECODE_NONE);
	assert_int_equal(event_of(UP(ALT)).modifiers, MOD_ALT); /* left still held */
}

static void test_extended_arrows(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	assert_int_equal(kbd_decode(&dec, 0xe0, &ev), KBD_DECODE_NONE);
	ev = event_of(0x48);
	assert_int_equal(ev.scancode, 0xe048);
	assert_int_equal(ev.key, KEEL_KEYBOARD_KEY_UP);
	assert_int_equal(ev.ascii, 0);
	assert_true(ev.pressed);
	assert_int_equal(kbd_decode(&dec, 0xe0, &ev), KBD_DECODE_NONE);
	ev = event_of(UP(0x48));
	assert_int_equal(ev.key, KEEL_KEYBOARD_KEY_UP);
	assert_false(ev.pressed);
	/* keypad 8 (same code without 0xE0) is up too without num lock, '8' with it */
	assert_int_equal(event_of(0x48).key, KEEL_KEYBOARD_KEY_UP);
	assert_string_equal(TYPED(UP(0x48), NUM, UP(NUM), 0x48, 0x4e, 0x53), "8+.");
	assert_int_equal(event_of(UP(0x48)).modifiers, MOD_NUM);
	/* keypad enter and slash; a fake shift (Print Screen's E0 2A) is no event */
	assert_string_equal(TYPED(0xe0, 0x1c, 0xe0, 0x35, 0xe0, LSHIFT, 0x1e), "\n/a");
}

static void test_release_events(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	(void)event_of(LSHIFT);
	ev = event_of(0x1e);
	assert_int_equal(ev.ascii, 'A');
	assert_int_equal(ev.modifiers, MOD_SHIFT);
	ev = event_of(UP(0x1e));
	assert_false(ev.pressed);
	assert_int_equal(ev.ascii, 0);
	assert_int_equal(ev.key, 'a');
	assert_int_equal(ev.scancode, 0x1e);
	ev = event_of(UP(LSHIFT));
	assert_int_equal(ev.key, KEEL_KEYBOARD_KEY_LEFT_SHIFT);
	assert_int_equal(ev.modifiers, 0);
}

static void test_repeat(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	assert_false(event_of(0x1e).repeat);
	for (int i = 0; i < 3; i++) {
		ev = event_of(0x1e);
		assert_true(ev.pressed);
		assert_true(ev.repeat);
		assert_int_equal(ev.ascii, 'a');
	}
	assert_false(event_of(UP(0x1e)).repeat);
	assert_false(event_of(0x1e).repeat);
}

static void test_unknown_codes_ignored_and_counted(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	assert_int_equal(kbd_decode(&dec, 0x59, &ev), KBD_DECODE_UNKNOWN);
	assert_int_equal(kbd_decode(&dec, UP(0x55), &ev), KBD_DECODE_UNKNOWN);
	assert_int_equal(kbd_decode(&dec, 0xe0, &ev), KBD_DECODE_NONE);
	assert_int_equal(kbd_decode(&dec, 0x10, &ev), KBD_DECODE_UNKNOWN); /* no E0 10 key */
	assert_int_equal(dec.unknown, 3);
	assert_string_equal(TYPED(0x1e), "a"); /* the decoder goes on */
	assert_int_equal(kbd_decode(&dec, 0xfa, &ev), KBD_DECODE_REPLY);
	assert_int_equal(kbd_decode(&dec, 0xfe, &ev), KBD_DECODE_REPLY);
	assert_int_equal(dec.unknown, 3);
}

static void test_pause(void **unused)
{
	struct keel_keyboard_key_event ev;

	(void)unused;
	assert_string_equal(TYPED(0xe1, 0x1d), "");
	ev = event_of(0x45);
	assert_int_equal(ev.key, KEEL_KEYBOARD_KEY_PAUSE);
	assert_true(ev.pressed);
	assert_string_equal(TYPED(0xe1, UP(0x1d), UP(0x45), 0x1e), "a");
	assert_int_equal(dec.locks, 0); /* 0x45 inside Pause is not num lock */
	assert_int_equal(dec.unknown, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_plain_letters_digits_symbols, setup),
	    cmocka_unit_test_setup(test_shift_a_is_upper_case, setup),
	    cmocka_unit_test_setup(test_hi_bang_with_shift_held, setup),
	    cmocka_unit_test_setup(test_caps_lock_and_shift, setup),
	    cmocka_unit_test_setup(test_ctrl_c_and_alt, setup),
	    cmocka_unit_test_setup(test_extended_arrows, setup),
	    cmocka_unit_test_setup(test_release_events, setup),
	    cmocka_unit_test_setup(test_repeat, setup),
	    cmocka_unit_test_setup(test_unknown_codes_ignored_and_counted, setup),
	    cmocka_unit_test_setup(test_pause, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
