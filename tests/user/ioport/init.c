/*
 * Root task of the I/O-port test. Checks SYS_IOPORT_CREATE's and SYS_IOPORT_ENABLE's errors,
 * then starts, one at a time and above its own priority (each runs until it blocks or dies):
 * "outside" (ports 0x70-0x71: reads the RTC, killed at port 0x72), "rtc" (ports 0x70-0x71:
 * reads the RTC, then waits for init), "noport" (no capability, started while rtc's ports are
 * in the TSS: killed by its first port read). rtc asked to be revoked: init revokes its root
 * port capability's descendants, and rtc's next port access kills it.
 */
#include "ioport_test.h"

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

/* Module indexes: the order of `modules` in //tests:ioport_image. */
#define MODULE_NOPORT  1
#define MODULE_OUTSIDE 2
#define MODULE_RTC     3

/* The errors a caller can see; leaves no capability behind. */
static void bad_requests(void)
{
	cap_t sub = sys_ioport_create(CAP_ROOT_IOPORT, CMOS_INDEX, 2);

	CHECK("init", "root identify", cap_identify(CAP_ROOT_IOPORT),
	      CAP_IDENTIFY(CAP_TYPE_IOPORT, CAP_RIGHTS_ALL));
	CHECK("init", "sub-range identify", cap_identify(sub),
	      CAP_IDENTIFY(CAP_TYPE_IOPORT, CAP_RIGHTS_ALL));
	CHECK("init", "past port 0xffff", sys_ioport_create(CAP_ROOT_IOPORT, 0xffff, 2),
	      ERR_INVALID);
	CHECK("init", "no ports", sys_ioport_create(CAP_ROOT_IOPORT, CMOS_INDEX, 0), ERR_INVALID);
	CHECK("init", "wrap-around", sys_ioport_create(sub, CMOS_DATA, 0xffffffffu), ERR_INVALID);
	CHECK("init", "not a port capability", sys_ioport_create(CAP_SELF, CMOS_INDEX, 2),
	      ERR_BAD_CAP);
	CHECK("init", "outside the sub-range", sys_ioport_create(sub, CMOS_DATA + 1, 1),
	      ERR_INVALID);
	CHECK("init", "inside the sub-range", sys_ioport_create(sub, CMOS_DATA, 1) > 0, 1);
	cap_t no_admin = cap_derive(sub, CAP_RIGHT_READ | CAP_RIGHT_WRITE, 0);

	CHECK("init", "create without admin", sys_ioport_create(no_admin, CMOS_DATA, 1),
	      ERR_RIGHTS);
	CHECK("init", "enable without write", sys_ioport_enable(cap_derive(sub, CAP_RIGHT_READ, 0)),
	      ERR_RIGHTS);
	CHECK("init", "revoke the sub-range", cap_revoke(sub), ERR_OK);
	CHECK("init", "its children went", cap_identify(no_admin), ERR_BAD_CAP);
	CHECK("init", "delete the sub-range", cap_delete(sub), ERR_OK);
}

/* Starts module `index` above init's priority with caps[0..n) as its CAP_START(0..). */
static int32_t start(unsigned index, cap_t *caps, uint32_t n)
{
	return sys_unit_start_flags(CAP_ROOT_MODULE(index), CHILD_PRIORITY, CHILD_PRIORITY, ONE_CPU,
				    caps, n, 0);
}

/* rtc asks to lose its ports: revoking the root capability deletes every port capability. */
static void serve_revoke(cap_t ep)
{
	struct ipc_message m;
	struct ipc_recv_info info;

	CHECK("init", "revoke request", ipc_recv(ep, &m, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("init", "request type", m.type, MSG_REVOKE_ME);
	CHECK("init", "revoke the root", cap_revoke(CAP_ROOT_IOPORT), ERR_OK);
	m.type |= IPC_TYPE_REPLY;
	m.length = 0;
	CHECK("init", "reply", ipc_reply_recv(ep, &m, &info, IPC_NO_WAIT), ERR_TIMEOUT);
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), sub, caps[2];

	(void)arg;
	bad_requests();
	sub = sys_ioport_create(CAP_ROOT_IOPORT, CMOS_INDEX, 2);
	caps[0] = cap_derive(sub, CAP_RIGHTS_ALL, 0);
	CHECK("init", "outside start", start(MODULE_OUTSIDE, caps, 1) > 0, 1);
	caps[0] = cap_derive(sub, CAP_RIGHTS_ALL, 0);
	caps[1] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	CHECK("init", "rtc start", start(MODULE_RTC, caps, 2) > 0, 1);
	/* rtc now waits for init with its ports in the TSS: they must not leak to noport. */
	CHECK("init", "noport start", start(MODULE_NOPORT, caps, 0) > 0, 1);
	serve_revoke(ep);
	CHECK("init", "sub-range gone", cap_identify(sub), ERR_BAD_CAP);
	CHECK("init", "root kept", cap_identify(CAP_ROOT_IOPORT),
	      CAP_IDENTIFY(CAP_TYPE_IOPORT, CAP_RIGHTS_ALL));
	uprintf("ioport test: %d failed\n", check_failed);
	return check_failed;
}
