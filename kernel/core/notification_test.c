/*
 * Host tests for notifications with the real scheduler: signals accumulate (OR) while no one
 * waits and a wait takes and clears them, a blocked waiter is woken by a signal with the bits,
 * one waiter per signal in FIFO order, a zero signal wakes no one, deadlines, and destruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/sched.h>
#include <kernel/thread.h>

#include "sched_fixture.h"

static struct thread threads[3];
static struct notification n;

/* The IPC engine (whose wait queues notifications use) links the capability layer: no object
 * here has a capability, so its object-layer calls never come. */
void kobj_ref(struct kobj *obj, uint32_t rights)
{
	(void)obj, (void)rights;
	fail();
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	(void)obj, (void)rights;
	fail();
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
	fail();
}

/* The scheduler's deadline hook: takes a timed-out waiter off the notification's queue. */
static void abort_wait(struct thread *t)
{
	list_remove(&t->ipc.link);
}

static struct thread *mk(unsigned i, uint8_t prio)
{
	return fixture_thread(&threads[i], i + 1, NULL, prio);
}

static int setup(void **state)
{
	(void)state;
	fixture_rq_init(abort_wait);
	notification_init(&n);
	return 0;
}

static void test_signals_accumulate_and_clear(void **state)
{
	(void)state;
	struct thread *t = mk(0, 10);

	assert_int_equal(notification_wait(&n, t, true, NO_DEADLINE), ERR_TIMEOUT);
	notification_signal(&n, 0x1);
	notification_signal(&n, 0x80000000u);
	notification_signal(&n, 0x1);
	assert_int_equal(notification_wait(&n, t, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(t->ipc.notify_bits, 0x80000001u);
	assert_int_equal(notification_wait(&n, t, true, NO_DEADLINE), ERR_TIMEOUT);
}

/* Waiters are served one per signal, oldest first; a zero signal wakes no one. */
static void test_waiters_woken_in_order(void **state)
{
	(void)state;
	struct thread *a = mk(0, 30), *b = mk(1, 20);

	expect_running(a);
	assert_int_equal(notification_wait(&n, a, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(b);
	assert_int_equal(notification_wait(&n, b, false, NO_DEADLINE), IPC_BLOCKED);
	notification_signal(&n, 0);
	assert_int_equal(a->state, THREAD_BLOCKED);
	notification_signal(&n, 0x6);
	assert_int_equal(a->state, THREAD_READY);
	assert_int_equal(a->wake_result, ERR_OK);
	assert_int_equal(a->ipc.notify_bits, 0x6);
	assert_int_equal(b->state, THREAD_BLOCKED);
	assert_int_equal(n.pending, 0);
	notification_signal(&n, 0x10);
	assert_int_equal(b->ipc.notify_bits, 0x10);
	assert_int_equal(b->wake_result, ERR_OK);
}

static void test_deadline_and_destroy(void **state)
{
	(void)state;
	struct thread *a = mk(0, 30), *b = mk(1, 20);

	expect_running(a);
	assert_int_equal(notification_wait(&n, a, false, 1000), IPC_BLOCKED);
	expect_running(b);
	sched_timer_tick(&rq, 1500);
	assert_int_equal(a->wake_result, ERR_TIMEOUT);
	assert_true(list_is_empty(&n.waiters));
	notification_signal(&n, 0x2); /* no waiter: kept pending */
	assert_int_equal(n.pending, 0x2);
	expect_running(a);
	assert_int_equal(notification_wait(&n, a, false, NO_DEADLINE), ERR_OK);
	assert_int_equal(notification_wait(&n, a, false, NO_DEADLINE), IPC_BLOCKED);
	notification_release(&n.kobj);
	assert_int_equal(a->wake_result, ERR_PEER_DIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_signals_accumulate_and_clear, setup),
	    cmocka_unit_test_setup(test_waiters_woken_in_order, setup),
	    cmocka_unit_test_setup(test_deadline_and_destroy, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
