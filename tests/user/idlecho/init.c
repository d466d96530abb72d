/*
 * Root task of the generated-stub test: the echo server and its client in two units, joined
 * by one endpoint. After the client's first report init revokes the capability it derived the
 * server's from, which takes the server's receive capability away while it waits: its loop
 * ends with ERR_BAD_CAP, and the client's next call gets ERR_PEER_DIED.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#define MODULE_SERVER 1
#define MODULE_CLIENT 2

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), done = sys_endpoint_create(), caps[3], serving;
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r;

	(void)arg;
	serving = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0); /* init keeps this parent */
	caps[0] = cap_derive(serving, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	r = sys_unit_start(CAP_ROOT_MODULE(MODULE_SERVER), 60, 60, caps, 1, 0);
	caps[0] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 7);
	caps[1] = cap_derive(ep, CAP_RIGHT_GRANT, 8);
	caps[2] = cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	if (r <= 0 || sys_unit_start(CAP_ROOT_MODULE(MODULE_CLIENT), 50, 50, caps, 3, 0) <= 0) {
		uprintf("idl echo test: start failed\n");
		return 1;
	}
	r = ipc_recv(done, &m, &info, IPC_WAIT_FOREVER);
	uprintf("idl echo test: client reported (%d); revoking the server's capability: %d\n",
		(int)r, (int)cap_revoke(serving));
	r = ipc_recv(done, &m, &info, IPC_WAIT_FOREVER);
	uprintf("idl echo test: %d failed\n", r == ERR_OK && m.length == 1 ? m.data[0] : -1);
	return r == ERR_OK && m.length == 1 ? m.data[0] : 1;
}
