/*
 * Per-CPU data. Each CPU reaches its own struct percpu only through this_cpu(), which the arch
 * layer implements with a segment base (%fs on x86), so SMP needs no change here.
 *
 * The running thread has one home: this CPU's run queue, which lives here (percpu.rq) and
 * whose `current` only the scheduler writes, as it switches. Generic and arch code reach them
 * only through this_rq() and current_thread() below, so there is no second copy to keep in
 * step, and each CPU reads its own through its own segment base. Another CPU's queue is
 * reached through its thread (thread.rq), never by CPU number.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/types.h>
#include <arch/percpu.h>

#define PERCPU_MAX_CPUS 8

struct percpu {
	struct percpu *self;	    /* must stay first: the arch reads it at segment offset 0 */
	unsigned cpu_id;	    /* 0 = the boot CPU */
	uintptr_t kernel_stack_top; /* top of the stack traps from user mode land on */
	struct timer_clock clock;   /* kernel/core/tick.c; only this CPU, interrupts disabled */
	uint64_t local_ticks;	    /* this CPU's own timer interrupts (an AP's local APIC) */
	/* This CPU's scheduler (sched.h); zeroed (current is NULL) until sched_init_cpu. */
	struct run_queue rq;
};
_Static_assert(__builtin_offsetof(struct percpu, self) == 0, "arch reads self at offset 0");

/* This CPU's data. Valid once the arch layer installed it (before any generic code runs). */
/* (<arch/percpu.h>: inline on x86, a function the host tests define.) */

/* This CPU's run queue: the only way generic code names it. */
static inline struct run_queue *this_rq(void)
{
	return &this_cpu()->rq;
}

/*
 * The thread running on this CPU (its idle thread when nothing else runs); NULL until boot
 * made its own context the idle thread (sched_init_cpu).
 */
static inline struct thread *current_thread(void)
{
	return this_rq()->current;
}

/*
 * Claims and initialises the record of CPU `cpu_id` (zeroed, self and stack top set; the run
 * queue waits for sched_init_cpu).
 * Returns NULL if cpu_id >= PERCPU_MAX_CPUS. The arch layer then makes it reachable.
 */
struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top);

/* CPU cpu_id's record if that CPU came up (percpu_init ran for it), else NULL. */
struct percpu *percpu_of(unsigned cpu_id);

#endif
