/*
 * Channel test producer (priority above the consumer): fills the data channel (ERR_BUSY
 * without waiting, ERR_TIMEOUT with a short wait), lets the consumer go, blocks on the full
 * channel until a receive makes room, sends a notification capability through the channel,
 * waits for the consumer to signal it, reports to init and exits (the consumer then sees
 * ERR_PEER_DIED).
 */
#include "channel_test.h"


/* m0..m3 fill the channel; m4 finds it full. */
static void fill(void)
{
	struct ipc_message m;

	for (unsigned i = 0; i < DATA_CAPACITY; i++) {
		data_msg(&m, i);
		CHECK("producer", "send", ipc_send(START_DATA, &m, IPC_NO_WAIT), ERR_OK);
	}
	data_msg(&m, DATA_CAPACITY);
	CHECK("producer", "full no-wait", ipc_send(START_DATA, &m, IPC_NO_WAIT), ERR_BUSY);
	CHECK("producer", "full 2 ms", ipc_send(START_DATA, &m, 2000), ERR_TIMEOUT);
}

int main(uintptr_t arg)
{
	struct ipc_message m;
	cap_t note = sys_notify_create(), child;
	uint32_t bits = 0;

	(void)arg;
	fill();
	CHECK("producer", "go", sys_notify_signal(START_NOTE, NOTE_GO), ERR_OK);
	/* The consumer (lower priority) runs only once this blocks; its receive wakes us. */
	data_msg(&m, DATA_CAPACITY);
	CHECK("producer", "blocked send woken", ipc_send(START_DATA, &m, IPC_WAIT_FOREVER), ERR_OK);
	child = cap_derive(note, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	data_msg(&m, DATA_CAPACITY + 1);
	m.caps[2] = child;
	CHECK("producer", "send cap", ipc_send(START_DATA, &m, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("producer", "cap moved", cap_identify(child), ERR_BAD_CAP);
	CHECK("producer", "wait", sys_notify_wait(note, &bits, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("producer", "bits from consumer", bits, NOTE_GOT_CAP);
	CHECK("producer", "report", report(check_failed), ERR_OK);
	return check_failed;
}
