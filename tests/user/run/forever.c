/* Started by //tests/user/run:exit3: says it runs, then sleeps forever, a second at a time. */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define SLEEP_US 1000000

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("forever: running\n");
	for (;;)
		sys_sleep_us(SLEEP_US);
}
