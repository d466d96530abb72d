/*
 * Root task of the IRQ test: binds the RTC's line (IRQ 8) to a notification, programs the RTC
 * through an I/O-port capability for periodic interrupts, and counts IRQ_ROUNDS of them as a
 * waiting user thread, acknowledging each at the device (register C) and at the kernel
 * (SYS_IRQ_ACK). Also shows that the line stays masked until acknowledged, checks every
 * error a caller can see, and that deleting the binding frees the line. With several CPUs
 * the line goes to each other CPU in turn (SYS_IRQ_SET_CPU): that CPU, and no other but the
 * boot CPU (the kernel's timer), counts the RTC's device interrupts.
 */
#include "../ioport/ioport_test.h"

#define RTC_IRQ	    8
#define RTC_BIT	    0x4u /* the notification bit the binding signals */
#define RTC_A	    0x0a
#define RTC_B	    0x0b
#define RTC_C	    0x0c
#define RTC_B_PIE   0x40 /* periodic interrupt enable */
#define RTC_C_PF    0x40 /* periodic interrupt flag; reading C clears it */
#define RTC_RATE_1K 0x06 /* 1024 Hz */
#define IRQ_ROUNDS  10
#define POLL_LIMIT  100000000u /* RTC polls before giving up on the device */
#define ROUTE_ROUNDS 8	       /* interrupts taken on each CPU the line goes to */
#define CPUS_MAX     16

static uint8_t rtc_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void rtc_write(uint8_t reg, uint8_t v)
{
	outb(CMOS_INDEX, reg);
	outb(CMOS_DATA, v);
}

/* The errors of SYS_IRQ_BIND and SYS_IRQ_ACK; n is a notification with every right. */
static void bad_requests(cap_t n)
{
	cap_t ro = cap_derive(n, CAP_RIGHT_READ, 0);

	CHECK("irq", "control identify", cap_identify(CAP_ROOT_IRQ),
	      CAP_IDENTIFY(CAP_TYPE_IRQ, CAP_RIGHTS_ALL));
	CHECK("irq", "timer line", sys_irq_bind(CAP_ROOT_IRQ, 0, n, 1), ERR_BUSY);
	CHECK("irq", "cascade line", sys_irq_bind(CAP_ROOT_IRQ, 2, n, 1), ERR_INVALID);
	CHECK("irq", "line 16", sys_irq_bind(CAP_ROOT_IRQ, 16, n, 1), ERR_INVALID);
	CHECK("irq", "no bits", sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, n, 0), ERR_INVALID);
	CHECK("irq", "notification without write", sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, ro, 1),
	      ERR_RIGHTS);
	CHECK("irq", "not a notification", sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, CAP_SELF, 1),
	      ERR_BAD_CAP);
	CHECK("irq", "ack the control", sys_irq_ack(CAP_ROOT_IRQ), ERR_INVALID);
	CHECK("irq", "ack an endpoint", sys_irq_ack(CAP_SELF), ERR_BAD_CAP);
	cap_delete(ro);
}

/*
 * Waits for the next RTC interrupt and serves it at the device: 1 if the signal came as it
 * should. Register C is read (which lowers the line) but its flag not demanded: QEMU's RTC
 * raises its line again every period even while C is unread, which QEMU's I/O APIC takes
 * as a new edge (its 8259 does not), so with the I/O APIC a signal may stand for a period an
 * earlier read already served, as a driver must expect of an edge it could not see.
 */
static int one_interrupt(cap_t n)
{
	uint32_t bits = 0;
	int32_t r = sys_notify_wait(n, &bits, IPC_WAIT_FOREVER);

	(void)rtc_read(RTC_C);
	return r == ERR_OK && bits == RTC_BIT;
}

/*
 * While the line is masked (an interrupt came, no SYS_IRQ_ACK yet), the device raises
 * another (seen by polling register C) and no signal arrives; after the ack it does.
 */
static void masked_until_ack(cap_t n, cap_t irq)
{
	uint32_t bits = 0, polls = 0;

	CHECK("irq", "interrupt before the masking check", one_interrupt(n), 1);
	while ((rtc_read(RTC_C) & RTC_C_PF) == 0 && polls < POLL_LIMIT)
		polls++;
	CHECK("irq", "device interrupted again", polls < POLL_LIMIT, 1);
	CHECK("irq", "no signal while masked", sys_notify_wait(n, &bits, IPC_NO_WAIT), ERR_TIMEOUT);
	CHECK("irq", "ack", sys_irq_ack(irq), ERR_OK);
	/* The PIC held the edge while the line was masked (the poll already served the device). */
	CHECK("irq", "the held interrupt after the ack",
	      sys_notify_wait(n, &bits, IPC_WAIT_FOREVER) == ERR_OK && bits == RTC_BIT, 1);
	CHECK("irq", "ack after it", sys_irq_ack(irq), ERR_OK);
}

/* Device interrupts counted by each CPU that is up (their number). */
static unsigned device_irqs(uint64_t *out)
{
	struct keel_cpu_info info;
	unsigned n = 0;

	for (; n < CPUS_MAX && sys_cpu_info(n, &info) == ERR_OK; n++)
		out[n] = info.device_irqs;
	return n;
}

/* The line, masked after an interrupt, goes to `cpu`; ROUTE_ROUNDS acks each bring one there. */
static void route_to(cap_t n, cap_t irq, unsigned cpu, unsigned cpus)
{
	uint64_t before[CPUS_MAX], after[CPUS_MAX], others = 0;
	int taken = 0;

	CHECK("irq", "route", sys_irq_set_cpu(irq, cpu), ERR_OK);
	device_irqs(before);
	for (int i = 0; i < ROUTE_ROUNDS; i++)
		taken += sys_irq_ack(irq) == ERR_OK && one_interrupt(n);
	device_irqs(after);
	for (unsigned c = 1; c < cpus; c++)
		others += c == cpu ? 0 : after[c] - before[c];
	uprintf("irq: routed to CPU %u: took %d, device interrupts there %u, on the other APs %u\n",
		cpu, taken, (unsigned)(after[cpu] - before[cpu]), (unsigned)others);
	CHECK("irq", "routed CPU's device interrupts", after[cpu] - before[cpu], ROUTE_ROUNDS);
	CHECK("irq", "other APs' device interrupts", others, 0);
}

/* Starts and ends with the line masked after an interrupt (not acknowledged). */
static void routing(cap_t n, cap_t irq)
{
	uint64_t counts[CPUS_MAX];
	unsigned cpus = device_irqs(counts);
	cap_t ro = cap_derive(irq, CAP_RIGHT_READ, 0);

	CHECK("irq", "route to a CPU that is not up", sys_irq_set_cpu(irq, cpus), ERR_INVALID);
	CHECK("irq", "route the control", sys_irq_set_cpu(CAP_ROOT_IRQ, 0), ERR_INVALID);
	CHECK("irq", "route without write", sys_irq_set_cpu(ro, 0), ERR_RIGHTS);
	CHECK("irq", "route an endpoint", sys_irq_set_cpu(CAP_SELF, 0), ERR_BAD_CAP);
	for (unsigned cpu = 1; cpu < cpus; cpu++)
		route_to(n, irq, cpu, cpus);
	CHECK("irq", "route back to CPU 0", sys_irq_set_cpu(irq, 0), ERR_OK);
	cap_delete(ro);
}

int main(uintptr_t arg)
{
	cap_t n = sys_notify_create(), ports = sys_ioport_create(CAP_ROOT_IOPORT, CMOS_INDEX, 2);
	cap_t irq;
	int counted = 0;

	(void)arg;
	bad_requests(n);
	CHECK("irq", "ports", sys_ioport_enable(ports), ERR_OK);
	irq = sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, n, RTC_BIT);
	CHECK("irq", "bind", irq > 0, 1);
	CHECK("irq", "bind again", sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, n, RTC_BIT), ERR_BUSY);
	CHECK("irq", "binding identify", cap_identify(irq),
	      CAP_IDENTIFY(CAP_TYPE_IRQ, CAP_RIGHTS_ALL & ~CAP_RIGHT_ADMIN));
	rtc_write(RTC_A, (uint8_t)((rtc_read(RTC_A) & 0xf0) | RTC_RATE_1K));
	(void)rtc_read(RTC_C);
	rtc_write(RTC_B, rtc_read(RTC_B) | RTC_B_PIE);
	for (int i = 0; i < IRQ_ROUNDS; i++) {
		counted += one_interrupt(n);
		if (sys_irq_ack(irq) != ERR_OK)
			break;
	}
	uprintf("irq: %d of %d RTC interrupts reached the user thread\n", counted, IRQ_ROUNDS);
	CHECK("irq", "interrupts counted", counted, IRQ_ROUNDS);
	CHECK("irq", "interrupt before routing", one_interrupt(n), 1);
	routing(n, irq);
	CHECK("irq", "ack after routing", sys_irq_ack(irq), ERR_OK);
	masked_until_ack(n, irq);
	rtc_write(RTC_B, rtc_read(RTC_B) & (uint8_t)~RTC_B_PIE);
	(void)rtc_read(RTC_C);
	CHECK("irq", "delete the binding", cap_delete(irq), ERR_OK);
	irq = sys_irq_bind(CAP_ROOT_IRQ, RTC_IRQ, n, RTC_BIT);
	CHECK("irq", "line free after delete", irq > 0, 1);
	CHECK("irq", "delete it again", cap_delete(irq), ERR_OK);
	uprintf("irq test: %d failed\n", check_failed);
	return check_failed;
}
