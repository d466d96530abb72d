/*
 * Host tests for the checked user copies (uaccess.c) against the real i386 page tables
 * (kernel/arch/x86/mmu.c) over the host fake physical memory: every rejected range is
 * ERR_FAULT and leaves both sides untouched; good ranges copy exactly, across pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/boot.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>
#include <arch/host_fake.h>
#include <arch/memory.h>

#define MIB	 0x100000u
#define FAKE_MEM (16 * MIB)
#define OWNER	 0x10001u
#define RW	 (MMU_PRESENT | MMU_USER | MMU_WRITABLE)
#define RO	 (MMU_PRESENT | MMU_USER)
#define BASE	 0x00400000u		      /* three RW pages: BASE .. BASE + 3 pages */
#define RO_PAGE	 0x00500000u		      /* one read-only user page */
#define SUPER	 0x00600000u		      /* one present page without the user bit */
#define HOLE	 0x00700000u		      /* RW page, unmapped page, RW page */
#define TOP_PAGE (USER_SPACE_END - PAGE_SIZE) /* the last user page, RW */

static struct boot_info bi;
static struct page_table *space;
static struct percpu cpu;
static struct thread cur_thread;
static struct unit cur_unit;

/* The fake per-CPU data: the "current thread" of uaccess_copy_from/to. */
struct percpu *this_cpu(void)
{
	return &cpu;
}

static phys_addr_t map(uintptr_t va, uint32_t flags)
{
	phys_addr_t f;

	assert_int_equal(pmm_alloc_frame(OWNER, &f), ERR_OK);
	memset(phys_to_virt(f), 0, PAGE_SIZE);
	assert_int_equal(mmu_map_page(space, f, va, flags), ERR_OK);
	return f;
}

/* The bytes at user address va, read through the page tables (test-side view). */
static uint8_t *user_bytes(uintptr_t va)
{
	phys_addr_t phys;

	assert_int_equal(mmu_query(space, va, &phys, NULL), ERR_OK);
	return phys_to_virt(phys);
}

static int setup(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	memset(&bi, 0, sizeof(bi));
	bi.kernel_start = MIB;
	bi.kernel_end = 2 * MIB;
	bi.mem_regions[0] = (struct boot_mem_region){MIB, FAKE_MEM - MIB, BOOT_MEM_AVAILABLE};
	bi.mem_region_count = 1;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(mmu_init(), ERR_OK);
	space = mmu_create_address_space();
	assert_non_null(space);
	for (unsigned i = 0; i < 3; i++)
		map(BASE + i * PAGE_SIZE, RW);
	map(RO_PAGE, RO);
	map(SUPER, MMU_PRESENT | MMU_WRITABLE);
	map(HOLE, RW);
	map(HOLE + 2 * PAGE_SIZE, RW);
	map(TOP_PAGE, RW);
	cur_unit.aspace = space;
	cur_thread.unit = &cur_unit;
	cpu.rq.current = &cur_thread;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

/* Both directions fail with ERR_FAULT and touch neither the kernel buffer nor user memory. */
static void expect_fault_both(uintptr_t va, size_t len)
{
	uint8_t buf[64];
	uint8_t canary[64];

	memset(buf, 0xa5, sizeof(buf));
	memcpy(canary, buf, sizeof(buf));
	assert_int_equal(uaccess_copy_from_space(space, buf, va, len), ERR_FAULT);
	assert_memory_equal(buf, canary, sizeof(buf));
	assert_int_equal(uaccess_copy_to_space(space, va, buf, len), ERR_FAULT);
}

static void test_null_is_fault(void **state)
{
	(void)state;
	expect_fault_both(0, 4);
	expect_fault_both(0, 0);
	assert_int_equal(uaccess_check(space, 0, 0, false), ERR_FAULT);
}

static void test_unmapped_is_fault(void **state)
{
	(void)state;
	expect_fault_both(0x00800000u, 4);
	expect_fault_both(0x1000u, 1); /* the low 4 MiB are never mapped */
}

static void test_kernel_addresses_are_fault(void **state)
{
	(void)state;
	expect_fault_both(KERNEL_BASE, 4);
	expect_fault_both(KERNEL_BASE + 0x100000u, 4); /* the kernel image: mapped, not user */
	expect_fault_both(0xfffffffcu, 4);
	expect_fault_both(KERNEL_BASE, 0); /* even an empty range may not sit in the kernel */
}

static void test_straddling_the_boundary_is_fault(void **state)
{
	uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};

	(void)state;
	expect_fault_both(USER_SPACE_END - 4, 8);
	expect_fault_both(USER_SPACE_END - 1, 2);
	/* Right up to the boundary is fine. */
	assert_int_equal(uaccess_copy_to_space(space, USER_SPACE_END - 4, buf, 4), ERR_OK);
	assert_memory_equal(user_bytes(USER_SPACE_END - 4), buf, 4);
	assert_int_equal(uaccess_copy_from_space(space, buf + 4, USER_SPACE_END - 4, 4), ERR_OK);
	assert_memory_equal(buf + 4, buf, 4);
}

static void test_pointer_plus_length_overflow_is_fault(void **state)
{
	(void)state;
	expect_fault_both(BASE, SIZE_MAX);
	expect_fault_both(BASE, (size_t)0 - BASE + 4); /* wraps around to a small end address */
	expect_fault_both(TOP_PAGE, PAGE_SIZE + 1);
	assert_int_equal(uaccess_check(space, BASE, SIZE_MAX, false), ERR_FAULT);
}

static void test_read_only_page_rejects_writes_only(void **state)
{
	uint8_t buf[4] = {9, 9, 9, 9};

	(void)state;
	user_bytes(RO_PAGE)[0] = 0x42;
	assert_int_equal(uaccess_copy_to_space(space, RO_PAGE, buf, 4), ERR_FAULT);
	assert_int_equal(user_bytes(RO_PAGE)[0], 0x42);
	assert_int_equal(uaccess_copy_from_space(space, buf, RO_PAGE, 4), ERR_OK);
	assert_int_equal(buf[0], 0x42);
	/* A write range that only ends in the read-only page fails as a whole. */
	assert_int_equal(uaccess_check(space, RO_PAGE - 2, 4, true), ERR_FAULT);
}

static void test_supervisor_page_is_fault(void **state)
{
	(void)state;
	expect_fault_both(SUPER, 4);
	expect_fault_both(SUPER + PAGE_SIZE - 1, 1);
}

static void test_misaligned_is_accepted(void **state)
{
	uint8_t in[7] = {1, 2, 3, 4, 5, 6, 7}, out[7] = {0};

	(void)state;
	assert_int_equal(uaccess_copy_to_space(space, BASE + 3, in, sizeof(in)), ERR_OK);
	assert_memory_equal(user_bytes(BASE + 3), in, sizeof(in));
	assert_int_equal(uaccess_copy_from_space(space, out, BASE + 3, sizeof(out)), ERR_OK);
	assert_memory_equal(out, in, sizeof(in));
}

/* A copy over three pages lands in three separate frames, each part in the right place. */
static void test_multi_page_copies(void **state)
{
	static uint8_t in[PAGE_SIZE + 100], out[sizeof(in)];
	uintptr_t va = BASE + PAGE_SIZE - 50;

	(void)state;
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 7 + 1);
	assert_int_equal(uaccess_copy_to_space(space, va, in, sizeof(in)), ERR_OK);
	assert_memory_equal(user_bytes(va), in, 50);
	assert_memory_equal(user_bytes(BASE + PAGE_SIZE), in + 50, PAGE_SIZE);
	assert_memory_equal(user_bytes(BASE + 2 * PAGE_SIZE), in + 50 + PAGE_SIZE, 50);
	assert_int_equal(uaccess_copy_from_space(space, out, va, sizeof(out)), ERR_OK);
	assert_memory_equal(out, in, sizeof(in));
}

/* A range over an unmapped middle page copies nothing at all, in either direction. */
static void test_hole_copies_nothing(void **state)
{
	static uint8_t in[2 * PAGE_SIZE + 2];

	(void)state;
	memset(in, 0x77, sizeof(in));
	assert_int_equal(uaccess_copy_to_space(space, HOLE + PAGE_SIZE - 1, in, sizeof(in)),
			 ERR_FAULT);
	assert_int_equal(user_bytes(HOLE + PAGE_SIZE - 1)[0], 0);
	assert_int_equal(user_bytes(HOLE + 2 * PAGE_SIZE)[0], 0);
	expect_fault_both(HOLE + PAGE_SIZE - 1, 2);
}

static void test_zero_length(void **state)
{
	uint8_t b = 0x11;

	(void)state;
	assert_int_equal(uaccess_copy_from_space(space, &b, BASE, 0), ERR_OK);
	assert_int_equal(uaccess_copy_to_space(space, 0x00800000u, &b, 0), ERR_OK);
	assert_int_equal(b, 0x11);
}

static void test_read_u32(void **state)
{
	uint32_t v = 0x11223344u, back = 0;

	(void)state;
	assert_int_equal(uaccess_copy_to_space(space, BASE + PAGE_SIZE - 2, &v, 4), ERR_OK);
	assert_int_equal(uaccess_copy_from_space(space, &back, BASE + PAGE_SIZE - 2, sizeof(back)),
			 ERR_OK); /* 2 pages */
	assert_int_equal(back, v);
	assert_int_equal(uaccess_copy_to_space(space, BASE + 5, &v, 4), ERR_OK);
	back = 0;
	assert_int_equal(uaccess_copy_from_space(space, &back, BASE + 5, sizeof(back)), ERR_OK);
	assert_int_equal(back, v);
	assert_int_equal(uaccess_copy_from_space(space, &back, RO_PAGE, sizeof(back)), ERR_OK);
	assert_int_equal(uaccess_copy_from_space(space, &back, 0, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(space, &back, 0x00800000u, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(space, &back, SUPER, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(space, &back, USER_SPACE_END - 2, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(space, &back, KERNEL_BASE, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(space, &back, HOLE + PAGE_SIZE - 2, sizeof(back)), ERR_FAULT);
	assert_int_equal(uaccess_copy_from_space(NULL, &back, BASE, sizeof(back)), ERR_FAULT);
}

static void test_current_space(void **state)
{
	uint32_t v = 0xdeadbeef, back = 0;

	(void)state;
	assert_ptr_equal(uaccess_current_space(), space);
	assert_int_equal(uaccess_copy_to(BASE + 1, &v, sizeof(v)), ERR_OK);
	assert_int_equal(uaccess_copy_from(&back, BASE + 1, sizeof(back)), ERR_OK);
	assert_int_equal(back, v);
	assert_int_equal(uaccess_copy_to(KERNEL_BASE, &v, sizeof(v)), ERR_FAULT);
	cur_thread.unit = NULL; /* a kernel thread has no user memory */
	assert_int_equal(uaccess_copy_from(&back, BASE, 4), ERR_FAULT);
	cpu.rq.current = NULL;
	assert_int_equal(uaccess_copy_to(BASE, &v, 4), ERR_FAULT);
	cur_thread.unit = &cur_unit;
	cpu.rq.current = &cur_thread;
}

/*
 * User pages whose frames lie above the direct map (lowered to 8 MiB here) copy through the
 * window, across the page boundary, and leave the window unmapped afterwards.
 */
static void test_frames_above_direct_map(void **state)
{
	uint8_t out[PAGE_SIZE + 16], back[sizeof(out)];
	phys_addr_t f[2], held[4096];
	uintptr_t va = 0x00900000u;
	unsigned n = 0;

	(void)state;
	host_direct_map_max = 8 * MIB;
	while (n < ARRAY_SIZE(held) && pmm_alloc_frame(OWNER, &held[n]) == ERR_OK &&
	       held[n] < 8 * MIB)
		n++; /* the PMM hands out low frames first: take them out of the way */
	for (unsigned i = 0; i < 2; i++) {
		assert_int_equal(pmm_alloc_user_frame(OWNER, &f[i]), ERR_OK);
		assert_true(f[i] >= 8 * MIB);
		assert_int_equal(mmu_map_page(space, f[i], va + i * PAGE_SIZE, RW), ERR_OK);
	}
	for (unsigned i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + 1);
	assert_int_equal(uaccess_copy_to_space(space, va + 8, out, sizeof(out)), ERR_OK);
	assert_memory_equal((uint8_t *)phys_to_virt(f[0]) + 8, out, PAGE_SIZE - 8);
	assert_memory_equal(phys_to_virt(f[1]), out + PAGE_SIZE - 8, 24);
	assert_int_equal(uaccess_copy_from_space(space, back, va + 8, sizeof(back)), ERR_OK);
	assert_memory_equal(back, out, sizeof(out));
	assert_int_equal(mmu_query(mmu_kernel_space(), KMAP_WINDOW, NULL, NULL), ERR_NOT_FOUND);
	assert_int_equal(uaccess_check(space, va, 2 * PAGE_SIZE, true), ERR_OK);
	host_direct_map_max = 0x30000000u;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_null_is_fault),
	    cmocka_unit_test(test_unmapped_is_fault),
	    cmocka_unit_test(test_kernel_addresses_are_fault),
	    cmocka_unit_test(test_straddling_the_boundary_is_fault),
	    cmocka_unit_test(test_pointer_plus_length_overflow_is_fault),
	    cmocka_unit_test(test_read_only_page_rejects_writes_only),
	    cmocka_unit_test(test_supervisor_page_is_fault),
	    cmocka_unit_test(test_misaligned_is_accepted),
	    cmocka_unit_test(test_multi_page_copies),
	    cmocka_unit_test(test_hole_copies_nothing),
	    cmocka_unit_test(test_zero_length),
	    cmocka_unit_test(test_read_u32),
	    cmocka_unit_test(test_current_space),
	    cmocka_unit_test(test_frames_above_direct_map),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
