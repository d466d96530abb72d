/* The LED state machine (leds.h). */
#include "leds.h"

void kbd_leds_init(struct kbd_leds *l)
{
	*l = (struct kbd_leds){.state = KBD_LEDS_IDLE};
}

/* Starts the next update if one is wanted: 0xED, or nothing. */
static int start(struct kbd_leds *l, uint64_t now_us)
{
	if (l->state != KBD_LEDS_IDLE || l->want == l->shown)
		return KBD_LEDS_NOTHING;
	l->state = KBD_LEDS_WAIT_COMMAND_ACK;
	l->retries = 0;
	l->since_us = now_us;
	return KBD_LEDS_COMMAND;
}

int kbd_leds_set(struct kbd_leds *l, uint8_t leds, uint64_t now_us)
{
	l->want = leds;
	return start(l, now_us);
}

/* The LEDs in flight count as shown, so a failing keyboard is not retried forever. */
int kbd_leds_fail(struct kbd_leds *l, uint64_t now_us)
{
	if (l->state == KBD_LEDS_IDLE)
		return KBD_LEDS_NOTHING;
	l->errors++;
	l->shown = l->state == KBD_LEDS_WAIT_VALUE_ACK ? l->sending : l->want;
	l->state = KBD_LEDS_IDLE;
	return start(l, now_us);
}

/* The byte in flight again after a RESEND. */
static int resend(struct kbd_leds *l, uint64_t now_us)
{
	if (++l->retries > KBD_LEDS_RETRIES)
		return kbd_leds_fail(l, now_us);
	l->since_us = now_us;
	return l->state == KBD_LEDS_WAIT_COMMAND_ACK ? (int)KBD_LEDS_COMMAND : (int)l->sending;
}

int kbd_leds_reply(struct kbd_leds *l, uint8_t reply, uint64_t now_us)
{
	if (l->state == KBD_LEDS_IDLE)
		return KBD_LEDS_NOTHING; /* an answer to nothing of ours */
	if (reply == KBD_LEDS_RESEND)
		return resend(l, now_us);
	if (reply != KBD_LEDS_ACK)
		return kbd_leds_fail(l, now_us);
	if (l->state == KBD_LEDS_WAIT_COMMAND_ACK) {
		l->state = KBD_LEDS_WAIT_VALUE_ACK;
		l->sending = l->want;
		l->retries = 0;
		l->since_us = now_us;
		return l->sending;
	}
	l->shown = l->sending;
	l->state = KBD_LEDS_IDLE;
	return start(l, now_us);
}

int kbd_leds_poll(struct kbd_leds *l, uint64_t now_us)
{
	if (l->state != KBD_LEDS_IDLE && now_us - l->since_us >= KBD_LEDS_TIMEOUT_US)
		return kbd_leds_fail(l, now_us);
	return KBD_LEDS_NOTHING;
}
