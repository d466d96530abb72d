/*
 * Print storm: a low-priority thread prints 4096 newlines per SYS_DEBUG_PRINT, call after
 * call, while the main thread (priority 100) sleeps 100 ms several times. Each wake-up must come
 * within WAKE_LATE_MAX_US of its deadline although a print call is in progress, and the kernel
 * clock must advance like the TSC, which no lost tick can hold back. main's return then ends
 * the unit, killing the printer inside its print. Returns 0 if every check held.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define PRINTER_PRIORITY 10   /* below main (init runs at 100): it runs only while main sleeps */
#define STORM_BYTES	 4096 /* the longest print a call may ask for */
#define SLEEP_US	 100000u
#define SLEEPS		 3
/* A sleeper wakes at the first tick at or after its deadline (999.847 us), plus slack. */
#define WAKE_LATE_MAX_US 2000u
/* How far the clock may stray from the TSC over one sleep: rounding only. */
#define DRIFT_MAX_US 20u

struct sample {
	uint64_t clock_us; /* SYS_GET_TIME */
	uint64_t tsc;	   /* rdtsc right after */
};

struct sleep_result {
	uint64_t clock_us, tsc_us; /* how long the sleep lasted by each */
	int in_call;		   /* the printer was inside a print call when main woke */
};

static char storm[STORM_BYTES];
static volatile int in_print;
static volatile int32_t printer_error;
static volatile uint32_t prints_done;
static struct sleep_result results[SLEEPS];
static _Alignas(16) uint8_t printer_stack[4096];
/* The TSC against the clock while nothing else runs: q_cycles cycles in q_us microseconds. */
static uint64_t q_cycles, q_us;

/* The tick-independent reference: the TSC (one cycle per guest instruction under -icount). */
static inline uint64_t read_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void take_sample(struct sample *s)
{
	sys_get_time_us(&s->clock_us);
	s->tsc = read_tsc();
}

/* Prints the storm until the unit ends; in_print is 1 while a call is in the kernel. */
static void printer(uintptr_t arg)
{
	(void)arg;
	for (;;) {
		in_print = 1;
		int32_t r = sys_debug_print(storm, sizeof(storm));

		in_print = 0;
		if (r < 0) {
			printer_error = r;
			return;
		}
		prints_done = prints_done + 1;
	}
}

/* Sleeps SLEEP_US; returns the clock and TSC time it took and whether a print was running. */
static struct sleep_result timed_sleep(void)
{
	struct sample before, after;
	struct sleep_result r;

	take_sample(&before);
	sys_sleep_us(SLEEP_US);
	r.in_call = in_print;
	take_sample(&after);
	r.clock_us = after.clock_us - before.clock_us;
	r.tsc_us = (after.tsc - before.tsc) * q_us / q_cycles;
	return r;
}

/* One sleep with nothing else running gives the TSC rate; then the cost of one storm print. */
static void calibrate(void)
{
	struct sample before, after;

	take_sample(&before);
	sys_sleep_us(SLEEP_US);
	take_sample(&after);
	q_cycles = after.tsc - before.tsc;
	q_us = after.clock_us - before.clock_us;
	take_sample(&before);
	sys_debug_print(storm, sizeof(storm));
	take_sample(&after);
	uprintf("printstorm: quiet sleep %llu us = %llu TSC cycles; one print of %u newlines "
		"takes %llu us\n",
		(unsigned long long)q_us, (unsigned long long)q_cycles, STORM_BYTES,
		(unsigned long long)(after.clock_us - before.clock_us));
}

/* Judges and prints sleep i; returns 1 if it failed. */
static int check_sleep(int i)
{
	const struct sleep_result *r = &results[i];
	uint64_t late = r->clock_us - SLEEP_US;
	uint64_t drift =
	    r->clock_us > r->tsc_us ? r->clock_us - r->tsc_us : r->tsc_us - r->clock_us;
	int ok = r->clock_us >= SLEEP_US && late <= WAKE_LATE_MAX_US && drift <= DRIFT_MAX_US &&
		 r->in_call;

	uprintf("printstorm: sleep %d: late %llu us, clock %llu us, TSC %llu us, printer in a "
		"call: %s %s\n",
		i, (unsigned long long)late, (unsigned long long)r->clock_us,
		(unsigned long long)r->tsc_us, r->in_call ? "yes" : "no", ok ? "ok" : "FAIL");
	return ok ? 0 : 1;
}

/* The printer must have finished calls without error (it is inside another one now). */
static int check_printer(void)
{
	int ok = printer_error == 0 && prints_done >= 1;

	uprintf("printstorm: printer finished %u prints of %u newlines, error %d %s\n",
		(unsigned)prints_done, STORM_BYTES, (int)printer_error, ok ? "ok" : "FAIL");
	return ok ? 0 : 1;
}

int main(uintptr_t arg)
{
	int failed = 0;

	(void)arg;
	for (unsigned i = 0; i < sizeof(storm); i++)
		storm[i] = '\n';
	calibrate();
	int32_t tid =
	    sys_thread_create(printer, printer_stack + sizeof(printer_stack), 0, PRINTER_PRIORITY);
	if (tid <= 0) {
		uprintf("printstorm: thread create failed: %d FAIL\n", (int)tid);
		return 1;
	}
	for (int i = 0; i < SLEEPS; i++)
		results[i] = timed_sleep();
	failed += check_printer();
	for (int i = 0; i < SLEEPS; i++)
		failed += check_sleep(i);
	uprintf("printstorm: %d failed\n", failed);
	return failed ? 1 : 0;
}
