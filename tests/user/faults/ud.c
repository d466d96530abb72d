/* Fault program: executes ud2, so the kernel must kill it with a #UD. */
#include <stdint.h>

#include <keel/ulib.h>

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("ud: executing ud2\n");
	__asm__ volatile("ud2");
	uprintf("ud: FAIL: still running\n");
	return 1;
}
