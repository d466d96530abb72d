/* The device manager's claims (claim.h). */
#include "servers/devmgr/claim.h"

#include <keel/abi.h>

#define PAGE 0x1000ull

int32_t claim_device_check(const struct claims *c, uint8_t index, uint64_t badge)
{
	uint64_t owner = c->device[index];

	return owner == 0 || owner == badge ? ERR_OK : KEEL_DEVMGR_ERROR_CLAIMED;
}

int32_t claim_line_check(const struct claims *c, uint8_t line, uint64_t badge)
{
	uint64_t owner = c->line[line];

	return owner == 0 || owner == badge ? ERR_OK : KEEL_DEVMGR_ERROR_CLAIMED;
}

unsigned claim_release(struct claims *c, uint64_t badge)
{
	unsigned n = 0;

	for (unsigned i = 0; badge != 0 && i < KEEL_DEVMGR_DEVICES_MAX; i++)
		if (c->device[i] == badge) {
			c->device[i] = 0;
			n++;
		}
	for (unsigned i = 0; badge != 0 && i < CLAIM_LINES; i++)
		if (c->line[i] == badge) {
			c->line[i] = 0;
			n++;
		}
	return n;
}

static int is_memory(const struct keel_devmgr_bar *b)
{
	return b->kind == KEEL_DEVMGR_BAR_KIND_MEMORY || b->kind == KEEL_DEVMGR_BAR_KIND_MEMORY64;
}

/* Whether a memory BAR other than (index, bar) lies partly in [start, end). */
static int others_in(const struct pci_registry *reg, uint8_t index, uint8_t bar, uint64_t start,
		     uint64_t end)
{
	for (uint8_t d = 0; d < reg->summary.devices; d++)
		for (uint8_t i = 0; i < KEEL_DEVMGR_BARS; i++) {
			const struct keel_devmgr_bar *b = &reg->dev[d].bars[i];

			if ((d == index && i == bar) || !is_memory(b) || b->size == 0)
				continue;
			if (b->base < end && (uint64_t)b->base + b->size > start)
				return 1;
		}
	return 0;
}

int32_t claim_mem_range(const struct pci_registry *reg, uint8_t index, uint8_t bar,
			uint32_t upper, struct claim_range *out)
{
	const struct keel_devmgr_bar *b;
	uint64_t start, end;

	if (bar >= KEEL_DEVMGR_BARS)
		return KEEL_DEVMGR_ERROR_NO_SUCH_BAR;
	b = &reg->dev[index].bars[bar];
	if (!is_memory(b) || b->size == 0)
		return KEEL_DEVMGR_ERROR_NO_SUCH_BAR;
	end = (uint64_t)b->base + b->size;
	if (b->base == 0 || upper != 0 || end > 0x100000000ull)
		return KEEL_DEVMGR_ERROR_NOT_GRANTED;
	start = b->base & ~(PAGE - 1);
	end = (end + PAGE - 1) & ~(PAGE - 1);
	if ((start != b->base || end != (uint64_t)b->base + b->size) &&
	    others_in(reg, index, bar, start, end))
		return KEEL_DEVMGR_ERROR_SHARED_PAGE;
	out->base = (uint32_t)start;
	out->size = (uint32_t)(end - start);
	return ERR_OK;
}
