/*
 * Connects the timer interrupt (kernel/core/tick.c calls sched_tick on every tick) to this
 * CPU's run queue. Kernel-only glue: host tests drive sched_timer_tick() directly.
 */
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

void sched_tick(void)
{
	sched_timer_tick(this_rq(), timer_read_us());
}
