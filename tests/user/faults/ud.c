/*
 * Fault program: executes ud2, so the kernel must kill it with a #UD. Its frame pointer is
 * hostile first: it names a frame that names itself (return address 0x00401234), so the
 * kernel's user backtrace must report that one frame and stop, not loop.
 */
#include <stdint.h>

#include <keel/ulib.h>

static uint32_t self_frame[2] = {0, 0x00401234u};

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("ud: executing ud2\n");
	self_frame[0] = (uint32_t)(uintptr_t)self_frame;
	__asm__ volatile("movl %0, %%ebp\n\tud2" : : "r"(self_frame) : "memory");
	uprintf("ud: FAIL: still running\n");
	return 1;
}
