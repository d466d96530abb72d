/*
 * The scancode decoder: turns the bytes a PS/2 keyboard sends in scancode set 1 (0xE0 and
 * 0xE1 prefixes included) into key events, keeping which keys are held, the modifiers and
 * the lock states. Pure (no I/O, no time source): the server feeds it bytes, host tests
 * feed it sequences (decode_test.c).
 */
#ifndef KEYBOARD_DECODE_H
#define KEYBOARD_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "idl/keyboard_types.h"

/* What one byte gave. */
enum kbd_decode_result {
	KBD_DECODE_NONE,    /* a prefix or a fake shift: nothing yet */
	KBD_DECODE_EVENT,   /* *ev holds a key event (time_us left 0) */
	KBD_DECODE_UNKNOWN, /* a code no key has: ignored, counted in `unknown` */
	KBD_DECODE_REPLY,   /* a reply to a command (ACK 0xFA, RESEND 0xFE...), for kbd_leds */
};

struct kbd_decoder {
	uint8_t prefix;	     /* 0 or 0xE0 while an extended code is half read */
	uint8_t pause_left;  /* bytes of a Pause sequence (0xE1 ...) still to come */
	uint8_t pause_first; /* the first byte after 0xE1 */
	uint8_t locks;	     /* lock states, KEEL_KEYBOARD_LED_* bits */
	uint8_t held[32];    /* bit (extended << 7 | make code): the key is down */
	uint32_t unknown;    /* codes ignored because no key has them */
};

/* A decoder with no key held, every lock off. */
void kbd_decoder_init(struct kbd_decoder *d);

/*
 * Feeds one byte. A press of a held key is a repeat; a lock key's press (not its repeats)
 * toggles its lock in d->locks, which the caller shows on the LEDs.
 */
enum kbd_decode_result kbd_decode(struct kbd_decoder *d, uint8_t byte,
				  struct keel_keyboard_key_event *ev);

/* The modifier bits (KEEL_KEYBOARD_MODIFIER_*) the held keys and locks give now. */
uint8_t kbd_modifiers(const struct kbd_decoder *d);

#endif /* KEYBOARD_DECODE_H */
