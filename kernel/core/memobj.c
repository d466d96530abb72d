/*
 * Memory objects (<kernel/memobj.h>): their pool, creation, the frames of a frames object (a
 * two-level list in direct-mapped kernel frames), and release. What a budget was charged
 * returns through kobj_release (<kernel/budget.h>).
 */
#include <kernel/arch.h>
#include <kernel/budget.h>
#include <kernel/kprintf.h>
#include <kernel/list.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/pool.h>
#include <kernel/string.h>
#include <keel/abi.h>

POOL_DEFINE(memobj_pool, struct memobj, MEMOBJ_MAX, CAP_TYPE_MEMORY, KOBJ_COUNTED);

/* Frames objects being freed in steps (MEMOBJ_DYING), oldest first, and how many ever were. */
static struct list_node dying = {&dying, &dying};
uint32_t memobj_dying_count;

/*
 * A counted object with `flags`, `base` and `size` (boot modules and device memory) and
 * `pages` (device memory), every other field zero (pool_alloc zeroes it); or NULL.
 */
static struct memobj *memobj_new(uint32_t flags, phys_addr_t base, uint32_t size, uint32_t pages)
{
	struct memobj *m = pool_alloc(&memobj_pool);

	if (m == NULL)
		return NULL;
	m->flags = flags;
	m->base = base;
	m->size = size;
	m->pages = pages;
	return m;
}

struct memobj *memobj_create_module(uint32_t index, phys_addr_t base, uint32_t size)
{
	struct memobj *m = memobj_new(MEMOBJ_BOOT_MODULE, base, size, 0);

	if (m != NULL)
		m->module = index;
	return m;
}

struct memobj *memobj_create_budget(uint32_t frames)
{
	struct memobj *m = memobj_new(MEMOBJ_BUDGET, 0, 0, 0);

	if (m != NULL)
		m->budget_free = frames;
	return m;
}

struct memobj *memobj_create_device(phys_addr_t base, uint32_t size)
{
	if (((base | size) & (PAGE_SIZE - 1)) != 0 || size == 0)
		return NULL;
	return memobj_new(MEMOBJ_DEVICE, base, size, size / PAGE_SIZE);
}

struct memobj *memobj_create_device_control(void)
{
	/* 4 GiB of frames from physical 0 */
	return memobj_new(MEMOBJ_DEVICE | MEMOBJ_DEVICE_CONTROL, 0, 0, 0x100000u);
}

/* A zeroed direct-mapped kernel frame for bookkeeping, or ERR_NOMEM. */
static int alloc_zeroed_kernel_frame(phys_addr_t *out)
{
	if (pmm_alloc_frame(PMM_OWNER_KERNEL, out) != ERR_OK)
		return ERR_NOMEM;
	memset(phys_to_virt(*out), 0, PAGE_SIZE);
	return ERR_OK;
}

/* Frames a frames object of `pages` pages costs: the pages and their two-level list. */
static uint32_t frames_cost(uint32_t pages)
{
	return pages + 1 + (pages + MEMOBJ_LIST_ENTRIES - 1) / MEMOBJ_LIST_ENTRIES;
}

int memobj_create_frames(struct memobj *b, uint32_t pages, struct memobj **out)
{
	if (b == NULL || !(b->flags & MEMOBJ_BUDGET) || pages == 0)
		return ERR_INVALID;
	if (pages > b->budget_free)
		return ERR_NOMEM;
	struct memobj *m = memobj_new(MEMOBJ_FRAMES | MEMOBJ_FILLING, 0, 0, 0);

	if (m == NULL)
		return ERR_NOMEM;
	if (budget_adopt(b, &m->kobj, frames_cost(pages)) != ERR_OK ||
	    alloc_zeroed_kernel_frame(&m->dir) != ERR_OK) {
		kobj_release(&m->kobj); /* gives back what was charged */
		return ERR_NOMEM;
	}
	m->pages = pages;
	*out = m;
	return ERR_OK;
}

/* The slot of page i in m's two-level frame list; allocates the list frame if asked. */
static phys_addr_t *frame_slot(const struct memobj *m, uint32_t i, bool create)
{
	phys_addr_t *dir = phys_to_virt(m->dir);
	phys_addr_t *list = &dir[i / MEMOBJ_LIST_ENTRIES];

	if (*list == 0 && (!create || alloc_zeroed_kernel_frame(list) != ERR_OK))
		return NULL;
	return (phys_addr_t *)phys_to_virt(*list) + i % MEMOBJ_LIST_ENTRIES;
}

/* Frees page i of m, which must hold an allocated frame. */
static void free_page(const struct memobj *m, uint32_t i)
{
	if (pmm_free_frame(*frame_slot(m, i, false)) != ERR_OK)
		panic("memobj: frame %u of %p was not allocated", (unsigned)i, (const void *)m);
}

int memobj_fill(struct memobj *m, uint32_t batch)
{
	KASSERT(m->flags & MEMOBJ_FRAMES); /* only frames objects are filled */
	for (; batch > 0 && m->filled < m->pages; batch--) {
		phys_addr_t *slot = frame_slot(m, m->filled, true), frame;

		if (slot == NULL || pmm_alloc_user_frame(PMM_OWNER_MEMOBJ, &frame) != ERR_OK)
			return ERR_NOMEM;
		memset(mmu_kmap(frame), 0, PAGE_SIZE);
		mmu_kunmap(frame);
		*slot = frame;
		m->filled++;
	}
	if (m->filled < m->pages)
		return MEMOBJ_FILL_MORE;
	m->flags &= ~MEMOBJ_FILLING;
	return ERR_OK;
}

phys_addr_t memobj_frame(const struct memobj *m, uint32_t i)
{
	KASSERT(i < m->pages); /* callers stay inside the object */
	if (m->flags & MEMOBJ_DEVICE)
		return m->base + i * PAGE_SIZE;
	KASSERT(i < m->filled); /* a filling object is never mapped */
	return *frame_slot(m, i, false);
}

/* Frees every frame of m, its frame list and the list's directory (if it got one). */
static void free_frames(struct memobj *m)
{
	if (m->dir == 0)
		return;
	phys_addr_t *dir = phys_to_virt(m->dir);

	for (uint32_t i = 0; i < m->filled; i++)
		free_page(m, i);
	for (uint32_t l = 0; l < MEMOBJ_LIST_ENTRIES && dir[l] != 0; l++)
		pmm_free_frame(dir[l]);
	pmm_free_frame(m->dir);
}

bool memobj_release_later(struct kobj *obj)
{
	struct memobj *m = container_of(obj, struct memobj, kobj);

	if (!(m->flags & MEMOBJ_FRAMES) || m->filled <= MEMOBJ_FREE_BATCH)
		return false;
	m->flags |= MEMOBJ_DYING;
	if (++memobj_dying_count == MEMOBJ_RECLAIM_ANY)
		memobj_dying_count = 0; /* the sentinel is never a mark */
	m->dying_mark = memobj_dying_count;
	list_add_tail(&dying, &m->dying_link);
	return true;
}

/* The oldest queued object queued after `mark`, or NULL. */
static struct memobj *dying_after(uint32_t mark)
{
	struct list_node *n;

	list_for_each(n, &dying)
	{
		struct memobj *m = list_entry(n, struct memobj, dying_link);

		if (mark == MEMOBJ_RECLAIM_ANY || (int32_t)(m->dying_mark - mark) > 0)
			return m;
	}
	return NULL;
}

int memobj_reclaim(uint32_t batch, uint32_t mark)
{
	struct memobj *m = dying_after(mark);

	if (m == NULL)
		return ERR_OK;
	for (; batch > 0 && m->filled > 0; batch--)
		free_page(m, --m->filled);
	if (m->filled > 0)
		return MEMOBJ_RECLAIM_MORE;
	list_remove(&m->dying_link);
	const struct kobj charge = m->kobj;

	memobj_release(&m->kobj); /* its frame list */
	pool_free(&memobj_pool, m);
	budget_release(&charge);
	return dying_after(mark) == NULL ? ERR_OK : MEMOBJ_RECLAIM_MORE;
}

void memobj_release(struct kobj *obj)
{
	struct memobj *m = container_of(obj, struct memobj, kobj);

	if (m->flags & MEMOBJ_FRAMES)
		free_frames(m);
	if (m->flags & MEMOBJ_BUDGET)
		budget_return_to_parent(m);
}
