/*
 * Root task of the channel test: checks the errors of the channel and notification syscalls
 * and a channel's and a notification's behaviour within one unit (FIFO, timeouts, dead
 * peers, OR-ed signal bits), then starts the consumer and the producer with their ends of a
 * data channel and of a notification, and waits on a report channel for both.
 */
#include "channel_test.h"

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

/* Module indexes: the order of `modules` in //tests:channel_image. */
#define MODULE_PRODUCER 1
#define MODULE_CONSUMER 2

static void bad_calls(cap_t ch, cap_t note)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t bits;

	data_msg(&m, 0);
	CHECK("init", "capacity 0", sys_channel_create(0), ERR_INVALID);
	CHECK("init", "capacity 17", sys_channel_create(CHANNEL_CAPACITY_MAX + 1), ERR_OVERFLOW);
	CHECK("init", "identify channel", cap_identify(ch),
	      CAP_IDENTIFY(CAP_TYPE_CHANNEL, CAP_RIGHTS_ALL));
	CHECK("init", "identify notification", cap_identify(note),
	      CAP_IDENTIFY(CAP_TYPE_NOTIFICATION, CAP_RIGHTS_ALL));
	CHECK("init", "call on channel", ipc_call(ch, &m, &info, IPC_NO_WAIT), ERR_BAD_CAP);
	CHECK("init", "reply_recv on channel", ipc_reply_recv(ch, &m, &info, IPC_NO_WAIT),
	      ERR_BAD_CAP);
	CHECK("init", "send on notification", ipc_send(note, &m, IPC_NO_WAIT), ERR_BAD_CAP);
	CHECK("init", "signal channel", sys_notify_signal(ch, 1), ERR_BAD_CAP);
	CHECK("init", "wait on channel", sys_notify_wait(ch, &bits, IPC_NO_WAIT), ERR_BAD_CAP);
	CHECK("init", "send without write",
	      ipc_send(cap_derive(ch, CAP_RIGHT_READ, 0), &m, IPC_NO_WAIT), ERR_RIGHTS);
	CHECK("init", "recv without read",
	      ipc_recv(cap_derive(ch, CAP_RIGHT_WRITE, 0), &m, &info, IPC_NO_WAIT), ERR_RIGHTS);
	CHECK("init", "signal without write",
	      sys_notify_signal(cap_derive(note, CAP_RIGHT_READ, 0), 1), ERR_RIGHTS);
	CHECK("init", "wait without read",
	      sys_notify_wait(cap_derive(note, CAP_RIGHT_WRITE, 0), &bits, 0), ERR_RIGHTS);
	CHECK("init", "wait bad pointer", sys_notify_wait(note, (uint32_t *)0xC0100000u, 0),
	      ERR_FAULT);
	m.caps[1] = ch;
	CHECK("init", "channel sent on itself", ipc_send(ch, &m, IPC_NO_WAIT), ERR_INVALID);
	CHECK("init", "revoke", cap_revoke(ch), ERR_OK);
	CHECK("init", "revoke note", cap_revoke(note), ERR_OK);
}

/* One unit talking to itself: FIFO, full and empty, OR-ed bits. */
static void local(cap_t ch, cap_t note)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t bits = 0;

	for (unsigned i = 0; i < 2; i++) {
		data_msg(&m, i);
		CHECK("init", "send", ipc_send(ch, &m, IPC_NO_WAIT), ERR_OK);
	}
	CHECK("init", "full", ipc_send(ch, &m, IPC_NO_WAIT), ERR_BUSY);
	for (unsigned i = 0; i < 2; i++) {
		CHECK("init", "recv", ipc_recv(ch, &m, &info, IPC_NO_WAIT), ERR_OK);
		CHECK("init", "local fifo", m.data[1], '0' + i);
	}
	CHECK("init", "empty", ipc_recv(ch, &m, &info, IPC_NO_WAIT), ERR_TIMEOUT);
	CHECK("init", "no bits", sys_notify_wait(note, &bits, IPC_NO_WAIT), ERR_TIMEOUT);
	CHECK("init", "signal", sys_notify_signal(note, 0x5), ERR_OK);
	CHECK("init", "signal again", sys_notify_signal(note, 0x10), ERR_OK);
	CHECK("init", "wait", sys_notify_wait(note, &bits, IPC_NO_WAIT), ERR_OK);
	CHECK("init", "or-ed bits", bits, 0x15);
	CHECK("init", "cleared", sys_notify_wait(note, &bits, 1000), ERR_TIMEOUT);
}

/* With every reader gone a send fails; with every writer gone an empty receive does. */
static void dead_ends(void)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	cap_t a = sys_channel_create(1), b = sys_channel_create(1);
	cap_t w = cap_derive(a, CAP_RIGHT_WRITE, 0), r = cap_derive(b, CAP_RIGHT_READ, 0);

	data_msg(&m, 0);
	CHECK("init", "delete reader", cap_delete(a), ERR_OK);
	CHECK("init", "send to no reader", ipc_send(w, &m, IPC_WAIT_FOREVER), ERR_PEER_DIED);
	CHECK("init", "delete writer", cap_delete(b), ERR_OK);
	CHECK("init", "recv from no writer", ipc_recv(r, &m, &info, IPC_WAIT_FOREVER),
	      ERR_PEER_DIED);
	cap_delete(w);
	cap_delete(r);
}

/* Starts `module` with its ends: data channel, notification, report channel (GRANT each). */
static void start(unsigned module, uint32_t prio, cap_t data, cap_t note, cap_t done,
		  uint32_t rights)
{
	cap_t caps[3] = {cap_derive(data, rights | CAP_RIGHT_GRANT, 0),
			 cap_derive(note, rights | CAP_RIGHT_GRANT, 0),
			 cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)};

	CHECK("init", "start",
	      sys_unit_start_flags(CAP_ROOT_MODULE(module), prio, prio, ONE_CPU, caps, 3, 0) > 0,
	      1);
}

int main(uintptr_t arg)
{
	cap_t ch = sys_channel_create(2), note = sys_notify_create();
	cap_t data = sys_channel_create(DATA_CAPACITY), done = sys_channel_create(2);
	struct ipc_message m;
	struct ipc_recv_info info;

	(void)arg;
	bad_calls(ch, note);
	local(ch, note);
	dead_ends();
	start(MODULE_CONSUMER, 30, data, note, done, CAP_RIGHT_READ);
	start(MODULE_PRODUCER, 40, data, note, done, CAP_RIGHT_WRITE);
	CHECK("init", "drop data channel", cap_delete(data), ERR_OK); /* their ends live on */
	for (unsigned i = 0; i < 2; i++) {
		CHECK("init", "report", ipc_recv(done, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
		CHECK("init", "report type", m.type, MSG_REPORT);
		CHECK("init", "unit failures", m.data[0], 0);
	}
	uprintf("channel test: %d failed\n", check_failed);
	return check_failed;
}
