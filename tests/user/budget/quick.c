/*
 * A unit that ends at once: the budget test starts it a thousand times, and the supervision
 * cases once with an exit status and once to fault; one that spins, for a kill while it runs.
 */
#include <stdint.h>

#include <keel/syscall.h>

#define QUICK_FAULT 0xdeadu /* arg: write to page 0 instead of returning */
#define QUICK_SPIN  0x5b1u  /* arg: signal CAP_START(0) bit 1, then compute forever */

int main(uintptr_t arg)
{
	if (arg == QUICK_FAULT)
		*(volatile uint32_t *)0 = 1;
	if (arg == QUICK_SPIN) {
		sys_notify_signal(CAP_START(0), 1);
		for (;;)
			;
	}
	return (int)arg;
}
