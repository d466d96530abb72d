/* Holds no I/O-port capability, so its first port read must kill it with a #GP. */
#include "ioport_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("noport: reading port 0x71 without a capability\n");
	uint8_t v = inb(CMOS_DATA);

	uprintf("noport: FAIL: read 0x%x and still running\n", v);
	return 1;
}
