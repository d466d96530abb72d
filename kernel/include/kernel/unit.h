/*
 * Units: the protection domain (a process). A unit owns an address space, what the loader
 * mapped into it, a capability table and its threads; units come from a pool (<kernel/pool.h>)
 * and ids carry a generation.
 */
#ifndef KERNEL_UNIT_H
#define KERNEL_UNIT_H

#include <kernel/cap.h>
#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/loader.h>
#include <kernel/pool.h>
#include <kernel/types.h>

#define UNIT_MAX 32
#define UNIT_NAME_MAX 32 /* bytes including the terminating NUL */

/*
 * A unit id: the pool id of its slot (<kernel/pool.h>: slot index in bits 0-15, generation
 * 1..0x7fff in bits 16-30). Ids are therefore >= 0x10000 and positive as int32_t, so they never
 * collide with PMM_OWNER_NONE/KERNEL.
 */
typedef uint32_t unit_id_t;
#define UNIT_ID_INVALID POOL_ID_INVALID

struct page_table;
struct memobj;
struct notification;
struct thread;

struct unit {
	struct kobj kobj; /* must stay first: the pool and capabilities name units by it */
	unit_id_t id;	  /* pool id, fixed while allocated; UNIT_ID_INVALID when free */
	char name[UNIT_NAME_MAX];
	struct page_table *aspace; /* owned: destroyed with the unit */
	struct loader_image image; /* what the loader mapped into aspace, for teardown */
	struct cap_table caps;	   /* its capability space */
	uint8_t max_prio;	  /* no thread of the unit may have a higher priority */
	bool debug;		  /* may use SYS_DEBUG_PRINT (test images; passed to units it starts) */
	bool ended;		  /* its last thread died: no new threads, its memory is going */
	struct list_node threads; /* struct thread.unit_link */
	uint32_t thread_count;
	/*
	 * What the unit's own requests are charged to (<kernel/budget.h>; holds a reference):
	 * its threads, the objects it creates, its mappings and page tables. Usually the budget
	 * that paid for the unit itself (kobj.charged); the root task's is its boot budget.
	 */
	struct memobj *budget;
	uint32_t frames; /* frames charged to budget for its page tables and loaded image */
	/* How it ended (UNIT_RUNNING until then) and who learns of it (holds a reference). */
	uint8_t end_state;
	int32_t end_status;
	struct notification *watch;
	uint32_t watch_bits;
	struct thread *tearer; /* the thread tearing it down in steps, which frees its slot */
};

/*
 * Takes a slot for a unit named `name` (truncated to UNIT_NAME_MAX - 1 bytes) owning address
 * space `aspace`, with no threads and an empty loader image, charged to `budget` (NULL: the
 * kernel pays), which also becomes its own budget. O(1). ERR_NOMEM when the pool or the
 * budget is exhausted.
 */
int unit_alloc(const char *name, struct page_table *aspace, struct memobj *budget,
	       struct unit **out);

/*
 * Returns the slot to the pool, the unit's charge to its budget, and invalidates the id; the
 * caller has already released the address space and its frames. ERR_BUSY if the unit still
 * has threads. While a capability names the unit, the slot stays (its end stays readable
 * through SYS_UNIT_INFO) and the last capability's release frees it (unit_release_ref).
 */
int unit_free(struct unit *u);
/* The last capability to a unit went: frees it if it has gone (else its teardown will). */
void unit_release_ref(struct kobj *obj);

/*
 * Makes n (may be NULL) the notification signalled with `bits` when u ends, holding a
 * reference, replacing any earlier one; signals it at once if u has ended already.
 */
void unit_set_watch(struct unit *u, struct notification *n, uint32_t bits);

/* Makes `budget` (may be NULL) what u's requests are charged to, holding a reference. */
void unit_set_budget(struct unit *u, struct memobj *budget);

#endif /* KERNEL_UNIT_H */
