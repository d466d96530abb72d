/*
 * irq_to_user: from the device write that raises an interrupt to the first user instruction
 * of the thread waiting for it. The i8042 keyboard controller is the device: command 0xD2
 * puts the next byte written to port 0x60 into its output buffer as if the keyboard had sent
 * it, which raises IRQ 1 at once (QEMU), so the interrupt's moment is known to the
 * instruction. The waiter, above main, waits on the notification the line is bound to,
 * reads rdtsc, drains the byte and acknowledges the line. Part of the bench program.
 */
#include <stdint.h>

#include <keel/port.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"
#include "bench_internal.h"

#define KBC_DATA	0x60u
#define KBC_COMMAND	0x64u
#define KBC_PORTS	5u    /* 0x60-0x64 */
#define KBC_WRITE_MODE	0x60u /* the next data byte is the controller's mode */
#define KBC_MODE	0x45u /* keyboard interrupt on, system flag, translation */
#define KBC_WRITE_OBUF	0xD2u /* the next data byte appears as keyboard input */
#define KBC_OBF		0x01u /* status: output buffer full */
#define IRQ_KEYBOARD	1u
#define WAITER_PRIORITY 110 /* above main (100): it runs as soon as the interrupt wakes it */
#define IRQ_EVENTS	(BENCH_WARMUP + BENCH_RUNS)

static cap_t note, line;
static volatile uint64_t raised_at;
static uint32_t samples[IRQ_EVENTS];
static volatile uint32_t handled;
static _Alignas(16) uint8_t waiter_stack[2048];

/* The user-level handler: one wake-up per interrupt, timed at its first instruction. */
static void waiter(uintptr_t arg)
{
	uint32_t bits;

	(void)arg;
	while (handled < IRQ_EVENTS) {
		bench_sysenter5(SYS_NOTIFY_WAIT, (uint32_t)note, (uint32_t)&bits, UINT32_MAX,
				UINT32_MAX, 0);
		samples[handled] = (uint32_t)(bench_rdtsc() - raised_at);
		(void)inb(KBC_DATA); /* the byte: the controller lowers its request */
		handled++;
		sys_irq_ack(line);
	}
}

/* Ports 0x60-0x64 enabled, IRQ 1 bound to a notification, the controller interrupting. */
static int setup(void)
{
	cap_t ports = sys_ioport_create(CAP_ROOT_IOPORT, KBC_DATA, KBC_PORTS);

	note = sys_notify_create();
	if (ports <= 0 || sys_ioport_enable(ports) != ERR_OK || note <= 0)
		return 1;
	line = sys_irq_bind(CAP_ROOT_IRQ, IRQ_KEYBOARD, note, 1);
	if (line <= 0)
		return 1;
	while (inb(KBC_COMMAND) & KBC_OBF)
		(void)inb(KBC_DATA);
	outb(KBC_COMMAND, KBC_WRITE_MODE);
	outb(KBC_DATA, KBC_MODE);
	return 0;
}

int bench_irq(void)
{
	if (setup() != 0 || sys_thread_create(waiter, waiter_stack + sizeof(waiter_stack), 0,
					      WAITER_PRIORITY) <= 0) {
		uprintf("bench: irq_to_user setup failed\n");
		return 1;
	}
	for (uint32_t i = 0; i < IRQ_EVENTS; i++) {
		uint32_t before = handled;

		outb(KBC_COMMAND, KBC_WRITE_OBUF);
		raised_at = bench_rdtsc();
		outb(KBC_DATA, (uint8_t)i);
		if (handled != before + 1) {
			uprintf("bench: interrupt %u did not reach the waiter first\n",
				(unsigned)i);
			return 1;
		}
	}
	bench_report("irq_to_user", bench_summarise(samples + BENCH_WARMUP, BENCH_RUNS));
	return 0;
}
