/*
 * The keyboard test's client: subscribes (with a channel it reads, two it never reads and
 * one whose receiver it drops, and one more the full table refuses), tells init it is ready,
 * prints every key event the injector's typing produces until escape is released, then
 * checks the driver's counters, set_leds and unsubscribe. Reports to init (CAP_START(1)).
 */
#include "test.h"

#include "idl/keyboard_client.h"

#define EVENTS	    34 /* key events the injector's bytes make */
#define BYTES	    41 /* its 37 bytes and two acknowledges for each of two LED updates */
#define ESCAPE	    0x1b
#define TIMEOUT_US  5000000u
#define CHANNEL_CAP 16

static int failed;
static const struct keel_keyboard_client kb = {.ep = CAP_START(0), .timeout_us = TIMEOUT_US};

static void expect(const char *what, int64_t got, int64_t want)
{
	uprintf("client %s: got %lld want %lld %s\n", what, (long long)got, (long long)want,
		got == want ? "ok" : "FAIL");
	failed += got != want;
}

struct typed {
	char text[64];
	unsigned len, events, repeats;
	bool done, caps_checked, up_seen;
};

static void add_char(struct typed *t, uint8_t c)
{
	if (t->len + 2 >= sizeof(t->text))
		return;
	if (c < 0x20) { /* control characters as ^X */
		t->text[t->len++] = '^';
		c = (uint8_t)(c + '@');
	}
	t->text[t->len++] = (char)c;
}

/* The first 'a' typed with caps lock on: the lock and its LED as the driver has them. */
static void check_caps(struct typed *t)
{
	struct keel_keyboard_driver_stats st;

	t->caps_checked = true;
	expect("stats with caps lock", keel_keyboard_stats(&kb, &st), ERR_OK);
	expect("caps lock state", st.leds, KEEL_KEYBOARD_LED_CAPS_LOCK);
	expect("caps lock LED acknowledged", st.led_errors, 0);
}

static void on_key(void *ctx, const struct idl_caller *from,
		   const struct keel_keyboard_key_event *ev)
{
	struct typed *t = ctx;

	(void)from;
	uprintf("client: key %s scancode 0x%04x key 0x%02x ascii 0x%02x modifiers 0x%02x%s\n",
		ev->pressed ? "press  " : "release", ev->scancode, ev->key, ev->ascii,
		ev->modifiers, ev->repeat ? " repeat" : "");
	t->events++;
	t->repeats += ev->repeat;
	if (ev->pressed && ev->ascii != 0)
		add_char(t, ev->ascii);
	if (ev->pressed && ev->key == KEEL_KEYBOARD_KEY_UP && ev->scancode == 0xe048)
		t->up_seen = true;
	if (ev->ascii == 'A' && (ev->modifiers & KEEL_KEYBOARD_MODIFIER_CAPS_LOCK) &&
	    !t->caps_checked)
		check_caps(t);
	t->done = !ev->pressed && ev->key == ESCAPE;
}

/* A channel's sending end subscribed; the receiving end is returned (or dropped). */
static cap_t subscribe(uint32_t capacity, int32_t want, const char *what)
{
	cap_t ch = sys_channel_create(capacity);

	expect(what,
	       keel_keyboard_subscribe(&kb, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)),
	       want);
	return ch;
}

static void check_counters(void)
{
	struct keel_keyboard_driver_stats st;

	expect("stats", keel_keyboard_stats(&kb, &st), ERR_OK);
	expect("events", st.events, EVENTS);
	expect("bytes read", st.bytes_read, BYTES);
	expect("unknown codes", st.unknown, 1);
	expect("dead subscriber dropped", st.dead_dropped, 1);
	expect("subscribers", st.subscribers, 3);
	expect("reader got all", st.per_subscriber[0].sent, EVENTS);
	expect("reader lost none", st.per_subscriber[0].dropped, 0);
	expect("full channel sent", st.per_subscriber[1].sent, 1);
	expect("full channel dropped", st.per_subscriber[1].dropped, EVENTS - 1);
	expect("slot of the dead one", st.per_subscriber[2].unit, 0);
	expect("fourth full channel dropped", st.per_subscriber[3].dropped, EVENTS - 1);
	expect("subscriber unit", st.per_subscriber[3].unit, CLIENT_BADGE);
	expect("caps lock off again", st.leds, 0);
	expect("LED errors", st.led_errors, 0);
}

static void check_leds_and_unsubscribe(void)
{
	struct keel_keyboard_driver_stats st;
	uint8_t removed = 0;

	expect("set_leds bad bits", keel_keyboard_set_leds(&kb, 0x08),
	       KEEL_KEYBOARD_ERROR_BAD_LEDS);
	expect("set_leds num lock", keel_keyboard_set_leds(&kb, KEEL_KEYBOARD_LED_NUM_LOCK),
	       ERR_OK);
	expect("stats after set_leds", keel_keyboard_stats(&kb, &st), ERR_OK);
	expect("num lock state", st.leds, KEEL_KEYBOARD_LED_NUM_LOCK);
	expect("num lock LED acknowledged", st.bytes_read, BYTES + 2);
	expect("unsubscribe", keel_keyboard_unsubscribe(&kb, &removed), ERR_OK);
	expect("removed", removed, 3);
}

int main(uintptr_t arg)
{
	static const struct keel_keyboard_event_handlers handlers = {.key = on_key};
	static struct typed t;
	struct keel_keyboard_events ev;
	cap_t reader = subscribe(CHANNEL_CAP, ERR_OK, "subscribe reader");

	(void)arg;
	(void)subscribe(1, ERR_OK, "subscribe never read");
	cap_delete(subscribe(1, ERR_OK, "subscribe then drop the receiver"));
	(void)subscribe(1, ERR_OK, "subscribe fourth");
	cap_delete(subscribe(1, KEEL_KEYBOARD_ERROR_FULL, "subscribe fifth"));
	keel_keyboard_events_init(&ev, reader, &handlers, &t);
	report(CAP_START(1), REPORT_READY, 0);
	while (!t.done) {
		int32_t rc = keel_keyboard_events_recv(&ev, TIMEOUT_US);

		if (rc != ERR_OK) {
			expect("receive", rc, ERR_OK);
			break;
		}
	}
	t.text[t.len] = '\0';
	uprintf("client: typed \"%s\"\n", t.text);
	expect("typed", strcmp(t.text, "Hi!Aaa^Caaa^["), 0);
	expect("repeats", t.repeats, 2);
	expect("up arrow", t.up_seen, 1);
	expect("caps lock checked", t.caps_checked, 1);
	check_counters();
	check_leds_and_unsubscribe();
	report(CAP_START(1), REPORT_DONE, (uint8_t)failed);
	return failed;
}
