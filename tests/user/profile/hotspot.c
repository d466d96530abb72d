/*
 * The profiler's test program (//tools/devtools:profile_live_test): it computes forever, nine
 * parts of its time in hot_function and one in cold_function (the same loop, a ninth as many
 * rounds), so a profile of it must show hot_function on top, called from main, and
 * cold_function about nine times less. Nothing here blocks: it uses what CPU time the system
 * leaves.
 */
#include <stdint.h>


static volatile uint32_t sink;

/* Each has its own loop, so the samples land in it (not in a shared helper). */
__attribute__((noinline)) void hot_function(void)
{
	for (uint32_t i = 0; i < 9000; i++)
		sink = sink * 1103515245u + 12345u;
}

__attribute__((noinline)) void cold_function(void)
{
	for (uint32_t i = 0; i < 1000; i++)
		sink = sink * 1103515245u + 12345u;
}

int main(uintptr_t arg)
{
	(void)arg;
	for (;;) {
		hot_function();
		cold_function();
	}
}
