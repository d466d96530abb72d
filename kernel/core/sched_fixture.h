/*
 * Shared by the host tests of the objects threads wait on (ipc_test, channel_test,
 * notification_test): one run queue with its idle thread, threads as thread_alloc leaves them
 * and started, and a check of who runs next. Include once per test program.
 */
#ifndef KERNEL_SCHED_FIXTURE_H
#define KERNEL_SCHED_FIXTURE_H

#include <arch/host_fake.h>
#include <kernel/sched.h>
#include <kernel/thread.h>

static struct run_queue rq;
static struct thread idle;

/* An empty run queue running idle; deadlines call `abort` before they wake a waiter. */
static inline void fixture_rq_init(sched_abort_fn abort)
{
	idle = (struct thread){.sleep_index = -1, .wake_deadline_us = NO_DEADLINE};
	list_init(&idle.run_link);
	sched_init_cpu(&rq, 0, &idle);
	sched_set_abort_hook(abort);
	host_context_reset();
}

/* t becomes thread tid of unit u (NULL: none) at prio, started (READY on rq). */
static inline struct thread *fixture_thread(struct thread *t, tid_t tid, struct unit *u,
					    uint8_t prio)
{
	*t = (struct thread){.tid = tid,
			     .unit = u,
			     .state = THREAD_BLOCKED,
			     .block_reason = BLOCK_NOT_STARTED,
			     .base_prio = prio,
			     .eff_prio = prio,
			     .slice_us = 1000,
			     .slice_left_us = 1000,
			     .wake_deadline_us = NO_DEADLINE,
			     .sleep_index = -1};
	list_init(&t->run_link);
	list_init(&t->unit_link);
	list_init(&t->ipc.link);
	sched_start(&rq, t);
	return t;
}

/* Runs the scheduler and checks who runs next. */
static inline void expect_running(struct thread *t)
{
	schedule(&rq);
	assert_ptr_equal(rq.current, t);
}

#endif
