/*
 * Unit tests for the Multiboot parser with hand-built information blocks in a fake physical
 * memory: valid hand-offs, and garbage (bad sizes, overruns, overflows, too many entries).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <arch/host_fake.h>

#include "multiboot_info.h"

#define FAKE_SIZE  0x10000u
#define MMAP_AT	   0x1000u
#define CMDLINE_AT 0x3000u
#define MODS_AT	   0x4000u
#define NAMES_AT   0x5000u

static uint8_t fake[FAKE_SIZE];
static struct mb_info mbi;
static struct boot_info bi;
static struct multiboot_stats st;

static const void *fake_map(void *ctx, uint32_t phys, uint32_t len)
{
	(void)ctx;
	if (len > FAKE_SIZE || phys > FAKE_SIZE - len)
		return NULL;
	return &fake[phys];
}

static int parse(void)
{
	struct multiboot_source src = {
	    .mbi = &mbi,
	    .map = fake_map,
	    .kernel_start = 0x100000,
	    .kernel_end = 0x180000,
	};

	return multiboot_parse_info(MB_BOOTLOADER_MAGIC, &src, &bi, &st);
}

static void put_u32(uint32_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		fake[at + i] = (uint8_t)(v >> (8 * i));
}

static void put_u64(uint32_t at, uint64_t v)
{
	put_u32(at, (uint32_t)v);
	put_u32(at + 4, (uint32_t)(v >> 32));
}

/* Appends a memory map entry whose size field is `size` (20 for a plain entry). */
static void mmap_add(uint32_t size, uint64_t base, uint64_t length, uint32_t type)
{
	uint32_t at = MMAP_AT + mbi.mmap_length;

	put_u32(at, size);
	put_u64(at + 4, base);
	put_u64(at + 12, length);
	put_u32(at + 20, type);
	mbi.mmap_length += 4 + size;
	mbi.flags |= MB_INFO_MMAP;
}

static void module_add(uint32_t start, uint32_t end, const char *name)
{
	uint32_t at = MODS_AT + mbi.mods_count * 16;
	uint32_t name_at = NAMES_AT + mbi.mods_count * 0x100;

	put_u32(at, start);
	put_u32(at + 4, end);
	put_u32(at + 8, name != NULL ? name_at : 0);
	if (name != NULL)
		strcpy((char *)&fake[name_at], name);
	mbi.mods_count++;
	mbi.mods_addr = MODS_AT;
	mbi.flags |= MB_INFO_MODS;
}

static void set_cmdline(const char *s)
{
	strcpy((char *)&fake[CMDLINE_AT], s);
	mbi.cmdline = CMDLINE_AT;
	mbi.flags |= MB_INFO_CMDLINE;
}

static int setup(void **state)
{
	(void)state;
	memset(fake, 0, sizeof(fake));
	memset(&mbi, 0, sizeof(mbi));
	mbi.mmap_addr = MMAP_AT;
	host_console_reset();
	return 0;
}

static void test_rejects_bad_handoff(void **state)
{
	struct multiboot_source src = {.mbi = &mbi, .map = fake_map, .kernel_end = 0x1000};

	(void)state;
	assert_int_equal(multiboot_parse_info(0x1BADB002u, &src, &bi, &st), ERR_INVALID);
	src.mbi = NULL;
	assert_int_equal(multiboot_parse_info(MB_BOOTLOADER_MAGIC, &src, &bi, &st), ERR_INVALID);
	src.mbi = &mbi;
	src.kernel_start = 0x2000;
	assert_int_equal(multiboot_parse_info(MB_BOOTLOADER_MAGIC, &src, &bi, &st), ERR_INVALID);
}

static void test_valid_handoff(void **state)
{
	(void)state;
	set_cmdline("quiet test=pf");
	mmap_add(20, 0, 0x9fc00, 1);
	mmap_add(24, 0x100000, 0x7f00000, 1); /* larger entry: the extra bytes are skipped */
	mmap_add(20, 0xfffc0000, 0x40000, 2);
	module_add(0x200000, 0x201000, "/boot/init.elf arg");
	module_add(0x202000, 0x202000, NULL); /* empty module, no name */
	assert_int_equal(parse(), ERR_OK);
	assert_string_equal(bi.cmdline, "quiet test=pf");
	assert_int_equal(bi.mem_region_count, 3);
	assert_int_equal(bi.mem_regions[1].base, 0x100000);
	assert_int_equal(bi.mem_regions[1].length, 0x7f00000);
	assert_int_equal(bi.mem_regions[1].type, BOOT_MEM_AVAILABLE);
	assert_int_equal(bi.mem_regions[2].type, 2);
	assert_int_equal(bi.module_count, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x201000);
	assert_string_equal(bi.modules[0].name, "/boot/init.elf arg");
	assert_string_equal(bi.modules[1].name, "");
	assert_int_equal(bi.kernel_start, 0x100000);
	assert_int_equal(bi.kernel_end, 0x180000);
	assert_int_equal(st.map_malformed + st.map_zero_length + st.modules_invalid, 0);
	assert_false(st.used_mem_fallback);
}

static void test_short_entry_stops_walk(void **state)
{
	(void)state;
	mmap_add(20, 0x100000, 0x100000, 1);
	mmap_add(12, 0x200000, 0x100000, 1); /* size < 20 */
	mmap_add(20, 0x300000, 0x100000, 1);
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(bi.mem_region_count, 1);
	assert_int_equal(st.map_malformed, 1);
}

static void test_entry_past_map_end_rejected(void **state)
{
	(void)state;
	mmap_add(20, 0x100000, 0x100000, 1);
	mmap_add(20, 0x200000, 0x100000, 1);
	mbi.mmap_length -= 1; /* the second entry now runs past the end */
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(bi.mem_region_count, 1);
	assert_int_equal(st.map_malformed, 1);
	mbi.mmap_length = 0xfffffff0u; /* garbage length: the accessor bounds the walk */
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(st.map_malformed, 1);
}

static void test_zero_high_and_wrapping_entries(void **state)
{
	(void)state;
	mmap_add(20, 0x100000, 0, 1);		     /* zero length */
	mmap_add(20, 0x100000000ull, 0x10000000, 1); /* above 4 GiB */
	mmap_add(20, 0xffff0000u, 0x100000, 2);	     /* crosses 4 GiB */
	mmap_add(20, 0x1000, UINT64_MAX, 2);	     /* base + length wraps */
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(st.map_zero_length, 1);
	assert_int_equal(st.map_above_4g, 1);
	assert_int_equal(st.map_clipped, 2);
	assert_int_equal(bi.mem_region_count, 2);
	assert_int_equal(bi.mem_regions[0].base + bi.mem_regions[0].length, 0x100000000ull);
	assert_int_equal(bi.mem_regions[1].base + bi.mem_regions[1].length, 0x100000000ull);
}

/* Beyond the table, reservations push out available entries, never the other way round. */
static void test_too_many_entries_keep_reservations(void **state)
{
	uint32_t reserved = 0;

	(void)state;
	for (uint32_t i = 0; i < BOOT_MAX_MEM_REGIONS; i++)
		mmap_add(20, (uint64_t)i * 0x10000, 0x10000, 1);
	for (uint32_t i = 0; i < 6; i++)
		mmap_add(20, 0x8000000 + i * 0x1000, 0x1000, 2);
	mmap_add(20, 0x9000000, 0x1000, 1); /* available, table full: dropped */
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(bi.mem_region_count, BOOT_MAX_MEM_REGIONS);
	assert_int_equal(bi.mem_regions_dropped, 7);
	assert_int_equal(st.map_dropped, 7);
	for (uint32_t i = 0; i < bi.mem_region_count; i++)
		reserved += bi.mem_regions[i].type != BOOT_MEM_AVAILABLE;
	assert_int_equal(reserved, 6);
}

static void test_mem_fallback(void **state)
{
	(void)state;
	mbi.flags = MB_INFO_MEMORY;
	mbi.mem_lower = 5000; /* garbage: clipped to 640 KiB */
	mbi.mem_upper = 31 * 1024;
	assert_int_equal(parse(), ERR_OK);
	assert_true(st.used_mem_fallback);
	assert_int_equal(bi.mem_region_count, 2);
	assert_int_equal(bi.mem_regions[0].length, 640 * 1024);
	assert_int_equal(bi.mem_regions[1].base, 0x100000);
	assert_int_equal(bi.mem_regions[1].length, 31 * 1024 * 1024);
	/* An unreadable map also falls back. */
	mbi.flags |= MB_INFO_MMAP;
	mbi.mmap_addr = FAKE_SIZE - 2;
	mbi.mmap_length = 24;
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(st.map_malformed, 1);
	assert_int_equal(bi.mem_region_count, 2);
	/* Neither: no memory at all (pmm_init reports it). */
	mbi.flags = 0;
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(bi.mem_region_count, 0);
}

static void test_long_cmdline_cut_at_word(void **state)
{
	char line[400];

	(void)state;
	memset(line, 'a', 250);
	strcpy(line + 250, " test=pfxyz more");
	set_cmdline(line);
	assert_int_equal(parse(), ERR_OK);
	assert_true(st.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), 250); /* "test=pfxyz" was cut: dropped whole */
	assert_null(strchr(bi.cmdline, ' '));
	multiboot_report(&st);
	assert_non_null(strstr(host_console_output(), "command line longer"));
}

static void test_unreadable_cmdline(void **state)
{
	(void)state;
	memcpy(&fake[FAKE_SIZE - 6], "ab cde", 6); /* no NUL before the end of memory */
	mbi.cmdline = FAKE_SIZE - 6;
	mbi.flags = MB_INFO_CMDLINE;
	assert_int_equal(parse(), ERR_OK);
	assert_true(st.cmdline_unreadable);
	assert_string_equal(bi.cmdline, "ab");
}

static void test_module_garbage(void **state)
{
	char long_name[200];

	(void)state;
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	module_add(0x300000, 0x200000, "inverted");
	module_add(0x300000, 0x301000, long_name);
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(st.modules_invalid, 1);
	assert_int_equal(st.names_truncated, 1);
	assert_int_equal(bi.module_count, 1);
	assert_int_equal(strlen(bi.modules[0].name), BOOT_MODULE_NAME_MAX - 1);
	mbi.mods_count = 1000; /* garbage count: 16 read (mostly zero descriptors), rest dropped */
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(st.modules_dropped, 1000 - BOOT_MAX_MODULES);
	assert_int_equal(bi.module_count + st.modules_invalid, BOOT_MAX_MODULES);
	mbi.mods_addr = FAKE_SIZE - 8; /* descriptors unreadable */
	mbi.mods_count = 2;
	assert_int_equal(parse(), ERR_OK);
	assert_int_equal(bi.module_count, 0);
	assert_int_equal(st.modules_invalid, 2);
	multiboot_report(&st);
	assert_non_null(strstr(host_console_output(), "invalid module"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_rejects_bad_handoff, setup),
	    cmocka_unit_test_setup(test_valid_handoff, setup),
	    cmocka_unit_test_setup(test_short_entry_stops_walk, setup),
	    cmocka_unit_test_setup(test_entry_past_map_end_rejected, setup),
	    cmocka_unit_test_setup(test_zero_high_and_wrapping_entries, setup),
	    cmocka_unit_test_setup(test_too_many_entries_keep_reservations, setup),
	    cmocka_unit_test_setup(test_mem_fallback, setup),
	    cmocka_unit_test_setup(test_long_cmdline_cut_at_word, setup),
	    cmocka_unit_test_setup(test_unreadable_cmdline, setup),
	    cmocka_unit_test_setup(test_module_garbage, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
