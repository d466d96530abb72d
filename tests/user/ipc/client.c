/*
 * IPC test client: CAP_START(0) calls the server (WRITE|GRANT, badged), CAP_START(1) reports
 * to init. Checks a call's reply, capabilities moved both ways, a oneway send, the server's
 * death mid-call (ERR_PEER_DIED, at once and for later calls).
 */
#include "ipc_test.h"

#define SERVER CAP_START(0)
#define REPORT CAP_START(1)

static void echo(void)
{
	struct ipc_message m;
	struct ipc_recv_info info;

	msg_set(&m, MSG_ECHO, "hello, server");
	CHECK("client", "echo", ipc_call(SERVER, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("client", "echo type", m.type, MSG_ECHO | IPC_TYPE_REPLY);
	CHECK("client", "echo reversed", strcmp((const char *)m.data, "revres ,olleh"), 0);
	CHECK("client", "echo length", m.length, 14);
}

/*
 * The same call through the fast path (no timeout, nothing to transfer, the server waiting)
 * and through the general path (a timeout to arm): the reply and its info must be the same,
 * byte for byte, and again through int 0x80. The server compares what it received each time.
 */
static void both_paths(void)
{
	struct ipc_message fast, slow;
	struct ipc_recv_info fast_info, slow_info;

	memset(&fast, 0x5a, sizeof(fast));
	memset(&slow, 0x5a, sizeof(slow));
	memset(&fast_info, 0x5a, sizeof(fast_info));
	memset(&slow_info, 0x5a, sizeof(slow_info));
	msg_set(&fast, MSG_ECHO, "one path or the other");
	msg_set(&slow, MSG_ECHO, "one path or the other");
	CHECK("client", "fast path call", ipc_call(SERVER, &fast, &fast_info, IPC_WAIT_FOREVER),
	      ERR_OK);
	CHECK("client", "general path call", ipc_call(SERVER, &slow, &slow_info, 5000000), ERR_OK);
	CHECK("client", "same reply both paths", memcmp(&fast, &slow, sizeof(fast)), 0);
	CHECK("client", "same reply info both paths",
	      memcmp(&fast_info, &slow_info, sizeof(fast_info)), 0);
	/* The fast path entered through int 0x80 while the server uses sysenter: each side
	 * leaves through the other's switch, with iret for this frame and sysexit for its. */
	memset(&slow, 0x5a, sizeof(slow));
	memset(&slow_info, 0x5a, sizeof(slow_info));
	msg_set(&slow, MSG_ECHO, "one path or the other");
	syscall_set_path(SYSCALL_PATH_INT80);
	int32_t r = ipc_call(SERVER, &slow, &slow_info, IPC_WAIT_FOREVER);

	syscall_set_path(SYSCALL_PATH_AUTO);
	CHECK("client", "fast path call through int 0x80", r, ERR_OK);
	CHECK("client", "same reply through int 0x80", memcmp(&fast, &slow, sizeof(fast)), 0);
	CHECK("client", "same reply info through int 0x80",
	      memcmp(&fast_info, &slow_info, sizeof(fast_info)), 0);
}

static void give_and_take(void)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	cap_t ep = sys_endpoint_create(),
	      mine = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	cap_t plain = cap_derive(ep, CAP_RIGHT_WRITE, 0);

	msg_set(&m, MSG_TAKE_CAP, NULL);
	m.caps[1] = plain; /* no GRANT */
	CHECK("client", "pass without grant", ipc_call(SERVER, &m, &info, 1000000), ERR_RIGHTS);
	m.caps[1] = mine;
	CHECK("client", "restrict", cap_restrict(mine, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT), ERR_OK);
	CHECK("client", "take_cap", ipc_call(SERVER, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("client", "moved away", cap_identify(mine), ERR_BAD_CAP);
	msg_set(&m, MSG_GIVE_CAP, NULL);
	CHECK("client", "give_cap", ipc_call(SERVER, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("client", "reply cap type", info.cap_type[2], CAP_TYPE_ENDPOINT);
	CHECK("client", "reply cap rights", info.cap_rights[2], CAP_RIGHTS_ALL);
	CHECK("client", "reply cap identify", cap_identify(m.caps[2]),
	      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHTS_ALL));
	CHECK("client", "reply cap badge", info.badge, 0);
}

static void server_dies(void)
{
	struct ipc_message m;
	struct ipc_recv_info info;

	msg_set(&m, MSG_ONEWAY, "fire and forget");
	CHECK("client", "oneway", ipc_send(SERVER, &m, IPC_WAIT_FOREVER), ERR_OK);
	msg_set(&m, MSG_DIE, NULL);
	CHECK("client", "call into death", ipc_call(SERVER, &m, &info, IPC_WAIT_FOREVER),
	      ERR_PEER_DIED);
	msg_set(&m, MSG_ECHO, "anyone?");
	CHECK("client", "call after death", ipc_call(SERVER, &m, &info, IPC_WAIT_FOREVER),
	      ERR_PEER_DIED);
}

int main(uintptr_t arg)
{
	struct ipc_message m;

	(void)arg;
	echo();
	both_paths();
	give_and_take();
	server_dies();
	msg_set(&m, MSG_REPORT, NULL);
	m.length = 1;
	m.data[0] = (uint8_t)check_failed;
	CHECK("client", "report", ipc_send(REPORT, &m, IPC_WAIT_FOREVER), ERR_OK);
	return check_failed;
}
