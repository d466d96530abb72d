/*
 * Boot tests of the running clock, chosen on the command line: test=timer checks the TSC
 * calibration against the PIT ticks, test=lostticks that ticks lost with interrupts off are
 * counted as missed and cost the clock nothing, and that the ticks keep their period while
 * the profiler's sampling switches the timer's rate. Kernel image only (real interrupts).
 */
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/timer.h>
#include <kernel/trace.h>

#define TIMER_TEST_TICKS 200
/*
 * TSC time / tick time in parts per thousand, the ticks being those taken and those counted
 * missed (a tick the PIC dropped was due all the same). Exactly 1000 under -icount, where the
 * test runs; the margin is for hardware, where late ticks blur the window's two ends.
 */
#define TIMER_TEST_MIN_PPT	  950
#define TIMER_TEST_MAX_PPT	  1100
#define TIMER_TEST_ATTEMPTS	  3
#define TIMER_TEST_READS_PER_TICK 32
#define LOST_TEST_IRQ_OFF_US	  50000 /* interrupts off this long: about 50 ticks lost */

struct timer_window {
	uint64_t ticks;	    /* ticks due in the window: taken or missed */
	uint64_t missed;    /* of which missed */
	uint64_t tick_us;   /* elapsed time by that tick count */
	uint64_t tsc_us;    /* elapsed time by the cycle counter at its calibrated frequency */
	uint64_t read_us;   /* how far timer_read_us() advanced */
	uint32_t backwards; /* timer_read_us() results smaller than the one before */
};

/*
 * Sleeps until the tick count changes (interrupts on); returns the new tick's count and cycle
 * counter reading and the ticks due so far (taken and missed), read with no tick in between.
 */
static void wait_for_next_tick(uint64_t *ticks, uint64_t *cycles, uint64_t *due)
{
	uint64_t start = timer_ticks();

	do {
		arch_wait_for_interrupt();
		arch_irq_disable();
		timer_last_tick(ticks, cycles);
		*due = *ticks + timer_missed_ticks();
		arch_irq_enable();
	} while (*ticks == start);
}

/*
 * Measures TIMER_TEST_TICKS ticks from one tick edge to another. Between ticks it reads
 * timer_read_us() in a burst, then idles: idling lets QEMU deliver the ticks on time.
 */
static void timer_measure_window(const struct timer_config *cfg, struct timer_window *w)
{
	uint64_t t0, c0, d0, t1, c1, d1;

	wait_for_next_tick(&t0, &c0, &d0);
	uint64_t first = timer_read_us(), prev = first;

	w->backwards = 0;
	do {
		for (unsigned i = 0; i < TIMER_TEST_READS_PER_TICK; i++) {
			uint64_t now = timer_read_us();

			w->backwards += now < prev;
			prev = now;
		}
		wait_for_next_tick(&t1, &c1, &d1);
	} while (d1 < d0 + TIMER_TEST_TICKS);
	w->read_us = timer_read_us() - first;
	w->ticks = d1 - d0;
	w->missed = w->ticks - (t1 - t0);
	w->tick_us = timer_ticks_to_us(cfg, d1) - timer_ticks_to_us(cfg, d0);
	w->tsc_us = timer_cycles_to_us(c1 - c0, cfg->cycle_hz);
}

/*
 * Compares tick time (ticks taken and missed) with TSC time over a window and checks that
 * timer_read_us() never went backwards and advanced like the TSC. A skewed window (e.g. QEMU
 * without -icount on a busy host, which delivers held-back ticks late) may be retried; a wrong
 * calibration fails every attempt.
 */
bool timer_selftest_calibration(void)
{
	const struct timer_config *cfg = timer_config();
	uint64_t period_us = timer_ticks_to_us(cfg, 1) + 1;
	struct timer_window w;

	arch_irq_enable();
	for (unsigned attempt = 1; attempt <= TIMER_TEST_ATTEMPTS; attempt++) {
		timer_measure_window(cfg, &w);
		uint64_t ppt = (w.tsc_us * 1000 + w.tick_us / 2) / w.tick_us; /* rounded */

		kprintf("timer test: %llu ticks (%llu missed) = %llu us by ticks, %llu us by TSC, "
			"ratio %llu ppt\n",
			(unsigned long long)w.ticks, (unsigned long long)w.missed,
			(unsigned long long)w.tick_us, (unsigned long long)w.tsc_us,
			(unsigned long long)ppt);
		kprintf("timer test: timer_read_us advanced %llu us, went backwards %u times\n",
			(unsigned long long)w.read_us, w.backwards);
		if (w.backwards != 0 || w.read_us + 2 * period_us < w.tsc_us ||
		    w.read_us > w.tsc_us + 2 * period_us)
			return false;
		if (ppt >= TIMER_TEST_MIN_PPT && ppt <= TIMER_TEST_MAX_PPT)
			return true;
	}
	return false;
}

/* |a - b| <= limit */
static bool within(uint64_t a, uint64_t b, uint64_t limit)
{
	return a > b ? a - b <= limit : b - a <= limit;
}

/*
 * The cycles from the last tick before a change of the profiler's sampling (the timer then
 * interrupts PROFILE_RATE times a period, or once again) to the first one after it.
 */
static uint64_t tick_gap_switching(bool sampling)
{
	uint64_t t0, c0, d0, t1, c1, d1;

	wait_for_next_tick(&t0, &c0, &d0);
	trace_sampling = sampling;
	wait_for_next_tick(&t1, &c1, &d1);
	return c1 - c0;
}

/*
 * Sampling on, then off: the tick after the switch comes a period after the one before (a
 * quarter period of slack; once it came 1.75 periods after, or 0.25 when switching off).
 */
static bool sampling_keeps_ticks(const struct timer_config *cfg)
{
	uint64_t period = cfg->cycle_hz * cfg->divisor / cfg->base_hz;
	uint64_t on = tick_gap_switching(true);
	uint64_t off = tick_gap_switching(false);

	kprintf("sampling ticks test: a period is %llu cycles; with sampling on %llu, off %llu\n",
		(unsigned long long)period, (unsigned long long)on, (unsigned long long)off);
	return within(on, period, period / 4) && within(off, period, period / 4);
}

/*
 * From one tick (t0) it keeps interrupts off for LOST_TEST_IRQ_OFF_US of clock time, then
 * waits for the second tick after that (the pending one comes at once). Between the two ticks
 * the TSC saw about 51 periods: the ticks taken plus those counted missed must account for
 * them, and timer_read_us must have advanced like the TSC, not like the 2 ticks taken.
 */
bool timer_selftest_lost_ticks(void)
{
	const struct timer_config *cfg = timer_config();
	uint64_t period_us = timer_ticks_to_us(cfg, 1) + 1;
	uint64_t t0, c0, d0, t1, c1, d1;

	arch_irq_enable();
	wait_for_next_tick(&t0, &c0, &d0);
	uint64_t us0 = timer_read_us();

	arch_irq_disable();
	while (timer_read_us() < us0 + LOST_TEST_IRQ_OFF_US)
		;
	arch_irq_enable();
	wait_for_next_tick(&t1, &c1, &d1);
	uint64_t clock_us = timer_read_us() - us0, missed = (d1 - t1) - (d0 - t0);
	uint64_t tsc_us = timer_cycles_to_us(c1 - c0, cfg->cycle_hz);
	uint64_t counted_us = timer_ticks_to_us(cfg, d1 - d0);

	kprintf("lost ticks test: interrupts off %u us: %llu ticks taken, %llu missed (%llu us); "
		"TSC %llu us, clock advanced %llu us\n",
		LOST_TEST_IRQ_OFF_US, (unsigned long long)(t1 - t0), (unsigned long long)missed,
		(unsigned long long)counted_us, (unsigned long long)tsc_us,
		(unsigned long long)clock_us);
	return missed + 2 >= LOST_TEST_IRQ_OFF_US / period_us &&
	       within(counted_us, tsc_us, period_us) && within(clock_us, tsc_us, 2 * period_us) &&
	       sampling_keeps_ticks(cfg);
}
