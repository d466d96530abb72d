/*
 * Turns the Multiboot v1 information into a struct boot_info: command line, memory map (or the
 * mem_lower/mem_upper fallback), modules and kernel extent. Untrusted input: every read goes
 * through the source's accessor and every bound is checked; bad parts are dropped and counted.
 */
#include <keel/abi.h>
#include <kernel/kprintf.h>

#include "multiboot_info.h"

#define FOUR_GIB	   0x100000000ull
#define LOW_MEMORY_MAX_KIB 640u

_Static_assert(BOOT_MEM_AVAILABLE == MB_MEMORY_AVAILABLE, "memory types pass through as-is");

enum copy_result { COPY_OK, COPY_TRUNCATED, COPY_UNREADABLE };

static uint64_t read_u64(const uint8_t *p)
{
	return (uint64_t)load_le32(p) | (uint64_t)load_le32(p + 4) << 32;
}

/* Accessor call that also rejects ranges wrapping past 4 GiB. */
static const uint8_t *src_map(const struct multiboot_source *src, uint64_t phys, uint32_t len)
{
	return phys + len > FOUR_GIB ? NULL : src->map(src->ctx, (uint32_t)phys, len);
}

/*
 * Copies the C string at `phys` into dst[cap] (cap >= 1), always NUL-terminated. A string
 * longer than cap - 1 is cut (COPY_TRUNCATED); an unreadable byte ends it (COPY_UNREADABLE).
 */
static enum copy_result copy_string(const struct multiboot_source *src, uint32_t phys, char *dst,
				    size_t cap)
{
	for (size_t i = 0; i < cap; i++) {
		const uint8_t *c = src_map(src, (uint64_t)phys + i, 1);

		dst[i] = '\0';
		if (c == NULL)
			return COPY_UNREADABLE;
		if (*c == '\0')
			return COPY_OK;
		if (i == cap - 1)
			return COPY_TRUNCATED;
		dst[i] = (char)*c;
	}
	return COPY_OK;
}

/* Copies the command line; a cut one loses its last partial word so no flag is half-read. */
static void parse_cmdline(const struct multiboot_source *src, struct boot_info *out,
			  struct multiboot_stats *stats)
{
	enum copy_result r;
	size_t cut = 0;

	if (!(src->mbi->flags & MB_INFO_CMDLINE) || src->mbi->cmdline == 0)
		return;
	r = copy_string(src, src->mbi->cmdline, out->cmdline, sizeof(out->cmdline));
	if (r == COPY_OK)
		return;
	stats->cmdline_truncated = (r == COPY_TRUNCATED);
	stats->cmdline_unreadable = (r == COPY_UNREADABLE);
	for (size_t i = 0; out->cmdline[i] != '\0'; i++) {
		if (out->cmdline[i] == ' ')
			cut = i;
	}
	out->cmdline[cut] = '\0';
}

/*
 * Records one memory region. When the table is full a reserved region replaces the last
 * available one (losing usable memory is safe; losing a reservation is not).
 */
static void add_region(struct boot_info *out, struct multiboot_stats *stats, uint64_t base,
		       uint64_t length, uint32_t type)
{
	struct boot_mem_region r = {.base = base, .length = length, .type = type};

	if (length == 0) {
		stats->map_zero_length++;
		return;
	}
	if (base >= FOUR_GIB) {
		stats->map_above_4g++;
		return;
	}
	if (length > FOUR_GIB - base) {
		r.length = FOUR_GIB - base;
		stats->map_clipped++;
	}
	if (out->mem_region_count < BOOT_MAX_MEM_REGIONS) {
		out->mem_regions[out->mem_region_count++] = r;
		return;
	}
	out->mem_regions_dropped++;
	stats->map_dropped++;
	for (int i = (int)out->mem_region_count - 1; type != BOOT_MEM_AVAILABLE && i >= 0; i--) {
		if (out->mem_regions[i].type == BOOT_MEM_AVAILABLE) {
			out->mem_regions[i] = r; /* the last available region gives way */
			return;
		}
	}
}

/* Walks the memory map by each entry's size field, never past mmap_length. */
static void parse_mmap(const struct multiboot_source *src, struct boot_info *out,
		       struct multiboot_stats *stats)
{
	uint32_t len = src->mbi->mmap_length, off = 0;

	while (len - off >= 4) {
		uint64_t at = (uint64_t)src->mbi->mmap_addr + off;
		const uint8_t *e = src_map(src, at, 4);
		uint32_t size = e != NULL ? load_le32(e) : 0;

		if (size < MB_MMAP_ENTRY_MIN_SIZE || size > len - off - 4 ||
		    (e = src_map(src, at, 4 + size)) == NULL) {
			stats->map_malformed++;
			return;
		}
		add_region(out, stats, read_u64(e + 4), read_u64(e + 12), load_le32(e + 20));
		off += 4 + size;
	}
}

/* Without a memory map: [0, mem_lower KiB) and [1 MiB, 1 MiB + mem_upper KiB). */
static void parse_mem_fallback(const struct multiboot_source *src, struct boot_info *out,
			       struct multiboot_stats *stats)
{
	uint32_t lower = src->mbi->mem_lower;

	if (!(src->mbi->flags & MB_INFO_MEMORY))
		return;
	stats->used_mem_fallback = true;
	if (lower > LOW_MEMORY_MAX_KIB)
		lower = LOW_MEMORY_MAX_KIB;
	add_region(out, stats, 0, (uint64_t)lower * 1024, BOOT_MEM_AVAILABLE);
	add_region(out, stats, 0x100000, (uint64_t)src->mbi->mem_upper * 1024, BOOT_MEM_AVAILABLE);
}

/* Copies up to BOOT_MAX_MODULES module descriptors; extra, inverted or unreadable are counted. */
static void parse_modules(const struct multiboot_source *src, struct boot_info *out,
			  struct multiboot_stats *stats)
{
	uint32_t count = src->mbi->mods_count;

	if (!(src->mbi->flags & MB_INFO_MODS))
		return;
	if (count > BOOT_MAX_MODULES) {
		stats->modules_dropped = count - BOOT_MAX_MODULES;
		count = BOOT_MAX_MODULES;
	}
	for (uint32_t i = 0; i < count; i++) {
		uint64_t at =
		    (uint64_t)src->mbi->mods_addr + (uint64_t)i * sizeof(struct mb_module);
		const uint8_t *m = src_map(src, at, sizeof(struct mb_module));
		struct boot_module *bm = &out->modules[out->module_count];

		if (m == NULL || load_le32(m + 4) < load_le32(m)) {
			stats->modules_invalid++;
			continue;
		}
		*bm = (struct boot_module){.start = load_le32(m), .end = load_le32(m + 4)};
		if (load_le32(m + 8) != 0 &&
		    copy_string(src, load_le32(m + 8), bm->name, sizeof(bm->name)) != COPY_OK)
			stats->names_truncated++;
		out->module_count++;
	}
}

int multiboot_parse_info(uint32_t magic, const struct multiboot_source *src, struct boot_info *out,
			 struct multiboot_stats *stats)
{
	*out = (struct boot_info){0};
	*stats = (struct multiboot_stats){0};
	if (magic != MB_BOOTLOADER_MAGIC || src == NULL || src->mbi == NULL || src->map == NULL ||
	    src->kernel_end < src->kernel_start)
		return ERR_INVALID;
	out->kernel_start = src->kernel_start;
	out->kernel_end = src->kernel_end;
	parse_cmdline(src, out, stats);
	if (src->mbi->flags & MB_INFO_MMAP)
		parse_mmap(src, out, stats);
	if (out->mem_region_count == 0)
		parse_mem_fallback(src, out, stats);
	parse_modules(src, out, stats);
	return ERR_OK;
}

static void report_count(uint32_t n, const char *what)
{
	if (n != 0)
		kprintf("multiboot: %u %s\n", (unsigned)n, what);
}

void multiboot_report(const struct multiboot_stats *s)
{
	report_count(s->map_malformed, "malformed memory map entry (rest of the map ignored)");
	report_count(s->map_zero_length, "zero-length memory map entries ignored");
	report_count(s->map_above_4g, "memory map entries above 4 GiB ignored");
	report_count(s->map_clipped, "memory map entries clipped at 4 GiB");
	report_count(s->map_dropped, "memory map entries beyond the table dropped");
	report_count(s->modules_dropped, "modules beyond the table dropped");
	report_count(s->modules_invalid, "invalid module descriptors ignored");
	report_count(s->names_truncated, "module names truncated or unreadable");
	if (s->cmdline_truncated)
		kprintf("multiboot: command line longer than %u bytes: cut at the last word\n",
			(unsigned)(BOOT_CMDLINE_MAX - 1));
	if (s->cmdline_unreadable)
		kprintf("multiboot: command line unreadable: cut at the last readable word\n");
	if (s->used_mem_fallback)
		kprintf("multiboot: no usable memory map, using mem_lower/mem_upper\n");
}
