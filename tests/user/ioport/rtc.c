/*
 * Gets a capability to ports 0x70-0x71 (CAP_START(0)) and a send capability to init
 * (CAP_START(1)): enables the ports and reads the RTC, asks init to revoke its capability,
 * and after the reply the same port access must kill it with a #GP.
 */
#include "ioport_test.h"


int main(uintptr_t arg)
{
	struct ipc_message m = {.type = MSG_REVOKE_ME};
	uint8_t v;

	(void)arg;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	CHECK("rtc", "enable an endpoint", sys_ioport_enable(CAP_START(1)), ERR_BAD_CAP);
	CHECK("rtc", "enable", sys_ioport_enable(CAP_START(0)), ERR_OK);
	CHECK("rtc", "enable again", sys_ioport_enable(CAP_START(0)), ERR_OK);
	CHECK("rtc", "status D", cmos_status_d(), CMOS_D_VALID);
	CHECK("rtc", "revoke request", ipc_call(CAP_START(1), &m, NULL, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("rtc", "capability gone", cap_identify(CAP_START(0)), ERR_BAD_CAP);
	uprintf("rtc: %d failed; reading port 0x71 after the revoke\n", check_failed);
	v = cmos_status_d();
	uprintf("rtc: FAIL: read 0x%x and still running\n", v);
	return 1;
}
