/*
 * Timekeeping arithmetic, pure C (host-tested in timer_test.c): overflow-free cycle and tick
 * conversions, the cycle-counter clock (exact over any uptime, monotonic) and missed ticks.
 */
#include <keel/abi.h>
#include <kernel/timer.h>

int timer_config_check(const struct timer_config *cfg)
{
	if (cfg == NULL || cfg->base_hz == 0 || cfg->divisor == 0 || cfg->cycle_hz == 0 ||
	    cfg->cycle_hz > TIMER_MAX_CYCLE_HZ)
		return ERR_INVALID;
	return ERR_OK;
}

/* a + b, or UINT64_MAX if that does not fit. */
static uint64_t add_saturating(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/*
 * floor(a * mul / div) = (a / div) * mul + (a % div) * mul / div. The second product stays
 * below div * mul, which the callers keep under 2^64 (div <= 10^12, mul <= 10^6).
 */
uint64_t timer_mul_div(uint64_t a, uint64_t mul, uint64_t div)
{
	uint64_t q = a / div, r = a % div;

	return mul != 0 && q > UINT64_MAX / mul ? UINT64_MAX
						 : add_saturating(q * mul, r * mul / div);
}

uint64_t timer_cycles_to_us(uint64_t cycles, uint64_t cycle_hz)
{
	return timer_mul_div(cycles, TIMER_US_PER_S, cycle_hz);
}

/*
 * ticks * divisor / base_hz seconds. Split ticks into whole seconds' worth of base clocks
 * (base_hz ticks last exactly `divisor` seconds) and a remainder below base_hz, so no product
 * overflows: rem * divisor < 2^64 and the conversion of that is timer_mul_div's case.
 */
uint64_t timer_ticks_to_us(const struct timer_config *cfg, uint64_t ticks)
{
	uint64_t rounds = ticks / cfg->base_hz, rem = ticks % cfg->base_hz;
	uint64_t round_us = (uint64_t)cfg->divisor * TIMER_US_PER_S;

	if (rounds > UINT64_MAX / round_us)
		return UINT64_MAX;
	return add_saturating(rounds * round_us,
			      timer_mul_div(rem * cfg->divisor, TIMER_US_PER_S, cfg->base_hz));
}

/* Elapsed time in base clocks (floor), then whole periods, rounded: half a divisor counts. */
uint64_t timer_periods_in(const struct timer_config *cfg, uint64_t elapsed_cycles)
{
	if (elapsed_cycles >= TIMER_CYCLES_BACKWARDS)
		return 0;
	uint64_t clocks = timer_mul_div(elapsed_cycles, cfg->base_hz, cfg->cycle_hz);
	uint64_t periods = clocks / cfg->divisor, rem = clocks % cfg->divisor;

	return rem >= cfg->divisor - rem ? periods + 1 : periods;
}

void timer_clock_start(struct timer_clock *c, uint64_t now_cycles)
{
	*c = (struct timer_clock){.base_cycles = now_cycles, .tick_cycles = now_cycles};
}

/*
 * Whole seconds of cycles move from the difference into base_us (exact: cycle_hz cycles are
 * one second), so the conversion below never sees more than a second of cycles and nothing
 * overflows however long the uptime; base_us itself saturates after 584,000 years.
 */
uint64_t timer_clock_read(struct timer_clock *c, const struct timer_config *cfg,
			  uint64_t now_cycles)
{
	uint64_t since = now_cycles - c->base_cycles; /* modulo 2^64: a wrap is more cycles */

	if (since >= TIMER_CYCLES_BACKWARDS) {
		c->base_cycles = now_cycles; /* stepped back: hold still, go on from here */
		c->base_us = c->last_us;
		return c->last_us;
	}
	uint64_t whole_s = since / cfg->cycle_hz;

	c->base_cycles += whole_s * cfg->cycle_hz;
	c->base_us = add_saturating(c->base_us, timer_mul_div(whole_s, TIMER_US_PER_S, 1));
	uint64_t us = add_saturating(
	    c->base_us, timer_cycles_to_us(now_cycles - c->base_cycles, cfg->cycle_hz));

	if (us > c->last_us)
		c->last_us = us;
	return c->last_us;
}

uint64_t timer_clock_tick(struct timer_clock *c, const struct timer_config *cfg,
			  uint64_t now_cycles)
{
	if (c->ticks > 0) {
		uint64_t gap = now_cycles - c->tick_cycles, due = timer_periods_in(cfg, gap);

		c->max_gap = gap > c->max_gap ? gap : c->max_gap;
		if (due > 0)
			c->missed += due - 1;
		else if (c->missed > 0)
			c->missed--; /* the tick before was late, not lost */
	}
	c->ticks++;
	c->tick_cycles = now_cycles;
	return timer_clock_read(c, cfg, now_cycles);
}
