/*
 * Least privilege, seen from a unit that was given one capability: READ on the device
 * manager. It holds nothing else (no endpoint of any other service: it has no way to reach
 * one), a method that needs ADMIN is refused by the generated dispatch with ERR_RIGHTS, and
 * touching COM1's ports, which it was not given, faults it (init logs the fault).
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/devmgr_client.h"

#define SLOTS_SCANNED 256

/* How many capabilities of each type the unit holds, by trying every slot of its table. */
static void count_caps(unsigned counts[CAP_TYPE_COUNT])
{
	for (uint32_t slot = 0; slot < SLOTS_SCANNED; slot++)
		for (uint32_t gen = 0; gen < 4; gen++) {
			int32_t id = cap_identify(CAP_HANDLE(gen, slot));

			if (id >= 0 && (uint32_t)id >> 8 < CAP_TYPE_COUNT)
				counts[(uint32_t)id >> 8]++;
		}
}

int main(uintptr_t arg)
{
	const struct keel_startup *t = keel_startup();
	struct keel_devmgr_device_manager_client dm = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.devmgr.DeviceManager"),
	    .timeout_us = 1000000};
	unsigned counts[CAP_TYPE_COUNT] = {0};
	struct keel_devmgr_summary sum;
	cap_t ports = CAP_NULL;
	uint8_t v;

	(void)arg;
	CHECK("prober", "one startup entry", t != NULL ? t->count : 99, 1);
	count_caps(counts);
	CHECK("prober", "endpoints held: the device manager's only", counts[CAP_TYPE_ENDPOINT], 1);
	CHECK("prober", "no I/O ports", counts[CAP_TYPE_IOPORT], 0);
	CHECK("prober", "no IRQs", counts[CAP_TYPE_IRQ], 0);
	CHECK("prober", "memory: its budget and its startup page", counts[CAP_TYPE_MEMORY], 2);
	CHECK("prober", "READ: summary", keel_devmgr_device_manager_summary(&dm, &sum), ERR_OK);
	CHECK("prober", "no ADMIN: claim_io refused",
	      keel_devmgr_device_manager_claim_io(&dm, 0, 0, &ports), ERR_RIGHTS);
	uprintf("prober: %d failed; touching COM1 without a capability\n", check_failed);
	v = inb(0x3f8);
	uprintf("prober: FAIL: read COM1 (0x%x) without a capability\n", v);
	return 1;
}
