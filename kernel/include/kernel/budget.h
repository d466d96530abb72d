/*
 * Memory budgets: what a unit may make the kernel keep. A budget is a memory object
 * (MEMOBJ_BUDGET, <kernel/memobj.h>) holding frames and, per kernel object type, a count of
 * objects it may still pay for (objects[CAP_TYPE_*], objects[BUDGET_MAPPINGS] for memory
 * mappings). Object storage is fixed at build time (pools), so those counts partition each
 * pool: the root task's budget starts with every slot left after boot, a child budget takes
 * its share from its parent, and a unit that spends its budget exhausts nobody else's.
 *
 * Every charged thing remembers its budget and gives back exactly what it took when it goes:
 * a kernel object through its struct kobj (charged, charged_frames), a unit's page tables and
 * image frames through the unit, a mapping through its record. An object charge holds a
 * reference on the budget, so a budget outlives everything charged to it; when a child budget
 * finally goes, what it holds returns to its parent.
 */
#ifndef KERNEL_BUDGET_H
#define KERNEL_BUDGET_H

#include <kernel/kobj.h>
#include <kernel/types.h>
#include <keel/abi.h>

struct memobj;

#define BUDGET_FRAMES_ONLY CAP_TYPE_COUNT /* a `kind` that charges frames and no object */

/*
 * Takes `frames` frames and (unless kind is BUDGET_FRAMES_ONLY) one object of kind
 * (CAP_TYPE_* or BUDGET_MAPPINGS) from b; an object charge holds a reference on b. b NULL
 * means the kernel pays: always ERR_OK. ERR_NOMEM, nothing taken, if b holds less. O(1).
 */
int budget_take(struct memobj *b, uint32_t frames, uint32_t kind);

/* Gives back what budget_take(b, frames, kind) took; may release b (its last reference). */
void budget_give(struct memobj *b, uint32_t frames, uint32_t kind);

/*
 * Charges obj, just made and not yet charged, to b: one object of obj's type and `frames`
 * frames, recorded in obj. ERR_NOMEM if b holds less (obj stays uncharged: destroy it).
 */
int budget_adopt(struct memobj *b, struct kobj *obj, uint32_t frames);

/*
 * Gives back what obj was charged. Call after its type destroyed it, with the fields saved
 * before: `charge` is a copy of obj's header.
 */
void budget_release(const struct kobj *charge);

/*
 * A new budget holding want's frames and objects, taken from parent (plus one memory object
 * for the budget itself), with no capability yet (refs 0). ERR_NOMEM if parent holds less or
 * no memory object is left; nothing is taken then.
 */
int budget_create(struct memobj *parent, const struct keel_budget *want, struct memobj **out);

/* Returns what a child budget b, whose last reference went, holds to its parent. */
void budget_return_to_parent(struct memobj *b);

/* What b still holds (system_free_frames 0). */
void budget_read(const struct memobj *b, struct keel_budget *out);

/* Gives the root budget b every pool slot still free and `mappings` mappings (boot, once). */
void budget_fill_root(struct memobj *b, uint32_t mappings);

#endif /* KERNEL_BUDGET_H */
