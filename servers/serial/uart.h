/*
 * The 16550 UART: register layout, decoding of IIR and LSR, and the device half of the serial
 * driver (line setup, moving bytes between the UART and the rings, counting what is lost).
 * Port access goes through struct uart_io so host tests drive a fake UART.
 */
#ifndef SERVERS_SERIAL_UART_H
#define SERVERS_SERIAL_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "servers/serial/ring.h"

/* Register offsets from the base port. */
#define UART_RBR   0 /* read: receive buffer; write: THR, transmit holding */
#define UART_THR   0
#define UART_DLL   0 /* with LCR.DLAB: divisor low byte */
#define UART_IER   1 /* interrupt enable; with LCR.DLAB: divisor high byte */
#define UART_DLM   1
#define UART_IIR   2 /* read: interrupt identification */
#define UART_FCR   2 /* write: FIFO control */
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5
#define UART_MSR   6
#define UART_PORTS 8 /* ports a UART occupies */

#define UART_IER_RX    0x01 /* received data available (and character timeout) */
#define UART_IER_TX    0x02 /* transmit holding register empty */
#define UART_IER_LINE  0x04 /* receiver line status */
#define UART_LCR_8N1   0x03
#define UART_LCR_DLAB  0x80
#define UART_FCR_INIT  0xc7 /* enable, clear both FIFOs, 14-byte receive threshold */
#define UART_MCR_DTR   0x01
#define UART_MCR_RTS   0x02
#define UART_MCR_OUT2  0x08 /* gates the UART's interrupt onto the ISA line on a PC */
#define UART_LSR_DR    0x01 /* a received byte is waiting */
#define UART_LSR_OE    0x02 /* overrun: a byte was lost */
#define UART_LSR_PE    0x04
#define UART_LSR_FE    0x08
#define UART_LSR_BI    0x10
#define UART_LSR_THRE  0x20 /* the transmit FIFO is empty */
#define UART_FIFO_SIZE 16   /* bytes one THRE lets us write */
#define UART_CLOCK_HZ  115200u

/* What IIR says is pending, highest priority first. */
enum uart_irq {
	UART_IRQ_NONE,
	UART_IRQ_LINE,	     /* LSR error or break: read LSR */
	UART_IRQ_RX,	     /* receive FIFO reached its threshold */
	UART_IRQ_RX_TIMEOUT, /* bytes wait in the receive FIFO below the threshold */
	UART_IRQ_TX,	     /* THR empty */
	UART_IRQ_MODEM,	     /* modem status changed: read MSR */
};

/* Decodes an IIR value (FIFO bits ignored). */
enum uart_irq uart_iir_decode(uint8_t iir);
/* The receive errors an LSR value reports that lose data (overrun) or mark a byte. */
static inline bool uart_lsr_overrun(uint8_t lsr)
{
	return (lsr & UART_LSR_OE) != 0;
}
static inline bool uart_lsr_line_error(uint8_t lsr)
{
	return (lsr & (UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)) != 0;
}
/* The divisor for baud (UART_CLOCK_HZ / baud), or 0 if baud does not divide it evenly. */
uint16_t uart_divisor(uint32_t baud);

struct uart_io {
	uint16_t base;
	uint8_t (*in)(uint16_t port);
	void (*out)(uint16_t port, uint8_t value);
};

struct uart_counts {
	uint32_t rx_bytes;    /* moved from the UART into the receive ring */
	uint32_t tx_bytes;    /* written to THR */
	uint32_t rx_overruns; /* LSR OE seen */
	uint32_t rx_dropped;  /* received bytes that found the receive ring full */
	uint32_t line_errors; /* bytes with PE, FE or BI */
	uint32_t lost;	      /* overruns + drops since the subscriber last heard of them */
};

/* The device half of the driver: one UART and its rings. Only the server's main thread. */
struct uart_dev {
	const struct uart_io *io;
	struct serial_ring rx, tx;
	struct uart_counts counts;
};

/*
 * Sets the line to 8N1 at `divisor`, FIFOs on, DTR, RTS and OUT2, and enables the receive,
 * transmit-empty and line-status interrupts. The kernel's polled output (same settings) keeps
 * working next to it. First waits (bounded) for the transmit FIFO to empty, so the bytes a
 * killed predecessor left there are sent, not cleared.
 */
void uart_setup(struct uart_dev *d, uint16_t divisor);
/* Changes the divisor, keeping 8N1 and the interrupt enables. */
void uart_set_divisor(struct uart_dev *d, uint16_t divisor);
/*
 * Serves the UART until IIR says nothing is pending (bounded: a stuck UART cannot hold the
 * server): moves received bytes into rx (counting overruns, drops and line errors) and, when
 * THR is empty, up to a FIFO's worth from tx to the line. Returns IIR reads that found work.
 */
uint32_t uart_service(struct uart_dev *d);
/*
 * Sends what tx holds by polling THRE, at most `polls` LSR reads (a dead UART cannot hold the
 * caller): for a server about to end, whose ring would go with it. True once tx is empty.
 */
bool uart_drain(struct uart_dev *d, uint32_t polls);
/* Starts transmission if the UART is idle and tx holds bytes (THRE raises no edge then). */
void uart_kick(struct uart_dev *d);

#endif
