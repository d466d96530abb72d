/*
 * The leak check's child unit (//tests/user/leak:leak_image, module 1). Its argument says what
 * it does: CHILD_BLOCK waits until it is killed; CHILD_SERVER serves the endpoint CAP_START(0)
 * (each call's capabilities deleted, then answered; a call with data[0] == CHILD_CRASH makes it
 * fault, so its starter restarts it); CHILD_STARTER starts and kills units of the image
 * CAP_START(0) until it is killed itself; anything else is its exit status.
 */
#include <stddef.h>
#include <stdint.h>

#include <keel/syscall.h>

#include "leak.h"

static int serve(cap_t ep)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r = ipc_recv(ep, &m, &info, IPC_WAIT_FOREVER);

	while (r == ERR_OK) {
		for (int i = 0; i < IPC_MAX_CAPS; i++)
			if (info.cap_type[i] != CAP_TYPE_NONE)
				cap_delete(m.caps[i]);
		if (m.length > 0 && m.data[0] == CHILD_CRASH)
			*(volatile uint32_t *)0 = 1;
		m.type |= IPC_TYPE_REPLY;
		m.length = 0;
		for (int i = 0; i < IPC_MAX_CAPS; i++)
			m.caps[i] = CAP_NULL;
		r = ipc_reply_recv(ep, &m, &info, IPC_WAIT_FOREVER);
	}
	return r;
}

/*
 * Each start loads big.c's megabyte of zero pages, a preemption window before each page: the
 * starter's killer (the root task, above it) gets in during one of them. A started one runs
 * and exits at once (leak.h).
 */
static _Noreturn void start_forever(cap_t image)
{
	for (;;) {
		int32_t u = sys_unit_start_flags(image, BIG_PRIO, BIG_PRIO, UNIT_START_CPU(0), NULL,
						 0, 0);

		if (u > 0)
			cap_delete(u);
	}
}

int main(uintptr_t arg)
{
	if (arg == CHILD_STARTER)
		start_forever(CAP_START(0));
	if (arg == CHILD_BLOCK)
		for (;;)
			sys_sleep_us(UINT64_MAX);
	if (arg == CHILD_SERVER)
		return serve(CAP_START(0));
	return (int)arg;
}
