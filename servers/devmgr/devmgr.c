/*
 * The device manager: walks PCI configuration space once at start through the ports the
 * manifest gives it (`ioport pci 0xcf8 8`), serves the registry, and hands a device's driver
 * its resources: I/O BARs carved from `ioport pci_io ... admin`, memory BARs carved from
 * `devmem pci_mem ... admin`, and its interrupt line from the `irq` entries it was given.
 * Claims are recorded by the caller's badge (claim.c) and released when the supervisor says
 * the claiming unit ended for good; docs/system.md, "Device manager".
 */
#include <keel/port.h>
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/devmgr_server.h"
#include "idl/supervisor_client.h"
#include "servers/devmgr/claim.h"
#include "servers/devmgr/pci.h"
#include "servers/ended/ended.h"
#include "servers/log/log.h"

#define PCI_ADDRESS 0xcf8u
#define PCI_DATA 0xcfcu
#define INTERFACE "keel.devmgr.DeviceManager"
#define SUPERVISOR "keel.supervisor.Supervisor"

/* An interrupt line the system gave us to hand out: the binding and its notification. */
struct line_grant {
	uint8_t line;
	cap_t irq, notify;
};

static struct pci_registry registry;
static struct claims claims;
static cap_t pci_io = CAP_NULL;  /* ports to hand out, if this system gives any */
static cap_t pci_mem = CAP_NULL; /* the PCI memory window to carve BARs from */
static struct line_grant lines[CLAIM_LINES];
static uint32_t nlines;
static struct keel_supervisor_client sup = {.ep = CAP_NULL, .timeout_us = 1000000};

static uint32_t config_address(uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)(slot & 31u) << 11 |
	       (uint32_t)(fn & 7u) << 8 | (reg & 0xfcu);
}

static uint32_t config_read(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg)
{
	uint32_t v;

	(void)ctx;
	outl(PCI_ADDRESS, config_address(bus, slot, fn, reg));
	v = inl(PCI_DATA);
	return v;
}

static void config_write(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg,
			 uint32_t v)
{
	(void)ctx;
	outl(PCI_ADDRESS, config_address(bus, slot, fn, reg));
	outl(PCI_DATA, v);
}

static int32_t dm_summary(void *ctx, const struct idl_caller *caller,
			  struct keel_devmgr_summary *summary)
{
	(void)ctx;
	(void)caller;
	*summary = registry.summary;
	return ERR_OK;
}

static int32_t dm_device(void *ctx, const struct idl_caller *caller, uint8_t index,
			 struct keel_devmgr_device *dev)
{
	(void)ctx;
	(void)caller;
	if (index >= registry.summary.devices)
		return KEEL_DEVMGR_ERROR_NO_SUCH_DEVICE;
	*dev = registry.dev[index];
	return ERR_OK;
}

static int32_t dm_find(void *ctx, const struct idl_caller *caller, uint16_t vendor,
		       uint16_t device, uint8_t *index)
{
	(void)ctx;
	(void)caller;
	for (uint8_t i = 0; i < registry.summary.devices; i++)
		if (registry.dev[i].vendor == vendor && registry.dev[i].device == device) {
			*index = i;
			return ERR_OK;
		}
	return KEEL_DEVMGR_ERROR_NO_SUCH_DEVICE;
}

/*
 * Leaves a capability to hand out READ, WRITE and GRANT (to move it), never ADMIN. Without
 * GRANT it could not travel (the reply would fail): NOT_GRANTED, and it is released.
 */
static int32_t restrict_rw(cap_t c)
{
	int32_t r = cap_restrict(c, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT), id;

	id = cap_identify(c);
	if (r == ERR_OK && id >= 0 && (id & CAP_RIGHT_GRANT))
		return ERR_OK;
	uprintf("devmgr: cannot hand out a capability: it has no GRANT\n");
	cap_delete(c);
	return r == ERR_OK ? KEEL_DEVMGR_ERROR_NOT_GRANTED : r;
}

/* A device of the registry the caller may claim: ERR_OK, NO_SUCH_DEVICE or CLAIMED. */
static int32_t claimable(uint8_t index, const struct idl_caller *caller)
{
	if (index >= registry.summary.devices)
		return KEEL_DEVMGR_ERROR_NO_SUCH_DEVICE;
	return claim_device_check(&claims, index, caller->badge);
}

/* What a failed carve tells the caller: NOT_GRANTED for a range outside ours, else the error. */
static int32_t refused(const struct idl_caller *caller, uint8_t index, const char *what,
		       uint32_t base, uint32_t size, int32_t r)
{
	const struct keel_devmgr_device *d = &registry.dev[index];

	uprintf("devmgr: unit %u asked for %s 0x%x+0x%x of %02x:%02x.%x: %s\n",
		(unsigned)caller->badge, what, (unsigned)base, (unsigned)size, d->bus, d->slot,
		d->function, keel_strerror(r));
	return r == ERR_INVALID || r == ERR_BAD_CAP || r == ERR_RIGHTS ? KEEL_DEVMGR_ERROR_NOT_GRANTED
									 : r;
}

static int32_t dm_claim_io(void *ctx, const struct idl_caller *caller, uint8_t index, uint8_t bar,
			   cap_t *ports)
{
	const struct keel_devmgr_bar *b;
	int32_t r = claimable(index, caller);

	(void)ctx;
	if (r != ERR_OK)
		return r;
	if (bar >= KEEL_DEVMGR_BARS || registry.dev[index].bars[bar].kind != KEEL_DEVMGR_BAR_KIND_IO)
		return KEEL_DEVMGR_ERROR_NO_SUCH_BAR;
	b = &registry.dev[index].bars[bar];
	r = pci_io == CAP_NULL ? ERR_BAD_CAP : sys_ioport_create(pci_io, b->base, b->size);
	if (r < 0)
		return refused(caller, index, "ports", b->base, b->size, r);
	*ports = r;
	r = restrict_rw(*ports);
	if (r == ERR_OK)
		claims.device[index] = caller->badge;
	return r;
}

static int32_t dm_claim_mem(void *ctx, const struct idl_caller *caller, uint8_t index,
			    uint8_t bar, cap_t *mem)
{
	struct claim_range range;
	uint32_t upper = 0;
	int32_t r = claimable(index, caller);

	(void)ctx;
	if (r != ERR_OK)
		return r;
	if (bar + 1u < KEEL_DEVMGR_BARS &&
	    registry.dev[index].bars[bar].kind == KEEL_DEVMGR_BAR_KIND_MEMORY64)
		upper = config_read(NULL, registry.dev[index].bus, registry.dev[index].slot,
				    registry.dev[index].function, (uint8_t)(0x14u + 4u * bar));
	r = claim_mem_range(&registry, index, bar, upper, &range);
	if (r != ERR_OK)
		return r;
	r = pci_mem == CAP_NULL ? ERR_BAD_CAP : sys_devmem_create(pci_mem, range.base, range.size);
	if (r < 0)
		return refused(caller, index, "memory", range.base, range.size, r);
	*mem = r;
	r = restrict_rw(*mem);
	if (r == ERR_OK)
		claims.device[index] = caller->badge;
	return r;
}

/* The line the system gave us for `line`, or NULL. */
static const struct line_grant *granted_line(uint8_t line)
{
	for (uint32_t i = 0; i < nlines; i++)
		if (lines[i].line == line)
			return &lines[i];
	return NULL;
}

static int32_t dm_claim_irq(void *ctx, const struct idl_caller *caller, uint8_t index,
			    cap_t *irq, cap_t *events)
{
	const struct line_grant *g;
	int32_t r = claimable(index, caller);
	uint8_t line;

	(void)ctx;
	if (r != ERR_OK)
		return r;
	line = registry.dev[index].irq;
	if (line == 0 || line == 2 || line >= CLAIM_LINES)
		return KEEL_DEVMGR_ERROR_NO_IRQ;
	g = granted_line(line);
	if (g == NULL) {
		uprintf("devmgr: unit %u asked for line %u: the system did not give it to the device "
			"manager to hand out\n", (unsigned)caller->badge, line);
		return KEEL_DEVMGR_ERROR_NOT_GRANTED;
	}
	r = claim_line_check(&claims, line, caller->badge);
	if (r != ERR_OK)
		return r;
	*irq = cap_derive(g->irq, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	*events = cap_derive(g->notify, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	if (*irq < 0 || *events < 0) { /* ERR_RIGHTS: our capabilities have no GRANT */
		r = *irq < 0 ? *irq : *events;
		cap_delete(*irq);
		cap_delete(*events);
		return refused(caller, index, "line", line, 1, r);
	}
	claims.device[index] = caller->badge;
	claims.line[line] = caller->badge;
	return ERR_OK;
}
static const struct keel_devmgr_device_manager_handlers handlers = {
    .summary = dm_summary,
    .device = dm_device,
    .find = dm_find,
    .claim_io = dm_claim_io,
    .claim_mem = dm_claim_mem,
    .claim_irq = dm_claim_irq,
};

/* Collects the interrupt lines of the startup table (IRQ with its IRQ_NOTIFY of one name). */
static void find_lines(void)
{
	const struct keel_startup *t = keel_startup();

	for (uint32_t i = 0; t != NULL && i < t->count && nlines < CLAIM_LINES; i++) {
		const struct keel_startup_entry *e = &t->entries[i], *n;

		if (e->kind != KEEL_STARTUP_IRQ)
			continue;
		n = keel_startup_find(t, KEEL_STARTUP_IRQ_NOTIFY, e->name);
		if (n == NULL || e->arg0 >= CLAIM_LINES) {
			uprintf("devmgr: irq %s (line %u) has no notification or no such line\n",
				e->name, (unsigned)e->arg0);
			continue;
		}
		lines[nlines++] = (struct line_grant){(uint8_t)e->arg0, e->cap, n->cap};
	}
}

/*
 * Unit `unit` ended: if the supervisor has it stopped or given up (not coming back), its
 * claims go. A restarting driver keeps them: its next instance claims again by the same badge.
 */
static void unit_ended(uint8_t unit, uint8_t how)
{
	struct keel_supervisor_unit_status st;
	int32_t r = unit == 0 ? ERR_INVALID : keel_supervisor_status(&sup, (uint8_t)(unit - 1), &st);
	unsigned n;

	(void)how;
	if (r != ERR_OK) {
		uprintf("devmgr: unit %u ended; its state is unknown (%s): its claims stay\n",
			(unsigned)unit, keel_strerror(r));
		return;
	}
	if (st.state != KEEL_SUPERVISOR_UNIT_STATE_STOPPED &&
	    st.state != KEEL_SUPERVISOR_UNIT_STATE_GAVE_UP)
		return;
	n = claim_release(&claims, unit);
	if (n > 0)
		uprintf("devmgr: unit %u (%.*s) ended for good: %u claims released\n",
			(unsigned)unit, st.name.len, st.name.data, n);
}

/* With a supervisor capability, claims are released when their units end for good. */
static void watch_ends(void)
{
	sup.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, SUPERVISOR);
	if (sup.ep == CAP_NULL)
		uprintf("devmgr: no %s capability: claims stay after their drivers end\n", SUPERVISOR);
	else if (!keel_ended_start(keel_startup_cap(KEEL_STARTUP_SELF, INTERFACE),
				   KEEL_DEVMGR_DEVICE_MANAGER_IFACE_ID, "devmgr"))
		uprintf("devmgr: claims stay after their drivers end\n");
}

int main(uintptr_t arg)
{
	static const struct pci_access pci = {.read = config_read, .write = config_write};
	cap_t ep = keel_startup_cap(KEEL_STARTUP_SERVE, INTERFACE);
	cap_t config = keel_startup_cap(KEEL_STARTUP_IOPORT, "pci");
	struct keel_devmgr_device_manager_server srv;
	int32_t r;

	(void)arg;
	keel_log_start(); /* the log goes to the serial server, if the manifest gives one */
	pci_io = keel_startup_cap(KEEL_STARTUP_IOPORT, "pci_io");
	pci_mem = keel_startup_cap(KEEL_STARTUP_DEVMEM, "pci_mem");
	find_lines();
	if (ep == CAP_NULL || config == CAP_NULL) {
		uprintf("devmgr: the startup table lacks %s\n",
			ep == CAP_NULL ? "its endpoint" : "the 'pci' configuration ports");
		return 1;
	}
	r = sys_ioport_enable(config);
	if (r != ERR_OK) {
		uprintf("devmgr: cannot use the PCI configuration ports: %s\n", keel_strerror(r));
		return 1;
	}
	pci_enumerate(&pci, &registry);
	uprintf("devmgr: %u PCI functions on %u buses%s\n", registry.summary.devices,
		registry.summary.buses, registry.summary.unlisted ? " (some unlisted)" : "");
	keel_devmgr_device_manager_server_init(&srv, ep, &handlers, NULL);
	watch_ends();
	r = keel_ended_serve(ep, keel_devmgr_device_manager_dispatch_untyped, &srv, unit_ended);
	uprintf("devmgr: receive failed: %s\n", keel_strerror(r));
	return 1;
}
