/*
 * Root task of //servers/devmgr:devmgr_claim_test. It starts the device manager as init does
 * from devmgr_test.manifest (the same startup table: SERVE, SELF, `pci`, `pci_io` and
 * `pci_mem` with ADMIN, lines 10 and 11 with their notifications), but with GRANT on its
 * capabilities and a budget for port objects, which init does not give yet (docs/system.md,
 * "Device manager"). Then e1000probe (badge 1, READ|ADMIN) runs to its end, then intruder
 * (badge 2, READ|ADMIN); each one's exit status is its failure count.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define MOD_DEVMGR 1
#define MOD_PROBE 2
#define MOD_INTRUDER 3
#define TABLES_VA 0x20000000u
#define PRIO_DEVMGR 150
#define PRIO_DRIVER 60
#define DM "keel.devmgr.DeviceManager"
#define PCI_MEM_BASE 0xfd000000u
#define PCI_MEM_SIZE 0x1c00000u
#define ALL_BUT_ADMIN (CAP_RIGHTS_ALL & ~CAP_RIGHT_ADMIN)

/* A budget for a unit: its unit, threads, memory objects, ports and mappings. */
static cap_t budget(void)
{
	struct keel_budget want = {.frames = 64};

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 2;
	want.objects[CAP_TYPE_MEMORY] = 8;
	want.objects[CAP_TYPE_IOPORT] = 4;
	want.objects[BUDGET_MAPPINGS] = 8;
	return sys_budget_create(CAP_ROOT_BUDGET, &want);
}

/* Startup table number n, mapped here for filling; *page gets its capability. */
static struct keel_startup *table(uint32_t n, const char *unit, cap_t *page)
{
	struct keel_startup *t = (struct keel_startup *)(TABLES_VA + n * 0x1000u);

	*page = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	CHECK("devmgr test", "map a startup page",
	      sys_mem_map(*page, t, MEM_MAP_READ | MEM_MAP_WRITE), ERR_OK);
	keel_startup_init(t, unit, 0);
	return t;
}

/* Adds line `line` as IRQ and IRQ_NOTIFY entries and their capabilities at caps[*n]. */
static void add_line(struct keel_startup *t, const char *name, uint32_t line, cap_t *caps,
		     uint32_t *n)
{
	cap_t notify = sys_notify_create();

	keel_startup_add(t, KEEL_STARTUP_IRQ, name, CAP_RIGHT_WRITE, line, 1);
	keel_startup_add(t, KEEL_STARTUP_IRQ_NOTIFY, name, CAP_RIGHT_READ, line, 1);
	caps[(*n)++] = sys_irq_bind(CAP_ROOT_IRQ, line, notify, 1);
	caps[(*n)++] = cap_derive(notify, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
}

static void start_devmgr(cap_t ep)
{
	cap_t caps[11], page;
	uint32_t n = 0;
	struct keel_startup *t = table(0, "devmgr", &page);
	uint32_t rw = CAP_RIGHT_READ | CAP_RIGHT_WRITE;

	caps[n++] = budget();
	caps[n++] = cap_derive(page, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	keel_startup_add(t, KEEL_STARTUP_SERVE, DM, CAP_RIGHT_READ, 0, 0);
	keel_startup_add(t, KEEL_STARTUP_SELF, DM, CAP_RIGHT_WRITE, 0, 0);
	keel_startup_add(t, KEEL_STARTUP_IOPORT, "pci", rw, 0xcf8u, 8);
	keel_startup_add(t, KEEL_STARTUP_IOPORT, "pci_io", rw | CAP_RIGHT_ADMIN, 0xc000u, 0x4000u);
	keel_startup_add(t, KEEL_STARTUP_DEVMEM, "pci_mem", rw | CAP_RIGHT_ADMIN, PCI_MEM_BASE,
			 PCI_MEM_SIZE);
	caps[n++] = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	caps[n++] = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, KEEL_BADGE_SELF);
	caps[n++] = sys_ioport_create(CAP_ROOT_IOPORT, 0xcf8u, 8);
	caps[n++] = sys_ioport_create(CAP_ROOT_IOPORT, 0xc000u, 0x4000u);
	caps[n++] = sys_devmem_create(CAP_ROOT_DEVMEM, PCI_MEM_BASE, PCI_MEM_SIZE);
	add_line(t, "pci10", 10, caps, &n);
	add_line(t, "pci11", 11, caps, &n);
	for (uint32_t i = 0; i < n; i++)
		CHECK("devmgr test", "a capability for devmgr", caps[i] > 0, 1);
	CHECK("devmgr test", "pci ports without ADMIN", cap_restrict(caps[4], ALL_BUT_ADMIN), ERR_OK);
	CHECK("devmgr test", "devmgr started",
	      sys_unit_start_budget(CAP_ROOT_MODULE(MOD_DEVMGR), PRIO_DEVMGR, PRIO_DEVMGR, caps, n,
				    0) > 0,
	      1);
}

/* Starts a driver with READ|ADMIN on the device manager as `badge`; waits for its status. */
static int32_t run_driver(cap_t ep, uint32_t module, const char *name, uint64_t badge)
{
	cap_t caps[3], page, done = sys_notify_create();
	struct keel_startup *t = table((uint32_t)badge, name, &page);
	struct keel_unit_info info;
	uint32_t bits;
	int32_t unit;

	keel_startup_add(t, KEEL_STARTUP_CLIENT, DM, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN,
			 0, 0);
	caps[0] = budget();
	caps[1] = cap_derive(page, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	caps[2] = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN | CAP_RIGHT_GRANT,
			     badge);
	unit = sys_unit_start_budget(CAP_ROOT_MODULE(module), PRIO_DRIVER, PRIO_DRIVER, caps, 3, 0);
	if (unit < 0 || sys_unit_watch(unit, done, 1) != ERR_OK ||
	    sys_notify_wait(done, &bits, 20000000) != ERR_OK || sys_unit_info(unit, &info) != ERR_OK)
		return -1;
	return info.state == UNIT_EXITED ? info.status : -1;
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create();

	(void)arg;
	start_devmgr(ep);
	CHECK("devmgr test", "e1000probe", run_driver(ep, MOD_PROBE, "e1000probe", 1), 0);
	CHECK("devmgr test", "intruder", run_driver(ep, MOD_INTRUDER, "intruder", 2), 0);
	uprintf("devmgr test: %d failed\n", check_failed);
	return check_failed;
}
