/*
 * A low-priority server: receives on CAP_START(0) and works SERVER_WORK_US per call. With
 * arg 1 it calls the next server (CAP_START(1)) inside each request (a nested call).
 */
#include "pi.h"

int main(uintptr_t arg)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r = ipc_recv(CAP_START(0), &m, &info, IPC_WAIT_FOREVER);

	while (r == ERR_OK) {
		pi_spin(SERVER_WORK_US);
		if (arg == 1) {
			struct ipc_message inner = {.type = 2, .length = 0};

			for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
				inner.caps[i] = CAP_NULL;
			if (ipc_call(CAP_START(1), &inner, NULL, IPC_WAIT_FOREVER) != ERR_OK)
				uprintf("server: nested call failed\n");
		}
		m.length = 0;
		m.type |= IPC_TYPE_REPLY;
		r = ipc_reply_recv(CAP_START(0), &m, &info, IPC_WAIT_FOREVER);
	}
	return 0;
}
