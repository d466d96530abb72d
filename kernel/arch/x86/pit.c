/*
 * The system tick and the TSC calibration, both from the 8254 PIT. The tick runs at 1000 Hz
 * (1 ms: the resolution of timeouts and scheduling quanta; cheap even under QEMU TCG). Its
 * exact period is PIT_TICK_DIVISOR / PIT_BASE_HZ = 999.847 us, which generic code uses as is.
 */
#include <arch/pit.h>
#include <arch/x86.h>
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/timer.h>

#define PIT_CHANNEL0		   0x40
#define PIT_CHANNEL2		   0x42
#define PIT_COMMAND		   0x43
#define PIT_CMD_CH0_RATE_GENERATOR 0x34 /* channel 0, lobyte/hibyte, mode 2, binary */
#define PIT_CMD_CH2_ONE_SHOT	   0xb0 /* channel 2, lobyte/hibyte, mode 0, binary */
#define PORT_B			   0x61 /* system control port B */
#define PORT_B_GATE2		   0x01 /* channel 2 gate */
#define PORT_B_SPEAKER		   0x02 /* channel 2 output to the speaker */
#define PORT_B_OUT2		   0x20 /* channel 2 output level (read only) */

#define PIT_TICK_HZ	       1000
#define PIT_TICK_DIVISOR       ((PIT_BASE_HZ + PIT_TICK_HZ / 2) / PIT_TICK_HZ) /* 1193 */
#define CALIBRATE_WINDOW_COUNT (PIT_BASE_HZ / 100) /* 10 ms per measurement */
#define CALIBRATE_RUNS	       5		   /* take the median: robust to preemption */
#define CALIBRATE_SPIN_LIMIT   50000000u

/* TSC cycles while channel 2 counts `count` PIT clocks down from its gate; 0 on timeout. */
static uint64_t pit_measure_window(uint16_t count)
{
	uint8_t port_b = inb(PORT_B);

	outb(PORT_B, (uint8_t)((port_b & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	outb(PIT_COMMAND, PIT_CMD_CH2_ONE_SHOT);
	outb(PIT_CHANNEL2, count & 0xff);
	outb(PIT_CHANNEL2, count >> 8); /* counting starts now; OUT2 rises at zero */
	uint64_t start = rdtsc();

	for (uint32_t spins = 0; spins < CALIBRATE_SPIN_LIMIT; spins++) {
		if (inb(PORT_B) & PORT_B_OUT2)
			return rdtsc() - start;
	}
	return 0;
}

/* Measures the TSC frequency in Hz against channel 2; 0 if the PIT never counted down. */
static uint64_t pit_calibrate_tsc(void)
{
	uint64_t runs[CALIBRATE_RUNS];

	for (unsigned i = 0; i < CALIBRATE_RUNS; i++) {
		uint64_t cycles = pit_measure_window(CALIBRATE_WINDOW_COUNT);
		unsigned j = i;

		if (cycles == 0)
			return 0;
		for (; j > 0 && runs[j - 1] > cycles; j--) /* insertion sort */
			runs[j] = runs[j - 1];
		runs[j] = cycles;
	}
	return timer_mul_div(runs[CALIBRATE_RUNS / 2], PIT_BASE_HZ, CALIBRATE_WINDOW_COUNT);
}

static void pit_irq_handler(unsigned irq, void *ctx)
{
	(void)irq;
	(void)ctx;
	timer_tick();
}

void pit_timer_init(void)
{
	uint64_t tsc_hz = pit_calibrate_tsc();

	if (tsc_hz == 0)
		panic("timer: PIT channel 2 never fired; cannot calibrate the TSC");
	struct timer_config cfg = {PIT_BASE_HZ, PIT_TICK_DIVISOR, tsc_hz};

	if (timer_init(&cfg) != ERR_OK)
		panic("timer: calibrated TSC frequency %llu Hz is unusable",
		      (unsigned long long)tsc_hz);
	if (arch_irq_register(PIT_IRQ, pit_irq_handler, NULL) != ERR_OK)
		panic("timer: IRQ %u already taken", PIT_IRQ);
	/* Channel 0 as a rate generator firing every PIT_TICK_DIVISOR input clocks. */
	outb(PIT_COMMAND, PIT_CMD_CH0_RATE_GENERATOR);
	outb(PIT_CHANNEL0, PIT_TICK_DIVISOR & 0xff);
	outb(PIT_CHANNEL0, PIT_TICK_DIVISOR >> 8);
	arch_irq_unmask(PIT_IRQ);
}

uint64_t arch_read_cycles(void)
{
	return rdtsc();
}
