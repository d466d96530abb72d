/*
 * The device manager: walks PCI configuration space once at start through the ports the
 * manifest gives it (`ioport pci 0xcf8 8`), serves the registry, and carves a device's I/O
 * BAR out of the ports it was given to hand out (`ioport pci_io ...`, with ADMIN) for the
 * device's driver.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/devmgr_server.h"
#include "servers/devmgr/pci.h"
#include "servers/log/log.h"

#define PCI_ADDRESS 0xcf8u
#define PCI_DATA 0xcfcu

static struct pci_registry registry;
static cap_t pci_io = CAP_NULL; /* ports to hand out, if this system gives any */

static uint32_t config_address(uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)(slot & 31u) << 11 |
	       (uint32_t)(fn & 7u) << 8 | (reg & 0xfcu);
}

static uint32_t config_read(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg)
{
	uint32_t v;

	(void)ctx;
	__asm__ volatile("outl %0, %1" : : "a"(config_address(bus, slot, fn, reg)), "Nd"(PCI_ADDRESS));
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(PCI_DATA));
	return v;
}

static void config_write(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg,
			 uint32_t v)
{
	(void)ctx;
	__asm__ volatile("outl %0, %1" : : "a"(config_address(bus, slot, fn, reg)), "Nd"(PCI_ADDRESS));
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(PCI_DATA));
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

static int32_t dm_claim_io(void *ctx, const struct idl_caller *caller, uint8_t index, uint8_t bar,
			   cap_t *ports)
{
	const struct keel_devmgr_bar *b;
	int32_t r;

	(void)ctx;
	if (index >= registry.summary.devices)
		return KEEL_DEVMGR_ERROR_NO_SUCH_DEVICE;
	if (bar >= KEEL_DEVMGR_BARS || registry.dev[index].bars[bar].kind != KEEL_DEVMGR_BAR_KIND_IO)
		return KEEL_DEVMGR_ERROR_NO_SUCH_BAR;
	b = &registry.dev[index].bars[bar];
	r = pci_io == CAP_NULL ? ERR_BAD_CAP : sys_ioport_create(pci_io, b->base, b->size);
	if (r < 0) {
		uprintf("devmgr: unit %u asked for ports 0x%x+%u of %02x:%02x.%x: %s\n",
			(unsigned)caller->badge, (unsigned)b->base, (unsigned)b->size,
			registry.dev[index].bus, registry.dev[index].slot,
			registry.dev[index].function, keel_strerror(r));
		return KEEL_DEVMGR_ERROR_NOT_GRANTED;
	}
	*ports = r;
	return ERR_OK;
}

static const struct keel_devmgr_device_manager_handlers handlers = {
    .summary = dm_summary,
    .device = dm_device,
    .find = dm_find,
    .claim_io = dm_claim_io,
};

int main(uintptr_t arg)
{
	static const struct pci_access pci = {.read = config_read, .write = config_write};
	cap_t ep = keel_startup_cap(KEEL_STARTUP_SERVE, "keel.devmgr.DeviceManager");
	cap_t config = keel_startup_cap(KEEL_STARTUP_IOPORT, "pci");
	struct keel_devmgr_device_manager_server srv;
	int32_t r;

	(void)arg;
	keel_log_start(); /* the log goes to the serial server, if the manifest gives one */
	pci_io = keel_startup_cap(KEEL_STARTUP_IOPORT, "pci_io");
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
	return keel_devmgr_device_manager_serve(&srv);
}
