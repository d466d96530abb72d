/*
 * Fault program: writes to its own code (mapped read+execute, W^X), so the kernel must kill
 * it with a protection #PF whose CR2 is main's address.
 */
#include <stdint.h>

#include <keel/ulib.h>

int main(uintptr_t arg)
{
	volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)&main;

	(void)arg;
	uprintf("writecode: writing to %p\n", (void *)(uintptr_t)code);
	*code = 0xc3; /* ret */
	uprintf("writecode: FAIL: still running\n");
	return 1;
}
