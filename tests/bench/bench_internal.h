/* Shared by the bench program's files: measuring and reporting (bench.c). */
#ifndef BENCH_INTERNAL_H
#define BENCH_INTERNAL_H

#include <stdint.h>

struct bench_stats {
	uint32_t median, min, max;
};

/* Median, min, max instructions of one call of op (per_iter operations per call), with the
 * timing loop's own cost subtracted. */
struct bench_stats bench_measure(void (*op)(void), uint32_t per_iter);

/* Sorts v[0..n) and returns its median, min and max. */
struct bench_stats bench_summarise(uint32_t *v, uint32_t n);

/* Prints "BENCH <name> instructions=<median> min=<min> max=<max> n=<samples>". */
void bench_report(const char *name, struct bench_stats st);

/* bench_notify.c: channel, notification and wake-up benchmarks. 0, or 1 on a failure. */
int bench_async(void);

/* bench_irq.c: irq_to_user. 0, or 1 on a failure. */
int bench_irq(void);

/* bench_smp.c: the cross-CPU round trip and SMP efficiency, with more than one CPU. */
int bench_smp(void);

/* bench_lock.c: lock_hold_max, the boot CPU's longest section without interrupts. */
int bench_lock_hold(void);

#endif
