/*
 * Sleep test: measures SYS_SLEEP against SYS_GET_TIME for several durations (each must last at
 * least what was asked), then checks that two sleepers wake in deadline order.
 * Returns 0 if every check held.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define SLEEPER_PRIORITY 150 /* above init (100): each runs as soon as it is created or woken */

#define WAIT_POLLS 2000 /* x 1 ms */

static const uint64_t sleep_cases_us[] = {1000, 10000, 25000, 10000};

static _Alignas(16) uint8_t sleeper_stacks[2][4096];
static volatile int wake_order[2];
static volatile int wake_count;

/* Sleeps `us` and prints how long it took; returns 0 if that was at least `us`. */
static int measure_sleep(uint64_t us)
{
	uint64_t before = 0, after = 0;
	int32_t r;

	r = sys_get_time_us(&before);
	if (r >= 0)
		r = sys_sleep_us(us);
	if (r >= 0)
		r = sys_get_time_us(&after);
	if (r < 0) {
		uprintf("sleep %llu us: error %d FAIL\n", (unsigned long long)us, (int)r);
		return 1;
	}
	uprintf("slept %llu us (asked %llu) %s\n", (unsigned long long)(after - before),
		(unsigned long long)us, after - before >= us ? "ok" : "FAIL");
	return after - before >= us ? 0 : 1;
}

/* Sleeper `arg` (0: 30 ms, 1: 10 ms) records its place in the wake-up order. */
static void sleeper(uintptr_t arg)
{
	sys_sleep_us(arg == 0 ? 30000 : 10000);
	wake_order[wake_count] = (int)arg;
	wake_count = wake_count + 1;
	uprintf("sleeper %u woke\n", (unsigned)arg);
}

/* The 30 ms sleeper starts first, the 10 ms one second; the 10 ms one must wake first. */
static int check_wake_order(void)
{
	int ok;

	for (uintptr_t i = 0; i < 2; i++) {
		int32_t tid = sys_thread_create(
		    sleeper, sleeper_stacks[i] + sizeof(sleeper_stacks[i]), i, SLEEPER_PRIORITY);
		if (tid <= 0) {
			uprintf("sleep order: thread create failed: %d FAIL\n", (int)tid);
			return 1;
		}
	}
	/* Poll the result, bounded: a sleeper that never wakes fails instead of hanging. */
	for (int polls = 0; wake_count < 2 && polls < WAIT_POLLS; polls++)
		sys_sleep_us(1000);
	ok = wake_count == 2 && wake_order[0] == 1 && wake_order[1] == 0;
	uprintf("sleep order: %d woke, %d then %d %s\n", wake_count, wake_order[0], wake_order[1],
		ok ? "ok" : "FAIL");
	return ok ? 0 : 1;
}

int main(uintptr_t arg)
{
	int failed = 0;
	int32_t r;

	(void)arg;
	r = sys_sleep_us(0);
	uprintf("sleep 0 (yield): %d %s\n", (int)r, r >= 0 ? "ok" : "FAIL");
	failed += r < 0;
	for (unsigned i = 0; i < sizeof(sleep_cases_us) / sizeof(sleep_cases_us[0]); i++)
		failed += measure_sleep(sleep_cases_us[i]);
	failed += check_wake_order();
	uprintf("sleep test: %d failed\n", failed);
	return failed ? 1 : 0;
}
