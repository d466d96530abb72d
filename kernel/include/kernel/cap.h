/*
 * Capability spaces. Each unit owns one struct cap_table: CAP_SLOTS slots, each empty or holding
 * one capability (an object, rights, a badge). User space names a capability by a handle that
 * carries the slot's generation, so a handle kept after its slot was emptied and reused never
 * names the new capability (ERR_BAD_CAP).
 *
 * Derivation. A capability derived from another is its child: the children of a capability
 * form a list whose head is embedded in it, and each child points at its parent, so the
 * derivation tree needs no allocation. Every operation is O(1) except revoke, which is
 * O(descendants) in bounded steps, and a delete or move of a capability with children, which
 * moves each child up or re-points its parent (O(children)):
 * - derive adds a child (rights never wider, a badge set at most once);
 * - delete empties a slot; the capability's children take its place in its parent's list, so
 *   every ancestor can still revoke them (a root's children become roots);
 * - revoke deletes every descendant, wherever it lives (any unit's table, or a channel queue);
 * - moving a capability (IPC transfer) moves the node and keeps its place in the tree.
 * The parent is what SYS_CAP_LIST reports as where a capability was derived from.
 * Rights can only shrink: derive takes a subset, restrict reduces in place, and restrict is
 * refused while the capability has children, so a child never holds a right its parent lacks.
 *
 * Locking: every function runs in the kernel with interrupts disabled (one CPU for now).
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <keel/abi.h>
#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/types.h>

#ifndef CAP_SLOTS
#define CAP_SLOTS 256 /* slots per capability table */
#endif

/* A handle: slot index in bits 0-11, slot generation (1..CAP_GEN_MAX) in bits 12-30. */
#define CAP_INDEX_BITS 12
#define CAP_INDEX_MASK ((1u << CAP_INDEX_BITS) - 1)
#define CAP_GEN_MAX    0x7ffffu

/* Revoke deletes at most this many descendants between two preemption points. */
#define CAP_REVOKE_BATCH 32

/* cap_revoke_some(): descendants remain; call again after a preemption point. */
#define CAP_REVOKE_MORE 1

struct cap_table;

struct cap {
	struct kobj *obj;	   /* NULL: the slot is empty */
	uint32_t rights;	   /* CAP_RIGHT_* */
	uint16_t obj_gen;	   /* obj->gen when made: owned objects go stale when reused */
	uint16_t next_free;	   /* free-list link (slot index) while empty */
	uint64_t badge;		   /* endpoints: chosen by the deriver; 0 = none */
	struct list_node sibling;  /* on the parent's children list; alone for a root */
	struct list_node children; /* capabilities derived from this one */
	struct cap *parent;	   /* the one it is on the children list of; NULL for a root */
	struct cap_table *table;   /* the table holding it; NULL while queued in a channel */
	uint32_t gen;		   /* generation of this slot (handles carry it) */
};

struct cap_table {
	struct cap slots[CAP_SLOTS];
	uint32_t free_count;
	uint16_t free_head; /* CAP_SLOTS when the table is full */
};

/* Empties every slot of t. */
void cap_table_init(struct cap_table *t);

/* Deletes every capability of t (unit death); descendants in other tables survive. */
void cap_table_clear(struct cap_table *t);

/*
 * Puts a new root capability for obj (one reference taken for a counted object) in a free slot
 * of t. ERR_NOMEM when t is full; the object is untouched then.
 */
int cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights, uint64_t badge,
		cap_t *out);

/*
 * cap_install into the free slot `slot` (ERR_BUSY if it is not free): for the fixed handles of
 * a unit's startup layout (CAP_SELF, CAP_ROOT_MODULE). O(CAP_SLOTS).
 */
int cap_install_at(struct cap_table *t, uint32_t slot, struct kobj *obj, uint32_t rights,
		   cap_t *out);

/*
 * The capability named by handle h in t, if it names a live capability of `type` (CAP_TYPE_NONE:
 * any type) holding every right in `rights`. ERR_BAD_CAP for a malformed, empty, stale or
 * wrong-type handle (and for a capability whose owned object ended); ERR_RIGHTS when a right is
 * missing. The one check at the syscall boundary.
 */
int cap_lookup(struct cap_table *t, cap_t h, unsigned type, uint32_t rights, struct cap **out);

/*
 * A child of h in t with `rights` (a subset of h's, else ERR_RIGHTS) and `badge` (0: h's badge;
 * only endpoints take one, and only if h has none: else ERR_INVALID). ERR_NOMEM when t is full.
 */
int cap_derive(struct cap_table *t, cap_t h, uint32_t rights, uint64_t badge, cap_t *out);

/*
 * A child of `parent` (looked up by the caller) naming a different object, obj, with `rights`
 * (a subset of the parent's, else ERR_RIGHTS): a device capability carved out of a control
 * capability (an I/O-port sub-range), so revoking the control capability reaches it.
 * ERR_NOMEM when t is full; obj is untouched then.
 */
int cap_install_child(struct cap_table *t, struct cap *parent, struct kobj *obj,
		      uint32_t rights, cap_t *out);

/* h's rights become rights & h's rights. ERR_BUSY if h has derived children. */
int cap_restrict(struct cap_table *t, cap_t h, uint32_t rights);

/*
 * Empties h's slot; its children move up to its parent (a root's become roots). The last
 * reference destroys a counted object. Works on a capability whose owned object ended.
 */
int cap_delete(struct cap_table *t, cap_t h);

/*
 * Deletes up to CAP_REVOKE_BATCH descendants of h: ERR_OK once none remain, CAP_REVOKE_MORE if
 * some do (the caller opens a preemption point and calls again with the same handle; if h went
 * away meanwhile the next call answers ERR_BAD_CAP).
 */
int cap_revoke_some(struct cap_table *t, cap_t h);

/* Deletes the capability c wherever it is (revoke and queue teardown use it). */
void cap_destroy(struct cap *c);

/* Whether t holds a capability naming obj other than `except`. O(CAP_SLOTS). */
bool cap_table_holds(const struct cap_table *t, const struct kobj *obj, const struct cap *except);

/*
 * Moves the capabilities named by src[0..n) (distinct, each looked up by the caller) from
 * `from` into free slots of `to`, keeping their place in the derivation tree, and stores their
 * new handles in out[]. ERR_NOMEM (nothing moved) if `to` lacks n free slots. With `from`
 * NULL it unparks: src[] are parked nodes (cap_park: each holding one, table NULL), left
 * empty.
 */
int cap_move(struct cap_table *from, struct cap *const src[], unsigned n, struct cap_table *to,
	     cap_t out[]);

/*
 * Moves the capability c (in a table) into the empty node `dst` outside any table (a channel
 * queue's storage: dst->table becomes NULL), keeping its place in the derivation tree and its
 * reference; c's slot is freed. Revoke and cap_destroy still reach the node there. O(1).
 */
void cap_park(struct cap *c, struct cap *dst);

/* The handle of a capability that sits in a table. */
cap_t cap_handle(const struct cap *c);

/* Whether c has derived children (tests and tools). */
bool cap_has_children(const struct cap *c);

#endif /* KERNEL_CAP_H */
