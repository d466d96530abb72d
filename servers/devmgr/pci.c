/* PCI enumeration (pci.h). */
#include "servers/devmgr/pci.h"

#include <keel/ulib.h>

#define REG_ID 0x00
#define REG_CLASS 0x08
#define REG_HEADER 0x0c
#define REG_BAR0 0x10
#define REG_BUSES 0x18 /* bridges: primary, secondary, subordinate bus */
#define REG_IRQ 0x3c
#define HEADER_MULTI 0x80u
#define HEADER_TYPE(v) (((v) >> 16) & 0x7fu)
#define BAR_IO 0x1u
#define BAR_MEM_TYPE(v) (((v) >> 1) & 0x3u)
#define BAR_PREFETCH 0x8u
#define BUSES_MAX 32u

struct walk {
	const struct pci_access *pci;
	struct pci_registry *reg;
	uint8_t queue[BUSES_MAX]; /* buses to walk, in discovery order */
	uint32_t queued;
};

/* Sizes BAR b of a function by the all-ones probe and restores it; returns how many BAR
 * registers it took (2 for a 64-bit memory BAR). */
static uint32_t read_bar(const struct pci_access *pci, struct keel_devmgr_device *d, uint32_t b)
{
	uint8_t r = (uint8_t)(REG_BAR0 + 4 * b);
	uint32_t v = pci->read(pci->ctx, d->bus, d->slot, d->function, r), probe;
	struct keel_devmgr_bar *bar = &d->bars[b];

	pci->write(pci->ctx, d->bus, d->slot, d->function, r, 0xffffffffu);
	probe = pci->read(pci->ctx, d->bus, d->slot, d->function, r);
	pci->write(pci->ctx, d->bus, d->slot, d->function, r, v);
	if (probe == 0 || probe == 0xffffffffu)
		return 1; /* not implemented */
	if (v & BAR_IO) {
		bar->kind = KEEL_DEVMGR_BAR_KIND_IO;
		bar->base = v & ~0x3u;
		bar->size = (~(probe & ~0x3u) + 1) & 0xffffu;
		return 1;
	}
	bar->kind = BAR_MEM_TYPE(v) == 2 ? KEEL_DEVMGR_BAR_KIND_MEMORY64 : KEEL_DEVMGR_BAR_KIND_MEMORY;
	bar->prefetchable = (v & BAR_PREFETCH) != 0;
	bar->base = v & ~0xfu;
	bar->size = ~(probe & ~0xfu) + 1;
	return bar->kind == KEEL_DEVMGR_BAR_KIND_MEMORY64 ? 2 : 1;
}

static void add_function(struct walk *w, uint8_t bus, uint8_t slot, uint8_t fn, uint32_t id)
{
	const struct pci_access *pci = w->pci;
	uint32_t class = pci->read(pci->ctx, bus, slot, fn, REG_CLASS);
	uint32_t header = HEADER_TYPE(pci->read(pci->ctx, bus, slot, fn, REG_HEADER));
	struct keel_devmgr_summary *s = &w->reg->summary;
	struct keel_devmgr_device *d;

	if (header == 1 && w->queued < BUSES_MAX) { /* a PCI-to-PCI bridge: walk its bus too */
		uint8_t secondary = (uint8_t)(pci->read(pci->ctx, bus, slot, fn, REG_BUSES) >> 8);

		bool seen = secondary == 0;

		for (uint32_t i = 0; i < w->queued && !seen; i++)
			seen = w->queue[i] == secondary;
		if (!seen) /* a bus named twice (a loop in bad firmware) is walked once */
			w->queue[w->queued++] = secondary;
	}
	if (s->devices == KEEL_DEVMGR_DEVICES_MAX) {
		s->unlisted = (uint8_t)(s->unlisted < 255 ? s->unlisted + 1 : 255);
		return;
	}
	d = &w->reg->dev[s->devices++];
	memset(d, 0, sizeof(*d));
	d->bus = bus;
	d->slot = slot;
	d->function = fn;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	d->class = (uint8_t)(class >> 24);
	d->subclass = (uint8_t)(class >> 16);
	d->prog_if = (uint8_t)(class >> 8);
	d->irq = (uint8_t)pci->read(pci->ctx, bus, slot, fn, REG_IRQ);
	for (uint32_t b = 0; header == 0 && b < KEEL_DEVMGR_BARS;)
		b += read_bar(pci, d, b);
}

static void walk_bus(struct walk *w, uint8_t bus)
{
	const struct pci_access *pci = w->pci;

	for (uint8_t slot = 0; slot < 32; slot++) {
		uint32_t id = pci->read(pci->ctx, bus, slot, 0, REG_ID);
		uint8_t fns;

		if ((id & 0xffffu) == 0xffffu)
			continue;
		fns = (pci->read(pci->ctx, bus, slot, 0, REG_HEADER) >> 16) & HEADER_MULTI ? 8 : 1;
		for (uint8_t fn = 0; fn < fns; fn++) {
			if (fn > 0)
				id = pci->read(pci->ctx, bus, slot, fn, REG_ID);
			if ((id & 0xffffu) != 0xffffu)
				add_function(w, bus, slot, fn, id);
		}
	}
}

void pci_enumerate(const struct pci_access *pci, struct pci_registry *reg)
{
	struct walk w = {.pci = pci, .reg = reg, .queued = 1};

	memset(reg, 0, sizeof(*reg));
	w.queue[0] = 0;
	for (uint32_t i = 0; i < w.queued; i++) {
		walk_bus(&w, w.queue[i]);
		reg->summary.buses++;
	}
}
