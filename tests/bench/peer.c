/*
 * The other unit of the cross-unit benchmarks, in the role its main's argument names:
 * PEER_YIELD yields exactly as often as bench.c does while it measures, then exits;
 * PEER_YIELD_PORTS does the same after enabling the I/O ports of CAP_START(0), so each switch
 * also switches port maps; PEER_IPC_SERVER serves CAP_START(0) forever, replying to each call
 * with the message it got (same length, the received capabilities handed back).
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"

static struct ipc_message msg;
static struct ipc_recv_info info;

static void yield_rounds(void)
{
	for (uint32_t i = 0; i < BENCH_YIELD_ROUNDS; i++)
		bench_sysenter(SYS_YIELD);
	uprintf("peer: %u yields done\n", (unsigned)BENCH_YIELD_ROUNDS);
}

/* Replies carry back whatever came (the received handles are valid in this unit). */
static void serve(void)
{
	int32_t r = bench_sysenter5(SYS_IPC_RECV, (uint32_t)CAP_START(0), (uint32_t)&msg,
				    (uint32_t)&info, UINT32_MAX, UINT32_MAX);

	while (r == ERR_OK)
		r = bench_sysenter5(SYS_IPC_REPLY_RECV, (uint32_t)CAP_START(0), (uint32_t)&msg,
				    (uint32_t)&info, UINT32_MAX, UINT32_MAX);
	uprintf("peer: serving ended with %d\n", (int)r);
}

int main(uintptr_t arg)
{
	if (arg == PEER_IPC_SERVER) {
		serve();
		return 0;
	}
	if (arg == PEER_YIELD_PORTS && sys_ioport_enable(CAP_START(0)) != ERR_OK)
		uprintf("peer: FAIL: enabling its ports\n");
	yield_rounds();
	return 0;
}
