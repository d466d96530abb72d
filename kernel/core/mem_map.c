/*
 * Memory mappings (<kernel/mem_map.h>): the mapping rules, the record of each mapping and the
 * reference it holds on its object. Records sit in one fixed table, searched linearly.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/budget.h>
#include <kernel/kobj.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mem_map.h>
#include <kernel/mmu.h>

struct mem_mapping {
	struct memobj *obj; /* NULL: the record is free */
	struct page_table *space;
	uintptr_t vaddr;
	uint32_t pages;
	struct memobj *budget; /* paid for the record (<kernel/budget.h>) */
};

static struct mem_mapping mappings[MEM_MAP_MAX];

/* Why [vaddr, vaddr + pages) may not be mapped in pt: ERR_OK if it may. */
static int check_range(struct page_table *pt, uintptr_t vaddr, uint32_t pages)
{
	uint64_t end = (uint64_t)vaddr + (uint64_t)pages * PAGE_SIZE;

	if ((vaddr & (PAGE_SIZE - 1)) != 0 || vaddr < PAGE_SIZE)
		return ERR_INVALID;
	if (vaddr >= USER_SPACE_END || end > USER_SPACE_END)
		return ERR_FAULT;
	if (end > LOADER_RESERVED_BASE)
		return ERR_INVALID;
	for (uint32_t i = 0; i < pages; i++) {
		if (mmu_query(pt, vaddr + i * PAGE_SIZE, NULL, NULL) == ERR_OK)
			return ERR_INVALID;
	}
	return ERR_OK;
}

/* Unmaps the first `pages` pages at vaddr in pt. */
static void unmap_pages(struct page_table *pt, uintptr_t vaddr, uint32_t pages)
{
	for (uint32_t i = 0; i < pages; i++)
		mmu_unmap_page(pt, vaddr + i * PAGE_SIZE);
}

/* A free mapping record, or NULL. */
static struct mem_mapping *free_record(void)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		if (mappings[i].obj == NULL)
			return &mappings[i];
	}
	return NULL;
}

/* Page tables that mapping `pages` pages at vaddr may need: one per 4 MiB region touched. */
static uint32_t tables_needed(uintptr_t vaddr, uint32_t pages)
{
	return (uint32_t)((vaddr + pages * PAGE_SIZE - 1) / PAGE_TABLE_SPAN - vaddr / PAGE_TABLE_SPAN) +
	       1;
}

/*
 * The record for a new mapping, charged to `budget` with one mapping and (prechecked) every
 * page table it may need. ERR_NOMEM if the budget cannot pay or no record is free.
 */
static int take_record(struct memobj *budget, uintptr_t vaddr, uint32_t pages,
		       struct mem_mapping **out)
{
	if (budget != NULL && budget->budget_free < tables_needed(vaddr, pages))
		return ERR_NOMEM;
	*out = free_record();
	if (*out == NULL || budget_take(budget, 0, BUDGET_MAPPINGS) != ERR_OK)
		return ERR_NOMEM;
	return ERR_OK;
}

int mem_map(struct page_table *pt, struct memobj *m, uintptr_t vaddr, uint32_t flags,
	    struct memobj *budget, uint32_t *tables)
{
	struct mem_mapping *rec;
	uint32_t frames_before = mmu_space_frames(pt);
	int err;

	KASSERT(m->flags & (MEMOBJ_FRAMES | MEMOBJ_DEVICE)); /* the syscall checked the flavour */
	if (m->flags & MEMOBJ_FILLING)
		return ERR_BUSY;
	err = check_range(pt, vaddr, m->pages);
	if (err == ERR_OK)
		err = take_record(budget, vaddr, m->pages, &rec);
	if (err != ERR_OK)
		return err;
	for (uint32_t i = 0; i < m->pages && err == ERR_OK; i++) {
		err = mmu_map_page(pt, memobj_frame(m, i), vaddr + i * PAGE_SIZE, flags);
		if (err != ERR_OK)
			unmap_pages(pt, vaddr, i); /* the range was checked: a page table failed */
	}
	/* Page tables stay with the space (even after a failure): its budget pays for them. */
	*tables = mmu_space_frames(pt) - frames_before;
	if (budget_take(budget, *tables, BUDGET_FRAMES_ONLY) != ERR_OK)
		panic("mem_map: the budget paid for fewer page tables than it was checked for");
	if (err != ERR_OK) {
		budget_give(budget, 0, BUDGET_MAPPINGS);
		return ERR_NOMEM;
	}
	*rec = (struct mem_mapping){
	    .obj = m, .space = pt, .vaddr = vaddr, .pages = m->pages, .budget = budget};
	kobj_ref(&m->kobj, 0);
	return ERR_OK;
}

/* Unmaps rec's pages, frees the record and drops its reference (which may free the object). */
static void end_mapping(struct mem_mapping *rec)
{
	struct memobj *m = rec->obj;

	unmap_pages(rec->space, rec->vaddr, rec->pages);
	rec->obj = NULL;
	kobj_unref(&m->kobj, 0);
	budget_give(rec->budget, 0, BUDGET_MAPPINGS);
}

int mem_unmap(struct page_table *pt, uintptr_t vaddr)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		if (mappings[i].obj != NULL && mappings[i].space == pt &&
		    mappings[i].vaddr == vaddr) {
			end_mapping(&mappings[i]);
			return ERR_OK;
		}
	}
	return ERR_NOT_FOUND;
}

void mem_unmap_object(struct page_table *pt, const struct memobj *m)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		if (mappings[i].obj == m && mappings[i].space == pt)
			end_mapping(&mappings[i]);
	}
}

void mem_unmap_space(struct page_table *pt)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		if (mappings[i].obj != NULL && mappings[i].space == pt)
			end_mapping(&mappings[i]);
	}
}

uint32_t mem_map_count(void)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < MEM_MAP_MAX; i++)
		n += mappings[i].obj != NULL;
	return n;
}
