/*
 * Physical memory manager: a database with one 8-byte record per frame below the highest
 * managed frame (up to 4 GiB), and two O(1) LIFO free lists threaded through the records: the
 * direct-mapped frames (kernel use) and the frames above the direct map (user memory only).
 * Builds itself from the boot memory map, which it does not trust.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/pmm.h>

#include "pmm_internal.h"

/* pmm_frame.link values of frames that are not free (free frames hold an index or END). */
#define PMM_LINK_END	   0xFFFFFFFFu /* last frame of the free list */
#define PMM_LINK_ALLOCATED 0xFFFFFFFEu /* handed out by pmm_alloc_frame */
#define PMM_LINK_RESERVED  0xFFFFFFFDu /* managed but withheld (low MiB, kernel, modules...) */
#define PMM_LINK_UNMANAGED 0xFFFFFFFCu /* not available memory: never allocatable */

struct pmm_frame {
	uint32_t owner; /* PMM_OWNER_NONE while free or unmanaged; else who holds the frame */
	uint32_t link;	/* free: index of the next free frame or PMM_LINK_END; else PMM_LINK_* */
};
_Static_assert(sizeof(struct pmm_frame) == 8, "one 8-byte record per frame");

/*
 * A free list. There is one today, guarded by disabling interrupts. For SMP each CPU gets its
 * own pool (a short per-CPU list refilled from and spilled to the global one in batches); the
 * records stay shared, and a frame on a pool's list is touched only by that pool's CPU.
 */
struct pmm_pool {
	uint32_t head; /* first free frame index, PMM_LINK_END when empty */
	uint32_t free_count;
};

/*
 * Frames [0, PMM_PHYS_LIMIT) can be managed: what i686 without PAE addresses, less the last
 * page (firmware ROM on every PC), so pmm_managed_end() still fits a phys_addr_t.
 */
#define PMM_PHYS_LIMIT (0x100000000ull - PAGE_SIZE)

/*
 * pools[PMM_POOL_DIRECT] holds the free frames below DIRECT_MAP_MAX, pools[PMM_POOL_HIGH] those
 * above: a frame is on the list of the pool its index falls in, and nowhere else.
 */
#define PMM_POOL_DIRECT 0
#define PMM_POOL_HIGH	1

static struct {
	struct pmm_frame *frames; /* the database, indexed by phys >> PAGE_SHIFT */
	uint32_t frame_count;	  /* records in the database: frames [0, frame_count) */
	uint32_t managed;	  /* frames in available memory (free, allocated or reserved) */
	struct pmm_pool pools[2];
} pmm;

/* Puts frame `idx` at the head of the free list of its pool (the one its index falls in). */
static void pool_push(uint32_t idx)
{
	struct pmm_pool *pool =
	    &pmm.pools[idx >= (DIRECT_MAP_MAX >> PAGE_SHIFT) ? PMM_POOL_HIGH : PMM_POOL_DIRECT];

	pmm.frames[idx].link = pool->head;
	pool->head = idx;
	pool->free_count++;
}

static uint64_t frame_floor(uint64_t addr)
{
	return addr >> PAGE_SHIFT;
}

static uint64_t frame_ceil(uint64_t addr)
{
	return (addr >> PAGE_SHIFT) + ((addr & (PAGE_SIZE - 1)) != 0);
}

static bool frame_is_free(const struct pmm_frame *f)
{
	return f->link == PMM_LINK_END || f->link < PMM_LINK_UNMANAGED;
}

/* True if every map entry touching the frame at `phys` says available, and at least one does. */
static bool pmm_map_says_available(const struct boot_info *bi, phys_addr_t phys)
{
	uint64_t lo = phys, hi = (uint64_t)phys + PAGE_SIZE;
	bool covered = false;

	boot_for_each_region(r, bi) {
		if (r->length == 0 || r->base >= hi || boot_region_end(r) <= lo)
			continue;
		if (r->type != BOOT_MEM_AVAILABLE)
			return false;
		if (r->base <= lo && boot_region_end(r) >= hi)
			covered = true;
	}
	return covered;
}

static bool overlaps(phys_addr_t phys, uint64_t start, uint64_t end)
{
	return start < end && start < (uint64_t)phys + PAGE_SIZE && end > phys;
}

/* The boot-time reservations that exist before the database: low MiB, kernel, modules. */
static bool boot_reserved(const struct boot_info *bi, phys_addr_t phys)
{
	if (overlaps(phys, 0, PMM_LOW_MEMORY_END) ||
	    overlaps(phys, bi->kernel_start, bi->kernel_end))
		return true;
	for (uint32_t i = 0; i < bi->module_count && i < BOOT_MAX_MODULES; i++) {
		if (overlaps(phys, bi->modules[i].start, bi->modules[i].end))
			return true;
	}
	return false;
}

int pmm_place_database(const struct boot_info *bi, uint32_t frames, phys_addr_t *out)
{
	uint32_t need = (uint32_t)frame_ceil((uint64_t)frames * sizeof(struct pmm_frame));
	uint64_t start = frame_ceil(bi->kernel_end) << PAGE_SHIFT;
	uint32_t run = 0;

	if (start < PMM_LOW_MEMORY_END)
		start = PMM_LOW_MEMORY_END;
	for (uint64_t p = start; p + PAGE_SIZE <= BOOT_MAPPED_PHYS; p += PAGE_SIZE) {
		bool usable = pmm_map_says_available(bi, (phys_addr_t)p) &&
			      !boot_reserved(bi, (phys_addr_t)p);

		run = usable ? run + 1 : 0;
		if (run == need) {
			*out = (phys_addr_t)(p + PAGE_SIZE - ((uint64_t)need << PAGE_SHIFT));
			return ERR_OK;
		}
	}
	kprintf("pmm: no room for the %u KiB frame database after the kernel and below 0x%x "
		"(the boot mapping)\n",
		(unsigned)(need * (PAGE_SIZE / 1024)), (unsigned)BOOT_MAPPED_PHYS);
	return ERR_NOMEM;
}

/*
 * Number of database records: up to the highest fully available frame below 4 GiB. Reports
 * available memory that lies above that limit (only PAE could reach it) and so is not managed.
 */
static uint32_t span_frames(const struct boot_info *bi)
{
	uint64_t top = 0, unmanaged = 0;

	boot_for_each_region(r, bi) {
		uint64_t end = boot_region_end(r);

		if (r->type != BOOT_MEM_AVAILABLE || r->length == 0)
			continue;
		if (end > PMM_PHYS_LIMIT) {
			unmanaged += end - (r->base > PMM_PHYS_LIMIT ? r->base : PMM_PHYS_LIMIT);
			end = PMM_PHYS_LIMIT;
		}
		if (end > r->base && end > top)
			top = end;
	}
	if (unmanaged != 0)
		kprintf("pmm: %llu KiB of available memory at or above 4 GiB is not managed\n",
			(unsigned long long)(unmanaged >> 10));
	return (uint32_t)frame_floor(top);
}

/* Sets frames [first, last) to (link, owner); with only_free, only those that are free. */
static void mark_frames(uint64_t first, uint64_t last, uint32_t link, uint32_t owner,
			bool only_free)
{
	for (uint64_t i = first; i < last && i < pmm.frame_count; i++) {
		struct pmm_frame *f = &pmm.frames[i];

		if (!only_free || frame_is_free(f))
			*f = (struct pmm_frame){.owner = owner, .link = link};
	}
}

/* Marks the frames touched by [start, end) reserved for the kernel if they are free. */
static void reserve_frames(uint64_t start, uint64_t end)
{
	if (end > start)
		mark_frames(frame_floor(start), frame_ceil(end), PMM_LINK_RESERVED,
			    PMM_OWNER_KERNEL, true);
}

/*
 * Rebuilds both free lists, lowest frame first (so early boot allocations stay low), and
 * counts the managed frames (free, allocated or reserved).
 */
static void rebuild_free_list(void)
{
	for (unsigned p = 0; p < ARRAY_SIZE(pmm.pools); p++)
		pmm.pools[p] = (struct pmm_pool){.head = PMM_LINK_END, .free_count = 0};
	pmm.managed = 0;
	for (uint32_t i = pmm.frame_count; i-- > 0;) {
		pmm.managed += pmm.frames[i].link != PMM_LINK_UNMANAGED;
		if (frame_is_free(&pmm.frames[i]))
			pool_push(i);
	}
}

/* Available entries make their whole frames free; any other entry makes what it touches unmanaged.
 */
static void apply_memory_map(const struct boot_info *bi)
{
	mark_frames(0, pmm.frame_count, PMM_LINK_UNMANAGED, PMM_OWNER_NONE, false);
	boot_for_each_region(r, bi)
		if (r->type == BOOT_MEM_AVAILABLE && r->length != 0)
			mark_frames(frame_ceil(r->base), frame_floor(boot_region_end(r)),
				    PMM_LINK_END, PMM_OWNER_NONE, false);
	boot_for_each_region(r, bi)
		if (r->type != BOOT_MEM_AVAILABLE && r->length != 0)
			mark_frames(frame_floor(r->base), frame_ceil(boot_region_end(r)),
				    PMM_LINK_UNMANAGED, PMM_OWNER_NONE, false);
}

/* Withholds what must never be handed out: low MiB, kernel image, modules, the database. */
static void reserve_boot_regions(const struct boot_info *bi, phys_addr_t db, uint64_t db_bytes)
{
	reserve_frames(0, PMM_LOW_MEMORY_END);
	reserve_frames(bi->kernel_start, bi->kernel_end);
	for (uint32_t i = 0; i < bi->module_count && i < BOOT_MAX_MODULES; i++)
		reserve_frames(bi->modules[i].start, bi->modules[i].end);
	reserve_frames(db, db + db_bytes);
}

/*
 * Needs: the boot mapping covers [0, BOOT_MAPPED_PHYS) so the database can be written through
 * phys_to_virt. May be called again (tests): it forgets everything and starts over.
 */
int pmm_init(const struct boot_info *bi)
{
	phys_addr_t db;

	pmm.frames = NULL;
	pmm.frame_count = 0;
	rebuild_free_list(); /* empty lists, nothing managed, until the database is built */
	if (bi == NULL || bi->kernel_end < bi->kernel_start)
		return ERR_INVALID;
	pmm.frame_count = span_frames(bi);
	if (pmm.frame_count == 0) {
		kprintf("pmm: the memory map has no available memory below 4 GiB\n");
		return ERR_NOMEM;
	}
	int err = pmm_place_database(bi, pmm.frame_count, &db);

	if (err != ERR_OK) {
		pmm.frame_count = 0;
		return err;
	}
	pmm.frames = phys_to_virt(db);
	apply_memory_map(bi);
	reserve_boot_regions(bi, db, (uint64_t)pmm.frame_count * sizeof(struct pmm_frame));
	rebuild_free_list();
	kprintf("pmm: %u frames managed, %u free (%u above the direct map); database of %u frames "
		"at 0x%x\n",
		(unsigned)pmm.managed, (unsigned)pmm_free_frames(),
		(unsigned)pmm.pools[PMM_POOL_HIGH].free_count, (unsigned)pmm.frame_count,
		(unsigned)db);
	return ERR_OK;
}

/* Takes the first frame of `pool` for owner (interrupts off): ERR_OK, or ERR_NOMEM if empty. */
static int pool_take(struct pmm_pool *pool, uint32_t owner, phys_addr_t *out)
{
	uint32_t idx = pool->head;

	if (idx == PMM_LINK_END)
		return ERR_NOMEM;
	pool->head = pmm.frames[idx].link;
	pool->free_count--;
	pmm.frames[idx].link = PMM_LINK_ALLOCATED;
	pmm.frames[idx].owner = owner;
	*out = (phys_addr_t)idx << PAGE_SHIFT;
	return ERR_OK;
}

/* A frame for owner: from the high pool first if `high`, else (or when it is empty) direct. */
static int alloc_frame(uint32_t owner, phys_addr_t *out, bool high)
{
	if (out == NULL || owner == PMM_OWNER_NONE)
		return ERR_INVALID;
	bool irq = arch_irq_save();
	int err = high ? pool_take(&pmm.pools[PMM_POOL_HIGH], owner, out) : ERR_NOMEM;

	if (err != ERR_OK)
		err = pool_take(&pmm.pools[PMM_POOL_DIRECT], owner, out);
	arch_irq_restore(irq);
	return err;
}

int pmm_alloc_frame(uint32_t owner, phys_addr_t *out)
{
	return alloc_frame(owner, out, false);
}

int pmm_alloc_user_frame(uint32_t owner, phys_addr_t *out)
{
	return alloc_frame(owner, out, true);
}

/* Why `frame` may not be freed, or NULL if it may. */
static const char *free_refusal(phys_addr_t frame)
{
	uint32_t idx = frame >> PAGE_SHIFT;

	if (frame & (PAGE_SIZE - 1))
		return "unaligned address";
	if (idx >= pmm.frame_count)
		return "address outside managed memory";
	if (pmm.frames[idx].link == PMM_LINK_RESERVED || pmm.frames[idx].link == PMM_LINK_UNMANAGED)
		return "reserved frame";
	if (pmm.frames[idx].link != PMM_LINK_ALLOCATED)
		return "frame that is already free (double free)";
	return NULL;
}

int pmm_free_frame(phys_addr_t frame)
{
	uint32_t idx = frame >> PAGE_SHIFT;
	bool irq = arch_irq_save();
	const char *why = free_refusal(frame);

	if (why != NULL) {
		arch_irq_restore(irq);
		kprintf("pmm: refused to free 0x%x: %s\n", (unsigned)frame, why);
		return ERR_INVALID;
	}
	pmm.frames[idx].owner = PMM_OWNER_NONE;
	pool_push(idx);
	arch_irq_restore(irq);
	return ERR_OK;
}

uint32_t pmm_owner(phys_addr_t frame)
{
	uint32_t idx = frame >> PAGE_SHIFT;

	return idx < pmm.frame_count ? pmm.frames[idx].owner : PMM_OWNER_NONE;
}

uint32_t pmm_free_frames(void)
{
	return pmm.pools[PMM_POOL_DIRECT].free_count + pmm.pools[PMM_POOL_HIGH].free_count;
}

uint32_t pmm_total_frames(void)
{
	return pmm.managed;
}

phys_addr_t pmm_managed_end(void)
{
	return (phys_addr_t)pmm.frame_count << PAGE_SHIFT;
}
