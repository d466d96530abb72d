/*
 * Host tests of the ticket spinlock (<kernel/spinlock.h>) with real threads: mutual exclusion
 * under contention (counts that a lost update would break), FIFO order of waiters; and of its
 * shared side (struct shared_lock): who may enter when, and holders and the shared side never
 * overlapping under contention.
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
	assert_int_equal(atomic_load(&lock.owner), atomic_load(&lock.next)); /* free */
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

/* Who may enter the shared side: anyone while the lock is free, no one while it is held or
 * waited for; a holder sees those inside. */
static void test_shared_rules(void **state)
{
	struct shared_lock l = {SPINLOCK_INIT, 0};
	unsigned next, ticket;

	(void)state;
	assert_true(shared_try(&l, &next));
	assert_true(shared_try(&l, &next)); /* two CPUs at once */
	assert_int_equal(atomic_load(&l.shared), 2);
	ticket = spin_ticket(&l.lock); /* a CPU takes the lock: it must wait for the two */
	assert_true(spin_ticket_holds(&l.lock, ticket));
	assert_int_equal(atomic_load(&l.shared), 2);
	assert_false(shared_try(&l, &next)); /* the lock is held: nobody new gets in */
	assert_int_equal(next, ticket + 1);
	assert_int_equal(atomic_load(&l.shared), 2);
	shared_leave(&l);
	shared_leave(&l);
	assert_int_equal(atomic_load(&l.shared), 0);
	shared_drain(&l); /* returns: no one inside */
	unsigned waiter = spin_ticket(&l.lock); /* one more waits behind the holder */
	spin_unlock(&l.lock);
	assert_true(spin_ticket_holds(&l.lock, waiter));
	assert_false(shared_try(&l, &next)); /* waited for counts like held */
	spin_unlock(&l.lock);
	shared_wait_turn(&l, next); /* both had it: returns at once */
	assert_true(shared_try(&l, &next));
	shared_leave(&l);
}

static struct shared_lock big = {SPINLOCK_INIT, 0};
static atomic_uint holders, sharers, clashes, shared_entries, rounds, sharers_done;

/* Holds the lock once (what a CPU entering the kernel the usual way does); waits inside. */
static void hold_big(void)
{
	spin_lock(&big.lock);
	shared_drain(&big);
	if (atomic_fetch_add(&holders, 1) != 0 || atomic_load(&sharers) != 0)
		atomic_fetch_add(&clashes, 1);
	counter = counter + 1;
	sched_yield(); /* stays inside a while: a sharer that got in meanwhile would clash */
	if (atomic_load(&sharers) != 0)
		atomic_fetch_add(&clashes, 1);
	atomic_fetch_sub(&holders, 1);
	spin_unlock(&big.lock);
}

/*
 * Odd threads enter the shared side (falling back to holding the lock as the kernel does),
 * even ones hold the lock until the others are done, each yielding between entries as a CPU
 * runs user code between system calls: a holder never sees a sharer or another holder, a
 * sharer never a holder. Every 64 rounds a holder waits until a sharer got in.
 */
static void *big_hammer(void *arg)
{
	bool sharer = (uintptr_t)arg % 2 != 0;
	unsigned next;

	for (unsigned i = 0; sharer ? i < ROUNDS : (i < ROUNDS || sharers_done < THREADS / 2);
	     i++) {
		atomic_fetch_add(&rounds, 1);
		if (sharer && (shared_try(&big, &next) ||
			       (shared_wait_turn(&big, next), shared_try(&big, &next)))) {
			atomic_fetch_add(&sharers, 1);
			atomic_fetch_add(&shared_entries, 1);
			sched_yield();
			if (atomic_load(&holders) != 0)
				atomic_fetch_add(&clashes, 1);
			atomic_fetch_sub(&sharers, 1);
			shared_leave(&big);
		} else {
			hold_big();
		}
		sched_yield();
		/* Now and then a holder lets the lock go free until a sharer got in: the test
		 * never depends on the host scheduler leaving a gap between the holders. */
		for (unsigned seen = shared_entries; !sharer && i % 64 == 63 &&
						     shared_entries == seen &&
						     sharers_done < THREADS / 2;)
			sched_yield();
	}
	if (sharer)
		atomic_fetch_add(&sharers_done, 1);
	return NULL;
}

static void test_shared_exclusion(void **state)
{
	pthread_t t[THREADS];

	(void)state;
	counter = 0;
	for (uintptr_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, big_hammer, (void *)i), 0);
	for (unsigned i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(clashes, 0);
	assert_int_equal(counter + atomic_load(&shared_entries), atomic_load(&rounds));
	assert_true(atomic_load(&shared_entries) > 0);
	assert_int_equal(atomic_load(&big.shared), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mutual_exclusion),
	    cmocka_unit_test(test_fifo_order),
	    cmocka_unit_test(test_shared_rules),
	    cmocka_unit_test(test_shared_exclusion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
