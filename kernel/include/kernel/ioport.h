/*
 * I/O-port objects: a range of x86-style port numbers [base, base + count) that a
 * CAP_TYPE_IOPORT capability names. A unit that enables one may use in/out on those ports from
 * user mode (the arch keeps a per-unit permission map: arch_io_grant); the grant lasts until
 * the object is destroyed (its last capability deleted or revoked) or the unit ends.
 */
#ifndef KERNEL_IOPORT_H
#define KERNEL_IOPORT_H

#include <kernel/kobj.h>
#include <kernel/types.h>

#define IOPORT_MAX 64 /* port objects in the system */
#define IOPORT_ENABLERS_MAX 4 /* units that may enable one object */

struct unit;

struct ioport {
	struct kobj kobj; /* first: the pool and capabilities name it by this */
	uint32_t base;	  /* first port */
	uint32_t count;	  /* ports, >= 1; base + count <= IOPORT_SPACE */
	/*
	 * Units that enabled it, to withdraw the ports from when it is destroyed. A unit slot is
	 * never freed memory, so a pointer stays valid; the id tells whether it is still the unit
	 * that enabled (a reused slot has a new id). NULL entries are free.
	 */
	struct unit *enablers[IOPORT_ENABLERS_MAX];
	uint32_t enabler_ids[IOPORT_ENABLERS_MAX];
};

/*
 * A new port object over [base, base + count), or NULL (pool empty). The caller has checked
 * the range: count >= 1 and base + count <= IOPORT_SPACE.
 */
struct ioport *ioport_create(uint32_t base, uint32_t count);

/* Whether [base, base + count) is a non-empty range inside p's. Overflow-safe. */
bool ioport_contains(const struct ioport *p, uint32_t base, uint32_t count);

/*
 * Lets unit u use p's ports (arch_io_grant) and records u, so destroying p withdraws them.
 * Enabling again from the same unit is a no-op success. ERR_BUSY when IOPORT_ENABLERS_MAX
 * other live units already enabled p; ERR_NOMEM when the arch has no room for u's port map.
 */
int ioport_enable(struct ioport *p, struct unit *u);

/*
 * kobj_release's entry for port objects: withdraws the ports from every live unit that
 * enabled it (even ports another of that unit's objects also covers: enable that again);
 * kobj_release then frees the object.
 */
void ioport_release(struct kobj *obj);

#endif /* KERNEL_IOPORT_H */
