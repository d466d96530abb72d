/* Fault program: divides by zero, so the kernel must kill it with a #DE. */
#include <stdint.h>

#include <keel/ulib.h>

static volatile uint32_t zero; /* volatile: the division happens at run time */

int main(uintptr_t arg)
{
	uint32_t quotient;

	(void)arg;
	uprintf("div0: dividing by zero\n");
	quotient = 1000u / zero;
	uprintf("div0: FAIL: still running (%u)\n", (unsigned)quotient);
	return 1;
}
