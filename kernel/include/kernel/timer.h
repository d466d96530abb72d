/*
 * Generic timekeeping. A periodic tick source (base_hz / divisor interrupts per second) gives
 * drift-free time; a free-running cycle counter interpolates within the current tick.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/types.h>

#define TIMER_US_PER_S	   1000000u
#define TIMER_MAX_CYCLE_HZ 1000000000000ull /* 1 THz: keeps the cycle conversion exact */

/*
 * The tick period is exactly divisor / base_hz seconds (e.g. the PIT: 1193/1193182 s), so
 * tick time has no rounding drift. cycle_hz is the calibrated cycle counter frequency.
 */
struct timer_config {
	uint32_t base_hz;  /* input clock of the tick source, > 0 */
	uint32_t divisor;  /* base clocks per tick, > 0 */
	uint64_t cycle_hz; /* cycle counter frequency, 1..TIMER_MAX_CYCLE_HZ */
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
 * Time now, given `ticks` ticks so far, the cycle count at the last tick and now: tick time
 * plus the interpolated cycles, clamped below the start of the next tick.
 */
uint64_t timer_interpolate_us(const struct timer_config *cfg, uint64_t ticks, uint64_t tick_cycles,
			      uint64_t now_cycles);
/* Returns max(*last_us, us) and stores it: makes a clock that never goes backwards. */
uint64_t timer_monotonic_us(uint64_t *last_us, uint64_t us);

/* ---- The running clock (kernel/core/tick.c). ---- */

/* Installs the configuration and starts this CPU's clock at 0. ERR_INVALID if unusable. */
int timer_init(const struct timer_config *cfg);
const struct timer_config *timer_config(void); /* the installed configuration */
/* Tick interrupt handler body: counts the tick on this CPU and calls sched_tick(). */
void timer_tick(void);
uint64_t timer_ticks(void);   /* this CPU's tick count */
uint64_t timer_read_us(void); /* monotonic microseconds since timer_init */
/* The tick count and the cycle counter at that tick, read consistently. */
void timer_last_tick(uint64_t *ticks, uint64_t *tick_cycles);

/* Called on every tick with interrupts disabled; the scheduler overrides this weak default. */
void sched_tick(void);

#endif
