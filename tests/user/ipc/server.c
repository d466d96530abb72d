/*
 * IPC test server: serves CAP_START(0) (an endpoint capability with READ) with
 * ipc_reply_recv, checking what the kernel says about each message (badge, rights, flags,
 * received capabilities), until told to die mid-call.
 */
#include "ipc_test.h"

static struct ipc_message last_echo; /* the previous echo request and its info */
static struct ipc_recv_info last_info;
static unsigned echoes;

/* Echo requests with the same text must arrive the same way, whichever path carried them. */
static void compare_with_last(const struct ipc_message *m, const struct ipc_recv_info *info)
{
	if (echoes++ > 0 && m->length == last_echo.length &&
	    memcmp(m->data, last_echo.data, m->length) == 0) {
		CHECK("server", "same request both paths",
		      memcmp(m, &last_echo, offsetof(struct ipc_message, data) + m->length), 0);
		CHECK("server", "same info both paths", memcmp(info, &last_info, sizeof(*info)), 0);
	}
	last_echo = *m;
	last_info = *info;
}

/* Fills *m with the reply to request *m (received with *info). Returns false to exit. */
static bool serve(struct ipc_message *m, const struct ipc_recv_info *info)
{
	uint32_t type = m->type;

	switch (type) {
	case MSG_ECHO: {
		char rev[IPC_DATA_BYTES];
		uint32_t n = m->length > 0 ? m->length - 1 : 0;

		compare_with_last(m, info);

		CHECK("server", "echo badge", info->badge, CLIENT_BADGE);
		CHECK("server", "echo flags", info->flags, IPC_RECV_CALL);
		CHECK("server", "echo rights", info->rights, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
		for (uint32_t i = 0; i < n; i++)
			rev[i] = (char)m->data[n - 1 - i];
		rev[n] = '\0';
		msg_set(m, type | IPC_TYPE_REPLY, rev);
		return true;
	}
	case MSG_TAKE_CAP:
		CHECK("server", "take_cap type", info->cap_type[1], CAP_TYPE_ENDPOINT);
		CHECK("server", "take_cap rights", info->cap_rights[1],
		      CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
		CHECK("server", "take_cap identify", cap_identify(m->caps[1]),
		      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT));
		CHECK("server", "take_cap slot 0 empty", m->caps[0], CAP_NULL);
		msg_set(m, type | IPC_TYPE_REPLY, NULL);
		return true;
	case MSG_GIVE_CAP: {
		cap_t ep = sys_endpoint_create();

		msg_set(m, type | IPC_TYPE_REPLY, "here");
		m->caps[2] = ep;
		return true;
	}
	case MSG_ONEWAY:
		CHECK("server", "oneway flags", info->flags, 0);
		uprintf("server: oneway \"%s\"\n", (const char *)m->data);
		msg_set(m, MSG_ONEWAY | IPC_TYPE_REPLY, NULL); /* no caller: dropped */
		return true;
	default:
		return false;
	}
}

int main(uintptr_t arg)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r;

	(void)arg;
	CHECK("server", "identify", cap_identify(CAP_START(0)),
	      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHT_READ | CAP_RIGHT_GRANT));
	r = ipc_recv(CAP_START(0), &m, &info, IPC_WAIT_FOREVER);
	while (r == ERR_OK && serve(&m, &info))
		r = ipc_reply_recv(CAP_START(0), &m, &info, IPC_WAIT_FOREVER);
	uprintf("server: exiting on type 0x%x (r=%d), %d failed\n", (unsigned)m.type, (int)r,
		check_failed);
	return check_failed;
}
