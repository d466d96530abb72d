/*
 * Setting the keyboard's LEDs: command 0xED, then the LED byte, each acknowledged by the
 * keyboard with 0xFA before the next may be written. A small state machine, pure like the
 * decoder: it says which byte to write to the data port next, and the server writes it.
 * A RESEND (0xFE) repeats the byte up to KBD_LEDS_RETRIES times; a keyboard that does not
 * answer within KBD_LEDS_TIMEOUT_US is given up on. Both count in `errors`.
 */
#ifndef KEYBOARD_LEDS_H
#define KEYBOARD_LEDS_H

#include <stdint.h>

#define KBD_LEDS_COMMAND    0xedu
#define KBD_LEDS_ACK	    0xfau
#define KBD_LEDS_RESEND	    0xfeu
#define KBD_LEDS_RETRIES    3u
#define KBD_LEDS_TIMEOUT_US 100000u
#define KBD_LEDS_NOTHING    (-1) /* nothing to write */

enum kbd_leds_state {
	KBD_LEDS_IDLE,
	KBD_LEDS_WAIT_COMMAND_ACK, /* 0xED written */
	KBD_LEDS_WAIT_VALUE_ACK,   /* the LED byte written */
};

struct kbd_leds {
	uint8_t want;	   /* the LEDs asked for last */
	uint8_t shown;	   /* the LEDs the keyboard acknowledged */
	uint8_t sending;   /* the value in flight */
	uint8_t retries;   /* RESENDs of the byte in flight */
	uint32_t state;	   /* enum kbd_leds_state */
	uint64_t since_us; /* when the byte in flight was written */
	uint32_t errors;   /* updates given up (RESENDs exhausted, no answer) */
};

/* All LEDs off, as a keyboard is after reset. */
void kbd_leds_init(struct kbd_leds *l);
/* Asks for `leds`; returns the byte to write now (0xED) or KBD_LEDS_NOTHING (busy or same). */
int kbd_leds_set(struct kbd_leds *l, uint8_t leds, uint64_t now_us);
/* A reply byte from the keyboard; returns the byte to write next or KBD_LEDS_NOTHING. */
int kbd_leds_reply(struct kbd_leds *l, uint8_t reply, uint64_t now_us);
/* Gives up on the update in flight (a byte the controller never took); what to write next. */
int kbd_leds_fail(struct kbd_leds *l, uint64_t now_us);
/* Gives up on an update unanswered for KBD_LEDS_TIMEOUT_US; returns what to write next. */
int kbd_leds_poll(struct kbd_leds *l, uint64_t now_us);

#endif /* KEYBOARD_LEDS_H */
