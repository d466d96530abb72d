/*
 * Host tests of the ticket spinlock (<kernel/spinlock.h>) with real threads: mutual exclusion
 * under contention (counts that a lost update would break), FIFO order of waiters, trylock.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define SPIN_RELAX() sched_yield() /* more threads than this machine has cores */
#include <kernel/spinlock.h>

#define THREADS 4
#define ROUNDS	20000

static struct spinlock lock = SPINLOCK_INIT;
static volatile uint64_t counter; /* updated only under the lock, non-atomically */
static volatile unsigned inside;  /* threads inside the critical section */
static volatile unsigned overlaps;

static void *hammer(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < ROUNDS; i++) {
		spin_lock(&lock);
		if (++inside != 1)
			overlaps++;
		counter = counter + 1;
		inside--;
		spin_unlock(&lock);
	}
	return NULL;
}

static void test_mutual_exclusion(void **state)
{
	pthread_t t[THREADS];

	(void)state;
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, NULL), 0);
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(counter, (uint64_t)THREADS * ROUNDS);
	assert_int_equal(overlaps, 0);
	assert_false(spin_is_locked(&lock));
}

static struct spinlock fifo = SPINLOCK_INIT;
static unsigned order[THREADS], served;

struct waiter {
	unsigned id;
	atomic_uint *queued; /* how many waiters have drawn a ticket */
};

static void *wait_in_line(void *arg)
{
	struct waiter *w = arg;

	/* Draw tickets strictly one after the other: waiter n only once n others have. */
	while (atomic_load(w->queued) != w->id)
		sched_yield();
	unsigned ticket = atomic_fetch_add(&fifo.next, 1);

	atomic_fetch_add(w->queued, 1);
	while (atomic_load_explicit(&fifo.owner, memory_order_acquire) != ticket)
		sched_yield();
	order[served++] = w->id;
	spin_unlock(&fifo);
	return NULL;
}

/* Waiters get the lock in the order they drew tickets, whatever the scheduler does. */
static void test_fifo_order(void **state)
{
	static atomic_uint queued;
	struct waiter w[THREADS];
	pthread_t t[THREADS];

	(void)state;
	spin_lock(&fifo); /* everyone queues behind the test */
	for (unsigned i = 0; i < THREADS; i++) {
		w[i] = (struct waiter){i, &queued};
		assert_int_equal(pthread_create(&t[i], NULL, wait_in_line, &w[i]), 0);
	}
	while (atomic_load(&queued) != THREADS)
		sched_yield();
	spin_unlock(&fifo);
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(order[i], i);
}

static void test_trylock(void **state)
{
	struct spinlock l = SPINLOCK_INIT;

	(void)state;
	assert_true(spin_trylock(&l));
	assert_true(spin_is_locked(&l));
	assert_false(spin_trylock(&l)); /* held */
	spin_unlock(&l);
	assert_false(spin_is_locked(&l));
	assert_true(spin_trylock(&l));
	spin_unlock(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mutual_exclusion),
	    cmocka_unit_test(test_fifo_order),
	    cmocka_unit_test(test_trylock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
