/*
 * Channel test consumer: waits for init's notification, receives m0..m5 in order (the first
 * receive wakes the producer blocked on the full channel), checks what the kernel says about
 * each (rights, no call flag, the notification capability travelling in m5), times out on the
 * empty channel, signals the producer through the received capability, and sees
 * ERR_PEER_DIED once the producer has gone.
 */
#include "channel_test.h"


/* Receives m<i> and checks its data and what came with it. */
static void expect_data(unsigned i, struct ipc_message *m, struct ipc_recv_info *info)
{
	CHECK("consumer", "recv", ipc_recv(START_DATA, m, info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("consumer", "fifo", m->data[1], '0' + i);
	CHECK("consumer", "type", m->type, MSG_DATA);
	CHECK("consumer", "sender rights", info->rights, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	CHECK("consumer", "flags", info->flags, 0);
}

/* m5 brought a notification capability (WRITE|GRANT) in slot 2: signal it. */
static void use_cap(const struct ipc_message *m, const struct ipc_recv_info *info)
{
	CHECK("consumer", "cap type", info->cap_type[2], CAP_TYPE_NOTIFICATION);
	CHECK("consumer", "cap rights", info->cap_rights[2], CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	CHECK("consumer", "cap identify", cap_identify(m->caps[2]),
	      CAP_IDENTIFY(CAP_TYPE_NOTIFICATION, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT));
	CHECK("consumer", "slot 0 empty", m->caps[0], CAP_NULL);
	CHECK("consumer", "signal", sys_notify_signal(m->caps[2], NOTE_GOT_CAP), ERR_OK);
}

int main(uintptr_t arg)
{
	struct ipc_message m, m5;
	struct ipc_recv_info info, info5;
	uint32_t bits = 0;

	(void)arg;
	CHECK("consumer", "wait go", sys_notify_wait(START_NOTE, &bits, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("consumer", "go bits", bits, NOTE_GO);
	for (unsigned i = 0; i < DATA_MESSAGES; i++)
		expect_data(i, &m, &info);
	memcpy(&m5, &m, sizeof(m));
	memcpy(&info5, &info, sizeof(info));
	CHECK("consumer", "empty no-wait", ipc_recv(START_DATA, &m, &info, IPC_NO_WAIT),
	      ERR_TIMEOUT);
	CHECK("consumer", "empty 1 ms", ipc_recv(START_DATA, &m, &info, 1000), ERR_TIMEOUT);
	use_cap(&m5, &info5);
	CHECK("consumer", "producer gone", ipc_recv(START_DATA, &m, &info, IPC_WAIT_FOREVER),
	      ERR_PEER_DIED);
	CHECK("consumer", "report", report(check_failed), ERR_OK);
	return check_failed;
}
