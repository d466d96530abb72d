/*
 * The object pool: every kernel object type (thread, unit, and the objects capabilities will
 * name) takes its objects from one of these. A pool is a fixed array of equally sized objects,
 * each beginning with its struct kobj (<kernel/kobj.h>), an O(1) FIFO free list and
 * generation-stamped ids. Nothing is allocated at run time: POOL_DEFINE reserves the storage.
 *
 * Locking: none inside; callers run with interrupts disabled (one CPU) as the kernel does today.
 */
#ifndef KERNEL_POOL_H
#define KERNEL_POOL_H

#include <kernel/kobj.h>
#include <kernel/types.h>

/*
 * An object id: slot index in bits 0-15, the slot's generation (kobj.gen, 1..POOL_GEN_MAX) in
 * bits 16-30. So ids are >= 0x10000, positive as int32_t (syscalls return them) and never 0.
 * A slot reused POOL_GEN_MAX times repeats an id.
 */
#define POOL_INDEX_MASK 0xffffu
#define POOL_GEN_SHIFT	16
#define POOL_GEN_MAX	0x7fffu
#define POOL_ID_INVALID 0u
#define POOL_NO_SLOT	0xffffu /* ends the free list; so a pool has fewer slots than this */

struct pool {
	const char *name;     /* the object type, for panics */
	uint8_t type;	      /* CAP_TYPE_* stamped into kobj.type of every allocated object */
	uint8_t kobj_flags;   /* KOBJ_* stamped into kobj.flags likewise */
	size_t obj_size;      /* bytes per slot: sizeof the object type */
	uint32_t capacity;    /* number of slots */
	unsigned char *slots; /* capacity objects of obj_size bytes each */
	/*
	 * Free list, FIFO so a freed slot (and its next id) is reused as late as possible:
	 * next_free[i] is the free slot after slot i, POOL_NO_SLOT after free_tail. A slot is on it
	 * iff its kobj.type is CAP_TYPE_NONE; free_count is its length.
	 */
	uint16_t *next_free;
	uint16_t free_head;
	uint16_t free_tail;
	uint32_t free_count;
};

/*
 * Defines `struct pool var` with storage for `count` objects of `obj_type`, which must begin
 * with a struct kobj member named `kobj`; each one allocated gets kobj.flags `obj_flags`
 * (KOBJ_COUNTED or 0). pool_init(&var) before first use: the kernel's pools are declared below
 * and emptied at boot by init.c's table.
 */
#define POOL_DEFINE(var, obj_type, count, cap_type, obj_flags)                                     \
	_Static_assert(offsetof(obj_type, kobj) == 0, #obj_type " must begin with its kobj");      \
	_Static_assert((count) > 0 && (count) < POOL_NO_SLOT, "slot index must fit an id");        \
	static obj_type var##_objects[count];                                                      \
	static uint16_t var##_next_free[count];                                                    \
	struct pool var = {                                                                        \
	    .name = #obj_type,                                                                     \
	    .type = (cap_type),                                                                    \
	    .kobj_flags = (obj_flags),                                                             \
	    .obj_size = sizeof(obj_type),                                                          \
	    .capacity = (count),                                                                   \
	    .slots = (unsigned char *)var##_objects,                                               \
	    .next_free = var##_next_free,                                                          \
	}

/* The kernel's pools, one per object type: defined with their type, emptied by init.c at boot. */
extern struct pool thread_pool, unit_pool, endpoint_pool, memobj_pool, ioport_pool, irq_line_pool,
    channel_pool, notification_pool;

/* Empties the pool: every slot zeroed and free (generation 0), in index order. Boot and tests. */
void pool_init(struct pool *p);

/*
 * Takes the oldest free slot: the object is zeroed, then its kobj gets the pool's type and
 * kobj flags and the slot's next generation. Returns the object (its kobj first), or NULL when the pool is
 * exhausted. O(obj_size) for the zeroing, O(1) otherwise.
 */
void *pool_alloc(struct pool *p);

/*
 * Returns an allocated object of p to the free list (the tail). Its id goes stale at once:
 * pool_lookup checks the type, and the next allocation of the slot bumps the generation.
 * Panics on an object not of p, or already free, or counted and still referenced.
 */
void pool_free(struct pool *p, void *obj);

/* The allocated object with id `id`, or NULL for stale, free, out-of-range or malformed ids. */
void *pool_lookup(const struct pool *p, uint32_t id);

/* The id of allocated object `obj` of p (panics on a free slot or a foreign pointer). */
uint32_t pool_id(const struct pool *p, const void *obj);

/* The slot index of `obj` in p, 0..capacity-1: keys per-slot side storage (kernel stacks). */
uint32_t pool_index(const struct pool *p, const void *obj);

/*
 * Free slots of the pool of objects of `type` (CAP_TYPE_*): the one pool_init last saw for
 * it; 0 if none. Budgets share out every pool's slots by these counts.
 */
uint32_t pool_free_of_type(uint8_t type);

#endif /* KERNEL_POOL_H */
