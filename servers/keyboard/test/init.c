/*
 * Root task of the keyboard test. It builds what init will build from the manifest for the
 * keyboard server: the Keyboard endpoint (init keeps every right), port capabilities for
 * 0x60 and 0x64, IRQ 1 bound to a notification, a budget, and the startup table naming them
 * (a page passed read-only). It starts the server with them, then a client with a READ|WRITE
 * capability to the endpoint, and, once the client has subscribed, the injector with ports of
 * its own. Its exit status is the client's verdict.
 */
#include <keel/startup.h>

#include "test.h"

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

#define INTERFACE   "keel.keyboard.Keyboard"
#define TABLE_ADDR  0xa0000000u
#define IRQ_LINE    1u
#define IRQ_BIT	    1u
#define PS2_DATA    0x60u
#define PS2_CONTROL 0x64u
#define GRANT	    CAP_RIGHT_GRANT
#define RW	    (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

/* A one-port capability without ADMIN. */
static cap_t port(uint32_t base)
{
	cap_t p = sys_ioport_create(CAP_ROOT_IOPORT, base, 1);

	if (p > 0)
		cap_restrict(p, RW | GRANT);
	return p;
}

static cap_t server_budget(void)
{
	struct keel_budget want = {.frames = 96};

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 2;
	want.objects[CAP_TYPE_MEMORY] = 4;
	want.objects[BUDGET_MAPPINGS] = 16;
	return sys_budget_create(CAP_ROOT_BUDGET, &want);
}

/* Fills the startup table; caps[] receives the capabilities in the table's order. */
static bool fill_table(struct keel_startup *t, cap_t ep, cap_t *caps)
{
	cap_t note = sys_notify_create();
	cap_t irq = note > 0 ? sys_irq_bind(CAP_ROOT_IRQ, IRQ_LINE, note, IRQ_BIT) : note;

	if (irq <= 0 || cap_restrict(irq, CAP_RIGHT_WRITE | GRANT) != ERR_OK)
		return false;
	caps[0] = cap_derive(ep, CAP_RIGHT_READ | GRANT, 0);
	caps[1] = cap_derive(ep, CAP_RIGHT_WRITE | GRANT, KEEL_BADGE_SELF);
	caps[2] = port(PS2_DATA);
	caps[3] = port(PS2_CONTROL);
	caps[4] = irq;
	caps[5] = cap_derive(note, CAP_RIGHT_READ | GRANT, 0);
	return keel_startup_init(t, "keyboard", 0) &&
	       keel_startup_add(t, KEEL_STARTUP_SERVE, INTERFACE, CAP_RIGHT_READ, 0, 0) &&
	       keel_startup_add(t, KEEL_STARTUP_SELF, INTERFACE, CAP_RIGHT_WRITE, 0, 0) &&
	       keel_startup_add(t, KEEL_STARTUP_IOPORT, "ps2", RW, PS2_DATA, 1) &&
	       keel_startup_add(t, KEEL_STARTUP_IOPORT, "ps2ctl", RW, PS2_CONTROL, 1) &&
	       keel_startup_add(t, KEEL_STARTUP_IRQ, "ps2", CAP_RIGHT_WRITE, IRQ_LINE, 0) &&
	       keel_startup_add(t, KEEL_STARTUP_IRQ_NOTIFY, "ps2", CAP_RIGHT_READ, IRQ_LINE,
				IRQ_BIT);
}

/* Starts the server as init will: its own budget, the table, then the entries. */
static int32_t start_server(cap_t ep)
{
	cap_t caps[8], page = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	struct keel_startup *t = (struct keel_startup *)TABLE_ADDR;

	if (page <= 0 || sys_mem_map(page, t, MEM_MAP_READ | MEM_MAP_WRITE) != ERR_OK ||
	    !fill_table(t, ep, caps + 2))
		return ERR_INVALID;
	caps[0] = server_budget();
	caps[1] = cap_derive(page, CAP_RIGHT_READ | GRANT, 0);
	for (unsigned i = 0; i < 8; i++)
		if (caps[i] <= 0)
			return caps[i] < 0 ? caps[i] : ERR_INVALID;
	return sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_SERVER), PRIO_SERVER, PRIO_SERVER,
				    UNIT_START_BUDGET | ONE_CPU, caps, 8, 0);
}

/* The client's next report: its kind, or -1. */
static int next_report(cap_t done, uint8_t *failed)
{
	struct ipc_message m;
	struct ipc_recv_info info;

	if (ipc_recv(done, &m, &info, IPC_WAIT_FOREVER) != ERR_OK || m.length != 2)
		return -1;
	*failed = m.data[1];
	return m.data[0];
}

int main(uintptr_t arg)
{
	cap_t ep = sys_endpoint_create(), done = sys_channel_create(2);
	cap_t client[2] = {cap_derive(ep, RW | GRANT, CLIENT_BADGE),
			   cap_derive(done, CAP_RIGHT_WRITE | GRANT, 0)};
	cap_t typist[2] = {port(PS2_DATA), port(PS2_CONTROL)};
	int32_t r = start_server(ep);
	uint8_t failed = 0;

	(void)arg;
	uprintf("keyboard test: server started: %s\n", r > 0 ? "yes" : "FAIL");
	if (r <= 0 || sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_CLIENT), PRIO_CLIENT, PRIO_CLIENT,
					   ONE_CPU, client, 2, 0) <= 0)
		return 1;
	if (next_report(done, &failed) != REPORT_READY ||
	    sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_INJECTOR), PRIO_INJECTOR, PRIO_INJECTOR,
				 ONE_CPU, typist, 2, 0) <= 0) {
		uprintf("keyboard test: client not ready FAIL\n");
		return 1;
	}
	r = next_report(done, &failed);
	uprintf("keyboard test: client reported %d, %u failed\n", (int)r, (unsigned)failed);
	return r == REPORT_DONE && failed == 0 ? 0 : 1;
}
