/*
 * Root task of the serial server's QEMU test: builds by hand what init builds from the
 * manifest for `unit serial` (docs/system.md): an endpoint it keeps, the I/O ports of COM1, a
 * notification bound to IRQ 4, a budget and the startup table; starts the server with them,
 * then the test app as a client (READ|WRITE, badge 2) with a WRITE-only capability (badge 3)
 * and one of another client (READ|WRITE, badge 4), and waits for the app's report.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include <tests/check.h>

/* Module indexes: the order of `modules` in //servers/serial:serial_test_image. */
#define MODULE_SERVER 1
#define MODULE_APP    2
#define COM1_BASE     0x3f8
#define COM1_PORTS    8
#define COM1_IRQ      4
#define IRQ_BIT	      1u
#define SERVER_PRIO   100
#define APP_PRIO      50
#define TABLE_ADDR    ((void *)0xA0000000u)
#define NAME	      "keel.serial.Serial"
#define GRANTED(r)    ((r) | CAP_RIGHT_GRANT)

static struct keel_budget server_budget(void)
{
	struct keel_budget w = {.frames = 64};

	w.objects[CAP_TYPE_UNIT] = 1;
	w.objects[CAP_TYPE_THREAD] = 4;
	w.objects[CAP_TYPE_CHANNEL] = 2;
	w.objects[CAP_TYPE_MEMORY] = 4;
	w.objects[CAP_TYPE_NOTIFICATION] = 2;
	w.objects[BUDGET_MAPPINGS] = 8;
	return w;
}

/* The startup table's page, filled; returns a read-only capability to it. */
static cap_t startup_table(void)
{
	cap_t page = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	struct keel_startup *t = TABLE_ADDR;
	bool ok;

	CHECK("init", "table page",
	       page > 0 && sys_mem_map(page, t, MEM_MAP_READ | MEM_MAP_WRITE) == ERR_OK, 1);
	ok =
	    keel_startup_init(t, "serial", 0) &&
	    keel_startup_add(t, KEEL_STARTUP_SERVE, NAME, CAP_RIGHT_READ, 0, 0) &&
	    keel_startup_add(t, KEEL_STARTUP_SELF, NAME, CAP_RIGHT_WRITE, 0, 0) &&
	    keel_startup_add(t, KEEL_STARTUP_IOPORT, "com1", CAP_RIGHT_READ | CAP_RIGHT_WRITE,
			     COM1_BASE, COM1_PORTS) &&
	    keel_startup_add(t, KEEL_STARTUP_IRQ, "com1", CAP_RIGHT_WRITE, COM1_IRQ, 0) &&
	    keel_startup_add(t, KEEL_STARTUP_IRQ_NOTIFY, "com1", CAP_RIGHT_READ, COM1_IRQ, IRQ_BIT);
	CHECK("init", "table filled", ok, 1);
	return cap_derive(page, GRANTED(CAP_RIGHT_READ), 0);
}

/* Starts the server on endpoint ep; returns its unit capability or ERR_*. */
static int32_t start_server(cap_t ep)
{
	struct keel_budget want = server_budget();
	cap_t n = sys_notify_create(), caps[7];

	caps[0] = sys_budget_create(CAP_ROOT_BUDGET, &want);
	caps[1] = startup_table();
	caps[2] = cap_derive(ep, GRANTED(CAP_RIGHT_READ), 0);
	caps[3] = cap_derive(ep, GRANTED(CAP_RIGHT_WRITE), KEEL_BADGE_SELF);
	caps[4] = sys_ioport_create(CAP_ROOT_IOPORT, COM1_BASE, COM1_PORTS);
	caps[5] = sys_irq_bind(CAP_ROOT_IRQ, COM1_IRQ, n, IRQ_BIT);
	caps[6] = cap_derive(n, GRANTED(CAP_RIGHT_READ), 0);
	for (unsigned i = 0; i < 7; i++)
		CHECK("init", "server capability", caps[i] > 0, 1);
	cap_delete(n);
	return sys_unit_start_budget(CAP_ROOT_MODULE(MODULE_SERVER), SERVER_PRIO, SERVER_PRIO, caps,
				     7, 0);
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), done = sys_channel_create(1);
	cap_t app[4];
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r;

	(void)arg;
	CHECK("init", "server started", start_server(ep) > 0, 1);
	app[0] = cap_derive(ep, GRANTED(CAP_RIGHT_READ | CAP_RIGHT_WRITE), 2);
	app[1] = cap_derive(ep, GRANTED(CAP_RIGHT_WRITE), 3);
	app[2] = cap_derive(ep, GRANTED(CAP_RIGHT_READ | CAP_RIGHT_WRITE), 4);
	app[3] = cap_derive(done, GRANTED(CAP_RIGHT_WRITE), 0);
	CHECK("init", "app started",
	       sys_unit_start(CAP_ROOT_MODULE(MODULE_APP), APP_PRIO, APP_PRIO, app, 4, 0) > 0, 1);
	r = ipc_recv(done, &m, &info, IPC_WAIT_FOREVER);
	uprintf("serial test: app reported %d, %u failed; init %d failed\n", (int)r,
		(unsigned)m.data[0], check_failed);
	return r == ERR_OK && m.data[0] == 0 && check_failed == 0 ? 0 : 1;
}
