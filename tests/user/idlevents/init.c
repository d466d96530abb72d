/*
 * Root task of the generated-events test: makes a 4-event channel, starts the app (lower
 * priority) with its receiving end and the driver with its sending end, drops its own
 * capability (so the app learns when the driver is gone) and waits for the app's exit.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

/* Module indexes: the order of `modules` in //tests:idlevents_image. */
#define MODULE_DRIVER 1
#define MODULE_APP    2

int main(uintptr_t arg)
{
	cap_t ch = sys_channel_create(4), done = sys_channel_create(1);
	cap_t app[2] = {cap_derive(ch, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0),
			cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)};
	cap_t driver = cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r;

	(void)arg;
	if (sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_APP), 30, 30, ONE_CPU, app, 2, 0) < 0 ||
	    sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_DRIVER), 40, 40, ONE_CPU, &driver, 1, 0) <
		0) {
		uprintf("idlevents: start FAIL\n");
		return 1;
	}
	cap_delete(ch);
	r = ipc_recv(done, &m, &info, IPC_WAIT_FOREVER);
	uprintf("idlevents: app reported %d, %u failed\n", (int)r, (unsigned)m.data[0]);
	return r == ERR_OK && m.data[0] == 0 ? 0 : 1;
}
