/*
 * The client of the serial server's QEMU test. The test harness types text into the guest's
 * serial input when it sees this program's prompts (qemu_test `send`; the first once the other
 * client, test/other.c, ran); the app receives it as `received` events and answers through
 * the server:
 *   "hello keel\r" -> writes "got: hello keel\n" (the harness expects exactly that line);
 *   "long\r"       -> writes LONG_LINES numbered lines, more than the transmit ring holds;
 *   "stats\r"      -> checks the server's counters against every byte of the test so far;
 *   FLOOD_BYTES of digits while it does not read -> the receive ring overflows: what arrives
 *                  is the flood's beginning, and delivered + reported lost = FLOOD_BYTES.
 * Init starts it from test/serial_test.manifest with the server READ|WRITE; it derives a
 * WRITE-only copy for the refusals. Its exit status, which init logs, is its failure count.
 * Another client's refused subscription is test/other.c's.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/serial/client.h"
#include <tests/check.h>

#define WAIT_US	       20000000u /* for the harness's next input */
#define STALL_US       5000000u	 /* serial_write_all gives up after this long without progress */
#define LONG_LINES     40	 /* of LONG_LINE_LEN bytes: 4000, far more than SERIAL_TX_RING */
#define LONG_LINE_LEN  100
#define FLOOD_BYTES    2000
#define CHANNEL_EVENTS 2
#define RX_MAX	       2048

struct rx {
	char buf[RX_MAX];
	uint32_t len, lost, events;
};

static struct keel_serial_client serial = {.timeout_us = 1000000};
static struct keel_serial_client writer = {.timeout_us = 1000000}; /* WRITE only */
static uint32_t tx_total;     /* bytes this app had the server send */
static uint32_t say_failures; /* writes that did not go through whole */

static void on_received(void *ctx, const struct idl_caller *from,
			const struct keel_serial_chunk_max_bytes *d, uint32_t lost)
{
	struct rx *rx = ctx;
	uint32_t n = d->len;

	(void)from;
	if (n > sizeof(rx->buf) - rx->len)
		n = sizeof(rx->buf) - rx->len;
	memcpy(rx->buf + rx->len, d->data, n);
	rx->len += n;
	rx->lost += lost;
	rx->events++;
}

static int find_cr(const struct rx *rx)
{
	for (uint32_t i = 0; i < rx->len; i++) {
		if (rx->buf[i] == '\r')
			return (int)i;
	}
	return -1;
}

/* Receives until a line ending in CR arrived; moves it (without CR) to out. */
static int32_t read_line(struct keel_serial_events *ev, struct rx *rx, char *out, size_t max)
{
	int32_t r = ERR_OK;
	int cr;

	while ((cr = find_cr(rx)) < 0 && r == ERR_OK)
		r = keel_serial_events_recv(ev, WAIT_US);
	if (cr < 0)
		return r;
	if ((size_t)cr >= max)
		return ERR_OVERFLOW;
	memcpy(out, rx->buf, (size_t)cr);
	out[cr] = '\0';
	rx->len -= (uint32_t)cr + 1;
	memmove(rx->buf, rx->buf + cr + 1, rx->len);
	return ERR_OK;
}

/*
 * Writes text through the server. Prints nothing (a print now would go out through the
 * kernel while the server still sends, and mix with it): failures are counted for later.
 */
static void say(const char *text, size_t n)
{
	size_t written = 0;

	if (serial_write_all(&serial, text, n, STALL_US, &written) != ERR_OK || written != n)
		say_failures++;
	tx_total += (uint32_t)written;
	for (size_t i = 0; i < written; i++)
		tx_total += text[i] == '\n'; /* it goes out as "\r\n" */
}

/* The errors a client can see before any byte moves (the other client's: test/other.c). */
static void refusals(void)
{
	struct keel_serial_counters c;

	CHECK("app", "stats without READ", keel_serial_stats(&writer, &c), ERR_RIGHTS);
	CHECK("app", "configure without ADMIN",
	       keel_serial_configure(&serial, KEEL_SERIAL_BAUD_B115200), ERR_RIGHTS);
}

/* LONG_LINES lines "long NN: " + letters, each LONG_LINE_LEN bytes with its newline. */
static void long_write(void)
{
	static char text[LONG_LINES * LONG_LINE_LEN];

	for (int i = 0; i < LONG_LINES; i++) {
		char *line = text + i * LONG_LINE_LEN;
		int head = snprintf(line, LONG_LINE_LEN, "long %02d: ", i);

		for (int k = head; k < LONG_LINE_LEN - 1; k++)
			line[k] = (char)('a' + (i + k) % 26);
		line[LONG_LINE_LEN - 1] = '\n';
	}
	say(text, sizeof(text));
}

/* The counters after the lines and the long write: nothing lost, everything sent. */
static void check_stats(uint32_t rx_expected)
{
	struct keel_serial_counters c;

	CHECK("app", "writes complete", say_failures, 0);
	CHECK("app", "stats", keel_serial_stats(&serial, &c), ERR_OK);
	CHECK("app", "rx_bytes", c.rx_bytes, rx_expected);
	CHECK("app", "rx_delivered", c.rx_delivered, rx_expected);
	CHECK("app", "rx_overruns", c.rx_overruns, 0);
	CHECK("app", "rx_dropped", c.rx_dropped, 0);
	CHECK("app", "tx_bytes", c.tx_bytes, tx_total);
	CHECK("app", "tx_pending", c.tx_pending, 0);
	/* Whether the ring filled depends on timing (QEMU's UART sends at once): the host test
	 * serial_test covers partial writes; here it is only shown. */
	uprintf("app: writes that found the ring full: %u\n", (unsigned)c.tx_full);
}

/* Waits (bounded) until the server has taken `want` more bytes off the line, kept or not. */
static bool await_rx(uint32_t base, uint32_t want, struct keel_serial_counters *c)
{
	uint64_t start = 0, now = 0;

	(void)sys_get_time_us(&start);
	for (now = start; now - start < WAIT_US; (void)sys_get_time_us(&now)) {
		if (keel_serial_stats(&serial, c) != ERR_OK)
			return false;
		if (c->rx_bytes + c->rx_dropped - base >= want)
			return true;
		(void)sys_yield();
	}
	return false;
}

/* The flood: the ring overflows while the app does not read; nothing vanishes unreported. */
static void flood(struct keel_serial_events *ev, struct rx *rx)
{
	struct keel_serial_counters before, after;
	uint32_t ok = 1;

	CHECK("app", "stats before flood", keel_serial_stats(&serial, &before), ERR_OK);
	rx->len = rx->lost = 0;
	uprintf("app: flood me\n");
	CHECK("app", "flood taken off the line",
	       await_rx(before.rx_bytes + before.rx_dropped, FLOOD_BYTES, &after), 1);
	CHECK("app", "flood dropped some", after.rx_dropped - before.rx_dropped > 0, 1);
	while (rx->len + rx->lost < FLOOD_BYTES && keel_serial_events_recv(ev, WAIT_US) == ERR_OK)
		;
	CHECK("app", "delivered + lost", rx->len + rx->lost, FLOOD_BYTES);
	CHECK("app", "lost = dropped", rx->lost, after.rx_dropped - before.rx_dropped);
	for (uint32_t i = 0; i < rx->len; i++)
		ok &= rx->buf[i] == (char)('0' + i % 10);
	CHECK("app", "flood beginning intact", ok, 1);
}

int main(uintptr_t arg)
{
	static const struct keel_serial_event_handlers handlers = {.received = on_received};
	static struct rx rx;
	struct keel_serial_events ev;
	cap_t ch = sys_channel_create(CHANNEL_EVENTS);
	char line[64], got[80];

	(void)arg;
	serial.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial");
	writer.ep = cap_derive(serial.ep, CAP_RIGHT_WRITE, 0);
	CHECK("app", "capabilities", serial.ep >= 0 && writer.ep >= 0, 1);
	keel_serial_events_init(&ev, ch, &handlers, &rx);
	CHECK("app", "subscribe",
	       keel_serial_subscribe(&serial, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)),
	       ERR_OK);
	refusals();
	uprintf("app: send a line\n");
	CHECK("app", "line", read_line(&ev, &rx, line, sizeof(line)), ERR_OK);
	CHECK("app", "line is hello keel", strcmp(line, "hello keel"), 0);
	say(got, (size_t)snprintf(got, sizeof(got), "got: %s\n", line));
	CHECK("app", "long",
	       read_line(&ev, &rx, line, sizeof(line)) == ERR_OK && strcmp(line, "long") == 0, 1);
	long_write();
	CHECK("app", "stats line",
	       read_line(&ev, &rx, line, sizeof(line)) == ERR_OK && strcmp(line, "stats") == 0, 1);
	check_stats(sizeof("hello keel\r") - 1 + sizeof("long\r") - 1 + sizeof("stats\r") - 1);
	flood(&ev, &rx);
	uprintf("app: %d failed\n", check_failed);
	return check_failed;
}
