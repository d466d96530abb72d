/*
 * Host tests of the serial server's handlers (serial.h) over a fake UART and the fake IPC
 * transport: whole writes or FULL, delivery of received bytes as events (in order, held
 * back while the subscriber's channel is full, losses reported), one subscriber, counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "idl/serial_client.h"
#include "servers/serial/fake_uart.h"
#include "servers/serial/serial.h"

static struct serial_state state;
static struct keel_serial_server server;
static uint8_t got[4096];
static uint32_t got_len, got_lost, got_events;

static void on_received(void *ctx, const struct idl_caller *from,
			const struct keel_serial_chunk_max_bytes *d, uint32_t lost)
{
	(void)ctx;
	(void)from;
	memcpy(got + got_len, d->data, d->len);
	got_len += d->len;
	got_lost += lost;
	got_events++;
}

static const struct keel_serial_event_handlers handlers = {.received = on_received};

/* A client of the given badge and rights. */
static struct keel_serial_client client(uint64_t badge, uint32_t rights)
{
	return (struct keel_serial_client){
	    .ep = fake_endpoint_new(keel_serial_dispatch_untyped, &server, badge, rights),
	    .timeout_us = 1000};
}

static int setup(void **unused)
{
	(void)unused;
	fake_reset();
	fake_uart_reset();
	got_len = got_lost = got_events = 0;
	serial_state_init(&state, &fake_uart_io);
	keel_serial_server_init(&server, CAP_NULL, &serial_handlers, &state);
	return 0;
}

static int32_t write_bytes(const struct keel_serial_client *c, uint8_t fill, uint8_t n,
			   uint8_t *accepted)
{
	struct keel_serial_chunk_max_bytes d = {.len = n};

	memset(d.data, fill, n);
	return keel_serial_write(c, &d, accepted);
}

/*
 * A write goes in whole or not at all (FULL, nothing taken), a newline costing two ring
 * bytes; nothing is lost.
 */
static void test_write_whole_or_full(void **unused)
{
	struct keel_serial_client c = client(2, CAP_RIGHT_WRITE);
	uint8_t accepted = 0;
	uint32_t total = 0;

	(void)unused;
	while (write_bytes(&c, 'w', KEEL_SERIAL_CHUNK_MAX, &accepted) == ERR_OK) {
		assert_int_equal(accepted, KEEL_SERIAL_CHUNK_MAX);
		total += accepted;
	}
	assert_int_equal(total, SERIAL_TX_RING); /* the first FIFO went out: 16 bytes free */
	assert_int_equal(write_bytes(&c, '\n', 9, &accepted), KEEL_SERIAL_ERROR_FULL); /* 18 */
	assert_int_equal(write_bytes(&c, '\n', 8, &accepted), ERR_OK);		/* 16 */
	assert_int_equal(accepted, 8);
	total += 2 * accepted;
	assert_int_equal(write_bytes(&c, 'w', 1, &accepted), KEEL_SERIAL_ERROR_FULL);
	assert_int_equal(write_bytes(&c, 'w', 0, &accepted), ERR_OK);
	assert_int_equal(accepted, 0);
	assert_int_equal(state.tx_full, 3);
	while (fake_uart.wire_len < total) {
		fake_uart_send_fifo();
		(void)serial_on_interrupt(&state);
	}
	assert_int_equal(fake_uart.wire_len, total);
	assert_int_equal(fake_uart.fifo_overflow, 0);
}

/* The server's own log lines: as a write, each \n as \r\n; what does not fit is not taken. */
static void test_log_text_takes_what_fits(void **unused)
{
	static char text[1200], want[1800];
	uint32_t taken, want_len = 0;

	(void)unused;
	for (uint32_t i = 0; i < sizeof(text); i++)
		text[i] = i % 2 ? '\n' : 'a';
	taken = serial_log_text(&state, text, sizeof(text));
	assert_int_equal(taken, 683); /* 341 "a\r\n" and an 'a' fill the ring */
	for (uint32_t i = 0; i < taken; i++) {
		if (text[i] == '\n')
			want[want_len++] = '\r';
		want[want_len++] = text[i];
	}
	while (fake_uart.wire_len < want_len) {
		fake_uart_send_fifo();
		(void)serial_on_interrupt(&state);
	}
	assert_int_equal(fake_uart.wire_len, want_len);
	assert_memory_equal(fake_uart.wire, want, want_len);
	assert_int_equal(state.tx_full, 0); /* no client's write was short */
}

static void test_received_bytes_become_events(void **unused)
{
	struct keel_serial_client c = client(2, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	struct keel_serial_events ev;
	cap_t send, recv;

	(void)unused;
	fake_channel_new(2, 0, &send, &recv);
	keel_serial_events_init(&ev, recv, &handlers, NULL);
	fake_uart_receive("early", 5); /* before the subscription: kept */
	assert_false(serial_on_interrupt(&state));
	assert_int_equal(keel_serial_subscribe(&c, send), ERR_OK);
	assert_int_equal(keel_serial_events_recv(&ev, 0), ERR_OK);
	fake_uart_receive(" and late", 9);
	assert_false(serial_on_interrupt(&state));
	assert_int_equal(keel_serial_events_recv(&ev, 0), ERR_OK);
	assert_int_equal(got_len, 14);
	assert_memory_equal(got, "early and late", 14);
	assert_int_equal(got_lost, 0);
	assert_int_equal(state.rx_delivered, 14);
}

/* A full channel holds bytes back (retry later); overflow of the ring is reported as lost. */
static void test_full_channel_holds_back_and_reports_loss(void **unused)
{
	struct keel_serial_client c = client(2, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	struct keel_serial_events ev;
	static uint8_t flood[SERIAL_RX_RING + 300];
	cap_t send, recv;

	(void)unused;
	for (unsigned i = 0; i < sizeof(flood); i++)
		flood[i] = (uint8_t)i;
	fake_channel_new(1, 0, &send, &recv);
	keel_serial_events_init(&ev, recv, &handlers, NULL);
	assert_int_equal(keel_serial_subscribe(&c, send), ERR_OK);
	fake_uart_receive(flood, sizeof(flood));
	assert_true(serial_on_interrupt(&state)); /* backlog: the forwarder must come back */
	assert_true(state.events_delayed >= 1);
	while (keel_serial_events_recv(&ev, 0) == ERR_OK)
		(void)serial_on_interrupt(&state);
	assert_int_equal(got_len + got_lost, sizeof(flood));
	assert_int_equal(got_lost, state.dev.counts.rx_dropped);
	assert_memory_equal(got, flood, got_len);
	assert_int_equal(got_len, SERIAL_RX_RING); /* one interrupt took the whole flood */
}

static void test_one_subscriber(void **unused)
{
	struct keel_serial_client a = client(2, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	struct keel_serial_client b = client(3, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	cap_t s1, r1, s2, r2, s3, r3, s4, r4;

	(void)unused;
	fake_channel_new(1, 0, &s1, &r1);
	fake_channel_new(1, 0, &s2, &r2);
	fake_channel_new(1, 0, &s3, &r3);
	fake_channel_new(1, 0, &s4, &r4);
	assert_int_equal(keel_serial_subscribe(&a, s1), ERR_OK);
	assert_int_equal(keel_serial_subscribe(&b, s2), KEEL_SERIAL_ERROR_TAKEN);
	assert_false(fake_cap_alive(s2)); /* a refused channel is released, not kept */
	assert_int_equal(keel_serial_subscribe(&a, s3), ERR_OK); /* the same unit: replaced */
	assert_int_equal(fake_bad_deletes(), 0);
	(void)cap_delete(r3); /* the reader goes: the next delivery ends the subscription */
	fake_uart_receive("z", 1);
	(void)serial_on_interrupt(&state);
	assert_false(state.subscribed);
	assert_int_equal(keel_serial_subscribe(&b, s4), ERR_OK);
	(void)r1;
	(void)r2;
	(void)r4;
}

static void test_stats_and_rights(void **unused)
{
	struct keel_serial_client rw = client(2, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	struct keel_serial_client admin = client(1, CAP_RIGHT_ADMIN);
	struct keel_serial_counters k;
	uint8_t accepted;

	(void)unused;
	fake_uart_receive("abc", 3);
	(void)serial_on_interrupt(&state);
	assert_int_equal(write_bytes(&rw, 'x', 5, &accepted), ERR_OK);
	assert_int_equal(keel_serial_stats(&rw, &k), ERR_OK);
	assert_int_equal(k.rx_bytes, 3);
	assert_int_equal(k.rx_pending, 3);
	assert_int_equal(k.tx_bytes, 5);
	assert_int_equal(k.tx_pending, 0);
	assert_int_equal(keel_serial_configure(&rw, KEEL_SERIAL_BAUD_B9600), ERR_RIGHTS);
	assert_int_equal(keel_serial_configure(&admin, KEEL_SERIAL_BAUD_B9600), ERR_OK);
	assert_int_equal(fake_uart.dll, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_write_whole_or_full, setup),
	    cmocka_unit_test_setup(test_log_text_takes_what_fits, setup),
	    cmocka_unit_test_setup(test_received_bytes_become_events, setup),
	    cmocka_unit_test_setup(test_full_channel_holds_back_and_reports_loss, setup),
	    cmocka_unit_test_setup(test_one_subscriber, setup),
	    cmocka_unit_test_setup(test_stats_and_rights, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
