/*
 * Per-CPU data. Each CPU reaches its own struct percpu only through this_cpu(), which the arch
 * layer implements with a segment base (%fs on x86), so SMP needs no change here.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include <kernel/timer.h>
#include <kernel/types.h>

#define PERCPU_MAX_CPUS 8

struct percpu {
	struct percpu *self;	    /* must stay first: the arch reads it at segment offset 0 */
	unsigned cpu_id;	    /* 0 = the boot CPU */
	uintptr_t kernel_stack_top; /* top of the stack traps from user mode land on */
	void *current_thread;	    /* the running thread; NULL until the scheduler exists */
	struct timer_clock clock;   /* kernel/core/tick.c; only this CPU, interrupts disabled */
};
_Static_assert(__builtin_offsetof(struct percpu, self) == 0, "arch reads self at offset 0");

/* This CPU's data. Valid once the arch layer installed it (before any generic code runs). */
struct percpu *this_cpu(void);

/*
 * Claims and initialises the record of CPU `cpu_id` (zeroed, self and stack top set).
 * Returns NULL if cpu_id >= PERCPU_MAX_CPUS. The arch layer then makes it reachable.
 */
struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top);

#endif
