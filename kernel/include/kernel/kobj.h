/*
 * The common header of every kernel object that a capability can name (endpoint, channel,
 * notification, memory, irq, ioport, unit, thread). It is the first member of each object, so
 * a capability holds a struct kobj * and the type-specific code recovers its object with
 * container_of after cap_lookup checked the type.
 *
 * Lifetime has two styles, chosen per type:
 * - counted (endpoint, channel, notification, memory, irq, ioport): `refs` counts the
 *   capabilities naming the object; when the last one goes, kobj_release() destroys it.
 * - owned (unit, thread): the object lives by its own rules (a thread exits, a unit ends) and
 *   its slot may be reused while capabilities still name it. Every allocation bumps `gen`, a
 *   capability records the generation it was made for, and a mismatch makes it stale.
 */
#ifndef KERNEL_KOBJ_H
#define KERNEL_KOBJ_H

#include <kernel/types.h>

struct memobj;

struct kobj {
	uint8_t type;  /* CAP_TYPE_* (<keel/abi.h>); CAP_TYPE_NONE while the slot is free */
	uint8_t flags; /* KOBJ_* */
	uint16_t gen;  /* generation of the slot, 1..0x7fff; bumped on every allocation */
	uint32_t refs; /* capabilities naming a counted object; unused for owned ones */
	/*
	 * The budget that paid for the object (<kernel/budget.h>), or NULL for the kernel's own
	 * boot objects, and the frames charged with it. Both return when the object goes.
	 */
	struct memobj *charged;
	uint32_t charged_frames;
	uintptr_t alloc_site; /* where it was made: a return address in pool_alloc's caller */
};

#define KOBJ_COUNTED (1u << 0) /* destroyed with its last capability */

/*
 * The capability layer calls these whenever a capability naming obj appears (install, derive,
 * receive) or disappears (delete, revoke, unit death), with that capability's rights; a
 * restrict is a ref with the new rights followed by an unref with the old. For a counted
 * object they keep `refs` and let the type track holders of a right (an endpoint counts its
 * receivers, so callers learn at once when none is left); the last unref destroys it.
 * Owned objects ignore both. Defined by the object layer (kernel/core/kobj.c) or a test fake.
 */
void kobj_ref(struct kobj *obj, uint32_t rights);
void kobj_unref(struct kobj *obj, uint32_t rights);

struct cap;
struct cap_table;

/*
 * The capability layer calls this just before capability c naming counted object obj leaves
 * table t (deleted, revoked, moved or parked, or its unit's table cleared), while c still
 * holds its reference. The type may withdraw what only holders of a capability may keep: a
 * unit left with no capability to a memory object loses its mappings of it. Defined by the
 * object layer or a test fake.
 */
void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c);

/*
 * Destroys a counted object whose last capability went (dispatching on obj->type), then gives
 * its budget back what it was charged.
 */
void kobj_release(struct kobj *obj);
/*
 * What the last capability to a unit's release calls (unit.c registers unit_release_ref:
 * the unit library is built on this one, so it cannot be called directly).
 */
void kobj_on_unit_release(void (*release)(struct kobj *obj));

#endif /* KERNEL_KOBJ_H */
