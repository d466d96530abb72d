/*
 * Preemption test: the main thread (priority 100) spins without syscalls while a thread at
 * priority 200 sleeps 20 ms; the high thread can only run again if the timer-driven wake-up
 * preempts the spinning thread. Returns 0 if it did.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define HIGH_PRIORITY 200
#define HIGH_SLEEP_US 20000u
/* The spin gives up after this many iterations (seconds under TCG): it cannot hang. */
#define SPIN_LIMIT 300000000u

static volatile uint32_t spin_count; /* advanced by the busy main thread */
static volatile uint32_t count_seen; /* spin_count when the high thread ran again */
static volatile int high_done;
static volatile int32_t high_error;
static volatile uint64_t high_slept_us;

static _Alignas(16) uint8_t high_stack[4096];

/* Sleeps, then records what the busy thread had done meanwhile and raises high_done. */
static void high_thread(uintptr_t arg)
{
	uint64_t before = 0, after = 0;
	int32_t r;

	(void)arg;
	r = sys_get_time_us(&before);
	if (r >= 0)
		r = sys_sleep_us(HIGH_SLEEP_US);
	if (r >= 0)
		r = sys_get_time_us(&after);
	count_seen = spin_count;
	high_slept_us = after - before;
	high_error = r < 0 ? r : 0;
	uprintf("high: woke after %llu us, low had spun %u times\n",
		(unsigned long long)high_slept_us, (unsigned)count_seen);
	high_done = 1;
}

/* The busy loop: no syscall, no yield; only a preemption can let the high thread run. */
static uint32_t spin_until_high_done(void)
{
	spin_count = 0;
	while (!high_done && spin_count < SPIN_LIMIT)
		spin_count = spin_count + 1;
	return spin_count;
}

int main(uintptr_t arg)
{
	int32_t tid;
	uint32_t spun;

	(void)arg;
	tid = sys_thread_create(high_thread, high_stack + sizeof(high_stack), 0, HIGH_PRIORITY);
	if (tid <= 0) {
		uprintf("preempt test: thread create failed: %d\n", (int)tid);
		return 1;
	}
	spun = spin_until_high_done();
	if (!high_done) {
		uprintf("preempt test: FAIL: high thread never ran in %u iterations\n",
			(unsigned)spun);
		return 1;
	}
	uprintf("low: saw high run while busy (spun %u times, %u before the wake-up)\n",
		(unsigned)spun, (unsigned)count_seen);
	if (high_error != 0 || count_seen == 0 || high_slept_us < HIGH_SLEEP_US) {
		uprintf("preempt test: FAIL: error %d, count %u, slept %llu us\n", (int)high_error,
			(unsigned)count_seen, (unsigned long long)high_slept_us);
		return 1;
	}
	uprintf("preempt test: PASS\n");
	return 0;
}
