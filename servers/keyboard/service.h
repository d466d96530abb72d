/*
 * The keyboard service's state and work, touched by the server's main thread only
 * (docs/system.md, "Keyboard"): bytes from the controller become key events for the
 * subscribers, lock keys drive the LEDs, and the generated dispatch calls the handlers.
 */
#ifndef KEYBOARD_SERVICE_H
#define KEYBOARD_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "idl/keyboard_server.h"
#include "servers/keyboard/decode.h"
#include "servers/keyboard/leds.h"

/* One entry of the subscriber table. */
struct kbd_slot {
	struct keel_keyboard_subscriber sub; /* its channel and sent/dropped counts */
	uint32_t unit;			     /* the subscriber's unit: its badge */
	bool used;			     /* false: the slot is free */
};

struct kbd_service {
	struct kbd_decoder dec;
	struct kbd_leds leds;
	struct kbd_slot slots[KEEL_KEYBOARD_SUBSCRIBERS_MAX];
	/* bytes_read, events, interrupts, dead_dropped, unheard; the rest is filled by stats() */
	struct keel_keyboard_driver_stats stats;
};

extern const struct keel_keyboard_handlers kbd_handlers;

void kbd_service_init(struct kbd_service *s);
/* One byte from the keyboard, read at now_us. */
void kbd_service_byte(struct kbd_service *s, uint8_t byte, uint64_t now_us);
/*
 * An interrupt forwarded by the server's own thread: reads every byte the controller holds
 * (at most KBD_PS2_DRAIN_MAX) and feeds it on; gives up on an unanswered LED update.
 */
void kbd_service_interrupt(struct kbd_service *s);

#endif /* KEYBOARD_SERVICE_H */
