/*
 * Timekeeping arithmetic, pure C (host-tested in timer_test.c): exact tick time, overflow-free
 * cycle conversion, interpolation clamped inside the current tick, and a monotonic guard.
 */
#include <keel/abi.h>
#include <kernel/timer.h>

int timer_config_check(const struct timer_config *cfg)
{
	if (cfg == NULL || cfg->base_hz == 0 || cfg->divisor == 0)
		return ERR_INVALID;
	if (cfg->cycle_hz == 0 || cfg->cycle_hz > TIMER_MAX_CYCLE_HZ)
		return ERR_INVALID;
	return ERR_OK;
}

/*
 * floor(a * mul / div) = (a / div) * mul + (a % div) * mul / div. The second product stays
 * below div * mul, which the callers keep under 2^64 (div <= 10^12, mul <= 10^6).
 */
uint64_t timer_mul_div(uint64_t a, uint64_t mul, uint64_t div)
{
	uint64_t q = a / div;
	uint64_t r = a % div;

	if (mul != 0 && q > UINT64_MAX / mul)
		return UINT64_MAX;
	uint64_t whole = q * mul;
	uint64_t part = r * mul / div;

	return whole > UINT64_MAX - part ? UINT64_MAX : whole + part;
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
	uint64_t rounds = ticks / cfg->base_hz;
	uint64_t rem = ticks % cfg->base_hz;
	uint64_t round_us = (uint64_t)cfg->divisor * TIMER_US_PER_S;

	if (rounds > UINT64_MAX / round_us)
		return UINT64_MAX;
	uint64_t whole = rounds * round_us;
	uint64_t part = timer_mul_div(rem * cfg->divisor, TIMER_US_PER_S, cfg->base_hz);

	return whole > UINT64_MAX - part ? UINT64_MAX : whole + part;
}

uint64_t timer_interpolate_us(const struct timer_config *cfg, uint64_t ticks, uint64_t tick_cycles,
			      uint64_t now_cycles)
{
	uint64_t start = timer_ticks_to_us(cfg, ticks);
	uint64_t next = timer_ticks_to_us(cfg, ticks + 1);
	/* The last microsecond that still belongs to this tick (a tick may be under 1 us). */
	uint64_t limit = next > start ? next - 1 : start;
	/* A cycle counter behind the tick's reading (e.g. resynchronised) adds nothing. */
	uint64_t since = now_cycles > tick_cycles ? now_cycles - tick_cycles : 0;
	uint64_t extra = timer_cycles_to_us(since, cfg->cycle_hz);

	if (extra > limit - start)
		return limit;
	return start + extra;
}

uint64_t timer_monotonic_us(uint64_t *last_us, uint64_t us)
{
	if (us < *last_us)
		return *last_us;
	*last_us = us;
	return us;
}
