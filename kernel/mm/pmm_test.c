/*
 * Unit tests for the PMM on the host fake arch: "physical memory" is a 32 MiB host buffer, and
 * boot maps are built by hand (garbage, overlapping, unsorted entries included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/pmm.h>
#include <arch/host_fake.h>

#include "pmm_internal.h"

#define MIB	     0x100000u
#define FAKE_MEM     (32 * MIB)
#define KERNEL_START MIB
#define KERNEL_END   (2 * MIB + 0x123) /* unaligned on purpose */
#define MAX_FRAMES   (DIRECT_MAP_MAX / PAGE_SIZE)

static struct boot_info bi;

static void map_add(uint64_t base, uint64_t length, uint32_t type)
{
	bi.mem_regions[bi.mem_region_count++] =
	    (struct boot_mem_region){.base = base, .length = length, .type = type};
}

static void module_add(phys_addr_t start, phys_addr_t end)
{
	bi.modules[bi.module_count++] = (struct boot_module){.start = start, .end = end};
}

/* A PC-like map: 640 KiB low memory, a BIOS hole, then RAM up to 32 MiB. */
static void standard_map(void)
{
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = KERNEL_START;
	bi.kernel_end = KERNEL_END;
	map_add(0, 0x9fc00, BOOT_MEM_AVAILABLE);
	map_add(0x9fc00, 0x400, 2);
	map_add(0xf0000, 0x10000, 2);
	map_add(MIB, FAKE_MEM - MIB, BOOT_MEM_AVAILABLE);
}

static int setup(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	host_console_reset();
	standard_map();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

/* Allocates every free frame into `out` (MAX_FRAMES long); returns how many. */
static uint32_t alloc_all(uint32_t owner, phys_addr_t *out)
{
	uint32_t n = 0;
	phys_addr_t f;

	while (pmm_alloc_frame(owner, &f) == ERR_OK)
		out[n++] = f;
	return n;
}

static bool contains(const phys_addr_t *frames, uint32_t n, phys_addr_t f)
{
	for (uint32_t i = 0; i < n; i++) {
		if (frames[i] == f)
			return true;
	}
	return false;
}

static void test_init_counts_and_reservations(void **state)
{
	uint32_t low = 0x9f000 / PAGE_SIZE, high = (FAKE_MEM - MIB) / PAGE_SIZE;
	uint32_t kernel = (PAGE_ALIGN_UP(KERNEL_END) - KERNEL_START) / PAGE_SIZE;
	uint32_t db = PAGE_ALIGN_UP(FAKE_MEM / PAGE_SIZE * 8) / PAGE_SIZE;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_total_frames(), low + high);
	assert_int_equal(pmm_free_frames(), high - kernel - db);
	assert_int_equal(pmm_managed_end(), FAKE_MEM);
	assert_int_equal(pmm_owner(KERNEL_START), PMM_OWNER_KERNEL);
	assert_int_equal(pmm_owner(PAGE_ALIGN_DOWN(KERNEL_END)), PMM_OWNER_KERNEL);
	assert_int_equal(pmm_owner(PAGE_ALIGN_UP(KERNEL_END)), PMM_OWNER_KERNEL); /* database */
	assert_int_equal(pmm_owner(0x1000), PMM_OWNER_KERNEL);			  /* low MiB */
	assert_int_equal(pmm_owner(0xf0000), PMM_OWNER_NONE);			  /* unmanaged */
}

static void test_modules_are_reserved(void **state)
{
	phys_addr_t *frames = calloc(MAX_FRAMES, sizeof(*frames));
	uint32_t n, free_without;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	free_without = pmm_free_frames();
	module_add(8 * MIB, 8 * MIB + 0x1800); /* partial last frame counts */
	module_add(9 * MIB, 9 * MIB);	       /* empty module: reserves nothing */
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_free_frames(), free_without - 2);
	assert_int_equal(pmm_owner(8 * MIB + PAGE_SIZE), PMM_OWNER_KERNEL);
	n = alloc_all(4, frames);
	assert_false(contains(frames, n, 8 * MIB));
	assert_false(contains(frames, n, 8 * MIB + PAGE_SIZE));
	assert_true(contains(frames, n, 9 * MIB));
	free(frames);
}

static void test_alloc_all_then_free_all(void **state)
{
	phys_addr_t *frames = calloc(MAX_FRAMES, sizeof(*frames));
	uint8_t *seen = calloc(FAKE_MEM / PAGE_SIZE, 1);
	uint32_t start_free, n;
	phys_addr_t f;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	start_free = pmm_free_frames();
	n = alloc_all(PMM_OWNER_KERNEL, frames);
	assert_int_equal(n, start_free);
	assert_int_equal(pmm_free_frames(), 0);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &f), ERR_NOMEM);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(frames[i] % PAGE_SIZE, 0);
		assert_true(frames[i] >= PAGE_ALIGN_UP(KERNEL_END) && frames[i] < FAKE_MEM);
		assert_int_equal(seen[frames[i] / PAGE_SIZE]++, 0); /* never handed out twice */
	}
	for (uint32_t i = 0; i < n; i++)
		assert_int_equal(pmm_free_frame(frames[i]), ERR_OK);
	assert_int_equal(pmm_free_frames(), start_free);
	assert_int_equal(alloc_all(PMM_OWNER_KERNEL, frames), start_free);
	free(frames);
	free(seen);
}

/* Early boot (mmu_init) relies on getting the lowest free frames first. */
static void test_allocates_lowest_frames_first(void **state)
{
	phys_addr_t a, b;
	uint32_t db = PAGE_ALIGN_UP(FAKE_MEM / PAGE_SIZE * 8);

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &a), ERR_OK);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &b), ERR_OK);
	assert_int_equal(a, PAGE_ALIGN_UP(KERNEL_END) + db);
	assert_int_equal(b, a + PAGE_SIZE);
}

static void test_bad_frees_are_refused_and_named(void **state)
{
	phys_addr_t f;
	uint32_t free_before;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &f), ERR_OK);
	assert_int_equal(pmm_free_frame(f), ERR_OK);
	free_before = pmm_free_frames();
	host_console_reset();
	assert_int_equal(pmm_free_frame(f), ERR_INVALID); /* double free */
	assert_non_null(strstr(host_console_output(), "double free"));
	assert_int_equal(pmm_free_frame(f + 0x10), ERR_INVALID); /* unaligned */
	assert_non_null(strstr(host_console_output(), "unaligned"));
	assert_int_equal(pmm_free_frame(FAKE_MEM), ERR_INVALID); /* out of range */
	assert_int_equal(pmm_free_frame(0xfffff000u), ERR_INVALID);
	assert_non_null(strstr(host_console_output(), "outside managed memory"));
	assert_int_equal(pmm_free_frame(KERNEL_START), ERR_INVALID); /* kernel image */
	assert_int_equal(pmm_free_frame(0x1000), ERR_INVALID);	     /* low MiB */
	assert_int_equal(pmm_free_frame(0xf0000), ERR_INVALID);	     /* not available memory */
	assert_non_null(strstr(host_console_output(), "reserved frame"));
	assert_non_null(strstr(host_console_output(), "0x100000"));
	assert_int_equal(pmm_free_frames(), free_before);
}

static void test_owner_accounting(void **state)
{
	phys_addr_t a, b;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_alloc_frame(7, &a), ERR_OK);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &b), ERR_OK);
	assert_int_equal(pmm_owner(a), 7);
	assert_int_equal(pmm_owner(a + 0x800), 7); /* any address inside the frame */
	assert_int_equal(pmm_owner(b), PMM_OWNER_KERNEL);
	assert_int_equal(pmm_free_frame(a), ERR_OK);
	assert_int_equal(pmm_owner(a), PMM_OWNER_NONE);
	assert_int_equal(pmm_owner(0xfffff000u), PMM_OWNER_NONE);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_NONE, &a), ERR_INVALID);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, NULL), ERR_INVALID);
}

/* Overlapping, duplicate, unsorted, zero-length and out-of-range entries. */
static void garbage_map(bool reversed)
{
	struct boot_mem_region r[] = {
	    {8 * MIB, 16 * MIB, BOOT_MEM_AVAILABLE}, /* overlaps the next */
	    {MIB, 15 * MIB, BOOT_MEM_AVAILABLE},
	    {MIB, 15 * MIB, BOOT_MEM_AVAILABLE},	    /* duplicate */
	    {4 * MIB + 0x800, 0x1000, 3},		    /* reserved, touches 2 frames */
	    {10 * MIB, 0, 2},				    /* zero-length: ignored */
	    {20 * MIB, 0x1000, 2},			    /* reserved inside available */
	    {20 * MIB, 0x1000, BOOT_MEM_AVAILABLE},	    /* ... and again as available */
	    {0x140000000ull, 16 * MIB, BOOT_MEM_AVAILABLE}, /* above 4 GiB */
	    {30 * MIB, 0, BOOT_MEM_AVAILABLE},		    /* zero-length available */
	};
	uint32_t n = ARRAY_SIZE(r);

	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = KERNEL_START;
	bi.kernel_end = KERNEL_END;
	for (uint32_t i = 0; i < n; i++)
		bi.mem_regions[i] = r[reversed ? n - 1 - i : i];
	bi.mem_region_count = n;
}

static void check_garbage_map(void)
{
	phys_addr_t *frames = calloc(MAX_FRAMES, sizeof(*frames));
	uint32_t kernel = (PAGE_ALIGN_UP(KERNEL_END) - KERNEL_START) / PAGE_SIZE;
	uint32_t db = PAGE_ALIGN_UP(24 * MIB / PAGE_SIZE * 8) / PAGE_SIZE;
	uint32_t n;

	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_total_frames(), (24 * MIB - MIB) / PAGE_SIZE - 3);
	assert_int_equal(pmm_managed_end(), 24 * MIB);
	n = alloc_all(3, frames);
	assert_int_equal(pmm_free_frames(), 0);
	assert_int_equal(n, pmm_total_frames() - kernel - db); /* everything else was free */
	assert_false(contains(frames, n, 4 * MIB));
	assert_false(contains(frames, n, 4 * MIB + PAGE_SIZE));
	assert_false(contains(frames, n, 20 * MIB));
	assert_true(contains(frames, n, 4 * MIB - PAGE_SIZE));
	assert_true(contains(frames, n, 4 * MIB + 2 * PAGE_SIZE));
	assert_true(contains(frames, n, 24 * MIB - PAGE_SIZE));
	assert_int_equal(pmm_free_frame(4 * MIB), ERR_INVALID);
	free(frames);
}

static void test_garbage_map_entries(void **state)
{
	uint32_t free_forward;

	(void)state;
	garbage_map(false);
	check_garbage_map();
	assert_int_equal(pmm_init(&bi), ERR_OK);
	free_forward = pmm_free_frames();
	garbage_map(true); /* the same entries in the opposite order: same result */
	check_garbage_map();
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_free_frames(), free_forward);
}

static void test_memory_above_4gib_is_not_managed(void **state)
{
	(void)state;
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = KERNEL_START;
	bi.kernel_end = KERNEL_END;
	map_add(MIB, 0x40000000ull - MIB, BOOT_MEM_AVAILABLE);	/* 1 MiB .. 1 GiB */
	map_add(0x38000000ull, UINT64_MAX, BOOT_MEM_AVAILABLE); /* length wraps: garbage */
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_managed_end(), 0xFFFFF000u); /* the last page below 4 GiB is ROM */
	assert_int_equal(pmm_total_frames(), (0xFFFFF000u - MIB) / PAGE_SIZE);
	assert_non_null(strstr(host_console_output(), "at or above 4 GiB is not managed"));
}

/* Frames above the direct map are managed and counted, but only pmm_alloc_user_frame gives them. */
static void test_memory_above_direct_map_serves_users(void **state)
{
	phys_addr_t f, f2, high;
	uint32_t direct_free, high_free;

	(void)state;
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = KERNEL_START;
	bi.kernel_end = KERNEL_END;
	map_add(MIB, 0x40000000ull - MIB, BOOT_MEM_AVAILABLE); /* 1 MiB .. 1 GiB */
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(pmm_managed_end(), 0x40000000u);
	assert_int_equal(pmm_total_frames(), (0x40000000u - MIB) / PAGE_SIZE);
	high_free = (0x40000000u - DIRECT_MAP_MAX) / PAGE_SIZE;
	direct_free = pmm_free_frames() - high_free;
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &f), ERR_OK);
	assert_true(f < DIRECT_MAP_MAX);
	assert_int_equal(pmm_alloc_user_frame(PMM_OWNER_MEMOBJ, &high), ERR_OK);
	assert_true(high >= DIRECT_MAP_MAX && high < 0x40000000u);
	assert_int_equal(pmm_owner(high), PMM_OWNER_MEMOBJ);
	assert_int_equal(pmm_free_frames(), direct_free + high_free - 2);
	assert_int_equal(pmm_free_frame(high), ERR_OK); /* back to the high list, not the direct one */
	assert_int_equal(pmm_alloc_user_frame(PMM_OWNER_MEMOBJ, &f2), ERR_OK);
	assert_int_equal(f2, high);
	assert_int_equal(pmm_free_frame(high), ERR_OK);
	assert_int_equal(pmm_free_frame(f), ERR_OK);
	assert_int_equal(pmm_free_frames(), direct_free + high_free);
	assert_int_equal(pmm_free_frame(high), ERR_INVALID); /* double free of a high frame */
}

/* Without high frames, user allocations fall back to direct-mapped ones until none is left. */
static void test_user_frames_fall_back_to_direct_map(void **state)
{
	phys_addr_t f;
	uint32_t n = 0;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_true(pmm_managed_end() <= DIRECT_MAP_MAX); /* every frame is direct-mapped */
	while (pmm_alloc_user_frame(PMM_OWNER_MEMOBJ, &f) == ERR_OK)
		n++;
	assert_true(n > 0);
	assert_int_equal(pmm_free_frames(), 0);
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &f), ERR_NOMEM);
	assert_int_equal(pmm_alloc_user_frame(PMM_OWNER_NONE, &f), ERR_INVALID);
}

static void test_init_rejects_unusable_maps(void **state)
{
	(void)state;
	assert_int_equal(pmm_init(NULL), ERR_INVALID);
	bi.kernel_end = bi.kernel_start - 1;
	assert_int_equal(pmm_init(&bi), ERR_INVALID);
	memset(&bi, 0, sizeof(bi));
	map_add(0, 0x9fc00, 2);
	assert_int_equal(pmm_init(&bi), ERR_NOMEM);
	assert_int_equal(pmm_free_frames(), 0);
	assert_int_equal(pmm_free_frame(0x200000), ERR_INVALID);
}

static void test_database_placement(void **state)
{
	phys_addr_t db;

	(void)state;
	/* Right after the (unaligned) kernel end. */
	assert_int_equal(pmm_place_database(&bi, 8192, &db), ERR_OK);
	assert_int_equal(db, PAGE_ALIGN_UP(KERNEL_END));
	/* A module after the kernel pushes it past the module. */
	module_add(PAGE_ALIGN_UP(KERNEL_END), 3 * MIB + 1);
	assert_int_equal(pmm_place_database(&bi, 8192, &db), ERR_OK);
	assert_int_equal(db, 3 * MIB + PAGE_SIZE);
	/* A gap too small for the database (1 frame before a second module) is skipped. */
	module_add(3 * MIB + 2 * PAGE_SIZE, 4 * MIB);
	assert_int_equal(pmm_place_database(&bi, 8192, &db), ERR_OK);
	assert_int_equal(db, 4 * MIB);
	/* So is memory no map entry describes, and a frame an entry covers only in part. */
	bi.mem_regions[3].base = 4 * MIB + 0x2800;
	bi.mem_regions[3].length = 16 * MIB;
	assert_int_equal(pmm_place_database(&bi, 8192, &db), ERR_OK);
	assert_int_equal(db, 4 * MIB + 0x3000);
	standard_map();
	module_add(PAGE_ALIGN_UP(KERNEL_END), 3 * MIB + 1);
	module_add(3 * MIB + 2 * PAGE_SIZE, 4 * MIB);
	/* A reserved map entry in the way is skipped too. */
	map_add(4 * MIB, 0x800, 2);
	assert_int_equal(pmm_place_database(&bi, 1024, &db), ERR_OK);
	assert_int_equal(db, 4 * MIB + PAGE_SIZE);
}

static void test_database_must_fit_below_boot_mapping(void **state)
{
	(void)state;
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = KERNEL_START;
	bi.kernel_end = KERNEL_END;
	map_add(MIB, 15 * MIB, BOOT_MEM_AVAILABLE);
	map_add(20 * MIB, 12 * MIB, BOOT_MEM_AVAILABLE);
	module_add(PAGE_ALIGN_UP(KERNEL_END), BOOT_MAPPED_PHYS - 0x1000); /* 1 frame left */
	host_console_reset();
	assert_int_equal(pmm_init(&bi), ERR_NOMEM);
	assert_non_null(strstr(host_console_output(), "frame database"));
	assert_int_equal(pmm_free_frames(), 0);
}

static void test_irq_state_restored(void **state)
{
	phys_addr_t f;

	(void)state;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	arch_irq_enable();
	assert_int_equal(pmm_alloc_frame(PMM_OWNER_KERNEL, &f), ERR_OK);
	assert_true(host_irq_enabled());
	assert_int_equal(pmm_free_frame(f), ERR_OK);
	assert_true(host_irq_enabled());
	arch_irq_disable();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_init_counts_and_reservations, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_modules_are_reserved, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alloc_all_then_free_all, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_allocates_lowest_frames_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_frees_are_refused_and_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_owner_accounting, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_garbage_map_entries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_memory_above_4gib_is_not_managed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_memory_above_direct_map_serves_users, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_user_frames_fall_back_to_direct_map, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_init_rejects_unusable_maps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_database_placement, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_database_must_fit_below_boot_mapping, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_irq_state_restored, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
