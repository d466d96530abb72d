/*
 * The device manager's claims, pure and host-tested: who owns which device and which
 * interrupt line (by the claiming capability's badge, the caller's unit), and the page range
 * a memory BAR is handed out as.
 */
#ifndef KEEL_DEVMGR_CLAIM_H
#define KEEL_DEVMGR_CLAIM_H

#include <stdint.h>

#include "servers/devmgr/pci.h"

#define CLAIM_LINES 16u /* the PIC's lines */

struct claims {
	uint64_t device[KEEL_DEVMGR_DEVICES_MAX]; /* owner's badge per device, 0: unclaimed */
	uint64_t line[CLAIM_LINES];               /* owner's badge per interrupt line */
};

/* Page-rounded physical range of a memory BAR. */
struct claim_range {
	uint32_t base, size;
};

/* ERR_OK if `badge` may claim device `index` (nobody, or it, claimed it), else CLAIMED. */
int32_t claim_device_check(const struct claims *c, uint8_t index, uint64_t badge);
/* ERR_OK if `badge` may claim interrupt line `line` (< CLAIM_LINES), else CLAIMED. */
int32_t claim_line_check(const struct claims *c, uint8_t line, uint64_t badge);

/*
 * Forgets every claim of `badge` (a driver that ended for good: stopped, or over its restart
 * limit): its devices and lines may be claimed by others. The number of devices and lines
 * released.
 */
unsigned claim_release(struct claims *c, uint64_t badge);

/*
 * The pages of memory BAR `bar` of device `index` into *out: ERR_OK, NO_SUCH_BAR when it is no
 * memory BAR, NOT_GRANTED when it is unassigned (base 0) or reaches past 4 GiB (`upper` is the
 * upper half of a 64-bit BAR, not 0: above 4 GiB), SHARED_PAGE when another device's memory BAR
 * lies in one of those pages.
 */
int32_t claim_mem_range(const struct pci_registry *reg, uint8_t index, uint8_t bar,
			uint32_t upper, struct claim_range *out);

#endif /* KEEL_DEVMGR_CLAIM_H */
