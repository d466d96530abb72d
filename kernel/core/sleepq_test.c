/*
 * Host tests for the sleep queue: deadline order, FIFO ties, partial expiry, removal from the
 * middle, far deadlines, and a randomised run checked against a sorted reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <kernel/sleepq.h>

static struct sleep_queue sq;
static struct thread threads[THREAD_MAX];
static struct thread *woken[THREAD_MAX];
static uint32_t woken_count;

static int setup(void **state)
{
	(void)state;
	sleepq_init(&sq);
	for (unsigned i = 0; i < THREAD_MAX; i++)
		threads[i] =
		    (struct thread){.tid = i, .sleep_index = -1, .wake_deadline_us = NO_DEADLINE};
	woken_count = 0;
	return 0;
}

static void record_wake(struct thread *t, void *ctx)
{
	assert_ptr_equal(ctx, &sq);
	assert_int_equal(t->sleep_index, -1); /* already off the queue when woken */
	woken[woken_count++] = t;
}

static uint32_t expire(uint64_t now)
{
	return sleepq_expire(&sq, now, record_wake, &sq);
}

/* The earliest deadline (the heap's root), or NO_DEADLINE when the queue is empty. */
static uint64_t next_deadline(void)
{
	return sq.count ? sq.heap[0]->wake_deadline_us : NO_DEADLINE;
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(next_deadline(), NO_DEADLINE);
	assert_null(sleepq_pop_expired(&sq, UINT64_MAX));
	assert_int_equal(expire(UINT64_MAX), 0);
}

static void test_deadline_order_with_ties(void **state)
{
	(void)state;
	uint64_t deadlines[] = {50, 10, 40, 10, 30, 20, 10};
	unsigned want[] = {1, 3, 6, 5, 4, 2, 0}; /* the three 10s in insertion order */

	for (unsigned i = 0; i < ARRAY_SIZE(deadlines); i++)
		sleepq_insert(&sq, &threads[i], deadlines[i]);
	assert_int_equal(next_deadline(), 10);
	assert_int_equal(expire(100), ARRAY_SIZE(want));
	for (unsigned i = 0; i < ARRAY_SIZE(want); i++)
		assert_ptr_equal(woken[i], &threads[want[i]]);
	assert_int_equal(sleepq_count(&sq), 0);
}

static void test_partial_expiry_is_inclusive(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 5; i++)
		sleepq_insert(&sq, &threads[i], 10 * (i + 1)); /* 10, 20, ..., 50 */
	assert_int_equal(expire(9), 0);
	assert_int_equal(expire(30), 3); /* deadline == now expires */
	assert_int_equal(next_deadline(), 40);
	assert_ptr_equal(woken[2], &threads[2]);
	assert_null(sleepq_pop_expired(&sq, 39));
	assert_ptr_equal(sleepq_pop_expired(&sq, 40), &threads[3]);
}

static void test_all_same_deadline_fifo(void **state)
{
	(void)state;
	for (unsigned i = 0; i < THREAD_MAX; i++)
		sleepq_insert(&sq, &threads[(i * 7) % THREAD_MAX], 1234);
	assert_int_equal(sleepq_count(&sq), THREAD_MAX); /* full queue: every thread fits */
	assert_int_equal(expire(1234), THREAD_MAX);
	for (unsigned i = 0; i < THREAD_MAX; i++)
		assert_ptr_equal(woken[i], &threads[(i * 7) % THREAD_MAX]);
}

static void test_far_deadlines(void **state)
{
	(void)state;
	sleepq_insert(&sq, &threads[0], UINT64_MAX - 1);
	sleepq_insert(&sq, &threads[1], 1ull << 40);
	sleepq_insert(&sq, &threads[2], 1ull << 33); /* beyond 32 bits: no truncation */
	sleepq_insert(&sq, &threads[3], 5);
	assert_int_equal(expire(1ull << 32), 1);
	assert_int_equal(next_deadline(), 1ull << 33);
	assert_int_equal(expire(1ull << 39), 1);
	assert_int_equal(expire(UINT64_MAX - 2), 1);
	assert_int_equal(expire(UINT64_MAX - 1), 1);
	assert_ptr_equal(woken[3], &threads[0]);
}

static void test_remove(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 8; i++)
		sleepq_insert(&sq, &threads[i], 100 - 10 * i); /* 100, 90, ..., 30 */
	sleepq_remove(&sq, &threads[7]);		       /* the root */
	sleepq_remove(&sq, &threads[0]);		       /* a leaf */
	sleepq_remove(&sq, &threads[4]);		       /* the middle */
	sleepq_remove(&sq, &threads[4]);		       /* not queued: no-op */
	assert_int_equal(threads[7].sleep_index, -1);
	assert_int_equal(threads[7].wake_deadline_us, NO_DEADLINE);
	assert_int_equal(sleepq_count(&sq), 5);
	assert_int_equal(expire(1000), 5);
	unsigned want[] = {6, 5, 3, 2, 1};

	for (unsigned i = 0; i < ARRAY_SIZE(want); i++)
		assert_ptr_equal(woken[i], &threads[want[i]]);
}

/* Randomised inserts and removals checked against the (deadline, insertion) order. */
static void test_random_against_reference(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	uint64_t deadline_of[THREAD_MAX];

	for (unsigned i = 0; i < THREAD_MAX; i++) {
		seed = seed * 1103515245u + 12345u;
		deadline_of[i] = (seed >> 16) % 16; /* many ties */
		sleepq_insert(&sq, &threads[i], deadline_of[i]);
	}
	for (unsigned i = 0; i < THREAD_MAX; i += 3)
		sleepq_remove(&sq, &threads[i]);
	uint32_t n = expire(UINT64_MAX - 1);

	assert_int_equal(n, THREAD_MAX - (THREAD_MAX + 2) / 3);
	for (uint32_t i = 0; i < n; i++) {
		const struct thread *a = woken[i];

		assert_true(a->tid % 3 != 0); /* removed threads never wake */
		if (i + 1 == n)
			break;
		const struct thread *b = woken[i + 1];
		uint64_t da = deadline_of[a->tid], db = deadline_of[b->tid];

		assert_true(da < db || (da == db && a->sleep_seq < b->sleep_seq));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_empty, setup),
	    cmocka_unit_test_setup(test_deadline_order_with_ties, setup),
	    cmocka_unit_test_setup(test_partial_expiry_is_inclusive, setup),
	    cmocka_unit_test_setup(test_all_same_deadline_fifo, setup),
	    cmocka_unit_test_setup(test_far_deadlines, setup),
	    cmocka_unit_test_setup(test_remove, setup),
	    cmocka_unit_test_setup(test_random_against_reference, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
