/*
 * The checker of the console's QEMU test, a unit of console_test.manifest. Init starts the
 * fake serial server, the console and two client units whose partial lines interleave; the
 * checker waits for both clients to end (init's `ended` events), then reads the screen back
 * through read_line (READ) and checks whole lines, colours, the VGA page itself (read by the
 * harness through QEMU's monitor while the checker waits for its key), scrolling, write_now,
 * the rights and the serial mirror, also after the serial server was killed (through the
 * supervisor). Lines "console test <what>: got G want W ok|FAIL".
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/console_client.h"
#include "idl/supervisor_client.h"

#define CONSOLE	      "keel.console.Console"
#define SUPERVISOR    "keel.supervisor.Supervisor"
#define CLIENT_LINES  6
#define SCROLL_LINES  30
#define ROWS	      KEEL_CONSOLE_ROWS
#define COLS	      KEEL_CONSOLE_COLS
#define LONG_LINE     120  /* more than the fake serial server's 50 bytes a write */
#define ATTR_A	      0x1e /* yellow on blue */
#define ATTR_DEFAULT  0x07
#define EVENT_WAIT_US 5000000u

static int failed;
static struct keel_console_client me; /* READ|WRITE, badge: the checker's unit number */
static struct keel_supervisor_client sup;

static void check(const char *what, long long got, long long want)
{
	uprintf("console test %s: got %lld want %lld %s\n", what, got, want,
		got == want ? "ok" : "FAIL");
	failed += got != want;
}

/* ---- The clients' ends, through init's supervisor ---- */

static void on_ended(void *ctx, const struct idl_caller *from, uint8_t unit, uint8_t how)
{
	(void)ctx;
	(void)from;
	uprintf("console test: unit %u ended (how %u)\n", (unsigned)unit, (unsigned)how);
}

/* Whether units `a` and `b` have both ended; each one's status is checked once it has. */
static bool clients_ended(bool checked[2])
{
	struct keel_supervisor_unit_status st;
	uint8_t n = 0, ended = 0;

	if (keel_supervisor_count(&sup, &n) != ERR_OK)
		return false;
	for (uint8_t i = 0; i < n; i++) {
		if (keel_supervisor_status(&sup, i, &st) != ERR_OK || st.name.len != 1 ||
		    (st.name.data[0] != 'a' && st.name.data[0] != 'b') ||
		    st.state == KEEL_SUPERVISOR_UNIT_STATE_RUNNING ||
		    st.last_end == KEEL_SUPERVISOR_END_KIND_NONE) /* running or not started yet */
			continue;
		ended++;
		if (!checked[st.name.data[0] - 'a']) {
			checked[st.name.data[0] - 'a'] = true;
			check("client exited", st.last_end, KEEL_SUPERVISOR_END_KIND_EXITED);
			check("client report (its exit status)", st.last_status, 0);
		}
	}
	return ended == 2;
}

/* Subscribes to `ended` first, so that no end is missed, then waits until both have ended. */
static void wait_for_clients(void)
{
	static const struct keel_supervisor_event_handlers handlers = {.ended = on_ended};
	struct keel_supervisor_events events;
	cap_t ch = sys_channel_create(4);
	bool checked[2] = {false, false};
	int32_t r = ERR_OK;

	check("subscribe to ended events",
	      keel_supervisor_subscribe(&sup, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)),
	      ERR_OK);
	keel_supervisor_events_init(&events, ch, &handlers, NULL);
	while (r == ERR_OK && !clients_ended(checked))
		r = keel_supervisor_events_recv(&events, EVENT_WAIT_US);
	check("both clients ended", r, ERR_OK);
}

static int32_t crash(const char *unit)
{
	struct keel_supervisor_name_max_string name;

	IDL_STRING_SET(name, unit);
	return keel_supervisor_crash(&sup, &name);
}

/* ---- The harness's key: the i8042 (ports and IRQ 1 from the manifest) ---- */

#define KBC_DATA	0x60u
#define KBC_STATUS	0x64u
#define KBC_OUT_FULL	0x01u
#define KBC_IN_FULL	0x02u
#define KBC_READ_CONFIG 0x20u
#define KBC_SET_CONFIG	0x60u
#define KBC_CONFIG_IRQ	0x01u /* a keyboard byte raises IRQ 1 */
#define KBC_CONFIG_OFF	0x10u /* keyboard clock off */
#define KBC_POLLS	100000u
#define KEY_WAIT_US	20000000u

/* Keyboard bytes raise IRQ 1 (whatever the firmware left); false if the controller hangs. */
static bool keyboard_interrupts_on(void)
{
	uint32_t i = 0;
	uint8_t config;

	while (inb(KBC_STATUS) & KBC_OUT_FULL) /* bytes the firmware left */
		(void)inb(KBC_DATA);
	outb(KBC_STATUS, KBC_READ_CONFIG);
	while (!(inb(KBC_STATUS) & KBC_OUT_FULL) && ++i < KBC_POLLS)
		;
	config = inb(KBC_DATA);
	outb(KBC_STATUS, KBC_SET_CONFIG);
	for (i = 0; (inb(KBC_STATUS) & KBC_IN_FULL) && i < KBC_POLLS; i++)
		;
	outb(KBC_DATA, (uint8_t)((config | KBC_CONFIG_IRQ) & ~KBC_CONFIG_OFF));
	return i < KBC_POLLS;
}

static cap_t key_irq, key_note;

/* The ports enabled and keyboard interrupts on, before the harness may type. */
static bool key_setup(void)
{
	key_irq = keel_startup_cap(KEEL_STARTUP_IRQ, "kbd");
	key_note = keel_startup_cap(KEEL_STARTUP_IRQ_NOTIFY, "kbd");
	return sys_ioport_enable(keel_startup_cap(KEEL_STARTUP_IOPORT, "kbd")) == ERR_OK &&
	       sys_ioport_enable(keel_startup_cap(KEEL_STARTUP_IOPORT, "kbdctl")) == ERR_OK &&
	       key_irq != CAP_NULL && key_note != CAP_NULL && keyboard_interrupts_on();
}

/* Waits for the next key byte: an interrupt with a byte waiting (a stale notification, from a
 * byte read in key_setup, has none). ERR_OK, or why not. */
static int32_t wait_for_key(void)
{
	uint32_t bits;
	int32_t r;

	for (;;) {
		r = sys_notify_wait(key_note, &bits, KEY_WAIT_US);
		if (r != ERR_OK)
			return r;
		if (inb(KBC_STATUS) & KBC_OUT_FULL) {
			(void)inb(KBC_DATA);
			sys_irq_ack(key_irq);
			return ERR_OK;
		}
		sys_irq_ack(key_irq);
	}
}

/* ---- The screen ---- */

/* Row `row` read through the console: its text without trailing blanks, and its attributes. */
static int32_t row_text(uint8_t row, char text[COLS + 1], uint8_t attrs[COLS])
{
	uint8_t chars[COLS];
	int32_t r = keel_console_read_line(&me, row, chars, attrs);
	int end = COLS;

	memcpy(text, chars, COLS);
	while (end > 0 && text[end - 1] == ' ')
		end--;
	text[end] = '\0';
	return r;
}

/* How many of the row's first n cells have attribute attr. */
static int count_attr(const uint8_t attrs[COLS], int n, uint8_t attr)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += attrs[i] == attr;
	return k;
}

/* Prints the clients' rows; each must be a whole line in its client's colours. */
static void client_rows(void)
{
	char text[COLS + 1], want[COLS + 1];
	uint8_t attrs[COLS];
	int whole = 0;

	for (uint8_t row = 0; row < CLIENT_LINES; row++) {
		check("read_line", row_text(row, text, attrs), ERR_OK);
		uprintf("screen row %u: %s\n", (unsigned)row, text);
		snprintf(want, sizeof(want), "%c%d alpha beta gamma", text[0], text[1] - '0');
		whole += strcmp(text, want) == 0;
		check(text[0] == 'A' ? "colours of A's line" : "colours of B's line",
		      count_attr(attrs, (int)strlen(want), text[0] == 'A' ? ATTR_A : ATTR_DEFAULT),
		      (long long)strlen(want));
	}
	check("whole client lines", whole, CLIENT_LINES);
	check("the row after them is empty",
	      row_text(CLIENT_LINES, text, attrs) == ERR_OK && text[0] == '\0', 1);
}

/* The model right after a request (the console repaints the VGA page at each): the clients'
 * rows, then blank rows; A's lines yellow on blue, everything else light grey on black. The
 * harness reads the VGA page through QEMU's monitor while the checker waits for its key and
 * wants the same rows and colours there (console_qemu_test's screen and screen_cells). */
static void vga_page(void)
{
	struct keel_console_line_max_string empty = {.len = 0};
	uint8_t attrs[COLS], accepted;
	int blank = 0, yellow = 0, grey = 0;
	char text[COLS + 1];

	check("write_now of nothing", keel_console_write_now(&me, &empty, &accepted), ERR_OK);
	for (uint8_t row = 0; row < ROWS; row++) {
		row_text(row, text, attrs);
		blank += row >= CLIENT_LINES && text[0] == '\0';
		yellow += count_attr(attrs, COLS, ATTR_A);
		grey += count_attr(attrs, COLS, ATTR_DEFAULT);
	}
	check("blank rows below the clients' lines", blank, ROWS - CLIENT_LINES);
	check("cells in yellow on blue (A's lines)", yellow, 3 * 19);
	check("cells in light grey on black", grey, ROWS * COLS - 3 * 19);
	uprintf("console test: the VGA page is ready for the harness\n");
	check("the harness's key after it read the VGA page", wait_for_key(), ERR_OK);
}

static void put(const char *text)
{
	struct keel_console_line_max_string s;
	uint8_t accepted = 0;

	IDL_STRING_SET(s, text);
	if (keel_console_write(&me, &s, &accepted) != ERR_OK || accepted != s.len)
		check("write of every byte", accepted, s.len);
}

/* 30 more lines scroll the screen: the last 24 lines stand in rows 0..23, the cursor below. */
static void scrolling(void)
{
	char line[16], text[COLS + 1];
	uint8_t attrs[COLS];
	struct keel_console_position pos;

	for (int i = 0; i < SCROLL_LINES; i++) {
		snprintf(line, sizeof(line), "scroll %02d\n", i);
		put(line);
	}
	row_text(0, text, attrs);
	uprintf("screen row 0 after scrolling: %s\n", text);
	check("row 0 after scrolling", strcmp(text, "scroll 06"), 0);
	row_text(ROWS - 2, text, attrs);
	check("row 23 after scrolling", strcmp(text, "scroll 29"), 0);
	check("cursor", keel_console_cursor(&me, &pos), ERR_OK);
	check("cursor row", pos.row, ROWS - 1);
	check("cursor col", pos.col, 0);
}

/* A line longer than the fake serial server takes at once: the mirror sends the rest. */
static void long_line(void)
{
	char line[LONG_LINE + 2];

	memset(line, 'L', LONG_LINE);
	line[LONG_LINE] = '\n';
	line[LONG_LINE + 1] = '\0';
	put(line);
}

/* A prompt without a newline shows at once; '\b' erases. */
static void prompt(void)
{
	struct keel_console_line_max_string s;
	struct keel_console_position pos;
	char text[COLS + 1];
	uint8_t attrs[COLS], accepted;

	IDL_STRING_SET(s, "prompt> ");
	check("write_now", keel_console_write_now(&me, &s, &accepted), ERR_OK);
	keel_console_cursor(&me, &pos);
	check("cursor after the prompt", pos.col, 8);
	IDL_STRING_SET(s, "x\b");
	keel_console_write_now(&me, &s, &accepted);
	row_text(ROWS - 1, text, attrs);
	check("the prompt's row", strcmp(text, "prompt>"), 0);
	put("\n");
}

/* Copies of the checker's capability with fewer rights (a badge of 0 keeps its own). */
static void rights(cap_t ep)
{
	struct keel_console_client ro = {.ep = cap_derive(ep, CAP_RIGHT_READ, 0),
					 .timeout_us = 1000000};
	struct keel_console_client rw = {.ep = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0),
					 .timeout_us = 1000000};
	struct keel_console_client wo = {.ep = cap_derive(ep, CAP_RIGHT_WRITE, 0),
					 .timeout_us = 1000000};
	struct keel_console_line_max_string s;
	struct keel_console_position far = {.row = ROWS, .col = 0};
	uint8_t chars[COLS], attrs[COLS], accepted;

	IDL_STRING_SET(s, "not allowed\n");
	check("write without WRITE", keel_console_write(&ro, &s, &accepted), ERR_RIGHTS);
	check("write_now without WRITE", keel_console_write_now(&ro, &s, &accepted), ERR_RIGHTS);
	check("read_line without READ", keel_console_read_line(&wo, 0, chars, attrs), ERR_RIGHTS);
	check("read_line with READ", keel_console_read_line(&rw, 0, chars, attrs), ERR_OK);
	check("read_line past the screen", keel_console_read_line(&rw, ROWS, chars, attrs),
	      KEEL_CONSOLE_ERROR_OUT_OF_SCREEN);
	check("move_to past the screen", keel_console_move_to(&wo, &far),
	      KEEL_CONSOLE_ERROR_OUT_OF_SCREEN);
}

static struct keel_console_counters counters(void)
{
	struct keel_console_counters c = {0};

	check("stats", keel_console_stats(&me, &c), ERR_OK);
	uprintf(
	    "console stats: shown %u full %u untracked %u serial sent %u dropped %u failed %u\n",
	    (unsigned)c.shown, (unsigned)c.buffer_full_flushes, (unsigned)c.untracked_writes,
	    (unsigned)c.serial_sent, (unsigned)c.serial_dropped, (unsigned)c.serial_failures);
	return c;
}

/* Everything shown reached the fake serial server ('\b' as "\b \b"), though it takes only
 * part of most writes; once it is killed (init keeps its endpoint, so the console's call
 * times out) the console keeps serving and counts the loss. */
static void mirror(void)
{
	const char *late = "after the serial server died\n";
	struct keel_console_counters c = counters(), after;
	char text[COLS + 1];
	uint8_t attrs[COLS];

	check("mirrored bytes", c.serial_sent, c.shown + 2);
	check("mirror dropped", c.serial_dropped, 0);
	check("mirror failures", c.serial_failures, 0);
	check("kill the serial server", crash("fake_serial"), ERR_OK);
	put(late);
	after = counters();
	check("failures after the kill", after.serial_failures, 1);
	check("dropped after the kill", after.serial_dropped, strlen(late));
	row_text(ROWS - 2, text, attrs);
	check("the line is on screen all the same", strcmp(text, "after the serial server died"),
	      0);
}

int main(uintptr_t arg)
{
	(void)arg;
	me = (struct keel_console_client){.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, CONSOLE),
					  .timeout_us = 1000000};
	sup = (struct keel_supervisor_client){
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, SUPERVISOR), .timeout_us = 1000000};
	check("console and supervisor capabilities", me.ep != CAP_NULL && sup.ep != CAP_NULL, 1);
	if (me.ep == CAP_NULL || sup.ep == CAP_NULL)
		return 1;
	check("the i8042 for the harness's key", key_setup(), 1);
	wait_for_clients();
	client_rows();
	vga_page();
	scrolling();
	long_line();
	prompt();
	rights(me.ep);
	mirror();
	uprintf("console test: %d failed\n", failed);
	return failed;
}
