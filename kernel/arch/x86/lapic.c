/* Local APIC access (arch/lapic.h), through its MMIO page at LAPIC_VA. */
#include <arch/lapic.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/timer.h>
#include <kernel/trace.h>

#define REG_ID		0x020u
#define REG_SVR		0x0f0u /* spurious-interrupt vector register */
#define REG_EOI		0x0b0u
#define REG_ICR_LOW	0x300u
#define REG_ICR_HIGH	0x310u
#define REG_LVT_TIMER	0x320u
#define REG_TIMER_INIT	0x380u
#define REG_TIMER_COUNT 0x390u
#define REG_TIMER_DIV	0x3e0u
#define TIMER_DIV_16	0x3u
#define TIMER_PERIODIC	(1u << 17)
#define LVT_MASKED	(1u << 16)
#define CALIBRATE_US	10000u
#define SVR_ENABLE	(1u << 8)
#define ICR_INIT	(5u << 8)
#define ICR_STARTUP	(6u << 8)
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_PENDING	(1u << 12) /* delivery status: send pending */
#define ICR_NMI		(4u << 8)
#define ICR_ALL_BUT_SELF (3u << 18)

static volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(LAPIC_VA + offset);
}

int lapic_map(uint32_t phys)
{
	return mmu_map_page(mmu_kernel_space(), phys, LAPIC_VA, MMU_WRITABLE | MMU_NOCACHE);
}

/*
 * Only the enable bit: the local vector table stays as it is, on the boot CPU the firmware's
 * virtual wire (LINT0 delivers the 8259's interrupts), on an AP all masked since its INIT.
 */
void lapic_enable(void)
{
	*reg(REG_SVR) = SVR_ENABLE | LAPIC_SPURIOUS_VECTOR;
}

uint8_t lapic_id(void)
{
	return (uint8_t)(*reg(REG_ID) >> 24);
}

/* One IPI at a time: the previous one must have left before the ICR is written again. */
static void send_ipi(uint8_t apic_id, uint32_t command)
{
	while (*reg(REG_ICR_LOW) & ICR_PENDING)
		__asm__ volatile("pause");
	*reg(REG_ICR_HIGH) = (uint32_t)apic_id << 24;
	*reg(REG_ICR_LOW) = command; /* this write sends it */
}

void lapic_send_init(uint8_t apic_id)
{
	send_ipi(apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
}

void lapic_send_startup(uint8_t apic_id, uint8_t page)
{
	send_ipi(apic_id, ICR_STARTUP | ICR_LEVEL_ASSERT | page);
}

void lapic_send_fixed(uint8_t apic_id, uint8_t vector)
{
	send_ipi(apic_id, vector);
}

void lapic_send_nmi_others(void)
{
	send_ipi(0, ICR_NMI | ICR_LEVEL_ASSERT | ICR_ALL_BUT_SELF);
}

void lapic_eoi(void)
{
	*reg(REG_EOI) = 0;
}

uint32_t lapic_timer_calibrate(void)
{
	*reg(REG_LVT_TIMER) = LVT_MASKED;
	*reg(REG_TIMER_DIV) = TIMER_DIV_16;
	*reg(REG_TIMER_INIT) = 0xffffffffu;
	uint64_t end = timer_read_us() + CALIBRATE_US;

	while (timer_read_us() < end)
		__asm__ volatile("pause");
	uint32_t left = *reg(REG_TIMER_COUNT);

	*reg(REG_TIMER_INIT) = 0; /* stopped */
	return (0xffffffffu - left) / (CALIBRATE_US / 1000u);
}

static uint32_t timer_counts;			      /* per period (1 ms) */
static uint8_t timer_rate[PERCPU_MAX_CPUS], timer_sub[PERCPU_MAX_CPUS]; /* per CPU */

void lapic_timer_start(uint32_t counts_per_ms)
{
	timer_counts = counts_per_ms;
	timer_rate[this_cpu()->cpu_id] = 1;
	*reg(REG_TIMER_DIV) = TIMER_DIV_16;
	*reg(REG_LVT_TIMER) = TIMER_PERIODIC | TRAP_LAPIC_TIMER;
	*reg(REG_TIMER_INIT) = counts_per_ms;
}

/*
 * While the profiler samples the timer interrupts PROFILE_RATE times a period: each interrupt
 * is sampled, every PROFILE_RATE-th is the tick. A CPU changes its rate at its next tick, so
 * the tick after it comes a period later at either rate (never early, never late).
 */
void lapic_timer_tick(const struct trap_frame *frame)
{
	unsigned cpu = this_cpu()->cpu_id, rate = trace_sampling ? PROFILE_RATE : 1;

	*reg(REG_EOI) = 0;
	if (trace_sampling)
		profile_sample(frame);
	if (++timer_sub[cpu] < timer_rate[cpu])
		return;
	timer_sub[cpu] = 0;
	if (rate != timer_rate[cpu]) {
		timer_rate[cpu] = (uint8_t)rate;
		*reg(REG_TIMER_INIT) = timer_counts / rate;
	}
	this_cpu()->local_ticks++;
	timer_tick(); /* this CPU's clock and run queue */
}
