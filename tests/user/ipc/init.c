/*
 * Root task of the IPC test: makes an endpoint, gives the server a receive-only capability and
 * the client a badged send capability (moved at unit start), checks the syscall errors every
 * client can see (forged, stale, wrong-type and insufficient-rights handles, bad lengths and
 * pointers, timeouts), then waits on a second endpoint for the client's report.
 */
#include "ipc_test.h"

/* Module indexes: the order of `modules` in //tests:ipc_image. */
#define MODULE_SERVER 1
#define MODULE_CLIENT 2
#define SPARE_VA      0x38000000u /* free in init's space: the remapped-buffer check */
#define RW	      (MEM_MAP_READ | MEM_MAP_WRITE)

static void bad_handles(cap_t ep)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	cap_t ro = cap_derive(ep, CAP_RIGHT_READ, 0), gone = cap_derive(ep, 0, 0);

	msg_set(&m, MSG_ECHO, "x");
	CHECK("init", "forged handle", ipc_call(CAP_HANDLE(77, 200), &m, &info, 0), ERR_BAD_CAP);
	CHECK("init", "null handle", ipc_call(CAP_NULL, &m, &info, 0), ERR_BAD_CAP);
	CHECK("init", "wrong type", ipc_call(CAP_SELF, &m, &info, 0), ERR_BAD_CAP);
	CHECK("init", "no write right", ipc_call(ro, &m, &info, 0), ERR_RIGHTS);
	CHECK("init", "delete", cap_delete(gone), ERR_OK);
	CHECK("init", "stale handle", ipc_call(gone, &m, &info, 0), ERR_BAD_CAP);
	CHECK("init", "stale identify", cap_identify(gone), ERR_BAD_CAP);
	CHECK("init", "derive wider", cap_derive(ro, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0),
	      ERR_RIGHTS);
	CHECK("init", "recv without read",
	      ipc_recv(cap_derive(ep, CAP_RIGHT_WRITE, 0), &m, &info, IPC_NO_WAIT), ERR_RIGHTS);
	CHECK("init", "restrict with children", cap_restrict(ep, CAP_RIGHT_READ), ERR_BUSY);
	CHECK("init", "revoke", cap_revoke(ep), ERR_OK);
	CHECK("init", "revoked child", cap_identify(ro), ERR_BAD_CAP);
	CHECK("init", "identify", cap_identify(ep),
	      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHTS_ALL));
}

static void bad_messages(cap_t ep)
{
	struct ipc_message m;
	struct ipc_recv_info info;

	msg_set(&m, MSG_ECHO, "x");
	m.length = IPC_DATA_BYTES + 1;
	CHECK("init", "length 257", ipc_call(ep, &m, &info, 0), ERR_OVERFLOW);
	msg_set(&m, MSG_ECHO, "x");
	CHECK("init", "kernel pointer", ipc_call(ep, (void *)0xC0100000u, &info, 0), ERR_FAULT);
	CHECK("init", "null message", ipc_call(ep, NULL, &info, 0), ERR_FAULT);
	CHECK("init", "bad info", ipc_recv(ep, &m, (void *)0xC0000000u, 0), ERR_FAULT);
	m.caps[3] = CAP_HANDLE(9, 99);
	CHECK("init", "bad cap in message", ipc_call(ep, &m, &info, 0), ERR_BAD_CAP);
	m.caps[3] = ep;
	m.caps[0] = ep;
	CHECK("init", "cap twice in message", ipc_call(ep, &m, &info, 0), ERR_INVALID);
}

static void timeouts(cap_t ep)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	uint64_t t0, t1;

	msg_set(&m, MSG_ECHO, "x");
	CHECK("init", "recv no-wait", ipc_recv(ep, &m, &info, IPC_NO_WAIT), ERR_TIMEOUT);
	CHECK("init", "send no-wait", ipc_send(ep, &m, IPC_NO_WAIT), ERR_TIMEOUT);
	sys_get_time_us(&t0);
	CHECK("init", "recv 3 ms", ipc_recv(ep, &m, &info, 3000), ERR_TIMEOUT);
	CHECK("init", "call 2 ms", ipc_call(ep, &m, &info, 2000), ERR_TIMEOUT);
	sys_get_time_us(&t1);
	CHECK("init", "waited at least 5 ms", t1 - t0 >= 5000, 1);
}

/*
 * The fast path memoises where a caller's buffer lies in memory: a buffer whose page is
 * unmapped and another page mapped at its address between two calls must be found again.
 * The second reply lands in the new page; the old page keeps the first reply.
 */
static void remapped_buffer(cap_t server)
{
	cap_t ep = cap_derive(server, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, CLIENT_BADGE);
	cap_t a = sys_mem_alloc(CAP_ROOT_BUDGET, 1), b = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	struct ipc_message *m = (struct ipc_message *)SPARE_VA;
	const struct ipc_message *old = (const struct ipc_message *)(SPARE_VA + 0x10000);

	CHECK("init", "map a buffer", sys_mem_map(a, m, RW), ERR_OK);
	msg_set(m, MSG_ECHO, "first");
	CHECK("init", "call from it", ipc_call(ep, m, NULL, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("init", "its reply", strcmp((const char *)m->data, "tsrif"), 0);
	CHECK("init", "unmap it", sys_mem_unmap(m), ERR_OK);
	CHECK("init", "map another page there", sys_mem_map(b, m, RW), ERR_OK);
	msg_set(m, MSG_ECHO, "second");
	CHECK("init", "call from the new page", ipc_call(ep, m, NULL, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("init", "reply in the new page", strcmp((const char *)m->data, "dnoces"), 0);
	CHECK("init", "map the old page", sys_mem_map(a, (void *)old, RW), ERR_OK);
	CHECK("init", "old page untouched", strcmp((const char *)old->data, "tsrif"), 0);
	CHECK("init", "unmap both", sys_mem_unmap(m) + sys_mem_unmap((void *)old), ERR_OK);
	CHECK("init", "free both", cap_delete(a) + cap_delete(b) + cap_delete(ep), ERR_OK);
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), done = sys_endpoint_create(), caps[2];
	struct ipc_message m;
	struct ipc_recv_info info;

	(void)arg;
	CHECK("init", "self", cap_identify(CAP_SELF), CAP_IDENTIFY(CAP_TYPE_UNIT, CAP_RIGHTS_ALL));
	bad_handles(ep);
	bad_messages(ep);
	timeouts(ep);
	caps[0] = cap_derive(ep, CAP_RIGHT_READ, 0);
	CHECK("init", "start needs grant",
	      sys_unit_start(CAP_ROOT_MODULE(MODULE_SERVER), 60, 60, caps, 1, 0), ERR_RIGHTS);
	CHECK("init", "still mine", cap_delete(caps[0]), ERR_OK); /* else a receiver is left */
	CHECK("init", "above own maximum",
	      sys_unit_start(CAP_ROOT_MODULE(MODULE_SERVER), 60, 256, caps, 0, 0), ERR_INVALID);
	caps[0] = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	CHECK("init", "server start",
	      sys_unit_start(CAP_ROOT_MODULE(MODULE_SERVER), 60, 60, caps, 1, 0) > 0, 1);
	CHECK("init", "moved at start", cap_identify(caps[0]), ERR_BAD_CAP);
	remapped_buffer(ep);
	caps[0] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, CLIENT_BADGE);
	caps[1] = cap_derive(done, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	CHECK("init", "client start",
	      sys_unit_start(CAP_ROOT_MODULE(MODULE_CLIENT), 50, 50, caps, 2, 0) > 0, 1);
	CHECK("init", "delete own endpoint", cap_delete(ep), ERR_OK); /* the server's lives on */
	CHECK("init", "report", ipc_recv(done, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("init", "report type", m.type, MSG_REPORT);
	CHECK("init", "client failures", m.data[0], 0);
	uprintf("ipc test: %d failed\n", check_failed);
	return check_failed;
}
