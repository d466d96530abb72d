/*
 * The serial server's state and its handlers of idl/serial.idl: the UART with its rings, the
 * one subscriber of received bytes and the counters. Touched by the server's main thread only
 * (docs/system.md, "Servers with interrupts"); the interrupt path enters through
 * serial_on_interrupt.
 */
#ifndef SERVERS_SERIAL_SERIAL_H
#define SERVERS_SERIAL_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "idl/serial_server.h"
#include "servers/serial/uart.h"

#define SERIAL_RX_RING 1024 /* received bytes the driver holds for its subscriber */
#define SERIAL_TX_RING 1024 /* bytes waiting for the line */

struct serial_state {
	struct uart_dev dev;
	uint8_t rx_buf[SERIAL_RX_RING];
	uint8_t tx_buf[SERIAL_TX_RING];
	bool subscribed;
	uint64_t sub_badge; /* the subscriber unit's badge */
	struct keel_serial_subscriber sub;
	uint32_t rx_delivered;	 /* bytes sent in received events */
	uint32_t events_delayed; /* sends that found the subscriber's channel full */
	uint32_t tx_full;	 /* writes that could not take all their bytes */
};

/* The handler table to pass to keel_serial_server_init with a struct serial_state as ctx. */
extern const struct keel_serial_handlers serial_handlers;

/* Empties s and sets the UART up at 115200 8N1 with its interrupts on. */
void serial_state_init(struct serial_state *s, const struct uart_io *io);
/*
 * Serves the UART after an interrupt (or a retry tick) and passes received bytes on to the
 * subscriber. Returns true while received bytes wait because the subscriber's channel was full
 * (the caller should come back soon even without an interrupt).
 */
bool serial_on_interrupt(struct serial_state *s);
/*
 * The server's own log line (servers/log keel_log_start_local): queues what fits of text as a
 * write does and starts sending; returns how many bytes of text it took.
 */
uint32_t serial_log_text(struct serial_state *s, const char *text, uint32_t len);
/* Sends what the receive ring holds to the subscriber; true if some is left for lack of room. */
bool serial_deliver(struct serial_state *s);

#endif
