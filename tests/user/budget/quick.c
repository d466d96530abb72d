/*
 * A unit that ends at once: the budget test starts it a thousand times, and the supervision
 * cases once with an exit status and once to fault.
 */
#include <stdint.h>

#define QUICK_FAULT 0xdeadu /* arg: write to page 0 instead of returning */

int main(uintptr_t arg)
{
	if (arg == QUICK_FAULT)
		*(volatile uint32_t *)0 = 1;
	return (int)arg;
}
