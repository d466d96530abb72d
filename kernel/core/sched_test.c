/*
 * Host tests for the scheduler: priority order, O(1) pick over all 256 levels (bitmap reads
 * counted), round-robin, preemption decisions, requeue, block/unblock/timeout and zombies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arch/context.h>
#include <arch/host_fake.h>
#include <kernel/sched.h>
#include <keel/abi.h>

static struct run_queue rq;
static struct thread idle;
static struct thread threads[PRIO_LEVELS + 1]; /* one per level, plus a spare */

/* A thread as thread_alloc leaves it, without the pool (tests need more than THREAD_MAX). */
static struct thread *mk(unsigned i, uint8_t prio, uint32_t slice_us)
{
	struct thread *t = &threads[i];

	*t = (struct thread){
	    .tid = i + 1,
	    .state = THREAD_BLOCKED,
	    .block_reason = BLOCK_NOT_STARTED,
	    .base_prio = prio,
	    .eff_prio = prio,
	    .slice_us = slice_us,
	    .slice_left_us = slice_us,
	    .wake_deadline_us = NO_DEADLINE,
	    .sleep_index = -1,
	};
	list_init(&t->run_link);
	list_init(&t->unit_link);
	return t;
}

static struct thread *start(unsigned i, uint8_t prio)
{
	struct thread *t = mk(i, prio, THREAD_DEFAULT_SLICE_US);

	sched_start(&rq, t);
	return t;
}

static int setup(void **state)
{
	(void)state;
	idle = (struct thread){.sleep_index = -1, .wake_deadline_us = NO_DEADLINE};
	list_init(&idle.run_link);
	sched_init_cpu(&rq, 0, &idle);
	host_context_reset();
	return 0;
}

/* Blocks the current thread and runs the next; returns the new current thread. */
static struct thread *block_current_and_switch(void)
{
	sched_block(rq.current, BLOCK_IPC_RECV, NULL, NO_DEADLINE);
	schedule(&rq);
	return rq.current;
}

static void test_idle_when_empty(void **state)
{
	(void)state;
	assert_ptr_equal(sched_pick_next(&rq), &idle);
	schedule(&rq);
	assert_ptr_equal(rq.current, &idle);
	assert_int_equal(host_context_switch_count(), 0);
}

static void test_priority_order(void **state)
{
	(void)state;
	struct thread *low = start(0, 10), *hi1 = start(1, 200), *mid = start(2, 50);
	struct thread *hi2 = start(3, 200);

	schedule(&rq);
	assert_ptr_equal(rq.current, hi1);
	assert_int_equal(hi1->state, THREAD_RUNNING);
	assert_ptr_equal(block_current_and_switch(), hi2); /* FIFO within level 200 */
	assert_ptr_equal(block_current_and_switch(), mid);
	assert_ptr_equal(block_current_and_switch(), low);
	assert_ptr_equal(block_current_and_switch(), &idle);
	assert_int_equal(host_context_switch_count(), 5);
	assert_ptr_equal(host_context_switch_at(0)->prev, &idle);
	assert_ptr_equal(host_context_switch_at(0)->next, hi1);
	assert_ptr_equal(host_context_switch_at(4)->prev, low);
	assert_ptr_equal(host_context_switch_at(4)->next, &idle);
}

/* Each pick reads exactly two bitmap words (summary + one level word), whatever is queued. */
static void assert_pick_is(struct thread *want)
{
	uint32_t before = rq.stats.bitmap_reads;

	assert_ptr_equal(sched_pick_next(&rq), want);
	assert_int_equal(rq.stats.bitmap_reads - before, 2);
}

static void test_all_levels_o1(void **state)
{
	(void)state;
	int highest = -1;

	/* Enqueue one thread per level in a scrambled order (97 is odd: a permutation of 0..255).
	 */
	for (unsigned k = 0; k < PRIO_LEVELS; k++) {
		unsigned p = (k * 97u) % PRIO_LEVELS;
		uint32_t before = rq.stats.bitmap_reads;

		start(p, (uint8_t)p);
		assert_true(rq.stats.bitmap_reads - before <= 2); /* enqueue: O(1) */
		if ((int)p > highest)
			highest = (int)p;
		assert_pick_is(&threads[highest]);
	}
	assert_int_equal(rq.ready_count, PRIO_LEVELS);
	/* A second thread joining or leaving a populated level touches no bitmap word. */
	uint32_t before = rq.stats.bitmap_reads;
	struct thread *extra = start(PRIO_LEVELS, 77);

	sched_block(extra, BLOCK_SLEEP, NULL, NO_DEADLINE);
	assert_int_equal(rq.stats.bitmap_reads - before, 0);
	/* Run them all: every level comes out in order, each schedule() bounded. */
	for (int p = PRIO_HIGHEST; p >= 0; p--) {
		assert_pick_is(&threads[p]);
		before = rq.stats.bitmap_reads;
		schedule(&rq);
		assert_true(rq.stats.bitmap_reads - before <=
			    6); /* head-requeue + pick + dequeue */
		assert_ptr_equal(rq.current, &threads[p]);
		sched_block(rq.current, BLOCK_SLEEP, NULL, NO_DEADLINE);
	}
	assert_int_equal(rq.ready_count, 0);
	assert_int_equal(rq.summary, 0);
	assert_ptr_equal(sched_pick_next(&rq), &idle);
}

static void test_each_level_alone(void **state)
{
	(void)state;
	for (unsigned p = 0; p < PRIO_LEVELS; p++) {
		struct thread *t = start(p, (uint8_t)p);

		assert_pick_is(t);
		assert_int_equal(rq.prio_words[p / 32], 1u << (p % 32));
		assert_int_equal(rq.summary, 1u << (p / 32));
		sched_block(t, BLOCK_SLEEP, NULL, NO_DEADLINE);
		assert_int_equal(rq.summary, 0);
	}
}

static void test_round_robin(void **state)
{
	(void)state;
	struct thread *a = mk(0, 5, 1000), *b = mk(1, 5, 1000), *c = mk(2, 5, 1000);
	struct thread *order[] = {a, b, c, a, b, c, a};

	sched_start(&rq, a);
	sched_start(&rq, b);
	sched_start(&rq, c);
	schedule(&rq);
	assert_ptr_equal(rq.current, a);
	assert_false(sched_timer_tick(&rq, 400));
	assert_int_equal(a->slice_left_us, 600);
	for (unsigned i = 1; i < ARRAY_SIZE(order); i++) {
		assert_false(sched_timer_tick(&rq, 1000 * i - 1));
		assert_true(sched_timer_tick(&rq, 1000 * i)); /* slice used up */
		schedule(&rq);
		assert_ptr_equal(rq.current, order[i]);
		assert_int_equal(order[i - 1]->slice_left_us, 1000); /* refilled at the tail */
	}
}

static void test_slice_expiry_alone_keeps_running(void **state)
{
	(void)state;
	struct thread *a = mk(0, 5, 1000);

	start(1, 4);
	sched_start(&rq, a);
	schedule(&rq);
	assert_false(sched_timer_tick(&rq, 5000)); /* nobody else at level 5 */
	assert_ptr_equal(rq.current, a);
	assert_int_equal(a->state, THREAD_RUNNING);
	assert_int_equal(a->slice_left_us, 1000);
}

static void test_preemption_decisions(void **state)
{
	(void)state;
	struct thread *cur = start(0, 10);

	assert_true(rq.need_resched); /* anything preempts idle */
	schedule(&rq);
	assert_false(rq.need_resched);
	assert_false(sched_start(&rq, mk(1, 5, 1000)));
	assert_false(sched_start(&rq, mk(2, 10, 1000))); /* equal priority waits its turn */
	assert_false(rq.need_resched);
	assert_true(sched_start(&rq, mk(3, 11, 1000)));
	assert_true(rq.need_resched);
	schedule(&rq);
	assert_ptr_equal(rq.current, &threads[3]);
	/* The preempted thread resumes before its peer that was already waiting. */
	assert_ptr_equal(block_current_and_switch(), cur);
	assert_ptr_equal(block_current_and_switch(), &threads[2]);
	assert_ptr_equal(block_current_and_switch(), &threads[1]);
}

static void test_wakeup_preempts_by_priority(void **state)
{
	(void)state;
	struct thread *a = start(0, 100), *b = start(1, 50);

	schedule(&rq);
	sched_block(a, BLOCK_IPC_REPLY, NULL, NO_DEADLINE);
	schedule(&rq);
	assert_ptr_equal(rq.current, b);
	assert_true(sched_unblock(a, ERR_OK));
	assert_int_equal(a->wake_result, ERR_OK);
	schedule(&rq);
	assert_ptr_equal(rq.current, a);
	sched_block(b, BLOCK_IPC_SEND, NULL, NO_DEADLINE); /* a READY thread can block too */
	assert_false(sched_unblock(b, ERR_OK));		   /* 50 does not preempt 100 */
}

static void test_requeue_on_priority_change(void **state)
{
	(void)state;
	struct thread *a = start(0, 10), *b = start(1, 5);

	schedule(&rq);
	assert_ptr_equal(rq.current, a);
	assert_true(sched_set_priority(b, 20)); /* boosted above the running thread */
	schedule(&rq);
	assert_ptr_equal(rq.current, b);
	assert_false(sched_set_priority(b, 15)); /* still above a */
	assert_true(sched_set_priority(b, 5));	 /* dropped below a ready thread */
	schedule(&rq);
	assert_ptr_equal(rq.current, a);

	/* A requeued READY thread goes to the tail of its new level. */
	struct thread *c = start(2, 7), *d = start(3, 7);

	sched_set_priority(c, 8);
	sched_set_priority(c, 7);
	sched_block(a, BLOCK_SLEEP, NULL, NO_DEADLINE);
	schedule(&rq);
	assert_ptr_equal(rq.current, d);
	assert_ptr_equal(block_current_and_switch(), c);
}

static void test_priority_below_base_panics(void **state)
{
	(void)state;
	struct thread *t = start(0, 40);
	jmp_buf env;
	unsigned panics = host_panic_count();

	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		sched_set_priority(t, 39);
		host_panic_disarm();
		fail_msg("effective priority below base accepted");
	}
	assert_int_equal(host_panic_count(), panics + 1);
}

static void test_block_unblock_result(void **state)
{
	(void)state;
	int obj;
	struct thread *a = start(0, 10);

	schedule(&rq);
	sched_block(a, BLOCK_IPC_RECV, &obj, NO_DEADLINE);
	assert_int_equal(a->state, THREAD_BLOCKED);
	assert_int_equal(a->block_reason, BLOCK_IPC_RECV);
	assert_ptr_equal(a->block_object, &obj);
	assert_int_equal(sleepq_count(&rq.sleepq), 0);
	assert_true(rq.need_resched);
	schedule(&rq);
	assert_ptr_equal(rq.current, &idle);
	assert_true(sched_unblock(a, ERR_PEER_DIED));
	assert_int_equal(a->wake_result, ERR_PEER_DIED);
	assert_int_equal(a->block_reason, BLOCK_NONE);
	assert_null(a->block_object);
	assert_int_equal(a->state, THREAD_READY);
}

static void test_block_timeout(void **state)
{
	(void)state;
	struct thread *a = start(0, 10);

	schedule(&rq);
	sched_block(a, BLOCK_IPC_SEND, NULL, 5000);
	schedule(&rq);
	assert_int_equal(sleepq_count(&rq.sleepq), 1);
	assert_false(sched_timer_tick(&rq, 4999));
	assert_int_equal(a->state, THREAD_BLOCKED);
	assert_true(sched_timer_tick(&rq, 5000));
	assert_int_equal(a->state, THREAD_READY);
	assert_int_equal(a->wake_result, ERR_TIMEOUT);
	assert_int_equal(a->wake_deadline_us, NO_DEADLINE);
	schedule(&rq);
	assert_ptr_equal(rq.current, a);
}

static void test_unblock_before_deadline(void **state)
{
	(void)state;
	struct thread *a = start(0, 10);

	schedule(&rq);
	sched_block(a, BLOCK_IPC_RECV, NULL, 1000);
	schedule(&rq);
	sched_timer_tick(&rq, 500);
	assert_true(sched_unblock(a, ERR_OK));
	assert_int_equal(sleepq_count(&rq.sleepq), 0);
	assert_int_equal(a->sleep_index, -1);
	schedule(&rq);
	sched_timer_tick(&rq, 2000); /* the old deadline must not fire */
	assert_int_equal(a->wake_result, ERR_OK);
	assert_int_equal(a->state, THREAD_RUNNING);
}

static void test_sleepers_wake_in_deadline_order(void **state)
{
	(void)state;
	uint64_t deadlines[] = {300, 100, 200, 100};

	for (unsigned i = 0; i < ARRAY_SIZE(deadlines); i++) {
		struct thread *t = start(i, 20);

		schedule(&rq);
		sched_block(t, BLOCK_SLEEP, NULL, deadlines[i]);
		schedule(&rq);
	}
	sched_timer_tick(&rq, 1000);
	/* Same level, so the ready FIFO shows the wake order: 100 (#1), 100 (#3), 200, 300. */
	unsigned want[] = {1, 3, 2, 0};

	for (unsigned i = 0; i < ARRAY_SIZE(want); i++) {
		schedule(&rq);
		assert_ptr_equal(rq.current, &threads[want[i]]);
		assert_int_equal(rq.current->wake_result, ERR_TIMEOUT);
		sched_block(rq.current, BLOCK_IPC_RECV, NULL, NO_DEADLINE);
	}
}

static void test_yield(void **state)
{
	(void)state;
	struct thread *a = start(0, 9);

	schedule(&rq);
	sched_yield(&rq); /* alone at its level: keeps running, no switch */
	assert_ptr_equal(rq.current, a);
	assert_int_equal(host_context_switch_count(), 1);
	struct thread *b = start(1, 9);

	sched_yield(&rq);
	assert_ptr_equal(rq.current, b);
	sched_yield(&rq);
	assert_ptr_equal(rq.current, a);
	assert_int_equal(rq.stats.switches, 3);
}

/*
 * The yield rotation keeps FIFO order at the level, leaves the bitmap and ready_count as the
 * general path would, reads two bitmap words, and gives way to a pending higher thread.
 */
static void test_yield_rotation(void **state)
{
	(void)state;
	struct thread *a = start(0, 9), *b = start(1, 9), *c = start(2, 9);
	struct thread *low = start(3, 2);

	schedule(&rq);
	assert_ptr_equal(rq.current, a);
	uint32_t before = rq.stats.bitmap_reads;

	sched_yield(&rq);
	assert_int_equal(rq.stats.bitmap_reads - before, 2); /* O(1): summary + one word */
	assert_ptr_equal(rq.current, b);
	assert_int_equal(a->state, THREAD_READY);
	assert_int_equal(b->state, THREAD_RUNNING);
	assert_int_equal(rq.ready_count, 3); /* c, a, low */
	sched_yield(&rq);
	assert_ptr_equal(rq.current, c);
	sched_yield(&rq);
	assert_ptr_equal(rq.current, a); /* c, a, b order kept */
	assert_ptr_equal(sched_pick_next(&rq), b);
	struct thread *high = start(4, 50); /* pending preemption */

	sched_yield(&rq);
	assert_ptr_equal(rq.current, high);
	assert_false(rq.need_resched);
	assert_int_equal(low->state, THREAD_READY);
	assert_int_equal(rq.ready_count, 4); /* b, c, a, low */
}

static void test_kill_and_zombies(void **state)
{
	(void)state;
	struct thread *a = start(0, 10), *b = start(1, 5), *c = start(2, 1);

	schedule(&rq);
	sched_kill(b); /* READY: off the queue at once */
	assert_int_equal(b->state, THREAD_DEAD);
	assert_ptr_equal(sched_take_zombie(&rq), b);
	sched_block(c, BLOCK_SLEEP, NULL, 100);
	sched_kill(c); /* sleeping: off the sleep queue too */
	assert_int_equal(sleepq_count(&rq.sleepq), 0);
	assert_ptr_equal(sched_take_zombie(&rq), c);
	sched_kill(a); /* current: stays until switched away */
	assert_null(sched_take_zombie(&rq));
	schedule(&rq);
	assert_ptr_equal(rq.current, &idle);
	assert_ptr_equal(sched_take_zombie(&rq), a);
	assert_null(sched_take_zombie(&rq));
}

static void test_preempt_point(void **state)
{
	(void)state;
	assert_false(sched_preempt_point(&rq));
	struct thread *a = start(0, 3);

	assert_true(sched_preempt_point(&rq));
	assert_ptr_equal(rq.current, a);
	assert_false(sched_preempt_point(&rq));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_idle_when_empty, setup),
	    cmocka_unit_test_setup(test_priority_order, setup),
	    cmocka_unit_test_setup(test_all_levels_o1, setup),
	    cmocka_unit_test_setup(test_each_level_alone, setup),
	    cmocka_unit_test_setup(test_round_robin, setup),
	    cmocka_unit_test_setup(test_slice_expiry_alone_keeps_running, setup),
	    cmocka_unit_test_setup(test_preemption_decisions, setup),
	    cmocka_unit_test_setup(test_wakeup_preempts_by_priority, setup),
	    cmocka_unit_test_setup(test_requeue_on_priority_change, setup),
	    cmocka_unit_test_setup(test_priority_below_base_panics, setup),
	    cmocka_unit_test_setup(test_block_unblock_result, setup),
	    cmocka_unit_test_setup(test_block_timeout, setup),
	    cmocka_unit_test_setup(test_unblock_before_deadline, setup),
	    cmocka_unit_test_setup(test_sleepers_wake_in_deadline_order, setup),
	    cmocka_unit_test_setup(test_yield, setup),
	    cmocka_unit_test_setup(test_yield_rotation, setup),
	    cmocka_unit_test_setup(test_kill_and_zombies, setup),
	    cmocka_unit_test_setup(test_preempt_point, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
