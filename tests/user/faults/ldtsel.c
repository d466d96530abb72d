/*
 * Fault program: loads %ds with selector 7 (LDT index 0, RPL 3). The kernel runs with a null
 * LDT, so the load is a #GP naming that selector, and the kernel must kill the thread.
 */
#include <stdint.h>

#include <keel/ulib.h>

#define LDT_SELECTOR_0 0x7u /* index 0, table indicator = LDT, RPL 3 */

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("ldtsel: loading an LDT selector into ds\n");
	__asm__ volatile("movw %w0, %%ds" : : "r"(LDT_SELECTOR_0) : "memory");
	uprintf("ldtsel: FAIL: still running\n");
	return 1;
}
