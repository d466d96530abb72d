/*
 * The high-priority client: waits until the hog spins, then calls the low-priority server
 * (CAP_START(0)) and reports how long the call took (CAP_START(1)).
 */
#include "pi.h"

int main(uintptr_t arg)
{
	struct ipc_message m = {.type = 1, .length = 0};
	uint64_t t0, t1;
	int32_t r;

	(void)arg;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	sys_sleep_us(CLIENT_DELAY_US);
	t0 = pi_now();
	r = ipc_call(CAP_START(0), &m, NULL, IPC_WAIT_FOREVER);
	t1 = pi_now();
	uprintf("client: call returned %d after %u us\n", (int)r, (unsigned)(t1 - t0));
	pi_report(CAP_START(1), REPORT_CLIENT, (uint32_t)(t1 - t0));
	return r == ERR_OK ? 0 : 1;
}
