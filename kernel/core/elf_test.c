/*
 * Host tests for ELF validation: a valid two-segment image and its plan, a corpus of broken
 * images (each built here by mutating the valid one) rejected with their specific reasons, and
 * random and mutated bytes that must never be accepted unsafely.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/elf.h>
#include <keel/abi.h>

#define IMG_MAX	 0x4000
#define IMG_SIZE 0x3100u

static uint8_t img[IMG_MAX] __attribute__((aligned(16)));
static size_t img_size;

static struct elf32_ehdr *eh(void)
{
	return (struct elf32_ehdr *)img;
}

static struct elf32_phdr *ph(unsigned i)
{
	return (struct elf32_phdr *)(img + sizeof(struct elf32_ehdr) +
				     i * sizeof(struct elf32_phdr));
}

/* Text R-X at 0x400000 (0x1800 bytes), data RW- at 0x402000 (0x100 bytes + bss to 0x2000). */
static int build_valid(void **state)
{
	(void)state;
	memset(img, 0xcc, sizeof(img));
	*eh() = (struct elf32_ehdr){
	    .e_ident = {0x7f, 'E', 'L', 'F', ELF_CLASS32, ELF_DATA2LSB, ELF_EV_CURRENT},
	    .e_type = ELF_ET_EXEC,
	    .e_machine = ELF_EM_386,
	    .e_version = ELF_EV_CURRENT,
	    .e_entry = 0x400010,
	    .e_phoff = sizeof(struct elf32_ehdr),
	    .e_ehsize = sizeof(struct elf32_ehdr),
	    .e_phentsize = sizeof(struct elf32_phdr),
	    .e_phnum = 2,
	};
	*ph(0) = (struct elf32_phdr){.p_type = ELF_PT_LOAD,
				     .p_offset = 0x1000,
				     .p_vaddr = 0x400000,
				     .p_paddr = 0x400000,
				     .p_filesz = 0x1800,
				     .p_memsz = 0x1800,
				     .p_flags = ELF_PF_R | ELF_PF_X,
				     .p_align = 0x1000};
	*ph(1) = (struct elf32_phdr){.p_type = ELF_PT_LOAD,
				     .p_offset = 0x3000,
				     .p_vaddr = 0x402000,
				     .p_paddr = 0x402000,
				     .p_filesz = 0x100,
				     .p_memsz = 0x2000,
				     .p_flags = ELF_PF_R | ELF_PF_W,
				     .p_align = 0x1000};
	img_size = IMG_SIZE;
	return 0;
}

static void expect_reject(int code, const char *fragment)
{
	char reason[ELF_REASON_MAX];
	struct elf_plan plan = {.count = 99};
	int err = elf_validate(img, img_size, &plan, reason, sizeof(reason));

	if (err != code || strstr(reason, fragment) == NULL)
		fail_msg("got %d \"%s\", want %d \"...%s...\"", err, reason, code, fragment);
	assert_int_equal(plan.count, 0);
	assert_true(strlen(reason) < sizeof(reason));
}

static void test_valid_image_plan(void **state)
{
	(void)state;
	char reason[ELF_REASON_MAX];
	struct elf_plan plan;

	assert_int_equal(elf_validate(img, img_size, &plan, reason, sizeof(reason)), ERR_OK);
	assert_string_equal(reason, "");
	assert_int_equal(plan.entry, 0x400010);
	assert_int_equal(plan.count, 2);
	const struct elf_segment *text = &plan.segments[0], *data = &plan.segments[1];

	assert_int_equal(text->page_start, 0x400000);
	assert_int_equal(text->page_end, 0x402000);
	assert_int_equal(text->flags, ELF_SEG_READ | ELF_SEG_EXEC);
	assert_int_equal(text->file_offset, 0x1000);
	assert_int_equal(text->filesz, 0x1800);
	assert_int_equal(text->phdr_index, 0);
	assert_int_equal(data->page_start, 0x402000);
	assert_int_equal(data->page_end, 0x404000);
	assert_int_equal(data->flags, ELF_SEG_READ | ELF_SEG_WRITE);
	assert_int_equal(data->vaddr, 0x402000);
	assert_int_equal(data->memsz, 0x2000);
	assert_int_equal(data->filesz, 0x100);
	assert_int_equal(elf_validate(img, img_size, &plan, NULL, 0), ERR_OK);
}

static void test_ignored_segments_accepted(void **state)
{
	(void)state;
	struct elf_plan plan;

	eh()->e_phnum = 5;
	*ph(2) = (struct elf32_phdr){.p_type = ELF_PT_NOTE, .p_offset = 0xffffffff};
	*ph(3) = (struct elf32_phdr){.p_type = 0x6474e551 /* PT_GNU_STACK */, .p_flags = 6};
	*ph(4) = (struct elf32_phdr){.p_type = ELF_PT_LOAD, .p_vaddr = 0x500000}; /* empty */
	assert_int_equal(elf_validate(img, img_size, &plan, NULL, 0), ERR_OK);
	assert_int_equal(plan.count, 2);

	/* ld emits an empty PT_LOAD at vaddr 0 for an empty output section: nothing to map. */
	*ph(4) = (struct elf32_phdr){.p_type = ELF_PT_LOAD, .p_vaddr = 0, .p_flags = ELF_PF_R};
	assert_int_equal(elf_validate(img, img_size, &plan, NULL, 0), ERR_OK);
	assert_int_equal(plan.count, 2);

	/* ...but file bytes with no memory are still refused. */
	*ph(4) = (struct elf32_phdr){.p_type = ELF_PT_LOAD, .p_vaddr = 0, .p_filesz = 1};
	expect_reject(ERR_INVALID, "segment 4: p_filesz 0x1 > p_memsz 0x0");
}

static void test_truncated(void **state)
{
	(void)state;
	img_size = 51;
	expect_reject(ERR_INVALID, "file is 0x33 bytes, shorter than the 52-byte ELF header");
	img_size = 0;
	expect_reject(ERR_INVALID, "shorter than the 52-byte ELF header");
	img_size = 200; /* header and table fit, segment data does not */
	expect_reject(ERR_INVALID, "segment 0: p_offset 0x1000 + p_filesz 0x1800 exceeds the file "
				   "size 0xc8");

	char reason[ELF_REASON_MAX];
	struct elf_plan plan;

	assert_int_equal(elf_validate(NULL, 100, &plan, reason, sizeof(reason)), ERR_INVALID);
}

static void test_bad_ident(void **state)
{
	(void)state;
	img[1] = 'X';
	expect_reject(ERR_INVALID, "bad magic 7f 58 4c 46");
	build_valid(NULL);
	img[ELF_EI_CLASS] = 2;
	expect_reject(ERR_INVALID, "class 2 is not ELFCLASS32");
	build_valid(NULL);
	img[ELF_EI_DATA] = 2;
	expect_reject(ERR_INVALID, "data 2 is not little-endian");
	build_valid(NULL);
	eh()->e_version = 0;
	expect_reject(ERR_INVALID, "ELF version 1/0 is not EV_CURRENT");
}

static void test_bad_type_machine(void **state)
{
	(void)state;
	eh()->e_type = 3; /* ET_DYN */
	expect_reject(ERR_INVALID, "e_type 3 is not ET_EXEC");
	build_valid(NULL);
	eh()->e_machine = 62; /* EM_X86_64 */
	expect_reject(ERR_INVALID, "e_machine 62 is not EM_386");
	build_valid(NULL);
	eh()->e_phentsize = 56;
	expect_reject(ERR_INVALID, "e_phentsize 56 is not 32");
	build_valid(NULL);
	eh()->e_ehsize = 40;
	expect_reject(ERR_INVALID, "e_ehsize 40");
}

static void test_bad_program_header_table(void **state)
{
	(void)state;
	eh()->e_phoff = IMG_SIZE;
	expect_reject(ERR_INVALID, "e_phoff 0x3100 + e_phnum 2 * 32 exceeds the file size 0x3100");
	eh()->e_phoff = 0xfffffff0; /* phoff + phnum * phentsize wraps in 32 bits */
	eh()->e_phnum = 0xfffe;
	expect_reject(ERR_INVALID, "e_phoff 0xfffffff0 + e_phnum 65534 * 32 exceeds");
	build_valid(NULL);
	eh()->e_phnum = 0;
	expect_reject(ERR_INVALID, "e_phnum 0: no usable program header table");
	eh()->e_phnum = ELF_PN_XNUM;
	expect_reject(ERR_INVALID, "e_phnum 65535");
}

static void test_segment_file_range(void **state)
{
	(void)state;
	ph(1)->p_offset = IMG_SIZE;
	expect_reject(ERR_INVALID, "segment 1: p_offset 0x3100 + p_filesz 0x100 exceeds the file "
				   "size 0x3100");
	ph(1)->p_offset = 0xffffff00; /* offset + filesz wraps to 0 in 32 bits */
	ph(1)->p_align = 0;
	expect_reject(ERR_INVALID, "segment 1: p_offset 0xffffff00 + p_filesz 0x100 exceeds");
	build_valid(NULL);
	ph(1)->p_filesz = 0x3000;
	expect_reject(ERR_INVALID, "segment 1: p_filesz 0x3000 > p_memsz 0x2000");
}

static void test_overlap(void **state)
{
	(void)state;
	ph(1)->p_vaddr = 0x401000;
	expect_reject(ERR_INVALID, "segments 0 and 1 overlap: pages [0x400000, 0x402000) and "
				   "[0x401000, 0x403000)");
	/* No byte in common, but the page at 0x401000 would need both R-X and RW-. */
	ph(1)->p_vaddr = 0x401800;
	ph(1)->p_align = 0;
	expect_reject(ERR_INVALID, "segments 0 and 1 overlap");
}

static void test_address_range(void **state)
{
	(void)state;
	ph(1)->p_vaddr = 0xc0001000;
	expect_reject(ERR_INVALID, "segment 1: vaddr 0xc0001000 is in kernel space");
	ph(1)->p_vaddr = 0xbffff000;
	expect_reject(ERR_INVALID, "segment 1: vaddr 0xbffff000 + memsz 0x2000 crosses the user "
				   "limit 0xc0000000");
	ph(1)->p_vaddr = 0x402000;
	ph(1)->p_memsz = 0xffffffff; /* vaddr + memsz wraps in 32 bits */
	expect_reject(ERR_INVALID, "segment 1: vaddr 0x402000 + memsz 0xffffffff crosses");
	build_valid(NULL);
	ph(0)->p_vaddr = 0;
	ph(0)->p_align = 0;
	expect_reject(ERR_INVALID, "segment 0: vaddr 0x0 is below the user minimum 0x400000");
	ph(0)->p_vaddr = 0x3ff000;
	expect_reject(ERR_INVALID, "segment 0: vaddr 0x3ff000 is below the user minimum");
}

static void test_wx_and_alignment(void **state)
{
	(void)state;
	ph(0)->p_flags = ELF_PF_R | ELF_PF_W | ELF_PF_X;
	expect_reject(ERR_INVALID, "segment 0: flags 0x7 are writable and executable (W^X)");
	build_valid(NULL);
	ph(1)->p_align = 0x3000;
	expect_reject(ERR_INVALID, "segment 1: p_align 0x3000 is not a power of two");
	ph(1)->p_align = 0x1000;
	ph(1)->p_vaddr = 0x402100;
	expect_reject(ERR_INVALID, "segment 1: p_vaddr 0x402100 and p_offset 0x3000 disagree "
				   "modulo p_align 0x1000");
}

static void test_entry_point(void **state)
{
	(void)state;
	eh()->e_entry = 0x402000; /* in the data segment */
	expect_reject(ERR_INVALID, "entry point 0x402000 is not inside an executable segment");
	eh()->e_entry = 0x401800; /* one past the text segment's bytes */
	expect_reject(ERR_INVALID, "entry point 0x401800 is not inside");
	eh()->e_entry = 0;
	expect_reject(ERR_INVALID, "entry point 0x0");
}

static void test_segment_types(void **state)
{
	(void)state;
	ph(0)->p_type = ELF_PT_NOTE;
	ph(1)->p_type = ELF_PT_NOTE;
	expect_reject(ERR_INVALID, "no PT_LOAD segment");
	build_valid(NULL);
	eh()->e_phnum = 3;
	*ph(2) = (struct elf32_phdr){.p_type = ELF_PT_INTERP, .p_offset = 0x100, .p_filesz = 16};
	expect_reject(ERR_INVALID, "segment 2: PT_INTERP: only static executables");
	ph(2)->p_type = ELF_PT_DYNAMIC;
	expect_reject(ERR_INVALID, "segment 2: PT_DYNAMIC: only static executables");
	ph(2)->p_type = ELF_PT_TLS;
	expect_reject(ERR_INVALID, "segment 2: PT_TLS");
}

static void test_too_many_segments(void **state)
{
	(void)state;
	eh()->e_phnum = ELF_MAX_SEGMENTS + 1;
	for (unsigned i = 2; i < ELF_MAX_SEGMENTS + 1; i++)
		*ph(i) = (struct elf32_phdr){.p_type = ELF_PT_LOAD,
					     .p_vaddr = 0x500000 + i * 0x1000,
					     .p_memsz = 0x10,
					     .p_flags = ELF_PF_R};
	expect_reject(ERR_OVERFLOW, "segment 8: more than 8 PT_LOAD segments");
}

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return rng_state >> 8;
}

/* An accepted image must satisfy every rule the loader relies on. */
static void assert_plan_safe(const struct elf_plan *plan, size_t size)
{
	bool entry_ok = false;

	assert_true(plan->count >= 1 && plan->count <= ELF_MAX_SEGMENTS);
	for (uint32_t k = 0; k < plan->count; k++) {
		const struct elf_segment *s = &plan->segments[k];

		assert_true(s->page_start >= ELF_USER_MIN && s->page_end <= ELF_USER_LIMIT);
		assert_true(s->page_start < s->page_end);
		assert_true((uint64_t)s->file_offset + s->filesz <= size && s->filesz <= s->memsz);
		assert_false((s->flags & ELF_SEG_WRITE) && (s->flags & ELF_SEG_EXEC));
		for (uint32_t j = 0; j < k; j++)
			assert_true(s->page_start >= plan->segments[j].page_end ||
				    plan->segments[j].page_start >= s->page_end);
		if ((s->flags & ELF_SEG_EXEC) && plan->entry >= s->vaddr &&
		    plan->entry - s->vaddr < s->filesz)
			entry_ok = true;
	}
	assert_true(entry_ok);
}

static void test_garbage_bytes(void **state)
{
	(void)state;
	char reason[ELF_REASON_MAX];
	struct elf_plan plan;

	rng_state = 1;
	for (unsigned round = 0; round < 2000; round++) {
		size_t size = rng() % 512;

		for (size_t i = 0; i < size; i++)
			img[i] = (uint8_t)rng();
		if (round % 2) /* get past the magic check half of the time */
			memcpy(img,
			       "\x7f"
			       "ELF\x01\x01\x01",
			       7);
		assert_int_not_equal(elf_validate(img, size, &plan, reason, sizeof(reason)),
				     ERR_OK);
		assert_true(reason[0] != '\0');
	}
}

/* Random byte flips in the valid image: either a reasoned rejection or a safe plan. */
static void test_mutated_images(void **state)
{
	(void)state;
	char reason[ELF_REASON_MAX];
	struct elf_plan plan;
	unsigned accepted = 0;

	rng_state = 7;
	for (unsigned round = 0; round < 5000; round++) {
		build_valid(NULL);
		for (unsigned k = 0, n = 1 + rng() % 4; k < n; k++)
			img[rng() % 116] = (uint8_t)rng(); /* header and both program headers */
		int err = elf_validate(img, img_size, &plan, reason, sizeof(reason));

		if (err == ERR_OK) {
			assert_plan_safe(&plan, img_size);
			accepted++;
		} else {
			assert_true(err == ERR_INVALID || err == ERR_OVERFLOW);
			assert_true(reason[0] != '\0');
		}
	}
	assert_true(accepted > 0); /* some flips hit harmless fields */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_valid_image_plan, build_valid),
	    cmocka_unit_test_setup(test_ignored_segments_accepted, build_valid),
	    cmocka_unit_test_setup(test_truncated, build_valid),
	    cmocka_unit_test_setup(test_bad_ident, build_valid),
	    cmocka_unit_test_setup(test_bad_type_machine, build_valid),
	    cmocka_unit_test_setup(test_bad_program_header_table, build_valid),
	    cmocka_unit_test_setup(test_segment_file_range, build_valid),
	    cmocka_unit_test_setup(test_overlap, build_valid),
	    cmocka_unit_test_setup(test_address_range, build_valid),
	    cmocka_unit_test_setup(test_wx_and_alignment, build_valid),
	    cmocka_unit_test_setup(test_entry_point, build_valid),
	    cmocka_unit_test_setup(test_segment_types, build_valid),
	    cmocka_unit_test_setup(test_too_many_segments, build_valid),
	    cmocka_unit_test_setup(test_garbage_bytes, build_valid),
	    cmocka_unit_test_setup(test_mutated_images, build_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
