/* Host tests of init's restart policy: immediate first restart, back-off, rate limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/init/manifest.h"
#include "servers/init/policy.h"

#define WINDOW 10000000u /* 10 s */

static struct policy_state st;

static int setup(void **state)
{
	(void)state;
	memset(&st, 0, sizeof(st));
	return 0;
}

static void test_never_stops(void **state)
{
	uint64_t when = 7;

	(void)state;
	assert_int_equal(policy_decide(&st, MANIFEST_RESTART_NEVER, 5, WINDOW, 100, &when),
			 POLICY_STOP);
	assert_int_equal(when, 7);
}

static void test_first_end_restarts_at_once_then_backs_off(void **state)
{
	uint64_t when = 0, now = 1000;
	const uint64_t waits[] = {0, 10000, 20000, 40000, 80000};

	(void)state;
	for (unsigned i = 0; i < 5; i++, now += 1000) {
		assert_int_equal(policy_decide(&st, MANIFEST_RESTART_ALWAYS, 5, WINDOW, now, &when),
				 POLICY_RESTART);
		assert_int_equal(when - now, waits[i]);
	}
	/* The sixth end within 10 s is over the limit of 5. */
	assert_int_equal(policy_decide(&st, MANIFEST_RESTART_ALWAYS, 5, WINDOW, now, &when),
			 POLICY_GIVE_UP);
}

static void test_ends_outside_the_window_are_forgotten(void **state)
{
	uint64_t when = 0, now = 0;

	(void)state;
	for (unsigned i = 0; i < 100; i++) {
		now += WINDOW; /* the previous end has just left the window */
		assert_int_equal(policy_decide(&st, MANIFEST_RESTART_ALWAYS, 1, WINDOW, now, &when),
				 POLICY_RESTART);
		assert_int_equal(when, now); /* alone in its window: at once */
	}
	/* Two ends within the window are over a limit of 1. */
	assert_int_equal(policy_decide(&st, MANIFEST_RESTART_ALWAYS, 1, WINDOW, now + 1, &when),
			 POLICY_GIVE_UP);
}

static void test_backoff_is_capped(void **state)
{
	uint64_t when = 0, now = 0;

	(void)state;
	for (unsigned i = 0; i < 30; i++)
		assert_int_equal(policy_decide(&st, MANIFEST_RESTART_ALWAYS, 1000, 1000000000u, ++now,
					       &when),
				 POLICY_RESTART);
	assert_int_equal(when - now, POLICY_BACKOFF_MAX_US);
}

static void test_limit_above_history_is_clamped(void **state)
{
	uint64_t when = 0, now = 0;
	unsigned restarts = 0;

	(void)state;
	while (policy_decide(&st, MANIFEST_RESTART_ALWAYS, 1000, WINDOW, ++now, &when) ==
	       POLICY_RESTART)
		restarts++;
	assert_int_equal(restarts, POLICY_HISTORY - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_never_stops, setup),
	    cmocka_unit_test_setup(test_first_end_restarts_at_once_then_backs_off, setup),
	    cmocka_unit_test_setup(test_ends_outside_the_window_are_forgotten, setup),
	    cmocka_unit_test_setup(test_backoff_is_capped, setup),
	    cmocka_unit_test_setup(test_limit_above_history_is_clamped, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
