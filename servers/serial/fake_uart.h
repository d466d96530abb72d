/*
 * A fake 16550 for host tests of the serial driver: received bytes to hand out, injected line
 * errors, a transmit FIFO that goes out only when the test says so, and the interrupt
 * identification a real UART would give.
 */
#ifndef SERVERS_SERIAL_FAKE_UART_H
#define SERVERS_SERIAL_FAKE_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "servers/serial/uart.h"

#define FAKE_UART_BASE	 0x3f8
#define FAKE_UART_RX_MAX 4096
#define FAKE_UART_TX_MAX 8192

struct fake_uart {
	uint8_t ier, lcr, mcr, fcr, dll, dlm;
	uint8_t rx[FAKE_UART_RX_MAX];
	uint32_t rx_head, rx_count;
	uint8_t wire[FAKE_UART_TX_MAX]; /* bytes that went out, in order */
	uint32_t wire_len;
	uint32_t fifo_used;	/* bytes written to THR not yet on the wire */
	uint32_t fifo_overflow; /* THR writes while the FIFO was full: a driver bug */
	bool thre_pending;	/* a transmit-empty interrupt waits to be identified */
	uint8_t lsr_errors;	/* OE/PE/FE/BI reported (and cleared) by the next LSR read */
	bool stuck_iir;		/* IIR always claims received data (a broken UART) */
	uint32_t iir_reads;
};

extern struct fake_uart fake_uart;
extern const struct uart_io fake_uart_io;

void fake_uart_reset(void);
/* Bytes arrive on the line. */
void fake_uart_receive(const void *data, uint32_t n);
/* The transmit FIFO goes out on the wire; THRE and its interrupt follow. */
void fake_uart_send_fifo(void);

#endif
