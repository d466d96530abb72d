/*
 * PCI enumeration for the device manager, through configuration-space accessors so host
 * tests can feed a fake bus: walks bus 0 and every PCI-to-PCI bridge's secondary bus, reads
 * each function's ids, class, interrupt line and BARs (sizing each by the all-ones probe and
 * restoring it).
 */
#ifndef KEEL_DEVMGR_PCI_H
#define KEEL_DEVMGR_PCI_H

#include <stdint.h>

#include "idl/devmgr_types.h"

struct pci_access {
	uint32_t (*read)(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg);
	void (*write)(void *ctx, uint8_t bus, uint8_t slot, uint8_t fn, uint8_t reg, uint32_t v);
	void *ctx;
};

struct pci_registry {
	struct keel_devmgr_device dev[KEEL_DEVMGR_DEVICES_MAX];
	struct keel_devmgr_summary summary;
};

/* Walks the buses; the registry lists what was found, in bus/slot/function order. */
void pci_enumerate(const struct pci_access *pci, struct pci_registry *reg);

#endif /* KEEL_DEVMGR_PCI_H */
