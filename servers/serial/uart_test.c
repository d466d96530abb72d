/* Host tests of the UART half of the serial driver (uart.h) on a fake 16550. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/serial/fake_uart.h"

static uint8_t rx_buf[8], tx_buf[64];
static struct uart_dev dev;

static int setup(void **unused)
{
	(void)unused;
	fake_uart_reset();
	dev = (struct uart_dev){.io = &fake_uart_io};
	serial_ring_init(&dev.rx, rx_buf, sizeof(rx_buf));
	serial_ring_init(&dev.tx, tx_buf, sizeof(tx_buf));
	uart_setup(&dev, 1);
	return 0;
}

static void test_iir_decode(void **unused)
{
	(void)unused;
	assert_int_equal(uart_iir_decode(0xc1), UART_IRQ_NONE);
	assert_int_equal(uart_iir_decode(0x01), UART_IRQ_NONE);
	assert_int_equal(uart_iir_decode(0xc6), UART_IRQ_LINE);
	assert_int_equal(uart_iir_decode(0xc4), UART_IRQ_RX);
	assert_int_equal(uart_iir_decode(0xcc), UART_IRQ_RX_TIMEOUT);
	assert_int_equal(uart_iir_decode(0xc2), UART_IRQ_TX);
	assert_int_equal(uart_iir_decode(0x00), UART_IRQ_MODEM);
}

static void test_lsr_and_divisor(void **unused)
{
	(void)unused;
	assert_true(uart_lsr_overrun(UART_LSR_OE | UART_LSR_DR));
	assert_false(uart_lsr_overrun(UART_LSR_DR | UART_LSR_THRE));
	assert_true(uart_lsr_line_error(UART_LSR_FE));
	assert_true(uart_lsr_line_error(UART_LSR_BI));
	assert_false(uart_lsr_line_error(UART_LSR_OE | UART_LSR_THRE));
	assert_int_equal(uart_divisor(115200), 1);
	assert_int_equal(uart_divisor(9600), 12);
	assert_int_equal(uart_divisor(38400), 3);
	assert_int_equal(uart_divisor(0), 0);
	assert_int_equal(uart_divisor(100000), 0);
}

/* The kernel's polled console settings stay; interrupts and OUT2 come on. */
static void test_setup_matches_kernel_and_enables_interrupts(void **unused)
{
	(void)unused;
	assert_int_equal(fake_uart.lcr, UART_LCR_8N1);
	assert_int_equal(fake_uart.dll, 1);
	assert_int_equal(fake_uart.dlm, 0);
	assert_int_equal(fake_uart.fcr, UART_FCR_INIT);
	assert_int_equal(fake_uart.mcr, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	assert_int_equal(fake_uart.ier, UART_IER_RX | UART_IER_TX | UART_IER_LINE);
	uart_set_divisor(&dev, uart_divisor(9600));
	assert_int_equal(fake_uart.dll, 12);
	assert_int_equal(fake_uart.lcr, UART_LCR_8N1);
	assert_int_equal(fake_uart.ier, UART_IER_RX | UART_IER_TX | UART_IER_LINE);
}

static void test_receive_counts_overrun_and_drops(void **unused)
{
	uint8_t out[8];

	(void)unused;
	fake_uart_receive("0123456789", 10);
	fake_uart.lsr_errors = UART_LSR_OE;
	assert_true(uart_service(&dev) >= 1);
	assert_int_equal(serial_ring_peek(&dev.rx, out, 8), 8);
	assert_memory_equal(out, "01234567", 8);
	assert_int_equal(fake_uart.rx_count,
			 0); /* the UART is drained even when the ring is full */
	assert_int_equal(dev.counts.rx_bytes, 8);
	assert_int_equal(dev.counts.rx_dropped, 2);
	assert_int_equal(dev.counts.rx_overruns, 1);
	assert_int_equal(dev.counts.lost, 3);
	fake_uart_receive("x", 1);
	fake_uart.lsr_errors = UART_LSR_FE;
	serial_ring_drop(&dev.rx, 8);
	(void)uart_service(&dev);
	assert_int_equal(dev.counts.line_errors, 1);
	assert_int_equal(serial_ring_count(&dev.rx), 1); /* delivered anyway */
}

/* Never more than a FIFO's worth per THRE; the rest goes on later interrupts, in order. */
static void test_transmit_fifo_by_fifo(void **unused)
{
	uint8_t text[40];

	(void)unused;
	for (unsigned i = 0; i < sizeof(text); i++)
		text[i] = (uint8_t)('a' + i % 26);
	assert_int_equal(serial_ring_write(&dev.tx, text, sizeof(text)), sizeof(text));
	uart_kick(&dev);
	assert_int_equal(fake_uart.wire_len, UART_FIFO_SIZE);
	uart_kick(&dev); /* THR not empty: nothing more */
	assert_int_equal(fake_uart.wire_len, UART_FIFO_SIZE);
	while (serial_ring_count(&dev.tx) > 0) {
		fake_uart_send_fifo();
		assert_true(uart_service(&dev) >= 1);
	}
	assert_int_equal(fake_uart.wire_len, sizeof(text));
	assert_memory_equal(fake_uart.wire, text, sizeof(text));
	assert_int_equal(fake_uart.fifo_overflow, 0);
	assert_int_equal(dev.counts.tx_bytes, sizeof(text));
}

static void test_stuck_uart_is_bounded(void **unused)
{
	(void)unused;
	fake_uart.stuck_iir = true;
	assert_int_equal(uart_service(&dev), 64);
}

/* A server about to end sends its ring by polling, bounded even if the line never drains. */
static void test_drain_is_bounded(void **unused)
{
	uint8_t text[40];

	(void)unused;
	memset(text, 'd', sizeof(text));
	assert_int_equal(serial_ring_write(&dev.tx, text, 10), 10);
	assert_true(uart_drain(&dev, 100));
	assert_int_equal(fake_uart.wire_len, 10);
	fake_uart_send_fifo();
	assert_int_equal(serial_ring_write(&dev.tx, text, sizeof(text)), sizeof(text));
	assert_false(uart_drain(&dev, 100)); /* the fake's FIFO goes out only when told */
	assert_int_equal(fake_uart.wire_len, 10 + UART_FIFO_SIZE);
	assert_int_equal(fake_uart.fifo_overflow, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_iir_decode),
	    cmocka_unit_test(test_lsr_and_divisor),
	    cmocka_unit_test_setup(test_setup_matches_kernel_and_enables_interrupts, setup),
	    cmocka_unit_test_setup(test_receive_counts_overrun_and_drops, setup),
	    cmocka_unit_test_setup(test_transmit_fifo_by_fifo, setup),
	    cmocka_unit_test_setup(test_stuck_uart_is_bounded, setup),
	    cmocka_unit_test_setup(test_drain_is_bounded, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
