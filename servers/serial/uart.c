/* The 16550 UART's device half of the serial driver (uart.h). */
#include "servers/serial/uart.h"

#define SERVICE_ROUNDS_MAX 64  /* IIR rounds per interrupt: a stuck UART cannot hold us */
#define RX_BYTES_MAX	   256 /* bytes per receive drain: more than the FIFO holds */
/* LSR reads uart_setup waits at most for the transmit FIFO to empty: a FIFO at 9600 baud. */
#define SETUP_DRAIN_POLLS 65536

enum uart_irq uart_iir_decode(uint8_t iir)
{
	if (iir & 0x01)
		return UART_IRQ_NONE;
	switch (iir & 0x0e) {
	case 0x06:
		return UART_IRQ_LINE;
	case 0x04:
		return UART_IRQ_RX;
	case 0x0c:
		return UART_IRQ_RX_TIMEOUT;
	case 0x02:
		return UART_IRQ_TX;
	default:
		return UART_IRQ_MODEM;
	}
}

uint16_t uart_divisor(uint32_t baud)
{
	if (baud == 0 || baud > UART_CLOCK_HZ || UART_CLOCK_HZ % baud != 0)
		return 0;
	return (uint16_t)(UART_CLOCK_HZ / baud);
}

static uint8_t reg_in(const struct uart_dev *d, uint16_t reg)
{
	return d->io->in((uint16_t)(d->io->base + reg));
}

static void reg_out(const struct uart_dev *d, uint16_t reg, uint8_t v)
{
	d->io->out((uint16_t)(d->io->base + reg), v);
}

void uart_set_divisor(struct uart_dev *d, uint16_t divisor)
{
	reg_out(d, UART_LCR, UART_LCR_DLAB);
	reg_out(d, UART_DLL, (uint8_t)(divisor & 0xff));
	reg_out(d, UART_DLM, (uint8_t)(divisor >> 8));
	reg_out(d, UART_LCR, UART_LCR_8N1);
}

void uart_setup(struct uart_dev *d, uint16_t divisor)
{
	/* FCR_INIT clears the transmit FIFO: let what a previous driver left there go first. */
	for (uint32_t n = 0; n < SETUP_DRAIN_POLLS; n++) {
		if (reg_in(d, UART_LSR) & UART_LSR_THRE)
			break;
	}
	reg_out(d, UART_IER, 0);
	uart_set_divisor(d, divisor);
	reg_out(d, UART_FCR, UART_FCR_INIT);
	reg_out(d, UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	reg_out(d, UART_IER, UART_IER_RX | UART_IER_TX | UART_IER_LINE);
}

/* Counts what one LSR value reports lost or damaged. */
static void account_lsr(struct uart_dev *d, uint8_t lsr)
{
	if (uart_lsr_overrun(lsr)) {
		d->counts.rx_overruns++;
		d->counts.lost++;
	}
}

/* Moves every waiting byte into rx; a byte that does not fit is dropped and counted. */
static void drain_rx(struct uart_dev *d)
{
	uint8_t lsr = reg_in(d, UART_LSR);

	account_lsr(d, lsr);
	for (uint32_t n = 0; (lsr & UART_LSR_DR) && n < RX_BYTES_MAX; n++) {
		uint8_t b = reg_in(d, UART_RBR);

		if (uart_lsr_line_error(lsr))
			d->counts.line_errors++;
		if (serial_ring_push(&d->rx, b)) {
			d->counts.rx_bytes++;
		} else {
			d->counts.rx_dropped++;
			d->counts.lost++;
		}
		lsr = reg_in(d, UART_LSR);
		account_lsr(d, lsr);
	}
}

/* Writes up to a FIFO's worth from tx if THR is empty. */
static void fill_tx(struct uart_dev *d)
{
	uint8_t lsr = reg_in(d, UART_LSR);
	uint8_t b;

	account_lsr(d, lsr);
	if (!(lsr & UART_LSR_THRE))
		return;
	for (uint32_t n = 0; n < UART_FIFO_SIZE && serial_ring_pop(&d->tx, &b); n++) {
		reg_out(d, UART_THR, b);
		d->counts.tx_bytes++;
	}
}

void uart_kick(struct uart_dev *d)
{
	fill_tx(d);
}

bool uart_drain(struct uart_dev *d, uint32_t polls)
{
	for (uint32_t n = 0; n < polls && serial_ring_count(&d->tx) > 0; n++)
		fill_tx(d);
	return serial_ring_count(&d->tx) == 0;
}

uint32_t uart_service(struct uart_dev *d)
{
	uint32_t rounds = 0;

	while (rounds < SERVICE_ROUNDS_MAX) {
		enum uart_irq why = uart_iir_decode(reg_in(d, UART_IIR));

		if (why == UART_IRQ_NONE)
			break;
		rounds++;
		if (why == UART_IRQ_MODEM)
			(void)reg_in(d, UART_MSR);
		drain_rx(d);
		fill_tx(d);
	}
	drain_rx(d);
	return rounds;
}
