/*
 * The early console: every character goes to COM1 (115200 8N1, polled, no interrupts) and to
 * the VGA text screen. Serial is what test harnesses read. Once a user-space driver takes a
 * device over, the kernel leaves it alone but for panics (<kernel/arch.h>); what would have
 * gone to COM1 goes to the kernel log ring instead (<kernel/klog.h>), for the root task.
 */
#include <arch/console.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/klog.h>
#include <kernel/kprintf.h>

#define COM1_BASE		 0x3f8
#define COM1_PORTS		 8
#define UART_DATA		 0 /* with DLAB: divisor low byte */
#define UART_INT_ENABLE		 1 /* with DLAB: divisor high byte */
#define UART_FIFO_CTRL		 2
#define UART_LINE_CTRL		 3
#define UART_MODEM_CTRL		 4
#define UART_LINE_STATUS	 5
#define UART_LCR_DLAB		 0x80
#define UART_LCR_8N1		 0x03
#define UART_FCR_ENABLE_CLEAR_14 0xc7 /* enable, clear both FIFOs, 14-byte threshold */
#define UART_MCR_DTR_RTS	 0x03
#define UART_LSR_THR_EMPTY	 0x20
#define UART_DIVISOR		 1 /* 115200 baud: the UART's 115200 Hz clock divided by 1 */
#define SERIAL_SPIN_LIMIT	 100000 /* give up on a character rather than hang without a UART */

static void serial_init(void)
{
	outb(COM1_BASE + UART_INT_ENABLE, 0);
	outb(COM1_BASE + UART_LINE_CTRL, UART_LCR_DLAB);
	outb(COM1_BASE + UART_DATA, UART_DIVISOR & 0xff);
	outb(COM1_BASE + UART_INT_ENABLE, UART_DIVISOR >> 8);
	outb(COM1_BASE + UART_LINE_CTRL, UART_LCR_8N1);
	outb(COM1_BASE + UART_FIFO_CTRL, UART_FCR_ENABLE_CLEAR_14);
	outb(COM1_BASE + UART_MODEM_CTRL, UART_MCR_DTR_RTS);
}

static void serial_write_byte(uint8_t b)
{
	for (unsigned spins = 0; spins < SERIAL_SPIN_LIMIT; spins++) {
		if (inb(COM1_BASE + UART_LINE_STATUS) & UART_LSR_THR_EMPTY)
			break;
	}
	outb(COM1_BASE + UART_DATA, b);
}

static void serial_putc(char c)
{
	if (c == '\n')
		serial_write_byte('\r');
	serial_write_byte((uint8_t)c);
}

void console_init(void)
{
	serial_init();
	vga_init();
}

/* Devices a unit has taken over (no more kernel output), and whether an alert overrides. */
static bool serial_owned, vga_owned, alerted;

void arch_console_putc(char c)
{
	if (!serial_owned || alerted)
		serial_putc(c);
	else
		klog_putc(c);
	if (!vga_owned || alerted)
		vga_putc(c);
}

void arch_console_debug_putc(char c)
{
	serial_putc(c);
	if (!vga_owned || alerted)
		vga_putc(c);
}

void arch_console_alert(void)
{
	alerted = true;
	vga_set_alert();
}

void arch_console_claim_ports(uint32_t base, uint32_t count, const char *unit)
{
	if (serial_owned || !ranges_overlap(base, count, COM1_BASE, COM1_PORTS))
		return;
	kprintf("console: unit %s drives COM1 now; the kernel writes there only on panic, else "
		"to its log\n", unit);
	serial_owned = true;
}

void arch_console_claim_memory(phys_addr_t base, uint64_t size, const char *unit)
{
	if (vga_owned || !ranges_overlap(base, size, VGA_TEXT_BASE, VGA_TEXT_SIZE))
		return;
	kprintf("console: unit %s drives the VGA screen now; the kernel writes there only on "
		"panic\n", unit);
	vga_owned = true;
}
