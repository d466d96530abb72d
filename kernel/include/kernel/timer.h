/*
 * Generic timekeeping. Time is the calibrated cycle counter: microseconds since timer_init,
 * exact and monotonic, whatever happens to the tick. The periodic tick (base_hz / divisor
 * interrupts per second) only drives the scheduler; a tick lost while interrupts were off too
 * long is counted as missed and moves the clock by nothing.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/types.h>

#define TIMER_US_PER_S	   1000000u
#define TIMER_MAX_CYCLE_HZ 1000000000000ull /* 1 THz: keeps the cycle conversion exact */
/* A cycle difference this large or larger means the counter stepped back, not forward. */
#define TIMER_CYCLES_BACKWARDS (1ull << 63)

/*
 * The tick period is exactly divisor / base_hz seconds (e.g. the PIT: 1193/1193182 s).
 * cycle_hz is the calibrated cycle counter frequency: cycle_hz cycles are one second of time.
 */
struct timer_config {
	uint32_t base_hz;  /* input clock of the tick source, > 0 */
	uint32_t divisor;  /* base clocks per tick, > 0 */
	uint64_t cycle_hz; /* cycle counter frequency, 1..TIMER_MAX_CYCLE_HZ */
};

/*
 * One CPU's clock and tick counts: plain state that the functions below advance (host-tested);
 * the kernel keeps one per CPU in struct percpu, touched only with interrupts disabled.
 * Invariant: base_us is the exact time at cycle count base_cycles, and base_us <= last_us once
 * the clock was read; base_cycles moves forward only by whole seconds of cycles.
 */
struct timer_clock {
	uint64_t base_cycles; /* a cycle count ... */
	uint64_t base_us;     /* ... and the time at it */
	uint64_t last_us;     /* largest time read: the clock never goes backwards */
	uint64_t ticks;	      /* ticks taken since the clock started */
	uint64_t missed;      /* ticks due by the cycle counter but never taken (timer_clock_tick) */
	uint64_t tick_cycles; /* cycle count at the last tick taken */
	uint64_t max_gap;     /* longest gap between two ticks taken, in cycles: a period plus
				 the longest this CPU kept its interrupts off (and its lock) */
};

/* ---- Pure arithmetic (kernel/core/timer.c, host-tested). ---- */

/* ERR_OK if *cfg is usable, else ERR_INVALID. */
int timer_config_check(const struct timer_config *cfg);
/* floor(a * mul / div) for div in 1..TIMER_MAX_CYCLE_HZ, mul <= 2^32; UINT64_MAX on overflow. */
uint64_t timer_mul_div(uint64_t a, uint64_t mul, uint64_t div);
/* Microseconds in `cycles` cycles at cycle_hz (floor), saturating. */
uint64_t timer_cycles_to_us(uint64_t cycles, uint64_t cycle_hz);
/* Microseconds at the start of tick number `ticks` (floor of the exact time), saturating. */
uint64_t timer_ticks_to_us(const struct timer_config *cfg, uint64_t ticks);
/*
 * Whole tick periods in `elapsed_cycles`, rounded to the nearest (halves up); 0 for a gap of
 * TIMER_CYCLES_BACKWARDS or more (the counter stepped back).
 */
uint64_t timer_periods_in(const struct timer_config *cfg, uint64_t elapsed_cycles);

/* Starts c at time 0 at cycle count now_cycles, with no ticks. */
void timer_clock_start(struct timer_clock *c, uint64_t now_cycles);
/*
 * The time at now_cycles, in microseconds, never less than a time read before. Cycles count
 * modulo 2^64, so a counter wrap is harmless; fewer than TIMER_CYCLES_BACKWARDS cycles may
 * pass between two calls (97 years at 3 GHz; the tick calls it every period). A counter that
 * steps back never moves the clock back: it holds still until the counter is back where it
 * was or, for a step behind base_cycles, goes on from the new count.
 */
uint64_t timer_clock_read(struct timer_clock *c, const struct timer_config *cfg,
			  uint64_t now_cycles);
/*
 * Counts a tick taken at now_cycles and returns its time. The gap since the previous tick,
 * rounded to whole periods, says how many ticks were due: each beyond one is missed (so a gap
 * of 1.5 periods or more counts). A gap that rounds to none (a tick right after a late one, or
 * a burst of held-back ticks) takes one back, so lateness cancels out and only ticks that
 * never came stay counted. The time before the first tick does not count.
 */
uint64_t timer_clock_tick(struct timer_clock *c, const struct timer_config *cfg,
			  uint64_t now_cycles);

/* ---- The running clock (kernel/core/tick.c). ---- */

/* Installs the configuration and starts this CPU's clock at 0. ERR_INVALID if unusable. */
int timer_init(const struct timer_config *cfg);
const struct timer_config *timer_config(void); /* the installed configuration */
/*
 * The tick hook: what a tick drives. Called on every tick, in the interrupt with interrupts
 * disabled, with the tick's time (timer_read_us). kmain installs the scheduler's.
 */
typedef void (*timer_tick_hook)(uint64_t now_us);
/* Installs the tick hook for every CPU; NULL (the default) only counts ticks. */
void timer_set_tick_hook(timer_tick_hook hook);
/* Tick interrupt handler body: counts the tick on this CPU and calls the tick hook. */
void timer_tick(void);
uint64_t timer_ticks(void);	   /* ticks this CPU took */
uint64_t timer_missed_ticks(void); /* ticks this CPU missed (see timer_clock_tick) */
uint64_t timer_read_us(void);	   /* monotonic microseconds since timer_init */
/* The tick count and the cycle counter at that tick, read consistently. */
void timer_last_tick(uint64_t *ticks, uint64_t *tick_cycles);
/* Prints "timer: uptime U us, T ticks, M missed" (nothing before timer_init). */
void timer_print_stats(void);

/* ---- Boot tests (kernel/core/timer_selftest.c; enable interrupts). True if they pass. ---- */

bool timer_selftest_calibration(void); /* test=timer: TSC against ticks, monotonic reads */
bool timer_selftest_lost_ticks(void);  /* test=lostticks: time kept across lost ticks */

#endif
