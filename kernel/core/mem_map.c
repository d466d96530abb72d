/*
 * Memory mappings (<kernel/mem_map.h>): the mapping rules, the record of each mapping and the
 * reference it holds on its object. Records sit in one fixed table, searched linearly. A
 * mapping is made and ended in steps of a bounded number of pages, so a large one never keeps
 * interrupts off for long: the record holds its range from the start, and a step finds out
 * through the record's ticket whether the mapping ended meanwhile.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/budget.h>
#include <kernel/kobj.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mem_map.h>
#include <kernel/mmu.h>

enum mapping_state { MAPPING_FREE, MAPPING_FILLING, MAPPING_LIVE, MAPPING_ENDING };

struct mem_mapping {
	struct memobj *obj; /* NULL: the record is free */
	struct page_table *space;
	uintptr_t vaddr;
	uint32_t pages;	       /* the range the record holds: the object's pages */
	uint32_t mapped;       /* pages mapped so far, from vaddr up */
	uint32_t mmu_flags;    /* for the pages still to map */
	uint32_t seq;	       /* bumped whenever the record is taken: its tickets name one use */
	uint8_t state;	       /* enum mapping_state */
	struct memobj *budget; /* paid for the record (<kernel/budget.h>) */
};

_Static_assert(MEM_MAP_MAX <= 256, "a ticket keeps the record index in 8 bits");

static struct mem_mapping mappings[MEM_MAP_MAX];

static uint32_t ticket_of(const struct mem_mapping *rec)
{
	return rec->seq << 8 | (uint32_t)(rec - mappings);
}

/* The record `ticket` names while it is still that use of it and in `state`, else NULL. */
static struct mem_mapping *record_of(uint32_t ticket, uint8_t state)
{
	struct mem_mapping *rec = &mappings[ticket & 0xffu];

	return rec->obj != NULL && ticket_of(rec) == ticket && rec->state == state ? rec : NULL;
}

/* Whether [vaddr, vaddr + pages) may not be mapped in pt (img: its program, may be NULL). */
static int check_range(struct page_table *pt, const struct loader_image *img, uintptr_t vaddr,
		       uint32_t pages)
{
	uint64_t size = (uint64_t)pages * PAGE_SIZE;

	if ((vaddr & (PAGE_SIZE - 1)) != 0 || vaddr < PAGE_SIZE)
		return ERR_INVALID;
	if (vaddr >= USER_SPACE_END || vaddr + size > USER_SPACE_END)
		return ERR_FAULT;
	if (vaddr + size > LOADER_RESERVED_BASE)
		return ERR_INVALID;
	for (uint32_t i = 0; img != NULL && i < img->region_count; i++) {
		const struct loader_region *r = &img->regions[i];

		if (ranges_overlap(vaddr, size, r->start, r->end - r->start))
			return ERR_INVALID;
	}
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		const struct mem_mapping *m = &mappings[i];

		if (m->obj != NULL && m->space == pt &&
		    ranges_overlap(vaddr, size, m->vaddr, (uint64_t)m->pages * PAGE_SIZE))
			return ERR_INVALID;
	}
	return ERR_OK;
}

/* Page tables pt lacks for [vaddr, vaddr + pages): what mapping the range will add. */
static uint32_t tables_missing(const struct page_table *pt, uintptr_t vaddr, uint32_t pages)
{
	uintptr_t last = vaddr + (pages - 1) * PAGE_SIZE;
	uint32_t n = 0;

	for (uintptr_t va = vaddr; va <= last; va = (va / PAGE_TABLE_SPAN + 1) * PAGE_TABLE_SPAN) {
		n += !mmu_table_present(pt, va);
		if (va / PAGE_TABLE_SPAN == last / PAGE_TABLE_SPAN)
			break;
	}
	return n;
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

int mem_map_begin(struct page_table *pt, const struct loader_image *img, struct memobj *m,
		  const struct mem_map_request *req, uint32_t *tables, uint32_t *ticket)
{
	KASSERT(m->flags & (MEMOBJ_FRAMES | MEMOBJ_DEVICE)); /* the syscall checked the flavour */
	*tables = 0;
	if (m->flags & MEMOBJ_FILLING)
		return ERR_BUSY;
	int err = check_range(pt, img, req->vaddr, m->pages);

	if (err != ERR_OK)
		return err;
	struct mem_mapping *rec = free_record();

	*tables = tables_missing(pt, req->vaddr, m->pages);
	/* One take pays for the record and the tables: either both or nothing is charged. */
	if (rec == NULL || budget_take(req->budget, *tables, BUDGET_MAPPINGS) != ERR_OK) {
		*tables = 0;
		return ERR_NOMEM;
	}
	*rec = (struct mem_mapping){.obj = m, .space = pt, .vaddr = req->vaddr, .pages = m->pages,
				    .mmu_flags = req->mmu_flags, .seq = (rec->seq + 1) & 0xffffffu,
				    .state = MAPPING_FILLING, .budget = req->budget};
	kobj_ref(&m->kobj, 0);
	*ticket = ticket_of(rec);
	return ERR_OK;
}

/*
 * Unmaps rec's top `n` mapped pages: MEM_MAP_MORE while some are left, else ERR_OK and the
 * mapping has ended (the record freed, its reference dropped, which may free the object, and
 * its charge given back). With n = rec->mapped it ends rec at once, whatever step it is at.
 */
static int unmap_top(struct mem_mapping *rec, uint32_t n)
{
	struct memobj *m = rec->obj;

	for (; n > 0 && rec->mapped > 0; n--) {
		rec->mapped--;
		mmu_unmap_page(rec->space, rec->vaddr + rec->mapped * PAGE_SIZE);
	}
	if (rec->mapped > 0)
		return MEM_MAP_MORE;
	rec->obj = NULL;
	rec->state = MAPPING_FREE;
	kobj_unref(&m->kobj, 0);
	budget_give(rec->budget, 0, BUDGET_MAPPINGS);
	return ERR_OK;
}

int mem_map_step(uint32_t ticket, uint32_t batch)
{
	struct mem_mapping *rec = record_of(ticket, MAPPING_FILLING);

	if (rec == NULL)
		return ERR_BAD_CAP; /* it ended meanwhile: the capability or the unit went */
	for (; batch > 0 && rec->mapped < rec->pages; batch--) {
		uintptr_t va = rec->vaddr + rec->mapped * PAGE_SIZE;

		if (mmu_map_page(rec->space, memobj_frame(rec->obj, rec->mapped), va,
				 rec->mmu_flags) != ERR_OK) {
			unmap_top(rec, rec->mapped); /* the range was free: a page table failed */
			return ERR_NOMEM;
		}
		rec->mapped++;
	}
	if (rec->mapped < rec->pages)
		return MEM_MAP_MORE;
	rec->state = MAPPING_LIVE;
	return ERR_OK;
}

int mem_unmap_begin(struct page_table *pt, uintptr_t vaddr, uint32_t *ticket)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		struct mem_mapping *rec = &mappings[i];

		if (rec->obj == NULL || rec->space != pt || rec->vaddr != vaddr)
			continue;
		if (rec->state != MAPPING_LIVE)
			return ERR_BUSY; /* another thread is making or ending it */
		rec->state = MAPPING_ENDING;
		*ticket = ticket_of(rec);
		return ERR_OK;
	}
	return ERR_NOT_FOUND;
}

int mem_unmap_step(uint32_t ticket, uint32_t batch)
{
	struct mem_mapping *rec = record_of(ticket, MAPPING_ENDING);

	/* No record: it ended meanwhile (the capability or the unit went), which is done too. */
	return rec == NULL ? ERR_OK : unmap_top(rec, batch);
}

void mem_unmap_object(struct page_table *pt, const struct memobj *m)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		if (mappings[i].obj == m && mappings[i].space == pt)
			unmap_top(&mappings[i], mappings[i].mapped);
	}
}

int mem_unmap_space_some(struct page_table *pt, uint32_t batch)
{
	for (unsigned i = 0; i < MEM_MAP_MAX; i++) {
		struct mem_mapping *rec = &mappings[i];

		if (rec->obj == NULL || rec->space != pt)
			continue;
		if (batch == 0)
			return MEM_MAP_MORE;
		uint32_t n = rec->mapped < batch ? rec->mapped : batch;

		if (unmap_top(rec, n) == MEM_MAP_MORE)
			return MEM_MAP_MORE;
		batch -= n;
	}
	return ERR_OK;
}

uint32_t mem_map_count(void)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < MEM_MAP_MAX; i++)
		n += mappings[i].obj != NULL;
	return n;
}
