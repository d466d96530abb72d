/*
 * Host tests for the IPC engine with the real scheduler and capability tables: call and reply
 * in both orders, oneway send, no-wait polls, deadlines, capability transfer (moved, typed,
 * refused for lack of room), priority inheritance (direct, nested, ended by reply, timeout and
 * death), server and caller death.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/unit.h>

#include "sched_fixture.h"

static struct thread threads[6];
static struct unit units[3];
static struct endpoint ep, ep2;
static uint32_t destroyed;

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	obj->refs++;
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed((struct endpoint *)obj, 1);
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed((struct endpoint *)obj, -1);
	if (--obj->refs == 0) {
		destroyed++;
		if (obj->type == CAP_TYPE_ENDPOINT)
			endpoint_release(obj);
	}
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

static void ep_setup(struct endpoint *e)
{
	memset(e, 0, sizeof(*e));
	e->kobj = (struct kobj){.type = CAP_TYPE_ENDPOINT, .flags = KOBJ_COUNTED, .gen = 1};
	endpoint_init(e);
}

static int setup(void **state)
{
	(void)state;
	fixture_rq_init(ipc_abort);
	for (unsigned u = 0; u < 3; u++)
		cap_table_init(&units[u].caps);
	ep_setup(&ep);
	ep_setup(&ep2);
	destroyed = 0;
	return 0;
}

static cap_t give(unsigned u, struct endpoint *e, uint32_t rights)
{
	cap_t h;

	assert_int_equal(cap_install(&units[u].caps, &e->kobj, rights, 0, &h), ERR_OK);
	return h;
}

static void set_msg(struct thread *t, uint32_t type, const char *text)
{
	t->ipc.buf.type = type;
	t->ipc.buf.length = (uint32_t)strlen(text) + 1;
	memcpy(t->ipc.buf.data, text, t->ipc.buf.length);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		t->ipc.buf.caps[i] = CAP_NULL;
}

/* server waits on ep (its unit holds READ), then client calls it with `text`. */
static void call_waiting_server(struct thread *server, struct thread *client, const char *text)
{
	give(0, &ep, CAP_RIGHT_READ);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(client);
	set_msg(client, 1, text);
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), IPC_BLOCKED);
}

/* Server (prio 10) waits first; client (prio 200) calls, is served, and gets the reply. */
static void test_call_to_waiting_server(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 10), *client = mk(1, 1, 200);

	give(0, &ep, CAP_RIGHT_READ);
	expect_running(client);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED); /* READY */
	set_msg(client, 0x10001, "ping");
	client->ipc.badge = 77;
	client->ipc.rights = CAP_RIGHT_WRITE;
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(server->eff_prio, 200); /* inherits at once */
	expect_running(server);
	assert_int_equal(server->wake_result, ERR_OK);
	assert_string_equal((char *)server->ipc.buf.data, "ping");
	assert_int_equal(server->ipc.info.badge, 77);
	assert_int_equal(server->ipc.info.rights, CAP_RIGHT_WRITE);
	assert_int_equal(server->ipc.info.flags, IPC_RECV_CALL);
	set_msg(server, 0x10001 | IPC_TYPE_REPLY, "pong");
	ipc_reply(server);
	assert_int_equal(server->eff_prio, 10);
	expect_running(client);
	assert_int_equal(client->wake_result, ERR_OK);
	assert_string_equal((char *)client->ipc.buf.data, "pong");
	assert_int_equal(client->ipc.buf.type, 0x10001 | IPC_TYPE_REPLY);
}

/* Client calls first and queues; the server's receive takes it without blocking. */
static void test_call_queued_then_received(void **state)
{
	(void)state;
	struct thread *client = mk(1, 1, 50), *server = mk(0, 0, 5);

	give(0, &ep, CAP_RIGHT_READ);
	expect_running(client);
	set_msg(client, 1, "a");
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(server);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), ERR_OK);
	assert_int_equal(server->eff_prio, 50);
	assert_int_equal(client->block_reason, BLOCK_IPC_REPLY);
	set_msg(server, 2, "b");
	ipc_reply(server);
	assert_int_equal(client->state, THREAD_READY);
	assert_string_equal((char *)client->ipc.buf.data, "b");
}

static void test_oneway_and_nowait(void **state)
{
	(void)state;
	struct thread *sender = mk(1, 1, 50), *server = mk(0, 0, 5);

	give(0, &ep, CAP_RIGHT_READ);
	expect_running(sender);
	set_msg(sender, 3, "x");
	assert_int_equal(ipc_send(&ep, sender, false, true, NO_DEADLINE), ERR_TIMEOUT);
	assert_int_equal(ipc_recv(&ep, server, true, NO_DEADLINE), ERR_TIMEOUT);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(ipc_send(&ep, sender, false, true, NO_DEADLINE), ERR_OK);
	assert_int_equal(server->ipc.info.flags, 0);
	assert_null(server->ipc.reply_to);
	assert_int_equal(server->eff_prio, 5); /* no call, no inheritance */
}

static void test_deadline_takes_caller_off_queue(void **state)
{
	(void)state;
	struct thread *client = mk(1, 1, 50), *server = mk(0, 0, 5);

	give(0, &ep, CAP_RIGHT_READ);
	expect_running(client);
	set_msg(client, 1, "late");
	assert_int_equal(ipc_send(&ep, client, true, false, 1000), IPC_BLOCKED);
	schedule(&rq);
	sched_timer_tick(&rq, 1500);
	assert_int_equal(client->wake_result, ERR_TIMEOUT);
	assert_true(list_is_empty(&ep.senders));
	assert_int_equal(ipc_recv(&ep, server, true, NO_DEADLINE), ERR_TIMEOUT);
}

/* A call timing out while served: the server's reply is dropped, its priority returns. */
static void test_deadline_while_served(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *client = mk(1, 1, 50);

	give(0, &ep, CAP_RIGHT_READ);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(client);
	set_msg(client, 1, "q");
	assert_int_equal(ipc_send(&ep, client, true, false, 1000), IPC_BLOCKED);
	assert_int_equal(server->eff_prio, 50);
	sched_timer_tick(&rq, 2000);
	assert_int_equal(client->wake_result, ERR_TIMEOUT);
	assert_int_equal(server->eff_prio, 5);
	assert_null(server->ipc.reply_to);
	ipc_reply(server); /* dropped */
	assert_string_equal((char *)client->ipc.buf.data, "q");
}

static void test_nested_inheritance(void **state)
{
	(void)state;
	struct thread *s1 = mk(0, 0, 10), *s2 = mk(2, 2, 5), *client = mk(1, 1, 200);

	give(0, &ep, CAP_RIGHT_READ);
	give(2, &ep2, CAP_RIGHT_READ);
	assert_int_equal(ipc_recv(&ep, s1, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(ipc_recv(&ep2, s2, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(client);
	set_msg(client, 1, "outer");
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(s1);
	set_msg(s1, 2, "inner");
	assert_int_equal(ipc_send(&ep2, s1, true, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(s2->eff_prio, 200); /* through s1 */
	expect_running(s2);
	ipc_reply(s2);
	assert_int_equal(s2->eff_prio, 5);
	assert_int_equal(s1->eff_prio, 200); /* still serving the client */
	expect_running(s1);
	ipc_reply(s1);
	assert_int_equal(s1->eff_prio, 10);
	expect_running(client);
}

/* The server thread dies while serving c1 with c2 queued; then its receive capability goes. */
static void test_server_death(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *c1 = mk(1, 1, 50), *c2 = mk(2, 2, 60);
	cap_t rx = give(0, &ep, CAP_RIGHT_READ);

	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(c2);
	sched_block(c2, BLOCK_SLEEP, NULL, NO_DEADLINE); /* out of the way while c1 calls */
	expect_running(c1);
	set_msg(c1, 1, "1");
	assert_int_equal(ipc_send(&ep, c1, true, false, NO_DEADLINE), IPC_BLOCKED);
	sched_unblock(c2, ERR_OK);
	expect_running(c2); /* 60 > the server's inherited 50 */
	set_msg(c2, 1, "2");
	assert_int_equal(ipc_send(&ep, c2, true, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(server);
	ipc_thread_exit(server);
	assert_int_equal(c1->wake_result, ERR_PEER_DIED);
	assert_int_equal(c2->state, THREAD_BLOCKED); /* another server thread could take it */
	assert_int_equal(cap_delete(&units[0].caps, rx), ERR_OK);
	assert_int_equal(c2->wake_result, ERR_PEER_DIED);
	assert_true(list_is_empty(&ep.senders));
	assert_int_equal(ipc_send(&ep, c2, true, false, NO_DEADLINE), ERR_PEER_DIED);
}

/* A receiver whose capability is deleted while it waits wakes once no receiver is left. */
static void test_receiver_loses_capability(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5);
	cap_t rx = give(0, &ep, CAP_RIGHT_READ), rx2 = give(0, &ep, CAP_RIGHT_READ);

	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	assert_int_equal(cap_delete(&units[0].caps, rx), ERR_OK);
	assert_int_equal(server->state, THREAD_BLOCKED); /* another receive capability is left */
	assert_int_equal(cap_delete(&units[0].caps, rx2), ERR_OK);
	assert_int_equal(server->wake_result, ERR_BAD_CAP);
	assert_true(list_is_empty(&ep.receivers));
}

static void test_cap_transfer(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *client = mk(1, 1, 50);
	cap_t moved, kept;

	give(0, &ep, CAP_RIGHT_READ);
	moved = give(1, &ep2, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	kept = give(1, &ep2, CAP_RIGHT_WRITE); /* no GRANT: skipped */
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(client);
	set_msg(client, 1, "caps");
	client->ipc.buf.caps[1] = moved;
	client->ipc.buf.caps[2] = kept;
	assert_int_equal(ipc_send(&ep, client, false, false, NO_DEADLINE), ERR_OK);
	struct cap *c;

	assert_int_equal(cap_lookup(&units[1].caps, moved, CAP_TYPE_NONE, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_lookup(&units[1].caps, kept, CAP_TYPE_NONE, 0, &c), ERR_OK);
	assert_int_equal(server->ipc.buf.caps[0], CAP_NULL);
	assert_int_equal(server->ipc.info.cap_type[1], CAP_TYPE_ENDPOINT);
	assert_int_equal(server->ipc.info.cap_rights[1], CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	assert_int_equal(server->ipc.info.cap_type[2], CAP_TYPE_NONE);
	assert_int_equal(cap_lookup(&units[0].caps, server->ipc.buf.caps[1], CAP_TYPE_ENDPOINT,
				    CAP_RIGHT_WRITE, &c),
			 ERR_OK);
	assert_ptr_equal(c->obj, &ep2.kobj);
}

static void test_transfer_without_room(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *client = mk(1, 1, 50);
	cap_t h;

	give(0, &ep, CAP_RIGHT_READ);
	h = give(1, &ep2, CAP_RIGHT_GRANT);
	while (units[0].caps.free_count > 0)
		give(0, &ep2, 0);
	assert_int_equal(ipc_recv(&ep, server, false, NO_DEADLINE), IPC_BLOCKED);
	expect_running(client);
	set_msg(client, 1, "full");
	client->ipc.buf.caps[0] = h;
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), ERR_NOMEM);
	assert_int_equal(server->state, THREAD_BLOCKED); /* still waiting, nothing received */
	struct cap *c;

	assert_int_equal(cap_lookup(&units[1].caps, h, CAP_TYPE_NONE, 0, &c), ERR_OK);
}

static void test_recv_abandons_owed_reply(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *client = mk(1, 1, 50);

	call_waiting_server(server, client, "x");
	expect_running(server);
	assert_int_equal(ipc_recv(&ep, server, true, NO_DEADLINE), ERR_TIMEOUT);
	assert_int_equal(client->wake_result, ERR_PEER_DIED);
	assert_int_equal(server->eff_prio, 5);
}

static void test_caller_dies_mid_call(void **state)
{
	(void)state;
	struct thread *server = mk(0, 0, 5), *client = mk(1, 1, 50);

	call_waiting_server(server, client, "x");
	ipc_thread_exit(client);
	sched_kill(client);
	assert_null(server->ipc.reply_to);
	assert_int_equal(server->eff_prio, 5);
	expect_running(server);
	ipc_reply(server); /* harmless */
}

static void test_no_receiver_capability(void **state)
{
	(void)state;
	struct thread *client = mk(1, 1, 50);

	expect_running(client);
	set_msg(client, 1, "x");
	assert_int_equal(ipc_send(&ep, client, true, false, NO_DEADLINE), ERR_PEER_DIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_call_to_waiting_server, setup),
	    cmocka_unit_test_setup(test_call_queued_then_received, setup),
	    cmocka_unit_test_setup(test_oneway_and_nowait, setup),
	    cmocka_unit_test_setup(test_deadline_takes_caller_off_queue, setup),
	    cmocka_unit_test_setup(test_deadline_while_served, setup),
	    cmocka_unit_test_setup(test_nested_inheritance, setup),
	    cmocka_unit_test_setup(test_server_death, setup),
	    cmocka_unit_test_setup(test_receiver_loses_capability, setup),
	    cmocka_unit_test_setup(test_cap_transfer, setup),
	    cmocka_unit_test_setup(test_transfer_without_room, setup),
	    cmocka_unit_test_setup(test_recv_abandons_owed_reply, setup),
	    cmocka_unit_test_setup(test_caller_dies_mid_call, setup),
	    cmocka_unit_test_setup(test_no_receiver_capability, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
