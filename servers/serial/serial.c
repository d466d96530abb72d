/* The serial server's handlers and interrupt path (serial.h). */
#include "servers/serial/serial.h"

#include <keel/abi.h>

#define SERIAL_DIVISOR_DEFAULT 1 /* 115200 baud, what the kernel's polled console uses */

void serial_state_init(struct serial_state *s, const struct uart_io *io)
{
	*s = (struct serial_state){0};
	s->dev.io = io;
	serial_ring_init(&s->dev.rx, s->rx_buf, sizeof(s->rx_buf));
	serial_ring_init(&s->dev.tx, s->tx_buf, sizeof(s->tx_buf));
	uart_setup(&s->dev, SERIAL_DIVISOR_DEFAULT);
}

static void unsubscribe(struct serial_state *s)
{
	if (s->subscribed)
		(void)cap_delete(s->sub.channel);
	s->subscribed = false;
}

/* One event of up to CHUNK_MAX bytes; false when nothing more can go now. */
static bool deliver_chunk(struct serial_state *s)
{
	struct keel_serial_chunk_max_bytes chunk = {0};
	int32_t r;

	chunk.len = (uint8_t)serial_ring_peek(&s->dev.rx, chunk.data, KEEL_SERIAL_CHUNK_MAX);
	r = keel_serial_send_received(&s->sub, &chunk, s->dev.counts.lost);
	if (r == ERR_OK) {
		serial_ring_drop(&s->dev.rx, chunk.len);
		s->rx_delivered += chunk.len;
		s->dev.counts.lost = 0;
		return true;
	}
	if (r == ERR_BUSY) {
		s->events_delayed++;
		return false;
	}
	unsubscribe(s); /* the reader is gone (or the channel broke): bytes wait for the next */
	return false;
}

bool serial_deliver(struct serial_state *s)
{
	while (s->subscribed && serial_ring_count(&s->dev.rx) > 0) {
		if (!deliver_chunk(s))
			break;
	}
	return s->subscribed && serial_ring_count(&s->dev.rx) > 0;
}

bool serial_on_interrupt(struct serial_state *s)
{
	(void)uart_service(&s->dev);
	return serial_deliver(s);
}

/*
 * Queues what fits of data, each '\n' as "\r\n" (a terminal's line ending, as the kernel's
 * console writes it); returns how many bytes of data were taken.
 */
static uint32_t queue_text(struct serial_ring *tx, const uint8_t *data, uint32_t len)
{
	uint32_t n = 0;

	for (; n < len; n++) {
		if (data[n] == '\n') {
			if (serial_ring_space(tx) < 2)
				break;
			serial_ring_push(tx, '\r');
		}
		if (!serial_ring_push(tx, data[n]))
			break;
	}
	return n;
}

/* The ring bytes data takes: each '\n' goes out as "\r\n". */
static uint32_t ring_cost(const uint8_t *data, uint32_t len)
{
	uint32_t cost = len;

	for (uint32_t i = 0; i < len; i++)
		cost += data[i] == '\n';
	return cost;
}

/*
 * A write goes in whole or not at all, so another client's write never lands inside it: a
 * line written in one call stays whole on the wire, whoever else writes meanwhile.
 */
static int32_t on_write(void *ctx, const struct idl_caller *caller,
			const struct keel_serial_chunk_max_bytes *data, uint8_t *accepted)
{
	struct serial_state *s = ctx;
	bool fits = ring_cost(data->data, data->len) <= serial_ring_space(&s->dev.tx);
	uint32_t n = fits ? queue_text(&s->dev.tx, data->data, data->len) : 0;

	(void)caller;
	uart_kick(&s->dev);
	if (n < data->len)
		s->tx_full++;
	if (n == 0 && data->len > 0)
		return KEEL_SERIAL_ERROR_FULL;
	*accepted = (uint8_t)n;
	return ERR_OK;
}

uint32_t serial_log_text(struct serial_state *s, const char *text, uint32_t len)
{
	uint32_t n = queue_text(&s->dev.tx, (const uint8_t *)text, len);

	uart_kick(&s->dev);
	return n;
}

static int32_t on_configure(void *ctx, const struct idl_caller *caller, uint32_t baud)
{
	struct serial_state *s = ctx;
	uint16_t divisor = uart_divisor(baud);

	(void)caller;
	if (divisor == 0)
		return ERR_INVALID; /* not reached: dispatch admits only Baud members */
	uart_set_divisor(&s->dev, divisor);
	return ERR_OK;
}

static int32_t on_subscribe(void *ctx, const struct idl_caller *caller, cap_t events)
{
	struct serial_state *s = ctx;

	if (s->subscribed && s->sub_badge != caller->badge) {
		(void)cap_delete(events);
		return KEEL_SERIAL_ERROR_TAKEN;
	}
	unsubscribe(s);
	keel_serial_subscriber_init(&s->sub, events);
	s->subscribed = true;
	s->sub_badge = caller->badge;
	(void)serial_deliver(s); /* what arrived before the subscription */
	return ERR_OK;
}

static int32_t on_stats(void *ctx, const struct idl_caller *caller, struct keel_serial_counters *c)
{
	struct serial_state *s = ctx;
	const struct uart_counts *u = &s->dev.counts;

	(void)caller;
	*c = (struct keel_serial_counters){
	    .rx_bytes = u->rx_bytes,
	    .tx_bytes = u->tx_bytes,
	    .rx_overruns = u->rx_overruns,
	    .rx_dropped = u->rx_dropped,
	    .line_errors = u->line_errors,
	    .rx_delivered = s->rx_delivered,
	    .events_delayed = s->events_delayed,
	    .tx_full = s->tx_full,
	    .rx_pending = (uint16_t)serial_ring_count(&s->dev.rx),
	    .tx_pending = (uint16_t)serial_ring_count(&s->dev.tx),
	};
	return ERR_OK;
}

const struct keel_serial_handlers serial_handlers = {
    .write = on_write,
    .configure = on_configure,
    .subscribe = on_subscribe,
    .stats = on_stats,
};
