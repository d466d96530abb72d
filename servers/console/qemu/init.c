/*
 * Root task of the console's QEMU test. It builds what init will build from the manifest: the
 * console's endpoint (init keeps every right), the VGA page and CRTC ports, a budget and the
 * startup table, and a fake serial server to mirror to. Two client units write interleaved
 * partial lines; init then reads the screen back through read_line (READ) and checks whole
 * lines, colours, the VGA page itself, scrolling, write_now, the rights and the serial mirror,
 * also after the serial server was killed. Lines "console test <what>: got G want W ok|FAIL".
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/console_client.h"

#define MOD_CONSOLE   1
#define MOD_SERIAL    2
#define MOD_CLIENT    3
#define TABLE_VA      0x20000000u
#define VGA_VA	      0x21000000u
#define PRIO_SERIAL   95
#define PRIO_CONSOLE  90
#define PRIO_CLIENT   50
#define BADGE_SERIAL  21 /* the console's badge at the serial server */
#define CLIENT_LINES  6
#define SCROLL_LINES  30
#define ROWS	      KEEL_CONSOLE_ROWS
#define COLS	      KEEL_CONSOLE_COLS
#define LONG_LINE     120 /* more than the fake serial server's 50 bytes a write */
#define ATTR_A	      0x1e /* yellow on blue */
#define ATTR_DEFAULT  0x07

static int failed;
static struct keel_console_client me; /* every right, badge 0 */

static void check(const char *what, long long got, long long want)
{
	uprintf("console test %s: got %lld want %lld %s\n", what, got, want,
		got == want ? "ok" : "FAIL");
	failed += got != want;
}

/* The console's own budget: its unit, threads, image frames, page tables and mappings. */
static cap_t console_budget(void)
{
	struct keel_budget want = {.frames = 64};

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 2;
	want.objects[CAP_TYPE_MEMORY] = 4;
	want.objects[BUDGET_MAPPINGS] = 16;
	return sys_budget_create(CAP_ROOT_BUDGET, &want);
}

/* The startup table, filled in init's mapping; returns the unit's READ-only view of it. */
static cap_t startup_table(void)
{
	cap_t page = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	struct keel_startup *t = (struct keel_startup *)TABLE_VA;
	const char *con = "keel.console.Console";
	bool ok;

	check("map the startup page", sys_mem_map(page, t, MEM_MAP_READ | MEM_MAP_WRITE), ERR_OK);
	ok = keel_startup_init(t, "console", 0) &&
	     keel_startup_add(t, KEEL_STARTUP_SERVE, con, CAP_RIGHT_READ, 0, 0) &&
	     keel_startup_add(t, KEEL_STARTUP_SELF, con, CAP_RIGHT_WRITE, 0, 0) &&
	     keel_startup_add(t, KEEL_STARTUP_DEVMEM, "vga", CAP_RIGHT_READ | CAP_RIGHT_WRITE,
			      0xb8000u, 0x1000u) &&
	     keel_startup_add(t, KEEL_STARTUP_IOPORT, "crtc", CAP_RIGHT_READ | CAP_RIGHT_WRITE,
			      0x3d4u, 2) &&
	     keel_startup_add(t, KEEL_STARTUP_CLIENT, "keel.serial.Serial", CAP_RIGHT_WRITE, 0, 0);
	check("startup table filled", ok, 1);
	return cap_derive(page, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
}

/* The console unit, with caps in the order of its startup table. */
static void start_console(cap_t ep, cap_t serial_ep)
{
	uint32_t dev = CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT;
	cap_t caps[7];

	caps[0] = console_budget();
	caps[1] = startup_table();
	caps[2] = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	caps[3] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, KEEL_BADGE_SELF);
	caps[4] = sys_devmem_create(CAP_ROOT_DEVMEM, 0xb8000u, 0x1000u);
	caps[5] = sys_ioport_create(CAP_ROOT_IOPORT, 0x3d4u, 2);
	caps[6] = cap_derive(serial_ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, BADGE_SERIAL);
	check("budget", caps[0] > 0, 1);
	check("devmem for the VGA page", caps[4] > 0, 1);
	check("ioport for the CRTC", caps[5] > 0, 1);
	check("devmem without ADMIN", cap_restrict(caps[4], dev), ERR_OK);
	check("ioport without ADMIN", cap_restrict(caps[5], dev), ERR_OK);
	check("console started",
	      sys_unit_start_budget(CAP_ROOT_MODULE(MOD_CONSOLE), PRIO_CONSOLE, PRIO_CONSOLE, caps,
				    7, 0) > 0,
	      1);
}

/* Both clients, then their two reports (each a failure count). */
static void run_clients(cap_t ep)
{
	cap_t done = sys_endpoint_create(), caps[2];
	struct ipc_message m;
	struct ipc_recv_info info;

	for (int i = 0; i < 2; i++) {
		caps[0] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 1 + (uint64_t)i);
		caps[1] = cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
		check("client started",
		      sys_unit_start(CAP_ROOT_MODULE(MOD_CLIENT), PRIO_CLIENT, PRIO_CLIENT, caps,
				     2, i == 0 ? 'A' : 'B') > 0,
		      1);
	}
	for (int i = 0; i < 2; i++) {
		int32_t r = ipc_recv(done, &m, &info, IPC_WAIT_FOREVER);

		check("client report", r == ERR_OK && m.length == 1 ? m.data[0] : -1, 0);
	}
}

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
	check("the row after them is empty", row_text(CLIENT_LINES, text, attrs) == ERR_OK &&
					      text[0] == '\0', 1);
}

/* The VGA page itself, read right after a request (the console repaints it at each), equals
 * what read_line reports: every character and attribute. */
static void vga_page(void)
{
	static uint16_t copy[ROWS * COLS];
	struct keel_console_line_max_string empty = {.len = 0};
	uint8_t chars[COLS], attrs[COLS], accepted;
	int differ = 0;
	int32_t r;

	check("map VGA text memory read-only",
	      sys_mem_map(CAP_ROOT_VGA, (void *)VGA_VA, MEM_MAP_READ), ERR_OK);
	r = keel_console_write_now(&me, &empty, &accepted);
	for (int i = 0; i < ROWS * COLS; i++) /* before any print: the kernel prints there too */
		copy[i] = ((volatile uint16_t *)VGA_VA)[i];
	check("write_now of nothing", r, ERR_OK);
	for (uint8_t row = 0; row < ROWS; row++) {
		keel_console_read_line(&me, row, chars, attrs);
		for (int c = 0; c < COLS; c++) {
			uint16_t want = (uint16_t)(attrs[c] << 8 | chars[c]);

			if (copy[row * COLS + c] != want && differ++ == 0)
				uprintf("VGA row %u col %d: %x, read_line %x\n", (unsigned)row, c,
					copy[row * COLS + c], want);
		}
	}
	check("VGA cells that differ from read_line", differ, 0);
	differ = 0;
	for (int i = 0; i < ROWS * COLS; i++)
		differ += copy[i] >> 8 == ATTR_A;
	check("VGA cells in yellow on blue (A's lines)", differ, 3 * 19);
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

static void rights(cap_t ep)
{
	struct keel_console_client ro = {.ep = cap_derive(ep, CAP_RIGHT_READ, 13),
					 .timeout_us = 1000000};
	struct keel_console_client rw = {.ep = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 15),
					 .timeout_us = 1000000};
	struct keel_console_client wo = {.ep = cap_derive(ep, CAP_RIGHT_WRITE, 14),
					 .timeout_us = 1000000};
	struct keel_console_line_max_string s;
	struct keel_console_position far = {.row = ROWS, .col = 0};
	uint8_t chars[COLS], attrs[COLS], accepted;

	IDL_STRING_SET(s, "not allowed\n");
	check("write without WRITE", keel_console_write(&ro, &s, &accepted), ERR_RIGHTS);
	check("write_now without WRITE", keel_console_write_now(&ro, &s, &accepted), ERR_RIGHTS);
	check("read_line without READ", keel_console_read_line(&wo, 0, chars, attrs),
	      ERR_RIGHTS);
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
	uprintf("console stats: shown %u full %u untracked %u serial sent %u dropped %u failed %u\n",
		(unsigned)c.shown, (unsigned)c.buffer_full_flushes, (unsigned)c.untracked_writes,
		(unsigned)c.serial_sent, (unsigned)c.serial_dropped, (unsigned)c.serial_failures);
	return c;
}

/* Everything shown reached the fake serial server ('\b' as "\b \b"), though it takes only
 * part of most writes; once it is killed the console keeps serving and counts the loss. */
static void mirror(cap_t serial_unit)
{
	const char *late = "after the serial server died\n";
	struct keel_console_counters c = counters(), after;
	char text[COLS + 1];
	uint8_t attrs[COLS];

	check("mirrored bytes", c.serial_sent, c.shown + 2);
	check("mirror dropped", c.serial_dropped, 0);
	check("mirror failures", c.serial_failures, 0);
	check("kill the serial server", sys_unit_kill(serial_unit), ERR_OK);
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
	cap_t ep = sys_endpoint_create(), serial_ep = sys_endpoint_create(), caps[1];
	int32_t serial_unit;

	(void)arg;
	me = (struct keel_console_client){.ep = ep, .timeout_us = 1000000};
	caps[0] = cap_derive(serial_ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	serial_unit = sys_unit_start(CAP_ROOT_MODULE(MOD_SERIAL), PRIO_SERIAL, PRIO_SERIAL, caps,
				     1, 0);
	check("fake serial started", serial_unit > 0, 1);
	start_console(ep, serial_ep);
	run_clients(ep);
	client_rows();
	vga_page();
	scrolling();
	long_line();
	prompt();
	rights(ep);
	mirror(serial_unit);
	uprintf("console test: %d failed\n", failed);
	return failed;
}
