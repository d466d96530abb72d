/*
 * The second driver of //servers/devmgr:devmgr_claim_test, below e1000probe in priority so it
 * runs once the probe has claimed the NIC and waits: every claim of the NIC is CLAIMED, while
 * a device nobody claimed (the PIIX IDE function's I/O BAR4) is still handed out. Then it has
 * the probe crashed through init's supervisor (restart never: it ends for good), and the
 * device manager, told by the supervisor, releases the NIC: now its claims succeed. Init and
 * the device manager run above intruder, so the release is done when crash() returns.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/devmgr_client.h"
#include "idl/supervisor_client.h"

#define WHO "intruder"

/* Crashes e1000probe, which will not be restarted: the NIC is released and ours to claim. */
static void take_over(const struct keel_devmgr_device_manager_client *dm, uint8_t nic)
{
	struct keel_supervisor_client sup = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor"),
	    .timeout_us = 1000000};
	struct keel_supervisor_name_max_string probe = {.len = 10, .data = "e1000probe"};
	cap_t c = CAP_NULL, e = CAP_NULL;

	CHECK(WHO, "crash e1000probe", keel_supervisor_crash(&sup, &probe), ERR_OK);
	CHECK(WHO, "claim_mem of the released NIC",
	      keel_devmgr_device_manager_claim_mem(dm, nic, 0, &c), ERR_OK);
	CHECK(WHO, "claim_irq of the released NIC",
	      keel_devmgr_device_manager_claim_irq(dm, nic, &c, &e), ERR_OK);
}

int main(uintptr_t arg)
{
	struct keel_devmgr_device_manager_client dm = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.devmgr.DeviceManager"),
	    .timeout_us = 1000000,
	};
	cap_t c = CAP_NULL, e = CAP_NULL;
	uint8_t nic = 0xff, ide = 0xff;

	(void)arg;
	CHECK(WHO, "find 8086:100e", keel_devmgr_device_manager_find(&dm, 0x8086, 0x100e, &nic),
	      ERR_OK);
	CHECK(WHO, "claim_mem of a claimed NIC",
	      keel_devmgr_device_manager_claim_mem(&dm, nic, 0, &c), KEEL_DEVMGR_ERROR_CLAIMED);
	CHECK(WHO, "claim_io of a claimed NIC",
	      keel_devmgr_device_manager_claim_io(&dm, nic, 1, &c), KEEL_DEVMGR_ERROR_CLAIMED);
	CHECK(WHO, "claim_irq of a claimed NIC",
	      keel_devmgr_device_manager_claim_irq(&dm, nic, &c, &e), KEEL_DEVMGR_ERROR_CLAIMED);
	CHECK(WHO, "find 8086:7010", keel_devmgr_device_manager_find(&dm, 0x8086, 0x7010, &ide),
	      ERR_OK);
	CHECK(WHO, "claim_mem of the IDE function's BAR4: it is I/O",
	      keel_devmgr_device_manager_claim_mem(&dm, ide, 4, &c), KEEL_DEVMGR_ERROR_NO_SUCH_BAR);
	CHECK(WHO, "claim_io of the unclaimed IDE function's BAR4",
	      keel_devmgr_device_manager_claim_io(&dm, ide, 4, &c), ERR_OK);
	take_over(&dm, nic);
	uprintf(WHO ": %d failed\n", check_failed);
	return check_failed;
}
