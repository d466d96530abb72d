/*
 * Fault program: executes cli, privileged at IOPL 0, so the kernel must kill it with a #GP.
 * Its frame pointer names kernel memory first: the kernel's user backtrace must not read it
 * (no backtrace line).
 */
#include <stdint.h>

#include <keel/ulib.h>

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("privinsn: executing cli\n");
	__asm__ volatile("movl $0xc0001000, %%ebp\n\tcli" : : : "memory");
	uprintf("privinsn: FAIL: still running\n");
	return 1;
}
