/*
 * Unit tests for the timekeeping arithmetic (timer.c): exact conversions at extreme
 * frequencies and counts, saturation, the cycle-counter clock over counter wraps and a
 * century of uptime, monotonicity, and the missed-tick count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/timer.h>

#define PIT_HZ		 1193182u
#define PIT_DIVISOR_1KHZ 1193u

static const struct timer_config pit_cfg = {PIT_HZ, PIT_DIVISOR_1KHZ, 2000000000ull};

static void test_config_check(void **state)
{
	(void)state;
	struct timer_config cfg = pit_cfg;

	assert_int_equal(timer_config_check(&cfg), ERR_OK);
	assert_int_equal(timer_config_check(NULL), ERR_INVALID);
	cfg.base_hz = 0;
	assert_int_equal(timer_config_check(&cfg), ERR_INVALID);
	cfg = pit_cfg;
	cfg.divisor = 0;
	assert_int_equal(timer_config_check(&cfg), ERR_INVALID);
	cfg = pit_cfg;
	cfg.cycle_hz = 0;
	assert_int_equal(timer_config_check(&cfg), ERR_INVALID);
	cfg.cycle_hz = TIMER_MAX_CYCLE_HZ;
	assert_int_equal(timer_config_check(&cfg), ERR_OK);
	cfg.cycle_hz = TIMER_MAX_CYCLE_HZ + 1;
	assert_int_equal(timer_config_check(&cfg), ERR_INVALID);
}

static void test_cycles_to_us_exact(void **state)
{
	(void)state;
	assert_int_equal(timer_cycles_to_us(0, 1000000), 0);
	assert_int_equal(timer_cycles_to_us(2793512000ull, 2793512000ull), 1000000);
	assert_int_equal(timer_cycles_to_us(2793511999ull, 2793512000ull), 999999); /* floor */
	assert_int_equal(timer_cycles_to_us(2793, 2793512000ull), 0);
	assert_int_equal(timer_cycles_to_us(2794, 2793512000ull), 1);
}

static void test_cycles_to_us_extreme_frequencies(void **state)
{
	(void)state;
	/* 1 Hz: every cycle is a second. */
	assert_int_equal(timer_cycles_to_us(1, 1), 1000000);
	assert_int_equal(timer_cycles_to_us(3600, 1), 3600000000ull);
	/* 1 THz: a microsecond is 10^6 cycles; the remainder product is near 10^18, no wrap. */
	assert_int_equal(timer_cycles_to_us(TIMER_MAX_CYCLE_HZ - 1, TIMER_MAX_CYCLE_HZ), 999999);
	assert_int_equal(timer_cycles_to_us(999999, TIMER_MAX_CYCLE_HZ), 0);
	assert_int_equal(timer_cycles_to_us(1000000, TIMER_MAX_CYCLE_HZ), 1);
}

static void test_cycles_to_us_large_counts(void **state)
{
	(void)state;
	/* cycles * 10^6 would overflow for any count above 1.8e13: still exact. */
	uint64_t hz = 3000000000ull;
	uint64_t ten_years_s = 10ull * 365 * 24 * 3600;

	assert_int_equal(timer_cycles_to_us(ten_years_s * hz, hz), ten_years_s * 1000000ull);
	assert_int_equal(timer_cycles_to_us(ten_years_s * hz + hz / 2, hz),
			 ten_years_s * 1000000ull + 500000);
	/* UINT64_MAX cycles at 3 GHz: 6148914691236517 us (floor), no saturation needed. */
	assert_int_equal(timer_cycles_to_us(UINT64_MAX, hz), 6148914691236517ull);
	/* At 1 Hz the true result exceeds 64 bits: saturates instead of wrapping. */
	assert_int_equal(timer_cycles_to_us(UINT64_MAX, 1), UINT64_MAX);
}

static void test_mul_div(void **state)
{
	(void)state;
	assert_int_equal(timer_mul_div(10, 3, 4), 7);
	assert_int_equal(timer_mul_div(UINT64_MAX, 1, 1), UINT64_MAX);
	assert_int_equal(timer_mul_div(UINT64_MAX, 0, 7), 0);
	assert_int_equal(timer_mul_div(UINT64_MAX / 2, 2, 1), UINT64_MAX - 1);
	assert_int_equal(timer_mul_div(UINT64_MAX / 2 + 1, 2, 1), UINT64_MAX); /* saturates */
}

static void test_ticks_to_us_exact_pit_period(void **state)
{
	(void)state;
	/* One PIT tick is 1193/1193182 s = 999.8474 us. */
	assert_int_equal(timer_ticks_to_us(&pit_cfg, 0), 0);
	assert_int_equal(timer_ticks_to_us(&pit_cfg, 1), 999);
	assert_int_equal(timer_ticks_to_us(&pit_cfg, 1000), 999847);
	/* PIT_HZ ticks last exactly 1193 s: no accumulated rounding. */
	assert_int_equal(timer_ticks_to_us(&pit_cfg, PIT_HZ), 1193000000ull);
	assert_int_equal(timer_ticks_to_us(&pit_cfg, 10ull * PIT_HZ + 1), 11930000999ull);
}

static void test_ticks_to_us_no_drift_over_years(void **state)
{
	(void)state;
	struct timer_config exact = {1000000, 1000, 1000000}; /* exactly 1 ms */
	uint64_t ticks = 100ull * 365 * 24 * 3600 * 1000;     /* a century of ticks */

	assert_int_equal(timer_ticks_to_us(&exact, ticks), ticks * 1000);
	assert_int_equal(timer_ticks_to_us(&exact, UINT64_MAX / 1000), UINT64_MAX / 1000 * 1000);
	assert_int_equal(timer_ticks_to_us(&exact, UINT64_MAX), UINT64_MAX); /* saturates */
}

/* 1 ms ticks (exactly), 1 GHz cycles: a tick period is 1,000,000 cycles. */
static const struct timer_config ms_cfg = {1000000, 1000, 1000000000};
#define MS_CYCLES 1000000ull

static void test_periods_in(void **state)
{
	(void)state;
	assert_int_equal(timer_periods_in(&ms_cfg, 0), 0);
	assert_int_equal(timer_periods_in(&ms_cfg, MS_CYCLES / 2 - 1), 0);
	assert_int_equal(timer_periods_in(&ms_cfg, MS_CYCLES / 2), 1);
	assert_int_equal(timer_periods_in(&ms_cfg, MS_CYCLES), 1);
	assert_int_equal(timer_periods_in(&ms_cfg, MS_CYCLES * 3 / 2 - 1), 1);
	assert_int_equal(timer_periods_in(&ms_cfg, MS_CYCLES * 3 / 2), 2);
	assert_int_equal(timer_periods_in(&ms_cfg, 50 * MS_CYCLES), 50);
	/* A counter that stepped back: no periods. */
	assert_int_equal(timer_periods_in(&ms_cfg, UINT64_MAX - 5), 0);
	assert_int_equal(timer_periods_in(&ms_cfg, TIMER_CYCLES_BACKWARDS), 0);
	/* The PIT's 999.847 us period at 2 GHz: 50 ms are 50 periods (50.008). */
	assert_int_equal(timer_periods_in(&pit_cfg, 2000000000ull / 20), 50);
	/* An hour, no overflow: 3,600,549 periods of 999.847 us (and 0.2 of one). */
	assert_int_equal(timer_periods_in(&pit_cfg, 3600ull * 2000000000ull), 3600549);
}

static void test_clock_starts_at_zero(void **state)
{
	(void)state;
	struct timer_clock c;

	timer_clock_start(&c, 123456789);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 123456789), 0);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 123456789 + 999), 0); /* floor */
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 123456789 + 1000), 1);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 123456789 + 2500000000ull), 2500000);
	assert_int_equal(c.ticks, 0);
	assert_int_equal(c.missed, 0);
}

/* Read every `step` cycles up to `total`, at 3 GHz: each read must be the exact floor. */
static void check_exact_reads(uint64_t start, uint64_t step, uint64_t total)
{
	const struct timer_config cfg = {PIT_HZ, PIT_DIVISOR_1KHZ, 3000000000ull};
	struct timer_clock c;
	uint64_t prev = 0;

	timer_clock_start(&c, start);
	for (uint64_t t = 0; t <= total; t += step) {
		uint64_t us = timer_clock_read(&c, &cfg, start + t);

		assert_int_equal(us, timer_cycles_to_us(t, cfg.cycle_hz));
		assert_true(us >= prev);
		prev = us;
	}
}

static void test_clock_exact_across_seconds_and_wrap(void **state)
{
	(void)state;
	/* Reads 0.7 s apart, so whole seconds move into the base at varying offsets. */
	check_exact_reads(0, 2100000001ull, 3000000000ull * 60);
	/* The cycle counter wraps past 2^64 in the middle: nothing jumps. */
	check_exact_reads(UINT64_MAX - 3000000000ull * 5, 777777777ull, 3000000000ull * 10);
}

static void test_clock_long_uptime(void **state)
{
	(void)state;
	const struct timer_config cfg = {PIT_HZ, PIT_DIVISOR_1KHZ, 3000000000ull};
	uint64_t year = 365ull * 24 * 3600;
	struct timer_clock c;

	uint64_t start = UINT64_MAX - year * cfg.cycle_hz; /* the counter wraps in a year */

	/* Fifty years in one step (4.7e18 cycles, below 2^63), over the wrap: exact. */
	timer_clock_start(&c, start);
	assert_int_equal(
	    timer_clock_read(&c, &cfg, start + 50 * year * cfg.cycle_hz + 1500000000ull),
	    50 * year * TIMER_US_PER_S + 500000);
	/* Then a century in hourly reads: still exact to the microsecond. */
	uint64_t base_us = c.last_us, cycles = c.base_cycles + 1500000000ull;

	for (uint64_t h = 1; h <= 100 * year / 3600; h++)
		assert_int_equal(timer_clock_read(&c, &cfg, cycles + h * 3600 * cfg.cycle_hz),
				 base_us + h * 3600 * TIMER_US_PER_S);
	/* At 1 Hz the microseconds of 2^62 seconds do not fit: the clock saturates, no wrap. */
	const struct timer_config slow = {PIT_HZ, PIT_DIVISOR_1KHZ, 1};

	timer_clock_start(&c, 0);
	assert_int_equal(timer_clock_read(&c, &slow, 1ull << 62), UINT64_MAX);
	assert_int_equal(timer_clock_read(&c, &slow, (1ull << 62) + 1), UINT64_MAX);
}

static void test_clock_never_goes_backwards(void **state)
{
	(void)state;
	struct timer_clock c;

	timer_clock_start(&c, 1000000000);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 1005000000), 5000);
	/* A step back within the second: the clock holds until the counter is back. */
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 1000000000), 5000);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 1004999999), 5000);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 1005002000), 5002);
	/* Back behind the base (e.g. the counter was rewritten): held, then on from there. */
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 7), 5002);
	assert_int_equal(timer_clock_read(&c, &ms_cfg, 7 + 3000000000ull), 3005002);
}

/* Ticks come every MS_CYCLES from `t`; each is taken `late[k]` cycles after it was due. */
static uint64_t take_ticks(struct timer_clock *c, uint64_t t, const uint64_t *late, int n)
{
	uint64_t us = 0;

	for (int k = 0; k < n; k++)
		us = timer_clock_tick(c, &ms_cfg, t + k * MS_CYCLES + late[k]);
	return us;
}

static void test_clock_ticks_count_missed(void **state)
{
	(void)state;
	static const uint64_t jitter[] = {300, 0, 100000, 400000, 499999, 0, 200000, 5, 0, 0};
	/*
	 * A tick 0.6 periods late, one on time; then interrupts off for 2.2 periods: the two
	 * ticks due meanwhile come in a burst when they are enabled again.
	 */
	static const uint64_t held[] = {600000, 0, 1300000, 300100, 0, 0};
	struct timer_clock c;
	uint64_t t = 5 * MS_CYCLES;

	timer_clock_start(&c, 0);
	/* The first tick comes long after the start (boot with interrupts off): not counted. */
	assert_int_equal(take_ticks(&c, t, jitter, 10), 14000);
	assert_int_equal(c.ticks, 10);
	assert_int_equal(c.missed, 0); /* up to half a period late: nothing */
	assert_int_equal(c.max_gap, MS_CYCLES + 300000); /* 100000 late, then 400000 */
	take_ticks(&c, t + 10 * MS_CYCLES, held, 1);
	assert_int_equal(c.missed, 1); /* 1.6 periods since the last tick: one looks lost ... */
	take_ticks(&c, t + 11 * MS_CYCLES, held + 1, 1);
	assert_int_equal(c.missed, 0); /* ... until the next comes 0.4 later: it was late */
	assert_int_equal(take_ticks(&c, t + 12 * MS_CYCLES, held + 2, 4), 20000);
	assert_int_equal(c.ticks, 16);
	assert_int_equal(c.missed, 0); /* the burst: late ticks are not lost ones */
	/* Interrupts off for 40 ms: one tick taken for the 40, the clock loses nothing. */
	assert_int_equal(timer_clock_tick(&c, &ms_cfg, t + 55 * MS_CYCLES + 20000), 60020);
	assert_int_equal(c.ticks, 17);
	assert_int_equal(c.missed, 39);
	assert_int_equal(c.tick_cycles, t + 55 * MS_CYCLES + 20000);
	timer_clock_tick(&c, &ms_cfg, t + 56 * MS_CYCLES); /* the next on time: still 39 */
	assert_int_equal(c.missed, 39);
	/* The count never goes below 0: a late first tick had nothing counted to take back. */
	timer_clock_start(&c, 0);
	take_ticks(&c, t, (const uint64_t[]){700000, 0}, 2);
	assert_int_equal(c.missed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_config_check),
	    cmocka_unit_test(test_cycles_to_us_exact),
	    cmocka_unit_test(test_cycles_to_us_extreme_frequencies),
	    cmocka_unit_test(test_cycles_to_us_large_counts),
	    cmocka_unit_test(test_mul_div),
	    cmocka_unit_test(test_ticks_to_us_exact_pit_period),
	    cmocka_unit_test(test_ticks_to_us_no_drift_over_years),
	    cmocka_unit_test(test_periods_in),
	    cmocka_unit_test(test_clock_starts_at_zero),
	    cmocka_unit_test(test_clock_exact_across_seconds_and_wrap),
	    cmocka_unit_test(test_clock_long_uptime),
	    cmocka_unit_test(test_clock_never_goes_backwards),
	    cmocka_unit_test(test_clock_ticks_count_missed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
