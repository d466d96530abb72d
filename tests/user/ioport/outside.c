/*
 * Gets a capability to ports 0x70-0x71 as CAP_START(0): after enabling it, reads the RTC, then
 * port 0x72, just outside its range, which must kill it with a #GP.
 */
#include "ioport_test.h"


int main(uintptr_t arg)
{
	(void)arg;
	CHECK("outside", "enable", sys_ioport_enable(CAP_START(0)), ERR_OK);
	CHECK("outside", "rtc status D", cmos_status_d(), CMOS_D_VALID);
	uprintf("outside: reading port 0x72, outside its range\n");
	uint8_t v = inb(CMOS_DATA + 1);

	uprintf("outside: FAIL: read 0x%x and still running\n", v);
	return 1;
}
