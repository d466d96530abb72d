/*
 * Host tests for channels with the real scheduler and capability tables: FIFO order with
 * data, the capacity fixed at creation, ERR_BUSY on a full queue and ERR_TIMEOUT on an empty
 * one without waiting, blocked senders and receivers woken in order, deadlines, capabilities
 * parked in the queue (moved at send, released with the channel, revoked while queued, kept
 * when the receiver lacks room), dead peers and destruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/cap.h>
#include <kernel/channel.h>
#include <kernel/ipc.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/unit.h>

#include "sched_fixture.h"

static struct thread threads[4];
static struct unit units[2];
static struct channel ch;
static struct kobj other; /* a counted object capabilities travel with */
static uint32_t destroyed, other_destroyed;

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	obj->refs++;
	if (obj->type == CAP_TYPE_CHANNEL)
		channel_rights_changed((struct channel *)obj, rights, 1);
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	if (obj->type == CAP_TYPE_CHANNEL)
		channel_rights_changed((struct channel *)obj, rights, -1);
	if (--obj->refs != 0)
		return;
	if (obj == &other) {
		other_destroyed++;
		return;
	}
	destroyed++;
	channel_release(obj);
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
}

/* Thread i of unit u at prio, started (READY). */
static struct thread *mk(unsigned i, unsigned u, uint8_t prio)
{
	return fixture_thread(&threads[i], i + 1, &units[u], prio);
}

static int setup(void **state)
{
	(void)state;
	fixture_rq_init(ipc_abort);
	for (unsigned u = 0; u < 2; u++)
		cap_table_init(&units[u].caps);
	memset(&ch, 0, sizeof(ch));
	ch.kobj = (struct kobj){.type = CAP_TYPE_CHANNEL, .flags = KOBJ_COUNTED, .gen = 1};
	channel_init(&ch, 3);
	other = (struct kobj){.type = CAP_TYPE_ENDPOINT, .flags = KOBJ_COUNTED, .gen = 1};
	destroyed = other_destroyed = 0;
	return 0;
}

static cap_t give(unsigned u, struct kobj *obj, uint32_t rights)
{
	cap_t h;

	assert_int_equal(cap_install(&units[u].caps, obj, rights, 0, &h), ERR_OK);
	return h;
}

/* t's message: `text` with type `type`, no capability; badge 7, WRITE. */
static void set_msg(struct thread *t, uint32_t type, const char *text)
{
	t->ipc.buf.type = type;
	t->ipc.buf.length = (uint32_t)strlen(text) + 1;
	memcpy(t->ipc.buf.data, text, t->ipc.buf.length);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		t->ipc.buf.caps[i] = CAP_NULL;
	t->ipc.badge = 7;
	t->ipc.rights = CAP_RIGHT_WRITE;
}

/* Both ends held: unit 0 writes, unit 1 reads. */
static void open_ends(void)
{
	give(0, &ch.kobj, CAP_RIGHT_WRITE);
	give(1, &ch.kobj, CAP_RIGHT_READ);
}

static void expect_recv(struct thread *t, uint32_t type, const char *text)
{
	assert_int_equal(channel_recv(&ch, t, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(t->ipc.buf.type, type);
	assert_string_equal((const char *)t->ipc.buf.data, text);
	assert_int_equal(t->ipc.info.badge, 7);
	assert_int_equal(t->ipc.info.rights, CAP_RIGHT_WRITE);
	assert_int_equal(t->ipc.info.flags, 0);
}

/* Messages come out in the order they went in, through the ring's wrap-around. */
static void test_fifo_full_empty(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10), *c = mk(1, 1, 10);
	static const char *const words[] = {"one", "two", "three", "four", "five"};

	open_ends();
	assert_int_equal(channel_recv(&ch, c, true, NO_DEADLINE), ERR_TIMEOUT);
	for (unsigned i = 0; i < 3; i++) {
		set_msg(p, i + 1, words[i]);
		assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	}
	set_msg(p, 9, "overflow");
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_BUSY);
	assert_int_equal(ch.count, 3);
	expect_recv(c, 1, "one");
	expect_recv(c, 2, "two");
	for (unsigned i = 3; i < 5; i++) {
		set_msg(p, i + 1, words[i]);
		assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	}
	expect_recv(c, 3, "three");
	expect_recv(c, 4, "four");
	expect_recv(c, 5, "five");
	assert_int_equal(channel_recv(&ch, c, true, NO_DEADLINE), ERR_TIMEOUT);
}

/* The capacity is fixed at creation: 1 and CHANNEL_CAPACITY_MAX messages, no more. */
static void test_capacity(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10);

	for (uint32_t cap = 1; cap <= CHANNEL_CAPACITY_MAX; cap += CHANNEL_CAPACITY_MAX - 1) {
		setup(NULL);
		p = mk(0, 0, 10);
		channel_init(&ch, cap);
		open_ends();
		set_msg(p, 1, "x");
		for (uint32_t i = 0; i < cap; i++)
			assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
		assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_BUSY);
	}
	assert_null(channel_create(0));
	assert_null(channel_create(CHANNEL_CAPACITY_MAX + 1));
}

/* A receiver blocked on the empty queue gets the next message straight away. */
static void test_blocked_receiver_woken_by_send(void **state)
{
	(void)state;
	struct thread *c = mk(1, 1, 20), *p = mk(0, 0, 10);

	open_ends();
	expect_running(c);
	assert_int_equal(channel_recv(&ch, c, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(p);
	set_msg(p, 4, "wake");
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(ch.count, 0); /* handed over, not left queued */
	expect_running(c);
	assert_int_equal(c->wake_result, ERR_OK);
	assert_string_equal((const char *)c->ipc.buf.data, "wake");
	assert_int_equal(c->ipc.info.badge, 7);
}

/* Senders blocked on a full queue enter it in the order they came, one per receive. */
static void test_blocked_senders_fill_in_order(void **state)
{
	(void)state;
	struct thread *p1 = mk(0, 0, 30), *p2 = mk(2, 0, 20), *c = mk(1, 1, 10);

	channel_init(&ch, 1);
	open_ends();
	expect_running(p1);
	set_msg(p1, 1, "first");
	assert_int_equal(channel_send(&ch, p1, false, NO_DEADLINE), ERR_OK);
	set_msg(p1, 2, "second");
	assert_int_equal(channel_send(&ch, p1, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(p2);
	set_msg(p2, 3, "third");
	assert_int_equal(channel_send(&ch, p2, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(c);
	expect_recv(c, 1, "first");
	assert_int_equal(p1->state, THREAD_READY);
	assert_int_equal(p1->wake_result, ERR_OK);
	assert_int_equal(p2->state, THREAD_BLOCKED);
	expect_recv(c, 2, "second");
	assert_int_equal(p2->wake_result, ERR_OK);
	expect_recv(c, 3, "third");
	assert_true(list_is_empty(&ch.senders));
}

/* Deadlines take a blocked sender or receiver off the queue with ERR_TIMEOUT. */
static void test_deadlines(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 30), *c = mk(1, 1, 20);

	channel_init(&ch, 1);
	open_ends();
	expect_running(p);
	set_msg(p, 1, "kept");
	assert_int_equal(channel_send(&ch, p, false, 1000), ERR_OK);
	set_msg(p, 2, "late");
	assert_int_equal(channel_send(&ch, p, false, 1000), IPC_BLOCKED);
	expect_running(c);
	sched_timer_tick(&rq, 1500);
	assert_int_equal(p->wake_result, ERR_TIMEOUT);
	assert_true(list_is_empty(&ch.senders));
	expect_recv(c, 1, "kept");
	assert_int_equal(ch.count, 0); /* the timed-out message never entered */
	expect_running(p);
	assert_int_equal(channel_recv(&ch, p, false, 2000), IPC_BLOCKED);
	schedule(&rq);
	sched_timer_tick(&rq, 3000);
	assert_int_equal(p->wake_result, ERR_TIMEOUT);
	assert_true(list_is_empty(&ch.receivers));
}

/* A capability moves into the queue at send (gone from the sender) and out at receive. */
static void test_capability_travels(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10), *c = mk(1, 1, 10);
	cap_t h = give(0, &other, CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	struct cap *got;

	open_ends();
	set_msg(p, 1, "cap");
	p->ipc.buf.caps[2] = h;
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(cap_lookup(&units[0].caps, h, CAP_TYPE_NONE, 0, &got), ERR_BAD_CAP);
	assert_int_equal(other.refs, 1); /* owned by the queue */
	assert_int_equal(channel_recv(&ch, c, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(c->ipc.buf.caps[0], CAP_NULL);
	assert_int_equal(c->ipc.info.cap_type[2], CAP_TYPE_ENDPOINT);
	assert_int_equal(c->ipc.info.cap_rights[2], CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	assert_int_equal(
	    cap_lookup(&units[1].caps, c->ipc.buf.caps[2], CAP_TYPE_ENDPOINT, CAP_RIGHT_READ, &got),
	    ERR_OK);
	assert_int_equal(other.refs, 1);
}

/* A receiver without room keeps its table; the message stays first until room is made. */
static void test_receiver_without_room(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10), *c = mk(1, 1, 10);
	cap_t filler = CAP_NULL;

	open_ends();
	set_msg(p, 1, "cap");
	p->ipc.buf.caps[0] = give(0, &other, CAP_RIGHT_GRANT);
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	while (units[1].caps.free_count > 0)
		filler = give(1, &other, 0);
	assert_int_equal(channel_recv(&ch, c, true, NO_DEADLINE), ERR_NOMEM);
	assert_int_equal(ch.count, 1);
	assert_int_equal(cap_delete(&units[1].caps, filler), ERR_OK);
	expect_recv(c, 1, "cap");
	assert_int_equal(c->ipc.info.cap_type[0], CAP_TYPE_ENDPOINT);
}

/* Parked capabilities die with the channel; one revoked while queued arrives as CAP_NULL. */
static void test_parked_caps_released_and_revoked(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10), *c = mk(1, 1, 10);
	cap_t root = give(0, &other, CAP_RIGHTS_ALL), child, w, r;

	w = give(0, &ch.kobj, CAP_RIGHT_WRITE);
	r = give(1, &ch.kobj, CAP_RIGHT_READ);
	assert_int_equal(cap_derive(&units[0].caps, root, CAP_RIGHT_GRANT, 0, &child), ERR_OK);
	set_msg(p, 1, "revoked");
	p->ipc.buf.caps[1] = child;
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(cap_revoke_some(&units[0].caps, root), ERR_OK);
	expect_recv(c, 1, "revoked");
	assert_int_equal(c->ipc.buf.caps[1], CAP_NULL);
	assert_int_equal(c->ipc.info.cap_type[1], CAP_TYPE_NONE);
	set_msg(p, 2, "dies");
	p->ipc.buf.caps[3] = root;
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(other.refs, 1);
	assert_int_equal(cap_delete(&units[0].caps, w), ERR_OK);
	assert_int_equal(cap_delete(&units[1].caps, r), ERR_OK);
	assert_int_equal(destroyed, 1);
	assert_int_equal(other_destroyed, 1); /* released with the queue */
	assert_int_equal(ch.count, 0);
}

/* No reader: sends fail. No writer: receives drain the queue, then fail or wake. */
static void test_dead_peers(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 10), *c = mk(1, 1, 20);
	cap_t w = give(0, &ch.kobj, CAP_RIGHT_WRITE), r;

	set_msg(p, 1, "nobody");
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_PEER_DIED);
	r = give(1, &ch.kobj, CAP_RIGHT_READ);
	set_msg(p, 2, "last words");
	assert_int_equal(channel_send(&ch, p, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(cap_delete(&units[0].caps, w), ERR_OK);
	expect_recv(c, 2, "last words");
	assert_int_equal(channel_recv(&ch, c, true, NO_DEADLINE), ERR_PEER_DIED);
	w = give(0, &ch.kobj, CAP_RIGHT_WRITE);
	expect_running(c);
	assert_int_equal(channel_recv(&ch, c, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(cap_delete(&units[0].caps, w), ERR_OK);
	assert_int_equal(c->wake_result, ERR_PEER_DIED);
	(void)r;
}

/* A full queue's blocked sender learns when the last reader goes; destruction wakes all. */
static void test_reader_death_and_destroy(void **state)
{
	(void)state;
	struct thread *p = mk(0, 0, 30), *c;
	cap_t r;

	channel_init(&ch, 1);
	give(0, &ch.kobj, CAP_RIGHT_WRITE);
	r = give(1, &ch.kobj, CAP_RIGHT_READ);
	expect_running(p);
	set_msg(p, 1, "full");
	assert_int_equal(channel_send(&ch, p, false, NO_DEADLINE), ERR_OK);
	assert_int_equal(channel_send(&ch, p, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(cap_delete(&units[1].caps, r), ERR_OK);
	assert_int_equal(p->wake_result, ERR_PEER_DIED);
	assert_true(list_is_empty(&ch.senders));
	setup(NULL);
	c = mk(1, 1, 20);
	open_ends();
	expect_running(c);
	assert_int_equal(channel_recv(&ch, c, false, NO_DEADLINE), IPC_BLOCKED);
	channel_release(&ch.kobj);
	assert_int_equal(c->wake_result, ERR_PEER_DIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_fifo_full_empty, setup),
	    cmocka_unit_test_setup(test_capacity, setup),
	    cmocka_unit_test_setup(test_blocked_receiver_woken_by_send, setup),
	    cmocka_unit_test_setup(test_blocked_senders_fill_in_order, setup),
	    cmocka_unit_test_setup(test_deadlines, setup),
	    cmocka_unit_test_setup(test_capability_travels, setup),
	    cmocka_unit_test_setup(test_receiver_without_room, setup),
	    cmocka_unit_test_setup(test_parked_caps_released_and_revoked, setup),
	    cmocka_unit_test_setup(test_dead_peers, setup),
	    cmocka_unit_test_setup(test_reader_death_and_destroy, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
