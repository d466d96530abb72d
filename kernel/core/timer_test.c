/*
 * Unit tests for the timekeeping arithmetic (timer.c): exact conversions at extreme
 * frequencies and counts, saturation, clamping inside a tick and monotonicity across ticks.
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

static void test_interpolate_within_tick(void **state)
{
	(void)state;
	struct timer_config cfg = {1000000, 1000, 1000000000}; /* 1 ms ticks, 1 GHz cycles */

	assert_int_equal(timer_interpolate_us(&cfg, 5, 1000, 1000), 5000);
	assert_int_equal(timer_interpolate_us(&cfg, 5, 1000, 1000 + 250000), 5250);
	assert_int_equal(timer_interpolate_us(&cfg, 5, 1000, 1000 + 999999), 5999);
}

static void test_interpolate_clamps_below_next_tick(void **state)
{
	(void)state;
	struct timer_config cfg = {1000000, 1000, 1000000000};

	/* A late tick interrupt: 3 ms of cycles since the last tick still reads inside it. */
	assert_int_equal(timer_interpolate_us(&cfg, 5, 0, 3000000000ull), 5999);
	assert_int_equal(timer_interpolate_us(&cfg, 5, 0, UINT64_MAX), 5999);
	/* A cycle counter behind the tick's reading adds nothing. */
	assert_int_equal(timer_interpolate_us(&cfg, 5, 5000, 4000), 5000);
	/* Ticks shorter than 1 us: never past the current tick's start. */
	struct timer_config fast = {10000000, 1, 1000000000}; /* 0.1 us ticks */

	assert_int_equal(timer_interpolate_us(&fast, 25, 0, 1000000), 2);
}

static void test_monotonic_across_tick_boundaries(void **state)
{
	(void)state;
	/* Simulate a clock whose cycle counter runs 3% fast relative to the ticks. */
	struct timer_config cfg = {PIT_HZ, PIT_DIVISOR_1KHZ, 1000000000};
	uint64_t cycles_per_tick = 1030000; /* ~1.03 ms of cycles per ~1 ms tick */
	uint64_t last = 0, prev = 0;

	for (uint64_t tick = 0; tick < 3000; tick++) {
		uint64_t tick_cycles = tick * cycles_per_tick;

		for (uint64_t step = 0; step <= cycles_per_tick; step += cycles_per_tick / 7) {
			uint64_t raw =
			    timer_interpolate_us(&cfg, tick, tick_cycles, tick_cycles + step);
			uint64_t us = timer_monotonic_us(&last, raw);

			assert_true(raw >= timer_ticks_to_us(&cfg, tick));
			assert_true(raw < timer_ticks_to_us(&cfg, tick + 1));
			assert_true(us >= prev);
			prev = us;
		}
	}
	assert_int_equal(prev, timer_ticks_to_us(&cfg, 3000) - 1);
}

static void test_monotonic_guard(void **state)
{
	(void)state;
	uint64_t last = 0;

	assert_int_equal(timer_monotonic_us(&last, 10), 10);
	assert_int_equal(timer_monotonic_us(&last, 7), 10); /* never backwards */
	assert_int_equal(last, 10);
	assert_int_equal(timer_monotonic_us(&last, 11), 11);
	assert_int_equal(last, 11);
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
	    cmocka_unit_test(test_interpolate_within_tick),
	    cmocka_unit_test(test_interpolate_clamps_below_next_tick),
	    cmocka_unit_test(test_monotonic_across_tick_boundaries),
	    cmocka_unit_test(test_monotonic_guard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
