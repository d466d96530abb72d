/*
 * Root task of the priority-inversion tests: a high-priority client calls a low-priority
 * server while a medium-priority hog spins. With NESTED the server calls a second, even lower
 * server inside the request. Priority inheritance lends the client's priority down the chain,
 * so the call completes while the hog still spins: the client's report arrives first.
 */
#include "pi.h"

#define MODULE_SERVER 1
#define MODULE_HOG    2
#define MODULE_CLIENT 3

/* Starts a server unit receiving on `rx` (and calling `next` if not CAP_NULL). */
static int32_t start_server(cap_t rx, cap_t next, uint32_t prio)
{
	cap_t caps[2] = {rx, next};

	return sys_unit_start(CAP_ROOT_MODULE(MODULE_SERVER), prio, prio, caps,
			      next == CAP_NULL ? 1 : 2, next == CAP_NULL ? 0 : 1);
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), done = sys_endpoint_create(), caps[2];
	cap_t front = ep; /* what the client calls */
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t first, latency = 0;

	(void)arg;
#ifdef NESTED
	cap_t ep2 = sys_endpoint_create();

	start_server(cap_derive(ep2, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0), CAP_NULL,
		     SERVER2_PRIORITY);
	start_server(cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0),
		     cap_derive(ep2, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0), SERVER_PRIORITY);
#else
	start_server(cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0), CAP_NULL,
		     SERVER_PRIORITY);
#endif
	sys_sleep_us(5000); /* the servers reach their receive (nothing else is ready) */
	caps[0] = cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	sys_unit_start(CAP_ROOT_MODULE(MODULE_HOG), HOG_PRIORITY, HOG_PRIORITY, caps, 1, 0);
	caps[0] = cap_derive(front, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	caps[1] = cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	sys_unit_start(CAP_ROOT_MODULE(MODULE_CLIENT), CLIENT_PRIORITY, CLIENT_PRIORITY, caps, 2,
		       0);
	if (ipc_recv(done, &m, &info, IPC_WAIT_FOREVER) != ERR_OK)
		return 1;
	memcpy(&first, m.data, 4);
	if (first == REPORT_CLIENT)
		memcpy(&latency, m.data + 4, 4);
	uprintf("pi test: first report from the %s\n", first == REPORT_CLIENT ? "client" : "hog");
	if (first != REPORT_CLIENT)
		return 1;
	uprintf("pi test: the call took %u us while the hog spins %u us\n", (unsigned)latency,
		(unsigned)HOG_SPIN_US);
	return ipc_recv(done, &m, &info, IPC_WAIT_FOREVER) == ERR_OK ? 0 : 1;
}
