/*
 * Memory objects: what a memory capability (CAP_TYPE_MEMORY) names. Four flavours, by flags:
 * - a boot module's image (what SYS_UNIT_START may start);
 * - a memory budget: frames and kernel objects it may still pay for (<kernel/budget.h>);
 * - fresh frames allocated from a budget (mappable; their frames go back, and the budget is
 *   credited, when the object's last reference goes: capabilities and mappings both count);
 * - device memory: a fixed physical range (mappable; never freed, charged to no budget).
 */
#ifndef KERNEL_MEMOBJ_H
#define KERNEL_MEMOBJ_H

#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/types.h>
#include <keel/abi.h>

#define MEMOBJ_MAX 256

#define MEMOBJ_BOOT_MODULE (1u << 0) /* the image of boot module `module` */
#define MEMOBJ_BUDGET	   (1u << 1) /* a memory budget */
#define MEMOBJ_FRAMES	   (1u << 2) /* frames from a budget */
#define MEMOBJ_DEVICE	   (1u << 3) /* device memory [base, base + size) */
#define MEMOBJ_FILLING	   (1u << 4) /* MEMOBJ_FRAMES still being allocated: not mappable */
#define MEMOBJ_DYING	   (1u << 5) /* its last reference went: its frames are being freed */
#define MEMOBJ_DEVICE_CONTROL (1u << 6) /* with MEMOBJ_DEVICE: every non-RAM range; not mappable */

/* Frames freed per interrupts-off section; a frames object with more is freed in steps. */
#define MEMOBJ_FREE_BATCH 64u

/* Frame numbers per list frame: a frames object lists its frames in a two-level table. */
#define MEMOBJ_LIST_ENTRIES (PAGE_SIZE / sizeof(phys_addr_t))

struct memobj {
	struct kobj kobj;      /* first: the pool and capabilities name it by this */
	phys_addr_t base;      /* boot module and device memory: first byte */
	uint32_t size;	       /* boot module and device memory: bytes */
	uint32_t flags;	       /* MEMOBJ_* */
	uint32_t module;       /* boot module index, with MEMOBJ_BOOT_MODULE */
	uint32_t budget_free;  /* budgets: frames it may still hand out */
	uint32_t pages;	       /* frames and device objects: pages (charged, for frames) */
	uint32_t filled;       /* frames objects: frames allocated so far (pages when complete) */
	/*
	 * frames objects: a direct-mapped frame of up to MEMOBJ_LIST_ENTRIES list frames, each
	 * listing MEMOBJ_LIST_ENTRIES frames. Charged to the budget with the pages.
	 */
	phys_addr_t dir;
	/* budgets: objects of each kind it may still pay for (<kernel/budget.h>) */
	uint32_t budget_objects[CAP_TYPE_COUNT];
	struct list_node dying_link; /* MEMOBJ_DYING: on the list memobj_reclaim works through */
	uint32_t dying_mark;	     /* MEMOBJ_DYING: memobj_dying_mark() once it was queued */
};

/* A memory object for boot module `index` at [base, base + size), or NULL (pool empty). */
struct memobj *memobj_create_module(uint32_t index, phys_addr_t base, uint32_t size);

/* A budget that may hand out `frames` frames (the root task's, at boot), or NULL. */
struct memobj *memobj_create_budget(uint32_t frames);

/* Device memory [base, base + size), page-aligned, or NULL (pool empty or misaligned). */
struct memobj *memobj_create_device(phys_addr_t base, uint32_t size);

/* Control over device memory: all 4 GiB of physical space, carved (not mapped), or NULL. */
struct memobj *memobj_create_device_control(void);

/*
 * A frames object of `pages` pages charged to budget b (the pages, their frame list and one
 * memory object), with none of its frames yet (MEMOBJ_FILLING: memobj_fill allocates them).
 * ERR_NOMEM (nothing charged) if b holds less or the kernel is out of bookkeeping frames;
 * ERR_INVALID for 0 pages or a b that is no budget. refs starts at 0: the caller installs it.
 */
int memobj_create_frames(struct memobj *b, uint32_t pages, struct memobj **out);

/*
 * Allocates, zeroes and records up to `batch` more frames of m. ERR_OK once all are there
 * (MEMOBJ_FILLING cleared), MEMOBJ_FILL_MORE if some are missing, ERR_NOMEM if the PMM ran
 * out (what was allocated stays recorded: releasing m frees it).
 */
#define MEMOBJ_FILL_MORE 1
int memobj_fill(struct memobj *m, uint32_t batch);

/* The frame of page i of a frames or device object (i < m->pages). */
phys_addr_t memobj_frame(const struct memobj *m, uint32_t i);

/*
 * kobj_release's entry for memory objects (their last reference went): a frames object frees
 * its frames and bookkeeping, a child budget returns what it holds to its parent; module
 * images and device memory stay where they are. kobj_release then frees the object and
 * credits the budget that paid for it.
 */
void memobj_release(struct kobj *obj);

/*
 * kobj_release asks this first: a frames object with more than MEMOBJ_FREE_BATCH frames is
 * not destroyed at once but queued (MEMOBJ_DYING), keeping its budget's charge, and true is
 * returned; memobj_reclaim frees it in steps. False for every other memory object.
 */
bool memobj_release_later(struct kobj *obj);

/*
 * Frees up to `batch` frames of the oldest queued object queued after `mark` (a value of
 * memobj_dying_mark(), or MEMOBJ_RECLAIM_ANY); an object whose frames are all free is destroyed and its
 * budget credited. MEMOBJ_RECLAIM_MORE while such an object is queued, else ERR_OK. O(batch
 * + queued objects). A syscall that drops last references (delete, revoke, unmap) frees what
 * it queued itself, with preemption windows between calls, before it returns: its caller sees
 * settled figures, and no lower-priority thread's work falls on another. The idle thread
 * frees what is left over.
 */
#define MEMOBJ_RECLAIM_MORE 1
#define MEMOBJ_RECLAIM_ANY  UINT32_MAX /* a `mark` that takes every queued object */
int memobj_reclaim(uint32_t batch, uint32_t mark);

/*
 * Counts queued objects: take it before an operation, pass it to memobj_reclaim after. Read
 * inline: every delete takes one.
 */
extern uint32_t memobj_dying_count;
static inline uint32_t memobj_dying_mark(void)
{
	return memobj_dying_count;
}

#endif /* KERNEL_MEMOBJ_H */
