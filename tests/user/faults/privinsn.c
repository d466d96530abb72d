/* Fault program: executes cli, privileged at IOPL 0, so the kernel must kill it with a #GP. */
#include <stdint.h>

#include <keel/ulib.h>

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("privinsn: executing cli\n");
	__asm__ volatile("cli");
	uprintf("privinsn: FAIL: still running\n");
	return 1;
}
