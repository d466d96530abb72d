/*
 * The other unit of the cross-unit yield benchmark: yields exactly as often as bench.c does
 * while it measures, then exits. Started by bench at the same priority.
 */
#include <stdint.h>

#include <keel/ulib.h>

#include "bench.h"

int main(uintptr_t arg)
{
	(void)arg;
	for (uint32_t i = 0; i < BENCH_YIELD_ROUNDS; i++)
		bench_sysenter(SYS_YIELD);
	uprintf("peer: %u yields done\n", (unsigned)BENCH_YIELD_ROUNDS);
	return 0;
}
