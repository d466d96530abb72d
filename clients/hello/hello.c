/* The smallest Keel user program: greets on the debug console and exits the unit with 0. */
#include <stdint.h>

#include <keel/ulib.h>

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("hello from user space\n");
	return 0;
}
