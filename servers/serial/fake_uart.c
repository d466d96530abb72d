/* The fake 16550 of the serial driver's host tests (fake_uart.h). */
#include "servers/serial/fake_uart.h"

#include <string.h>

struct fake_uart fake_uart;

void fake_uart_reset(void)
{
	memset(&fake_uart, 0, sizeof(fake_uart));
}

void fake_uart_receive(const void *data, uint32_t n)
{
	const uint8_t *p = data;

	for (uint32_t i = 0; i < n && fake_uart.rx_count < FAKE_UART_RX_MAX; i++) {
		fake_uart.rx[(fake_uart.rx_head + fake_uart.rx_count) % FAKE_UART_RX_MAX] = p[i];
		fake_uart.rx_count++;
	}
}

void fake_uart_send_fifo(void)
{
	fake_uart.fifo_used = 0;
	fake_uart.thre_pending = true;
}

static uint8_t read_lsr(void)
{
	uint8_t lsr = fake_uart.lsr_errors;

	fake_uart.lsr_errors = 0;
	if (fake_uart.rx_count > 0)
		lsr |= UART_LSR_DR;
	if (fake_uart.fifo_used == 0)
		lsr |= UART_LSR_THRE;
	return lsr;
}

static uint8_t read_iir(void)
{
	fake_uart.iir_reads++;
	if (fake_uart.stuck_iir || (fake_uart.rx_count > 0 && (fake_uart.ier & UART_IER_RX)))
		return 0xc4;
	if (fake_uart.thre_pending && (fake_uart.ier & UART_IER_TX)) {
		fake_uart.thre_pending = false; /* reading IIR clears a THRE interrupt */
		return 0xc2;
	}
	return 0xc1;
}

static uint8_t fake_in(uint16_t port)
{
	uint8_t b;

	switch (port - FAKE_UART_BASE) {
	case UART_RBR:
		if (fake_uart.lcr & UART_LCR_DLAB)
			return fake_uart.dll;
		if (fake_uart.rx_count == 0)
			return 0;
		b = fake_uart.rx[fake_uart.rx_head];
		fake_uart.rx_head = (fake_uart.rx_head + 1) % FAKE_UART_RX_MAX;
		fake_uart.rx_count--;
		return b;
	case UART_IER:
		return fake_uart.lcr & UART_LCR_DLAB ? fake_uart.dlm : fake_uart.ier;
	case UART_IIR:
		return read_iir();
	case UART_LCR:
		return fake_uart.lcr;
	case UART_MCR:
		return fake_uart.mcr;
	case UART_LSR:
		return read_lsr();
	default:
		return 0;
	}
}

static void write_thr(uint8_t v)
{
	if (fake_uart.fifo_used == UART_FIFO_SIZE || fake_uart.wire_len == FAKE_UART_TX_MAX) {
		fake_uart.fifo_overflow++;
		return;
	}
	fake_uart.fifo_used++;
	fake_uart.wire[fake_uart.wire_len++] = v;
	fake_uart.thre_pending = false;
}

static void fake_out(uint16_t port, uint8_t v)
{
	bool dlab = (fake_uart.lcr & UART_LCR_DLAB) != 0;

	switch (port - FAKE_UART_BASE) {
	case UART_THR:
		if (dlab)
			fake_uart.dll = v;
		else
			write_thr(v);
		break;
	case UART_IER:
		if (dlab)
			fake_uart.dlm = v;
		else
			fake_uart.ier = v;
		break;
	case UART_FCR:
		fake_uart.fcr = v;
		break;
	case UART_LCR:
		fake_uart.lcr = v;
		break;
	case UART_MCR:
		fake_uart.mcr = v;
		break;
	default:
		break;
	}
}

const struct uart_io fake_uart_io = {.base = FAKE_UART_BASE, .in = fake_in, .out = fake_out};
