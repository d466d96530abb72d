/*
 * Unit tests for the i386 page tables (mmu.c) on the host fake arch: page tables live in a
 * 32 MiB host buffer through the fake phys_to_virt, and CR3/TLB operations are recorded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/boot.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <arch/host_fake.h>
#include <arch/memory.h>

#include "pte.h"

#define MIB		 0x100000u
#define FAKE_MEM	 (32 * MIB)
#define USER_VA		 0x00400000u
#define KERNEL_WINDOW_VA KERNEL_RESERVED_BASE
#define KERNEL_TABLES	 (PT_ENTRIES - PDE_INDEX(KERNEL_BASE))

static struct boot_info bi;

/* The opaque page_table is the page directory itself (white-box view for the tests). */
static uint32_t *raw_directory(struct page_table *pt)
{
	return (uint32_t *)pt;
}

static void boot_map(uint64_t available_end)
{
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = MIB;
	bi.kernel_end = 2 * MIB;
	bi.mem_regions[0] = (struct boot_mem_region){MIB, available_end - MIB, BOOT_MEM_AVAILABLE};
	bi.mem_region_count = 1;
}

static int setup(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	host_paging_reset();
	host_tlb_reset();
	boot_map(FAKE_MEM);
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(mmu_init(), ERR_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

static phys_addr_t frame(void)
{
	phys_addr_t f;

	assert_int_equal(pmm_alloc_frame(9, &f), ERR_OK);
	return f;
}

static void test_init_builds_kernel_space(void **state)
{
	struct page_table *k = mmu_kernel_space();
	uint32_t *dir = raw_directory(k);
	phys_addr_t phys;
	uint32_t flags;

	(void)state;
	assert_non_null(k);
	assert_int_equal(host_paging_directory(), (phys_addr_t)((uint8_t *)k - host_phys_mem));
	assert_true(host_paging_global_enabled());
	for (uint32_t i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(dir[i] & PTE_PRESENT,
				 i >= PDE_INDEX(KERNEL_BASE) ? PTE_PRESENT : 0);
	assert_int_equal(mmu_query(k, KERNEL_BASE + 0x5123, &phys, &flags), ERR_OK);
	assert_int_equal(phys, 0x5123);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE);
	assert_int_equal(mmu_query(k, KERNEL_BASE + FAKE_MEM - 1, &phys, NULL), ERR_OK);
	assert_int_equal(phys, FAKE_MEM - 1);
	assert_int_equal(mmu_query(k, KERNEL_BASE + FAKE_MEM, &phys, NULL), ERR_NOT_FOUND);
	assert_int_equal(mmu_query(k, 0x5000, &phys, NULL), ERR_NOT_FOUND); /* no identity map */
	assert_int_equal(mmu_query(k, KERNEL_WINDOW_VA, &phys, NULL), ERR_NOT_FOUND);
	/* Direct-map PTEs are global. */
	assert_true(((uint32_t *)phys_to_virt(dir[PDE_INDEX(KERNEL_BASE)] & PTE_FRAME_MASK))[5] &
		    PTE_GLOBAL);
}

/* Direct-map PTEs: read-only exactly on the pages of the read-only ranges, always global. */
static void test_direct_map_pte_flags(void **state)
{
	const struct phys_range ro[] = {{0x100000, 0x103000}, {0x180000, 0x181000}};
	const uint32_t rw = PTE_PRESENT | PTE_WRITABLE | PTE_GLOBAL, ro_bits = rw & ~PTE_WRITABLE;

	(void)state;
	assert_int_equal(mmu_direct_map_pte(0x0ff000, ro, 2), 0x0ff000 | rw);
	assert_int_equal(mmu_direct_map_pte(0x100000, ro, 2), 0x100000 | ro_bits);
	assert_int_equal(mmu_direct_map_pte(0x102000, ro, 2), 0x102000 | ro_bits);
	assert_int_equal(mmu_direct_map_pte(0x103000, ro, 2), 0x103000 | rw);
	assert_int_equal(mmu_direct_map_pte(0x17f000, ro, 2), 0x17f000 | rw);
	assert_int_equal(mmu_direct_map_pte(0x180000, ro, 2), 0x180000 | ro_bits);
	assert_int_equal(mmu_direct_map_pte(0x181000, ro, 2), 0x181000 | rw);
	assert_int_equal(mmu_direct_map_pte(0x180000, ro, 1), 0x180000 | rw); /* count honoured */
	assert_int_equal(mmu_direct_map_pte(0x100000, ro, 0), 0x100000 | rw);
}

/* mmu_init maps the image's read-only ranges read-only in the kernel space, the rest writable. */
static void test_init_maps_image_readonly(void **state)
{
	struct page_table *k;
	uint32_t flags;

	(void)state;
	host_kernel_readonly[0] = (struct phys_range){MIB, MIB + 0x5000};
	host_kernel_readonly[1] = (struct phys_range){MIB + 0x9000, MIB + 0xa000};
	assert_int_equal(mmu_init(), ERR_OK);
	k = mmu_kernel_space();
	for (uint32_t off = 0; off < 0xb000; off += PAGE_SIZE) {
		bool ro = off < 0x5000 || off == 0x9000;

		assert_int_equal(mmu_query(k, KERNEL_BASE + MIB + off, NULL, &flags), ERR_OK);
		assert_int_equal(flags, ro ? MMU_PRESENT : MMU_PRESENT | MMU_WRITABLE);
	}
	assert_int_equal(mmu_query(k, KERNEL_BASE + MIB - PAGE_SIZE, NULL, &flags), ERR_OK);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE);
	/* Kernel page tables stay writable: the PTE alone makes a page read-only. */
	assert_true(raw_directory(k)[PDE_INDEX(KERNEL_BASE + MIB)] & PTE_WRITABLE);
	assert_true(((uint32_t *)phys_to_virt(raw_directory(k)[PDE_INDEX(KERNEL_BASE)] &
					      PTE_FRAME_MASK))[PTE_INDEX(KERNEL_BASE + MIB)] &
		    PTE_GLOBAL);
}

static void test_init_uses_one_frame_per_kernel_table(void **state)
{
	uint32_t before;

	(void)state;
	before = pmm_free_frames();
	assert_int_equal(mmu_init(), ERR_OK);
	assert_int_equal(before - pmm_free_frames(), KERNEL_TABLES + 1);
	assert_int_equal(pmm_owner(host_paging_directory()), PMM_OWNER_KERNEL);
}

static void test_init_out_of_frames_leaks_nothing(void **state)
{
	phys_addr_t *held = calloc(FAKE_MEM / PAGE_SIZE, sizeof(*held));
	uint32_t n = 0, before;

	(void)state;
	boot_map(8 * MIB); /* all frames below the boot mapping: only the count runs out */
	assert_int_equal(pmm_init(&bi), ERR_OK);
	while (pmm_free_frames() > 100)
		held[n++] = frame();
	before = pmm_free_frames();
	assert_int_equal(mmu_init(), ERR_NOMEM);
	assert_int_equal(pmm_free_frames(), before);
	while (n > 0)
		assert_int_equal(pmm_free_frame(held[--n]), ERR_OK);
	free(held);
}

/* mmu_init writes its tables through the boot mapping: frames above it are refused. */
static void test_init_needs_frames_below_boot_mapping(void **state)
{
	uint32_t before;

	(void)state;
	bi.modules[0] = (struct boot_module){.start = 2 * MIB + 0x10000, .end = BOOT_MAPPED_PHYS};
	bi.module_count = 1; /* leaves room for the PMM database, then nothing below 16 MiB */
	assert_int_equal(pmm_init(&bi), ERR_OK);
	before = pmm_free_frames();
	host_console_reset();
	assert_int_equal(mmu_init(), ERR_NOMEM);
	assert_non_null(strstr(host_console_output(), "above the boot mapping"));
	assert_int_equal(pmm_free_frames(), before);
}

static void test_address_space_shares_kernel_pdes(void **state)
{
	uint32_t before = pmm_free_frames();
	struct page_table *pt = mmu_create_address_space();
	uint32_t *dir = raw_directory(pt), *kdir = raw_directory(mmu_kernel_space());
	phys_addr_t phys;

	(void)state;
	assert_non_null(pt);
	assert_int_equal(pmm_free_frames(), before - 1);
	for (uint32_t i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(dir[i], i < PDE_INDEX(KERNEL_BASE) ? 0 : kdir[i]);
	/* A kernel mapping made after creation is visible through the new space too. */
	assert_int_equal(mmu_map_page(mmu_kernel_space(), 0x7000, KERNEL_WINDOW_VA, MMU_WRITABLE),
			 ERR_OK);
	assert_int_equal(mmu_query(pt, KERNEL_WINDOW_VA, &phys, NULL), ERR_OK);
	assert_int_equal(phys, 0x7000);
	mmu_destroy_address_space(pt);
	assert_int_equal(pmm_free_frames(), before);
}

static void test_map_query_unmap(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	phys_addr_t f = frame(), phys;
	uint32_t flags;

	(void)state;
	assert_int_equal(mmu_map_page(pt, f, USER_VA, MMU_PRESENT | MMU_WRITABLE | MMU_USER),
			 ERR_OK);
	assert_int_equal(mmu_query(pt, USER_VA + 0x10, &phys, &flags), ERR_OK);
	assert_int_equal(phys, f + 0x10);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE | MMU_USER);
	assert_int_equal(mmu_query(pt, USER_VA + PAGE_SIZE, &phys, &flags), ERR_NOT_FOUND);
	assert_int_equal(mmu_query(mmu_kernel_space(), USER_VA, &phys, &flags), ERR_NOT_FOUND);
	assert_int_equal(mmu_unmap_page(pt, USER_VA), ERR_OK);
	assert_int_equal(mmu_query(pt, USER_VA, &phys, &flags), ERR_NOT_FOUND);
	assert_int_equal(mmu_unmap_page(pt, USER_VA), ERR_NOT_FOUND);
	assert_int_equal(mmu_unmap_page(pt, 0x80000000u), ERR_NOT_FOUND); /* no table there */
	mmu_destroy_address_space(pt);
	assert_int_equal(pmm_free_frame(f), ERR_OK);
}

/* A recycled frame full of garbage becomes an empty page table. */
static void test_new_page_table_is_empty(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	phys_addr_t dirty = frame(), phys;

	(void)state;
	memset(phys_to_virt(dirty), 0xff, PAGE_SIZE);
	assert_int_equal(pmm_free_frame(dirty), ERR_OK); /* LIFO: the next table is this frame */
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, MMU_USER), ERR_OK);
	assert_int_equal(raw_directory(pt)[PDE_INDEX(USER_VA)] & PTE_FRAME_MASK, dirty);
	for (virt_addr_t va = USER_VA + PAGE_SIZE; va < USER_VA + PDE_SPAN; va += PAGE_SIZE)
		assert_int_equal(mmu_query(pt, va, &phys, NULL), ERR_NOT_FOUND);
	mmu_destroy_address_space(pt);
}

static void test_flags(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	struct page_table *k = mmu_kernel_space();
	uint32_t flags, *kernel_table;

	(void)state;
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, MMU_USER), ERR_OK); /* read-only */
	assert_int_equal(mmu_query(pt, USER_VA, NULL, &flags), ERR_OK);
	assert_int_equal(flags, MMU_PRESENT | MMU_USER);
	assert_int_equal(mmu_map_page(pt, 0xa000, USER_VA + PAGE_SIZE, MMU_WRITABLE), ERR_OK);
	assert_int_equal(mmu_query(pt, USER_VA + PAGE_SIZE, NULL, &flags), ERR_OK);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE); /* supervisor only */
	assert_int_equal(mmu_map_page(k, 0xb000, KERNEL_WINDOW_VA, MMU_WRITABLE), ERR_OK);
	kernel_table = phys_to_virt(raw_directory(k)[PDE_INDEX(KERNEL_WINDOW_VA)] & PTE_FRAME_MASK);
	assert_true(kernel_table[PTE_INDEX(KERNEL_WINDOW_VA)] & PTE_GLOBAL);
	assert_int_equal(mmu_unmap_page(k, KERNEL_WINDOW_VA), ERR_OK);
	mmu_destroy_address_space(pt);
}

static void test_bad_mappings_rejected(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	struct page_table *k = mmu_kernel_space();
	phys_addr_t phys;

	(void)state;
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA + 4, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(pt, 0x9004, USER_VA, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, 1u << 9), ERR_INVALID);
	assert_int_equal(mmu_map_page(NULL, 0x9000, USER_VA, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(pt, 0x9000, KERNEL_BASE + 0x400000, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(k, 0x9000, KERNEL_WINDOW_VA, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(pt, 0x9000, KERNEL_WINDOW_VA, 0), ERR_INVALID);
	assert_int_equal(mmu_unmap_page(pt, KERNEL_BASE), ERR_INVALID); /* shared: not via pt */
	if (sizeof(virt_addr_t) > 4)
		assert_int_equal(mmu_map_page(pt, 0x9000, (virt_addr_t)1 << 32 << 4, 0),
				 ERR_INVALID);
	/* Remapping is refused and leaves the first mapping alone. */
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, MMU_USER), ERR_OK);
	assert_int_equal(mmu_map_page(pt, 0xa000, USER_VA, MMU_USER), ERR_BUSY);
	assert_int_equal(mmu_query(pt, USER_VA, &phys, NULL), ERR_OK);
	assert_int_equal(phys, 0x9000);
	assert_int_equal(mmu_map_page(k, 0x9000, KERNEL_BASE, MMU_WRITABLE), ERR_BUSY);
	mmu_destroy_address_space(pt);
}

/* Page 0 is never user-accessible (kernel NULL dereferences must fault); other flags pass. */
static void test_user_page_zero_refused(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	uint32_t before = pmm_free_frames();
	uint32_t flags;

	(void)state;
	assert_int_equal(mmu_map_page(pt, 0x9000, 0, MMU_USER), ERR_INVALID);
	assert_int_equal(mmu_map_page(pt, 0x9000, 0, MMU_USER | MMU_WRITABLE), ERR_INVALID);
	assert_int_equal(pmm_free_frames(), before); /* refused before a page table is made */
	assert_int_equal(mmu_query(pt, 0, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(mmu_map_page(pt, 0x9000, PAGE_SIZE, MMU_USER), ERR_OK);
	assert_int_equal(mmu_map_page(pt, 0xa000, 0, MMU_WRITABLE), ERR_OK);
	assert_int_equal(mmu_query(pt, 0, NULL, &flags), ERR_OK);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE);
	mmu_destroy_address_space(pt);
}

static void test_unmap_invalidates_tlb(void **state)
{
	struct page_table *a = mmu_create_address_space();
	struct page_table *b = mmu_create_address_space();

	(void)state;
	assert_int_equal(mmu_map_page(a, 0x9000, USER_VA, MMU_USER), ERR_OK);
	assert_int_equal(mmu_map_page(b, 0x9000, USER_VA + PAGE_SIZE, MMU_USER), ERR_OK);
	mmu_activate(a);
	assert_int_equal(host_paging_directory(), (phys_addr_t)((uint8_t *)a - host_phys_mem));
	host_tlb_reset();
	assert_int_equal(mmu_unmap_page(a, USER_VA), ERR_OK);
	assert_int_equal(host_tlb_invalidation_count(), 1);
	assert_true(host_tlb_was_invalidated(USER_VA));
	assert_int_equal(mmu_unmap_page(b, USER_VA + PAGE_SIZE), ERR_OK); /* b inactive: no flush */
	assert_int_equal(host_tlb_invalidation_count(), 1);
	assert_int_equal(mmu_map_page(mmu_kernel_space(), 0x9000, KERNEL_WINDOW_VA, 0), ERR_OK);
	assert_int_equal(mmu_unmap_page(mmu_kernel_space(), KERNEL_WINDOW_VA), ERR_OK);
	assert_true(host_tlb_was_invalidated(KERNEL_WINDOW_VA)); /* kernel pages: always */
	mmu_activate(mmu_kernel_space());
	mmu_destroy_address_space(a);
	mmu_destroy_address_space(b);
}

static void test_destroy_returns_every_table(void **state)
{
	uint32_t before = pmm_free_frames();
	struct page_table *pt = mmu_create_address_space();
	phys_addr_t f = frame();

	(void)state;
	/* Six tables: the first (from page 1: page 0 is never user), 4 MiB, ... and the top one. */
	for (uint32_t i = 0; i < 6; i++) {
		virt_addr_t va = i < 5 ? i * PDE_SPAN + PAGE_SIZE : KERNEL_BASE - PAGE_SIZE;

		assert_int_equal(mmu_map_page(pt, f, va, MMU_USER | MMU_WRITABLE), ERR_OK);
	}
	assert_int_equal(mmu_map_page(pt, f, 2 * PAGE_SIZE, MMU_USER), ERR_OK); /* same table */
	assert_int_equal(pmm_free_frames(), before - 1 - 1 - 6);
	assert_int_equal(pmm_owner(raw_directory(pt)[0] & PTE_FRAME_MASK), PMM_OWNER_KERNEL);
	mmu_destroy_address_space(pt);
	assert_int_equal(pmm_owner(f), 9); /* mapped frames stay with their owner */
	assert_int_equal(pmm_free_frame(f), ERR_OK);
	assert_int_equal(pmm_free_frames(), before);
}

static void test_out_of_frames_during_map(void **state)
{
	phys_addr_t *held = calloc(FAKE_MEM / PAGE_SIZE, sizeof(*held));
	uint32_t n = 0, before = pmm_free_frames();
	struct page_table *pt = mmu_create_address_space();
	phys_addr_t phys;

	(void)state;
	while (pmm_free_frames() > 0)
		held[n++] = frame();
	assert_null(mmu_create_address_space());
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, MMU_USER), ERR_NOMEM);
	assert_int_equal(raw_directory(pt)[PDE_INDEX(USER_VA)], 0);
	assert_int_equal(mmu_query(pt, USER_VA, &phys, NULL), ERR_NOT_FOUND);
	assert_int_equal(pmm_free_frame(held[--n]), ERR_OK); /* one frame: enough for the table */
	assert_int_equal(mmu_map_page(pt, 0x9000, USER_VA, MMU_USER), ERR_OK);
	assert_int_equal(pmm_free_frames(), 0);
	mmu_destroy_address_space(pt);
	while (n > 0)
		assert_int_equal(pmm_free_frame(held[--n]), ERR_OK);
	assert_int_equal(pmm_free_frames(), before);
	free(held);
}

static void test_destroying_active_space_panics(void **state)
{
	struct page_table *pt = mmu_create_address_space();
	jmp_buf env;

	(void)state;
	mmu_activate(pt);
	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		mmu_destroy_address_space(pt);
		host_panic_disarm();
		fail_msg("destroying the active address space did not panic");
	}
	mmu_activate(mmu_kernel_space());
	mmu_destroy_address_space(pt);
}

/* Frames above 16 MiB are "above the direct map": the PMM's high pool, reached by the window. */
static int setup_low_direct_map(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	host_direct_map_max = 16 * MIB;
	host_paging_reset();
	host_tlb_reset();
	boot_map(FAKE_MEM);
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(mmu_init(), ERR_OK);
	return 0;
}

static void test_kmap_direct_frame_needs_no_window(void **state)
{
	phys_addr_t f = frame();

	(void)state;
	assert_ptr_equal(mmu_kmap(f), phys_to_virt(f));
	assert_int_equal(mmu_query(mmu_kernel_space(), KMAP_WINDOW, NULL, NULL), ERR_NOT_FOUND);
	mmu_kunmap(f);
}

/* A high frame is mapped at the window (kernel-only, writable, global) until mmu_kunmap. */
static void test_kmap_high_frame_uses_window(void **state)
{
	phys_addr_t f, phys;
	uint32_t flags;

	(void)state;
	assert_int_equal(pmm_alloc_user_frame(9, &f), ERR_OK);
	assert_true(f >= 16 * MIB);
	uint8_t *p = mmu_kmap(f);

	assert_ptr_equal(p, phys_to_virt(f)); /* the host's stand-in for the window address */
	assert_int_equal(mmu_query(mmu_kernel_space(), KMAP_WINDOW, &phys, &flags), ERR_OK);
	assert_int_equal(phys, f);
	assert_int_equal(flags, MMU_PRESENT | MMU_WRITABLE);
	assert_true(raw_directory(mmu_kernel_space())[PDE_INDEX(KMAP_WINDOW)] & PTE_PRESENT);
	host_tlb_reset();
	mmu_kunmap(f);
	assert_int_equal(mmu_query(mmu_kernel_space(), KMAP_WINDOW, NULL, NULL), ERR_NOT_FOUND);
	assert_true(host_tlb_was_invalidated(KMAP_WINDOW));
}

/* One window: a second high frame while one is mapped is a kernel bug. */
static void test_kmap_nesting_panics(void **state)
{
	phys_addr_t a, b;
	jmp_buf env;

	(void)state;
	assert_int_equal(pmm_alloc_user_frame(9, &a), ERR_OK);
	assert_int_equal(pmm_alloc_user_frame(9, &b), ERR_OK);
	mmu_kmap(a);
	if (setjmp(env) == 0) {
		host_panic_arm(&env);
		mmu_kmap(b);
		host_panic_disarm();
		fail_msg("a nested kmap did not panic");
	}
	host_panic_disarm();
	mmu_kunmap(a);
	assert_ptr_equal(mmu_kmap(b), phys_to_virt(b)); /* the window is free again */
	mmu_kunmap(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_init_builds_kernel_space, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_direct_map_pte_flags, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_init_maps_image_readonly, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_init_uses_one_frame_per_kernel_table, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_init_out_of_frames_leaks_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_init_needs_frames_below_boot_mapping, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_address_space_shares_kernel_pdes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_map_query_unmap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_new_page_table_is_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_mappings_rejected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_user_page_zero_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unmap_invalidates_tlb, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_destroy_returns_every_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_out_of_frames_during_map, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_destroying_active_space_panics, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_kmap_direct_frame_needs_no_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_kmap_high_frame_uses_window, setup_low_direct_map,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_kmap_nesting_panics, setup_low_direct_map,
					    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
