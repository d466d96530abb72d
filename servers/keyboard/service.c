/* The keyboard service (service.h): subscribers, events, LEDs and the IDL handlers. */
#include "service.h"

#include "servers/keyboard/ps2.h"

#define LED_BITS                                                                                   \
	(KEEL_KEYBOARD_LED_SCROLL_LOCK | KEEL_KEYBOARD_LED_NUM_LOCK | KEEL_KEYBOARD_LED_CAPS_LOCK)

void kbd_service_init(struct kbd_service *s)
{
	*s = (struct kbd_service){0};
	kbd_decoder_init(&s->dec);
	kbd_leds_init(&s->leds);
}

/* Writes what the LED machine asked for; a byte the controller never took ends the update. */
static void leds_write(struct kbd_service *s, int byte)
{
	if (byte == KBD_LEDS_NOTHING)
		return;
	if (!kbd_ps2_write((uint8_t)byte))
		leds_write(s, kbd_leds_fail(&s->leds, kbd_clock_us()));
}

/* Sends ev to every subscriber; a subscriber whose channel has no receiver is dropped. */
static void publish(struct kbd_service *s, const struct keel_keyboard_key_event *ev)
{
	bool heard = false;

	for (unsigned i = 0; i < KEEL_KEYBOARD_SUBSCRIBERS_MAX; i++) {
		struct kbd_slot *slot = &s->slots[i];

		if (!slot->used)
			continue;
		heard = true;
		if (keel_keyboard_send_key(&slot->sub, ev) == ERR_PEER_DIED) {
			cap_delete(slot->sub.channel);
			slot->used = false;
			s->stats.dead_dropped++;
		}
	}
	if (!heard)
		s->stats.unheard++;
}

void kbd_service_byte(struct kbd_service *s, uint8_t byte, uint64_t now_us)
{
	struct keel_keyboard_key_event ev;

	s->stats.bytes_read++;
	switch (kbd_decode(&s->dec, byte, &ev)) {
	case KBD_DECODE_EVENT:
		ev.time_us = now_us;
		s->stats.events++;
		publish(s, &ev);
		if (s->dec.locks != s->leds.want)
			leds_write(s, kbd_leds_set(&s->leds, s->dec.locks, now_us));
		break;
	case KBD_DECODE_REPLY:
		leds_write(s, kbd_leds_reply(&s->leds, byte, now_us));
		break;
	default:
		break;
	}
}

void kbd_service_interrupt(struct kbd_service *s)
{
	uint8_t byte;
	bool aux;

	s->stats.interrupts++;
	for (unsigned i = 0; i < KBD_PS2_DRAIN_MAX && kbd_ps2_read(&byte, &aux); i++)
		if (!aux) /* the mouse's bytes are not ours: no mouse is enabled */
			kbd_service_byte(s, byte, kbd_clock_us());
	leds_write(s, kbd_leds_poll(&s->leds, kbd_clock_us()));
}

static int32_t subscribe(void *ctx, const struct idl_caller *caller, cap_t events)
{
	struct kbd_service *s = ctx;

	for (unsigned i = 0; i < KEEL_KEYBOARD_SUBSCRIBERS_MAX; i++) {
		if (s->slots[i].used)
			continue;
		keel_keyboard_subscriber_init(&s->slots[i].sub, events);
		s->slots[i].unit = (uint32_t)caller->badge;
		s->slots[i].used = true;
		return ERR_OK;
	}
	cap_delete(events);
	return KEEL_KEYBOARD_ERROR_FULL;
}

static int32_t unsubscribe(void *ctx, const struct idl_caller *caller, uint8_t *removed)
{
	struct kbd_service *s = ctx;

	*removed = 0;
	for (unsigned i = 0; i < KEEL_KEYBOARD_SUBSCRIBERS_MAX; i++) {
		if (!s->slots[i].used || s->slots[i].unit != (uint32_t)caller->badge)
			continue;
		cap_delete(s->slots[i].sub.channel);
		s->slots[i].used = false;
		(*removed)++;
	}
	return ERR_OK;
}

static int32_t set_leds(void *ctx, const struct idl_caller *caller, uint8_t leds)
{
	struct kbd_service *s = ctx;

	(void)caller;
	if (leds & ~LED_BITS)
		return KEEL_KEYBOARD_ERROR_BAD_LEDS;
	s->dec.locks = leds;
	leds_write(s, kbd_leds_set(&s->leds, leds, kbd_clock_us()));
	return ERR_OK;
}

static int32_t stats(void *ctx, const struct idl_caller *caller,
		     struct keel_keyboard_driver_stats *out)
{
	struct kbd_service *s = ctx;

	(void)caller;
	*out = s->stats;
	out->unknown = s->dec.unknown;
	out->led_errors = s->leds.errors;
	out->leds = s->dec.locks;
	for (unsigned i = 0; i < KEEL_KEYBOARD_SUBSCRIBERS_MAX; i++) {
		const struct kbd_slot *slot = &s->slots[i];

		if (!slot->used)
			continue;
		out->subscribers++;
		out->per_subscriber[i] =
		    (struct keel_keyboard_subscriber_stats){.unit = slot->unit,
							    .sent = slot->sub.stats.sent,
							    .dropped = slot->sub.stats.dropped};
	}
	return ERR_OK;
}

const struct keel_keyboard_handlers kbd_handlers = {
    .subscribe = subscribe,
    .unsubscribe = unsubscribe,
    .set_leds = set_leds,
    .stats = stats,
};
