/*
 * Host tests for memory objects and mappings (memobj.c, mem_map.c) on the real PMM and i386
 * page tables: budgets charge and credit exactly, frames come zeroed (through the kmap window:
 * the direct map ends at 8 MiB here), every mapping rule refuses what it should, and frames go
 * back only when the last reference (capability or mapping) goes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/boot.h>
#include <kernel/budget.h>
#include <kernel/kobj.h>
#include <kernel/loader.h>
#include <kernel/mem_map.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/pool.h>
#include <arch/host_fake.h>
#include <arch/memory.h>

#define MIB	 0x100000u
#define FAKE_MEM (16 * MIB)
#define VA	 0x40000000u
#define RW	 (MMU_USER | MMU_WRITABLE)
#define FRAMES_COST_193 (193 + 2) /* 3 * MEMOBJ_FREE_BATCH + 1 pages, a list, a directory */

static struct boot_info bi;
static struct page_table *space;
static uint32_t tables; /* mem_map's page-table count */

/* A budget of `frames` frames that may pay for 8 memory objects and 8 mappings. */
static struct memobj *budget(uint32_t frames)
{
	struct memobj *b = memobj_create_budget(frames);

	assert_non_null(b);
	b->budget_objects[CAP_TYPE_MEMORY] = 8;
	b->budget_objects[BUDGET_MAPPINGS] = 8;
	return b;
}

/* A whole mapping at once: mem_map_begin and every step (the syscall interleaves them). */
static int mem_map(struct page_table *pt, struct memobj *m, uintptr_t vaddr, uint32_t flags,
		   struct memobj *payer, uint32_t *out_tables)
{
	struct mem_map_request req = {.vaddr = vaddr, .mmu_flags = flags, .budget = payer};
	uint32_t ticket;
	int err = mem_map_begin(pt, NULL, m, &req, out_tables, &ticket);

	return err == ERR_OK ? mem_map_step(ticket, UINT32_MAX) : err;
}

/* mem_unmap_begin and every step at once. */
static int mem_unmap(struct page_table *pt, uintptr_t vaddr)
{
	uint32_t ticket;
	int err = mem_unmap_begin(pt, vaddr, &ticket);

	return err == ERR_OK ? mem_unmap_step(ticket, UINT32_MAX) : err;
}

/* Ends every mapping of pt at once, as unit death does in steps. */
static void mem_unmap_space(struct page_table *pt)
{
	while (mem_unmap_space_some(pt, UINT32_MAX) == MEM_MAP_MORE)
		;
}

/* The object layer, reduced to what memory objects need: count, release at zero. */
void kobj_ref(struct kobj *obj, uint32_t rights)
{
	(void)rights;
	obj->refs++;
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	(void)rights;
	if (--obj->refs == 0)
		kobj_release(obj);
}

void kobj_release(struct kobj *obj)
{
	if (memobj_release_later(obj))
		return;
	const struct kobj charge = *obj;

	memobj_release(obj);
	pool_free(&memobj_pool, obj);
	budget_release(&charge);
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
}

static int setup(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	host_direct_map_max = 8 * MIB;
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = MIB;
	bi.kernel_end = 2 * MIB;
	bi.mem_regions[0] = (struct boot_mem_region){MIB, FAKE_MEM - MIB, BOOT_MEM_AVAILABLE};
	bi.mem_region_count = 1;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(mmu_init(), ERR_OK);
	memset(host_phys_mem + 8 * MIB, 0x5a, 8 * MIB); /* stale data in every high frame */
	pool_init(&memobj_pool); /* its dying list: the tests leave it empty */
	space = mmu_create_address_space();
	assert_non_null(space);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

/* A complete frames object of `pages` from b, holding one reference (as a capability would). */
static struct memobj *frames(struct memobj *b, uint32_t pages)
{
	struct memobj *m;

	assert_int_equal(memobj_create_frames(b, pages, &m), ERR_OK);
	kobj_ref(&m->kobj, CAP_RIGHTS_ALL);
	while (memobj_fill(m, 3) == MEMOBJ_FILL_MORE)
		assert_true(m->flags & MEMOBJ_FILLING);
	assert_false(m->flags & MEMOBJ_FILLING);
	return m;
}

static void test_budget_charges_and_credits(void **state)
{
	struct memobj *b = budget(10), *m;
	uint32_t free_before = pmm_free_frames();

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(memobj_create_frames(b, 11, &m), ERR_NOMEM); /* beyond the budget */
	assert_int_equal(memobj_create_frames(b, 0, &m), ERR_INVALID);
	assert_int_equal(b->budget_free, 10);
	m = frames(b, 7);
	assert_int_equal(b->budget_free, 1); /* 7 pages, their list and its directory */
	assert_int_equal(b->budget_objects[CAP_TYPE_MEMORY], 7);
	assert_int_equal(memobj_create_frames(b, 1, &m), ERR_NOMEM);
	for (uint32_t i = 0; i < 7; i++) {
		phys_addr_t f = memobj_frame(m, i);
		const uint8_t *p = phys_to_virt(f);

		assert_true(f >= 8 * MIB); /* user memory comes from above the direct map */
		assert_int_equal(pmm_owner(f), PMM_OWNER_MEMOBJ);
		for (uint32_t k = 0; k < PAGE_SIZE; k++)
			assert_int_equal(p[k], 0);
	}
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(b->budget_free, 10);
	assert_int_equal(b->budget_objects[CAP_TYPE_MEMORY], 8);
	assert_int_equal(pmm_free_frames(), free_before);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
}

/* A budget whose capabilities went lives on while frames charged to it do. */
static void test_budget_outlives_its_capabilities(void **state)
{
	struct memobj *b = budget(4), *m;
	uint32_t objects_free;

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 2);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(b->kobj.refs, 1); /* m's charge */
	assert_int_equal(b->kobj.type, CAP_TYPE_MEMORY);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	objects_free = 0;
	for (uint32_t i = 0; i < MEMOBJ_MAX; i++) {
		struct memobj *o = memobj_create_budget(1);

		if (o == NULL)
			break;
		objects_free++;
	}
	assert_int_equal(objects_free, MEMOBJ_MAX); /* both objects went back to the pool */
}

/* Out of frames midway: what was allocated is freed with the object, the budget is whole. */
static void test_fill_out_of_frames(void **state)
{
	struct memobj *b = budget(1u << 20), *m;
	uint32_t free_before;

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	free_before = pmm_free_frames();
	assert_int_equal(memobj_create_frames(b, free_before + 10, &m), ERR_OK);
	kobj_ref(&m->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(memobj_fill(m, UINT32_MAX), ERR_NOMEM);
	assert_true(m->flags & MEMOBJ_FILLING);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	while (memobj_reclaim(MEMOBJ_FREE_BATCH, MEMOBJ_RECLAIM_ANY) == MEMOBJ_RECLAIM_MORE)
		;
	assert_int_equal(pmm_free_frames(), free_before);
	assert_int_equal(b->budget_free, 1u << 20);
}

static void test_map_rules(void **state)
{
	struct memobj *b = budget(16), *m, *f;

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 2);
	assert_int_equal(mem_map(space, m, VA + 1, RW, NULL, &tables), ERR_INVALID);	 /* misaligned */
	assert_int_equal(mem_map(space, m, 0, RW, NULL, &tables), ERR_INVALID);	 /* page 0 */
	assert_int_equal(mem_map(space, m, KERNEL_BASE, RW, NULL, &tables), ERR_FAULT); /* kernel */
	assert_int_equal(mem_map(space, m, USER_SPACE_END - PAGE_SIZE, RW, NULL, &tables), ERR_FAULT);
	assert_int_equal(mem_map(space, m, LOADER_LANDING_PAGE, RW, NULL, &tables), ERR_INVALID);
	assert_int_equal(mem_map(space, m, LOADER_LANDING_PAGE - PAGE_SIZE, RW, NULL, &tables), ERR_INVALID);
	assert_int_equal(mem_map(space, m, LOADER_LANDING_PAGE - 2 * PAGE_SIZE, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mem_map(space, m, VA, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mem_map(space, m, VA + PAGE_SIZE, RW, NULL, &tables), ERR_INVALID); /* overlap */
	assert_int_equal(mem_map(space, m, VA - PAGE_SIZE, RW, NULL, &tables), ERR_INVALID); /* overlap */
	assert_int_equal(memobj_create_frames(b, 1, &f), ERR_OK);
	kobj_ref(&f->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(mem_map(space, f, VA + 4 * PAGE_SIZE, RW, NULL, &tables), ERR_BUSY); /* filling */
	kobj_unref(&f->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(mem_map_count(), 2);
	mem_unmap_space(space);
	assert_int_equal(mem_map_count(), 0);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
}

/* Read-only and writable mappings of one object share its frames; unmap ends exactly one. */
static void test_mappings_share_and_hold_frames(void **state)
{
	struct memobj *b = budget(16), *m;
	phys_addr_t phys;
	uint32_t flags, free_before = pmm_free_frames();

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 3);
	assert_int_equal(mem_map(space, m, VA, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mem_map(space, m, 2 * VA, MMU_USER, NULL, &tables), ERR_OK);
	assert_int_equal(mmu_query(space, 2 * VA + 2 * PAGE_SIZE, &phys, &flags), ERR_OK);
	assert_int_equal(phys, memobj_frame(m, 2));
	assert_int_equal(flags, MMU_PRESENT | MMU_USER);
	assert_int_equal(mmu_query(space, VA + 2 * PAGE_SIZE, &phys, &flags), ERR_OK);
	assert_int_equal(flags, MMU_PRESENT | MMU_USER | MMU_WRITABLE);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL); /* the last capability goes: the mappings hold it */
	assert_int_equal(b->budget_free, 11);
	assert_int_equal(mem_unmap(space, VA + PAGE_SIZE), ERR_NOT_FOUND); /* not a start */
	assert_int_equal(mem_unmap(space, VA), ERR_OK);
	assert_int_equal(mmu_query(space, VA, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(mmu_query(space, 2 * VA, NULL, NULL), ERR_OK);
	assert_int_equal(b->budget_free, 11);
	assert_int_equal(mem_unmap(space, 2 * VA), ERR_OK); /* the last reference */
	assert_int_equal(b->budget_free, 16);
	assert_int_equal(mem_unmap(space, 2 * VA), ERR_NOT_FOUND);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
	/* Only the page tables the mappings needed stay (with the space). */
	assert_int_equal(free_before - pmm_free_frames(), 2);
}

/*
 * A mapping charged to a budget costs one mapping and its new page tables; without the frames
 * for every table the range may need, or without a mapping left, nothing is mapped.
 */
static void test_mapping_charges(void **state)
{
	struct memobj *b = budget(16), *m, *poor = budget(0);
	uint32_t before, kept;

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	kobj_ref(&poor->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 2); /* 4 frames */
	poor->budget_objects[BUDGET_MAPPINGS] = 1;
	assert_int_equal(mem_map(space, m, VA, RW, poor, &tables), ERR_NOMEM); /* needs a table */
	assert_int_equal(tables, 0);
	assert_int_equal(mmu_query(space, VA, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(poor->budget_objects[BUDGET_MAPPINGS], 1);
	b->budget_objects[BUDGET_MAPPINGS] = 1;
	before = b->budget_free;
	assert_int_equal(mem_map(space, m, VA, RW, b, &tables), ERR_OK);
	assert_int_equal(tables, 1);
	kept = tables;
	assert_int_equal(b->budget_free, before - 1);
	assert_int_equal(b->budget_objects[BUDGET_MAPPINGS], 0);
	assert_int_equal(mem_map(space, m, 2 * VA, RW, b, &tables), ERR_NOMEM); /* no mapping */
	assert_int_equal(mem_unmap(space, VA), ERR_OK);
	assert_int_equal(b->budget_objects[BUDGET_MAPPINGS], 1);
	assert_int_equal(b->budget_free, before - 1); /* the table stays with the space */
	budget_give(b, kept, BUDGET_FRAMES_ONLY);      /* as the space's owner does at its end */
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(b->budget_free, 16);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
	kobj_unref(&poor->kobj, CAP_RIGHTS_ALL);
}

/* A large frames object is freed in steps after its last reference; its charge goes last. */
static void test_large_object_freed_in_steps(void **state)
{
	struct memobj *b = budget(400), *m;
	uint32_t free_before = pmm_free_frames(), mark = memobj_dying_mark();

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 3 * MEMOBJ_FREE_BATCH + 1);
	assert_int_equal(memobj_reclaim(MEMOBJ_FREE_BATCH, MEMOBJ_RECLAIM_ANY), ERR_OK); /* none */
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	assert_true(m->flags & MEMOBJ_DYING);
	/* A caller that began after it was queued does not free it; one that began before does. */
	assert_int_equal(memobj_reclaim(MEMOBJ_FREE_BATCH, memobj_dying_mark()), ERR_OK);
	assert_int_equal(m->filled, 3 * MEMOBJ_FREE_BATCH + 1);
	assert_int_equal(memobj_reclaim(1, mark), MEMOBJ_RECLAIM_MORE);
	assert_int_equal(m->filled, 3 * MEMOBJ_FREE_BATCH);
	assert_int_equal(m->kobj.type, CAP_TYPE_MEMORY); /* the slot is still taken */
	assert_int_equal(b->budget_free, 400 - FRAMES_COST_193);
	for (int i = 0; i < 2; i++)
		assert_int_equal(memobj_reclaim(MEMOBJ_FREE_BATCH, mark), MEMOBJ_RECLAIM_MORE);
	assert_int_equal(m->filled, MEMOBJ_FREE_BATCH);
	assert_int_equal(b->budget_free, 400 - FRAMES_COST_193); /* credited with the last */
	assert_int_equal(memobj_reclaim(MEMOBJ_FREE_BATCH, MEMOBJ_RECLAIM_ANY), ERR_OK);
	assert_int_equal(b->budget_free, 400);
	assert_int_equal(b->budget_objects[CAP_TYPE_MEMORY], 8);
	assert_int_equal(pmm_free_frames(), free_before);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
}

/*
 * Mapping and unmapping in steps: the record holds the whole range from the start, the steps
 * see a mapping that ended meanwhile, and nothing stays mapped or referenced.
 */
static void test_mapping_in_steps(void **state)
{
	struct memobj *b = budget(16), *m;
	struct mem_map_request req = {.vaddr = VA, .mmu_flags = RW};
	uint32_t ticket, unticket;

	(void)state;
	kobj_ref(&b->kobj, CAP_RIGHTS_ALL);
	m = frames(b, 5);
	assert_int_equal(mem_map_begin(space, NULL, m, &req, &tables, &ticket), ERR_OK);
	assert_int_equal(m->kobj.refs, 2); /* the test's and the record's */
	assert_int_equal(mem_map(space, m, VA + 4 * PAGE_SIZE, RW, NULL, &tables), ERR_INVALID);
	assert_int_equal(mem_unmap(space, VA), ERR_BUSY);
	assert_int_equal(mem_map_step(ticket, 2), MEM_MAP_MORE);
	assert_int_equal(mmu_query(space, VA + PAGE_SIZE, NULL, NULL), ERR_OK);
	assert_int_equal(mmu_query(space, VA + 2 * PAGE_SIZE, NULL, NULL), ERR_NOT_FOUND);
	mem_unmap_object(space, m); /* its unit lost its last capability meanwhile */
	assert_int_equal(mem_map_step(ticket, 2), ERR_BAD_CAP);
	assert_int_equal(mmu_query(space, VA, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(m->kobj.refs, 1);
	assert_int_equal(mem_map_count(), 0);

	assert_int_equal(mem_map_begin(space, NULL, m, &req, &tables, &ticket), ERR_OK);
	assert_int_equal(mem_map_step(ticket, 3), MEM_MAP_MORE);
	assert_int_equal(mem_map_step(ticket, 3), ERR_OK);
	assert_int_equal(mem_map_step(ticket, 3), ERR_BAD_CAP); /* live now, not filling */
	assert_int_equal(mem_unmap_begin(space, VA, &unticket), ERR_OK);
	assert_int_equal(mem_unmap_begin(space, VA, &ticket), ERR_BUSY);
	assert_int_equal(mem_unmap_step(unticket, 4), MEM_MAP_MORE);
	assert_int_equal(mmu_query(space, VA, NULL, NULL), ERR_OK);
	assert_int_equal(mmu_query(space, VA + PAGE_SIZE, NULL, NULL), ERR_NOT_FOUND);
	mem_unmap_space(space); /* the unit died meanwhile */
	assert_int_equal(mem_unmap_step(unticket, 4), ERR_OK);
	/* A dying unit's mappings go a few pages per step. */
	assert_int_equal(mem_map(space, m, VA, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mem_map(space, m, 2 * VA, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mem_unmap_space_some(space, 4), MEM_MAP_MORE); /* 4 of the first 5 */
	assert_int_equal(mem_map_count(), 2);
	assert_int_equal(mem_unmap_space_some(space, 4), MEM_MAP_MORE); /* 1 + 3 of the second */
	assert_int_equal(mem_map_count(), 1);
	assert_int_equal(mem_unmap_space_some(space, 2), ERR_OK); /* its last 2 */
	assert_int_equal(mmu_query(space, 2 * VA, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(mmu_query(space, VA, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(mem_map_count(), 0);
	assert_int_equal(m->kobj.refs, 1);
	assert_int_equal(b->budget_objects[BUDGET_MAPPINGS], 8);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL);
	kobj_unref(&b->kobj, CAP_RIGHTS_ALL);
}

/* A child budget takes its share from its parent and returns it when it finally goes. */
static void test_child_budget(void **state)
{
	struct memobj *parent = budget(100), *child, *m;
	struct keel_budget want = {.frames = 40}, got;

	(void)state;
	kobj_ref(&parent->kobj, CAP_RIGHTS_ALL);
	want.objects[CAP_TYPE_MEMORY] = 7; /* 8 with the child itself: everything */
	want.objects[BUDGET_MAPPINGS] = 9;
	assert_int_equal(budget_create(parent, &want, &child), ERR_NOMEM); /* 9 > 8 mappings */
	want.objects[BUDGET_MAPPINGS] = 3;
	want.objects[CAP_TYPE_MEMORY] = 8;
	assert_int_equal(budget_create(parent, &want, &child), ERR_NOMEM); /* none for itself */
	want.objects[CAP_TYPE_MEMORY] = 2;
	want.frames = 101;
	assert_int_equal(budget_create(parent, &want, &child), ERR_NOMEM);
	want.frames = 40;
	assert_int_equal(parent->budget_free, 100);
	assert_int_equal(budget_create(parent, &want, &child), ERR_OK);
	kobj_ref(&child->kobj, CAP_RIGHTS_ALL);
	budget_read(parent, &got);
	assert_int_equal(got.frames, 60);
	assert_int_equal(got.objects[CAP_TYPE_MEMORY], 5);
	assert_int_equal(got.objects[BUDGET_MAPPINGS], 5);
	m = frames(child, 5); /* 7 frames */
	assert_int_equal(child->budget_free, 33);
	kobj_unref(&child->kobj, CAP_RIGHTS_ALL); /* m's charge keeps the child */
	assert_int_equal(parent->budget_free, 60);
	kobj_unref(&m->kobj, CAP_RIGHTS_ALL); /* the child goes with m: all returns */
	budget_read(parent, &got);
	assert_int_equal(got.frames, 100);
	assert_int_equal(got.objects[CAP_TYPE_MEMORY], 8);
	assert_int_equal(got.objects[BUDGET_MAPPINGS], 8);
	kobj_unref(&parent->kobj, CAP_RIGHTS_ALL);
}

/* Device memory maps its own range and is never freed. */
static void test_device_memory(void **state)
{
	struct memobj *d = memobj_create_device(0xB8000, 0x8000);
	phys_addr_t phys;
	uint32_t free_before = pmm_free_frames();

	(void)state;
	assert_null(memobj_create_device(0xB8001, 0x8000));
	assert_non_null(d);
	assert_int_equal(d->pages, 8);
	kobj_ref(&d->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(mem_map(space, d, VA, RW, NULL, &tables), ERR_OK);
	assert_int_equal(mmu_query(space, VA + 7 * PAGE_SIZE, &phys, NULL), ERR_OK);
	assert_int_equal(phys, 0xBF000);
	kobj_unref(&d->kobj, CAP_RIGHTS_ALL);
	assert_int_equal(mem_unmap(space, VA), ERR_OK);
	assert_int_equal(pmm_free_frames(), free_before - 1); /* one page table, no frame freed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_budget_charges_and_credits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_budget_outlives_its_capabilities, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mapping_charges, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_child_budget, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mapping_in_steps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_large_object_freed_in_steps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fill_out_of_frames, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_map_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mappings_share_and_hold_frames, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_device_memory, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
