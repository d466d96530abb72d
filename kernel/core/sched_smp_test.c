/*
 * The scheduler's SMP parts on the host: placement (sched_pick_cpu) over several run queues,
 * and moving threads between them (sched_move, and schedule() finishing a running thread's
 * move).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <keel/abi.h>

#include "sched_fixture.h"

#define ANY 0xffu /* as PERCPU_ANY: no CPU named */

static struct run_queue rq2, rq3;
static struct thread idle2, idle3, a, b;

static int setup(void **state)
{
	(void)state;
	fixture_rq_init(NULL);
	idle2 = idle3 = (struct thread){.sleep_index = -1, .wake_deadline_us = NO_DEADLINE};
	list_init(&idle2.run_link);
	list_init(&idle3.run_link);
	sched_init_cpu(&rq2, 2, &idle2);
	sched_init_cpu(&rq3, 3, &idle3);
	return 0;
}

/* A named CPU that is up; else the least loaded, this CPU first among equals, then the lowest. */
static void test_pick_cpu(void **state)
{
	struct run_queue *rqs[4] = {&rq, NULL, &rq2, &rq3};

	(void)state;
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 0, 3), &rq3);	/* named and up */
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 2, 1), &rq2);	/* not up: all idle, this CPU */
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 0, ANY), &rq);
	fixture_thread(&a, 1, NULL, 10); /* rq: one ready */
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 0, ANY), &rq2); /* the lowest idle one */
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 3, 7), &rq3);	/* beyond n: any; this CPU */
	rq2.ready_count = 1;					/* as if one were ready there */
	assert_ptr_equal(sched_pick_cpu(rqs, 4, 0, ANY), &rq3);
	rq2.ready_count = 0;
}

/* A ready thread moves at once; the running one when its CPU switches away from it. */
static void test_move(void **state)
{
	(void)state;
	fixture_thread(&a, 1, NULL, 10);
	fixture_thread(&b, 2, NULL, 20);
	assert_true(sched_move(&a, &rq2)); /* ready: preempts rq2's idle */
	assert_ptr_equal(a.rq, &rq2);
	assert_int_equal(rq.ready_count, 1);
	assert_int_equal(rq2.ready_count, 1);
	expect_running(&b);
	assert_false(sched_move(&b, &rq2)); /* running: later */
	assert_ptr_equal(b.move_to, &rq2);
	assert_true(rq.need_resched);
	expect_running(&idle); /* b left for rq2 */
	assert_ptr_equal(b.rq, &rq2);
	assert_null(b.move_to);
	assert_int_equal(rq2.ready_count, 2);
	schedule(&rq2);
	assert_ptr_equal(rq2.current, &b); /* the higher of the two there */
	assert_false(sched_move(&b, &rq2)); /* its own CPU: nothing pending */
	assert_null(b.move_to);
}

/* A wake-up that should preempt on another CPU kicks that CPU; on this CPU it kicks none. */
static void test_kick_only_other_cpus(void **state)
{
	unsigned own = host_smp_kicks(0), other = host_smp_kicks(2);

	(void)state;
	fixture_thread(&a, 1, NULL, 10); /* rq is CPU 0, this one: preempts its idle */
	assert_true(rq.need_resched);
	assert_int_equal(host_smp_kicks(0), own);
	assert_true(sched_move(&a, &rq2)); /* preempts rq2's idle: CPU 2 is told */
	assert_true(rq2.need_resched);
	assert_int_equal(host_smp_kicks(2), other + 1);
	assert_int_equal(host_smp_kicks(0), own);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_pick_cpu, setup),
	    cmocka_unit_test_setup(test_move, setup),
	    cmocka_unit_test_setup(test_kick_only_other_cpus, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
