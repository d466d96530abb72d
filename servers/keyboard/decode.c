/*
 * Scancode set 1 to key events (decode.h). A make code 0x01..0x7f presses a key, the same
 * code | 0x80 releases it; 0xE0 announces an extended key, 0xE1 the Pause key's six bytes.
 */
#include "decode.h"

#include "keymap.h"

#define PREFIX_EXTENDED 0xe0u
#define PREFIX_PAUSE	0xe1u
#define BREAK_BIT	0x80u
#define CODE_MASK	0x7fu
/* Extended shifts the keyboard adds around some keys (Print Screen, keypad with num lock). */
#define FAKE_SHIFT_LEFT	 0x2au
#define FAKE_SHIFT_RIGHT 0x36u
/* Pause sends E1 1D 45 E1 9D C5 on press and nothing on release. */
#define PAUSE_BYTES	 2u
#define PAUSE_MAKE_FIRST 0x1du

void kbd_decoder_init(struct kbd_decoder *d)
{
	*d = (struct kbd_decoder){0};
}

static unsigned held_index(uint8_t code, bool extended)
{
	return (extended ? 0x80u : 0u) | (code & CODE_MASK);
}

static bool is_held(const struct kbd_decoder *d, uint8_t code, bool extended)
{
	unsigned i = held_index(code, extended);

	return (d->held[i / 8] >> (i % 8)) & 1u;
}

static void set_held(struct kbd_decoder *d, uint8_t code, bool extended, bool down)
{
	unsigned i = held_index(code, extended);

	if (down)
		d->held[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		d->held[i / 8] &= (uint8_t) ~(1u << (i % 8));
}

uint8_t kbd_modifiers(const struct kbd_decoder *d)
{
	uint8_t m = 0;

	if (is_held(d, 0x2a, false) || is_held(d, 0x36, false))
		m |= KEEL_KEYBOARD_MODIFIER_SHIFT;
	if (is_held(d, 0x1d, false) || is_held(d, 0x1d, true))
		m |= KEEL_KEYBOARD_MODIFIER_CTRL;
	if (is_held(d, 0x38, false) || is_held(d, 0x38, true))
		m |= KEEL_KEYBOARD_MODIFIER_ALT;
	if (d->locks & KEEL_KEYBOARD_LED_CAPS_LOCK)
		m |= KEEL_KEYBOARD_MODIFIER_CAPS_LOCK;
	if (d->locks & KEEL_KEYBOARD_LED_NUM_LOCK)
		m |= KEEL_KEYBOARD_MODIFIER_NUM_LOCK;
	return m;
}

/* A lock key's first press toggles its lock. */
static void toggle_lock(struct kbd_decoder *d, uint8_t key)
{
	if (key == KEEL_KEYBOARD_KEY_CAPS_LOCK)
		d->locks ^= KEEL_KEYBOARD_LED_CAPS_LOCK;
	else if (key == KEEL_KEYBOARD_KEY_NUM_LOCK)
		d->locks ^= KEEL_KEYBOARD_LED_NUM_LOCK;
	else if (key == KEEL_KEYBOARD_KEY_SCROLL_LOCK)
		d->locks ^= KEEL_KEYBOARD_LED_SCROLL_LOCK;
}

/* The event of a make or break code of a key the layout knows. */
static void key_event(struct kbd_decoder *d, const struct kbd_keymap_entry *e, uint8_t byte,
		      bool extended, struct keel_keyboard_key_event *ev)
{
	uint8_t code = byte & CODE_MASK;
	bool pressed = (byte & BREAK_BIT) == 0;
	bool repeat = pressed && is_held(d, code, extended);
	uint8_t key, ascii;

	set_held(d, code, extended, pressed);
	ascii = kbd_keymap_ascii(e, kbd_modifiers(d), &key);
	if (pressed && !repeat)
		toggle_lock(d, key);
	*ev = (struct keel_keyboard_key_event){
	    .scancode = (uint16_t)((extended ? PREFIX_EXTENDED << 8 : 0u) | code),
	    .key = key,
	    .ascii = pressed ? ascii : 0,
	    .modifiers = kbd_modifiers(d),
	    .pressed = pressed,
	    .repeat = repeat,
	};
}

/* The bytes after 0xE1: Pause's press after its first half, its second half ignored. */
static enum kbd_decode_result pause_byte(struct kbd_decoder *d, uint8_t byte,
					 struct keel_keyboard_key_event *ev)
{
	if (--d->pause_left == PAUSE_BYTES - 1) {
		d->pause_first = byte;
		return KBD_DECODE_NONE;
	}
	if (d->pause_first != PAUSE_MAKE_FIRST) /* the break half, 9D C5: Pause has no release */
		return KBD_DECODE_NONE;
	*ev = (struct keel_keyboard_key_event){
	    .scancode = (uint16_t)(PREFIX_PAUSE << 8 | d->pause_first),
	    .key = KEEL_KEYBOARD_KEY_PAUSE,
	    .modifiers = kbd_modifiers(d),
	    .pressed = true,
	};
	return KBD_DECODE_EVENT;
}

static bool is_reply(uint8_t byte)
{
	/* ACK, RESEND, ECHO, errors: no set 1 key has these codes (0xFA is not 0x7A's break). */
	return byte == 0xfa || byte == 0xfe || byte == 0xee || byte == 0x00 || byte == 0xff ||
	       byte == 0xfc || byte == 0xfd;
}

enum kbd_decode_result kbd_decode(struct kbd_decoder *d, uint8_t byte,
				  struct keel_keyboard_key_event *ev)
{
	bool extended = d->prefix == PREFIX_EXTENDED;
	const struct kbd_keymap_entry *e;

	if (d->pause_left > 0)
		return pause_byte(d, byte, ev);
	if (!extended && is_reply(byte))
		return KBD_DECODE_REPLY;
	if (byte == PREFIX_EXTENDED || byte == PREFIX_PAUSE) {
		d->prefix = byte == PREFIX_EXTENDED ? PREFIX_EXTENDED : 0;
		d->pause_left = byte == PREFIX_PAUSE ? PAUSE_BYTES : 0;
		return KBD_DECODE_NONE;
	}
	d->prefix = 0;
	if (extended &&
	    ((byte & CODE_MASK) == FAKE_SHIFT_LEFT || (byte & CODE_MASK) == FAKE_SHIFT_RIGHT))
		return KBD_DECODE_NONE;
	e = kbd_keymap_find(byte & CODE_MASK, extended);
	if (e == NULL) {
		d->unknown++;
		return KBD_DECODE_UNKNOWN;
	}
	key_event(d, e, byte, extended, ev);
	return KBD_DECODE_EVENT;
}
