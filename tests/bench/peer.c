/*
 * The other unit of the cross-unit yield benchmark: yields exactly as often as bench.c does
 * while it measures, then exits. Started by bench at the same priority; with arg != 0 it
 * first enables the I/O ports of CAP_START(0), so each switch also switches port maps.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"

int main(uintptr_t arg)
{
	if (arg != 0 && sys_ioport_enable(CAP_START(0)) != ERR_OK)
		uprintf("peer: FAIL: enabling its ports\n");
	for (uint32_t i = 0; i < BENCH_YIELD_ROUNDS; i++)
		bench_sysenter(SYS_YIELD);
	uprintf("peer: %u yields done\n", (unsigned)BENCH_YIELD_ROUNDS);
	return 0;
}
