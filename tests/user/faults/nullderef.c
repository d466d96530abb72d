/* Fault program: reads address 0 (not mapped), so the kernel must kill it with a #PF. */
#include <stdint.h>

#include <keel/ulib.h>

/* Read through a volatile so the compiler cannot see (and rewrite) the NULL dereference. */
static volatile uintptr_t null_address;

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("nullderef: reading address 0\n");
	(void)*(volatile uint32_t *)null_address;
	uprintf("nullderef: FAIL: still running\n");
	return 1;
}
