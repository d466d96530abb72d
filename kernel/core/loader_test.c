/*
 * Unit tests for the program loader against the real PMM and i386 page tables on the host's
 * fake physical memory: W^X permissions, copied and zeroed bytes, stack placement, frames
 * charged to the unit, and teardown returning every frame.
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
#include <kernel/elf.h>
#include <kernel/loader.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <arch/host_fake.h>
#include <arch/memory.h>

#define MIB	  0x100000u
#define FAKE_MEM  (16 * MIB)
#define OWNER	  0x10001u /* a unit id */
#define TEXT_VA	  0x00400000u
#define RODATA_VA 0x00401000u
#define DATA_VA	  0x00402000u
#define TEXT_SZ	  0x123u
#define DATA_FILE 0x10u
#define DATA_MEM  0x1800u /* the .bss reaches into a second page */
#define IMAGE_SZ  0x3000u + DATA_FILE
#define JUNK	  0xAAu

static struct boot_info bi;
static uint8_t image[0x4000];

static void put_phdr(unsigned i, uint32_t off, uint32_t va, uint32_t filesz, uint32_t memsz,
		     uint32_t flags)
{
	struct elf32_phdr *ph = (struct elf32_phdr *)(image + sizeof(struct elf32_ehdr)) + i;

	*ph = (struct elf32_phdr){ELF_PT_LOAD, off, va, va, filesz, memsz, flags, 0x1000};
}

/* text r-x (TEXT_SZ bytes of 0x11..), rodata r-- (0x22), data rw- (DATA_FILE of 0x33 + bss). */
static void build_image(void)
{
	struct elf32_ehdr *eh = (struct elf32_ehdr *)image;

	memset(image, 0, sizeof(image));
	memcpy(eh->e_ident,
	       "\x7f"
	       "ELF",
	       4);
	eh->e_ident[ELF_EI_CLASS] = ELF_CLASS32;
	eh->e_ident[ELF_EI_DATA] = ELF_DATA2LSB;
	eh->e_ident[ELF_EI_VERSION] = ELF_EV_CURRENT;
	eh->e_type = ELF_ET_EXEC;
	eh->e_machine = ELF_EM_386;
	eh->e_version = ELF_EV_CURRENT;
	eh->e_entry = TEXT_VA + 4;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf32_phdr);
	eh->e_phnum = 3;
	put_phdr(0, 0x1000, TEXT_VA, TEXT_SZ, TEXT_SZ, ELF_PF_R | ELF_PF_X);
	put_phdr(1, 0x2000, RODATA_VA, 8, 8, ELF_PF_R);
	put_phdr(2, 0x3000, DATA_VA, DATA_FILE, DATA_MEM, ELF_PF_R | ELF_PF_W);
	memset(image + 0x1000, 0x11, TEXT_SZ);
	memset(image + 0x2000, 0x22, 8);
	memset(image + 0x3000, 0x33, DATA_FILE);
}

/* Fills every free frame with junk, so the loader's zeroing is really tested. */
static void dirty_free_frames(void)
{
	static phys_addr_t frames[FAKE_MEM / PAGE_SIZE];
	uint32_t n = 0;

	while (pmm_alloc_frame(PMM_OWNER_KERNEL, &frames[n]) == ERR_OK)
		memset(phys_to_virt(frames[n++]), JUNK, PAGE_SIZE);
	while (n > 0)
		assert_int_equal(pmm_free_frame(frames[--n]), ERR_OK);
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
	dirty_free_frames();
	build_image();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

/* The windows loader_load opens (kernel_preemption_window): the free frames at each. */
#define WINDOWS_MAX 16
static bool windows_on;
static unsigned windows_opened;
static uint32_t free_at_window[WINDOWS_MAX];

void kernel_preemption_window(void)
{
	if (windows_opened < WINDOWS_MAX)
		free_at_window[windows_opened] = pmm_free_frames();
	windows_opened++;
}

struct loaded {
	struct page_table *pt;
	struct elf_plan plan;
	struct loader_image img;
	char reason[ELF_REASON_MAX];
	int err;
};

static void load(struct loaded *l, size_t size)
{
	assert_int_equal(elf_validate(image, size, &l->plan, l->reason, sizeof(l->reason)), ERR_OK);
	l->pt = mmu_create_address_space();
	assert_non_null(l->pt);
	l->err = loader_load(l->pt, OWNER, image, &l->plan, windows_on, &l->img, l->reason,
			     sizeof(l->reason));
}

static void unload(struct loaded *l)
{
	loader_unload(l->pt, OWNER, &l->img);
	mmu_destroy_address_space(l->pt);
}

/* Flags of the page at va (0 if unmapped); *byte_out gets the byte at va when mapped. */
static uint32_t page_flags(struct page_table *pt, uint32_t va, uint8_t *byte_out)
{
	phys_addr_t phys;
	uint32_t flags;

	if (mmu_query(pt, va, &phys, &flags) != ERR_OK)
		return 0;
	if (byte_out)
		*byte_out = *(uint8_t *)phys_to_virt(phys);
	return flags;
}

static void test_permissions_are_wx_exclusive(void **state)
{
	struct loaded l;
	const uint32_t ro = MMU_PRESENT | MMU_USER, rw = ro | MMU_WRITABLE;

	(void)state;
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_OK);
	assert_int_equal(page_flags(l.pt, TEXT_VA, NULL), ro);
	assert_int_equal(page_flags(l.pt, RODATA_VA, NULL), ro);
	assert_int_equal(page_flags(l.pt, DATA_VA, NULL), rw);
	assert_int_equal(page_flags(l.pt, DATA_VA + PAGE_SIZE, NULL), rw);
	assert_int_equal(page_flags(l.pt, DATA_VA + 2 * PAGE_SIZE, NULL), 0);
	assert_int_equal(page_flags(l.pt, 0, NULL), 0);
	assert_int_equal(l.img.entry, TEXT_VA + 4);
	unload(&l);
}

static void test_bytes_copied_and_tails_zeroed(void **state)
{
	struct loaded l;
	uint8_t b;

	(void)state;
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_OK);
	page_flags(l.pt, TEXT_VA + TEXT_SZ - 1, &b);
	assert_int_equal(b, 0x11);
	page_flags(l.pt, TEXT_VA + TEXT_SZ, &b);
	assert_int_equal(b, 0); /* tail of the text page */
	page_flags(l.pt, RODATA_VA + 7, &b);
	assert_int_equal(b, 0x22);
	page_flags(l.pt, DATA_VA + DATA_FILE - 1, &b);
	assert_int_equal(b, 0x33);
	for (uint32_t va = DATA_VA + DATA_FILE; va < DATA_VA + 2 * PAGE_SIZE; va++) {
		page_flags(l.pt, va, &b);
		assert_int_equal(b, 0); /* .bss and the page tail, on a frame that held junk */
	}
	unload(&l);
}

static void test_stack_below_kernel_with_guard(void **state)
{
	struct loaded l;
	const uint32_t rw = MMU_PRESENT | MMU_USER | MMU_WRITABLE;
	uint8_t b;

	(void)state;
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_OK);
	assert_int_equal(l.img.stack_top % 16, 0);
	assert_true(l.img.stack_top < USER_SPACE_END);
	for (uint32_t va = l.img.stack_top - LOADER_STACK_PAGES * PAGE_SIZE; va < l.img.stack_top;
	     va += PAGE_SIZE) {
		assert_int_equal(page_flags(l.pt, va, &b), rw);
		assert_int_equal(b, 0);
	}
	assert_int_equal(page_flags(l.pt, l.img.stack_top, NULL), 0);
	assert_int_equal(page_flags(l.pt, LOADER_GUARD_BASE, NULL), 0);
	assert_int_equal(l.img.stack_top - LOADER_STACK_PAGES * PAGE_SIZE - PAGE_SIZE,
			 LOADER_GUARD_BASE);
	unload(&l);
}

/* Every user page is a frame of its own, charged to the unit. */
static void test_frames_charged_to_unit(void **state)
{
	struct loaded l;
	phys_addr_t seen[16];
	unsigned n = 0;

	(void)state;
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_OK);
	for (uint32_t r = 0; r < l.img.region_count; r++) {
		for (uint32_t va = l.img.regions[r].start; va < l.img.regions[r].end;
		     va += PAGE_SIZE) {
			assert_int_equal(mmu_query(l.pt, va, &seen[n], NULL), ERR_OK);
			assert_int_equal(pmm_owner(seen[n]), OWNER);
			for (unsigned i = 0; i < n; i++)
				assert_true(seen[i] != seen[n]);
			n++;
		}
	}
	assert_int_equal(n, 4 + LOADER_STACK_PAGES); /* text, rodata, 2 data, stack */
	unload(&l);
}

/*
 * A system call's load (windows): one window before each page, each after the previous
 * page's frame was taken; a boot load opens none.
 */
static void test_window_before_each_page(void **state)
{
	struct loaded l;

	(void)state;
	windows_opened = 0;
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_OK);
	assert_int_equal(windows_opened, 0);
	unload(&l);
	windows_on = true;
	load(&l, IMAGE_SZ);
	windows_on = false;
	assert_int_equal(l.err, ERR_OK);
	assert_int_equal(windows_opened, 4 + LOADER_STACK_PAGES); /* every page, stack too */
	for (unsigned i = 1; i < windows_opened; i++)
		assert_true(free_at_window[i] < free_at_window[i - 1]);
	unload(&l);
}

static void test_teardown_returns_every_frame(void **state)
{
	uint32_t before = pmm_free_frames();
	struct loaded l;

	(void)state;
	for (int round = 0; round < 3; round++) {
		load(&l, IMAGE_SZ);
		assert_int_equal(l.err, ERR_OK);
		assert_true(pmm_free_frames() < before);
		unload(&l);
		assert_int_equal(pmm_free_frames(), before);
	}
}

/* elf_validate allows segments up to 0xC0000000; the loader keeps them off the stack area. */
static void test_segment_in_stack_area_rejected(void **state)
{
	uint32_t before = pmm_free_frames();
	struct loaded l;

	(void)state;
	put_phdr(2, 0x3000, LOADER_STACK_BASE - PAGE_SIZE, DATA_FILE, DATA_MEM,
		 ELF_PF_R | ELF_PF_W);
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_INVALID);
	assert_non_null(strstr(l.reason, "segment 2"));
	assert_non_null(strstr(l.reason, "stack"));
	unload(&l);
	assert_int_equal(pmm_free_frames(), before);
}

/* The page of the arch's landing code (mapped by arch_aspace_init) is reserved as well. */
static void test_segment_on_landing_page_rejected(void **state)
{
	struct loaded l;

	(void)state;
	put_phdr(2, 0x3000, LOADER_LANDING_PAGE, DATA_FILE, DATA_FILE, ELF_PF_R | ELF_PF_W);
	load(&l, IMAGE_SZ);
	assert_int_equal(l.err, ERR_INVALID);
	assert_non_null(strstr(l.reason, "stack"));
	unload(&l);
	put_phdr(2, 0x3000, LOADER_LANDING_PAGE - PAGE_SIZE, DATA_FILE, DATA_FILE,
		 ELF_PF_R | ELF_PF_W);
	load(&l, IMAGE_SZ); /* the page below it is the program's */
	assert_int_equal(l.err, ERR_OK);
	assert_int_equal(page_flags(l.pt, LOADER_LANDING_PAGE, NULL), 0);
	unload(&l);
}

/* Out of frames half-way: ERR_NOMEM, and unloading the partial image frees all of it. */
static void test_out_of_memory_is_clean(void **state)
{
	static phys_addr_t hog[FAKE_MEM / PAGE_SIZE];
	uint32_t n = 0, before;
	struct loaded l;

	(void)state;
	while (pmm_free_frames() > 5 && pmm_alloc_frame(PMM_OWNER_KERNEL, &hog[n]) == ERR_OK)
		n++;
	before = pmm_free_frames();
	load(&l, IMAGE_SZ); /* directory + a page table + 3 pages: no room for the rest */
	assert_int_equal(l.err, ERR_NOMEM);
	unload(&l);
	assert_int_equal(pmm_free_frames(), before);
	while (n > 0)
		pmm_free_frame(hog[--n]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_permissions_are_wx_exclusive, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bytes_copied_and_tails_zeroed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stack_below_kernel_with_guard, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_frames_charged_to_unit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_window_before_each_page, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_teardown_returns_every_frame, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_segment_in_stack_area_rejected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_segment_on_landing_page_rejected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_out_of_memory_is_clean, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
