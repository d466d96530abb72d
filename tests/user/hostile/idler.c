/* Started in a loop by the hostile test's init until the unit pool is full; exits at once. */
#include <stdint.h>

int main(uintptr_t arg)
{
	(void)arg;
	return 0;
}
