/*
 * lock_hold_max (docs/smp.md, docs/performance.md): the longest section the boot CPU ran with
 * interrupts off, which with one CPU is how long it held the big kernel lock without a window.
 * The kernel keeps each CPU's longest gap between two timer ticks (SYS_CPU_INFO max_tick_gap,
 * in cycles); a section that starts just before a tick delays that tick by its length, so the
 * gap less one period, over a run whose ticks land at many points of the long sections, comes
 * close to the longest one. The run: everything the benchmark did before (unit starts,
 * IPC, capability and thread work), then LOCK_ROUNDS rounds of mapping and unmapping a
 * LOCK_PAGES-page object (whose syscalls open a window every 64 pages) and of starting and
 * ending a thread. Under -icount shift=0 a cycle is a guest instruction.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"
#include "bench_internal.h"

#define LOCK_PAGES  1024 /* 4 MiB */
#define LOCK_ROUNDS 16
#define LOCK_VADDR  0x40000000u
#define LOCK_PRIO   100	 /* the benchmark's own: the threads run when it next blocks */
#define SPIN_US	    2000u /* the cycle counter's rate, measured against the kernel's clock */

static _Alignas(16) uint8_t quick_stack[1024];

static void quick(uintptr_t arg)
{
	(void)arg;
}

/* Cycles per tick period (1 ms): the cycle counter over SPIN_US of the kernel's clock. */
static uint64_t period_cycles(void)
{
	uint64_t t0 = 0, t = 0, c0;

	sys_get_time_us(&t0);
	c0 = bench_rdtsc();
	while (t < t0 + SPIN_US)
		sys_get_time_us(&t);
	return (bench_rdtsc() - c0) * 1000u / (t - t0);
}

static int lock_work(void)
{
	cap_t obj = (cap_t)sys_mem_alloc(CAP_ROOT_BUDGET, LOCK_PAGES);

	if (obj < 0)
		return uprintf("bench: %u pages for lock_hold_max: %d\n", LOCK_PAGES, (int)obj), 1;
	for (int i = 0; i < LOCK_ROUNDS; i++) {
		int32_t t = sys_thread_create(quick, quick_stack + sizeof(quick_stack), 0,
					      LOCK_PRIO);

		if (sys_mem_map(obj, (void *)LOCK_VADDR, MEM_MAP_READ | MEM_MAP_WRITE) != ERR_OK ||
		    sys_mem_unmap((void *)LOCK_VADDR) != ERR_OK || t <= 0)
			return uprintf("bench: lock_hold_max round %d failed\n", i), 1;
		cap_delete(t);
	}
	cap_delete(obj);
	return 0;
}

int bench_lock_hold(void)
{
	struct keel_cpu_info info;
	uint64_t period = period_cycles();

	if (lock_work() != 0 || sys_cpu_info(0, &info) != ERR_OK)
		return 1;
	uint32_t held = info.max_tick_gap > period ? (uint32_t)(info.max_tick_gap - period) : 0;

	bench_report("lock_hold_max", (struct bench_stats){held, held, held});
	return 0;
}
