/*
 * A unit that faults at once (a write to address 0), for //servers/log:log_test: the kernel's
 * fault report must reach the serial line through the kernel log, init and the serial server.
 */
#include <keel/syscall.h>

int main(uintptr_t arg)
{
	(void)arg;
	*(volatile uint32_t *)0 = 1;
	return 0;
}
