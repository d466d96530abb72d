/*
 * What the boot loader told us, in a loader-independent form. The arch layer fills it from the
 * Multiboot information before any generic code runs; generic code never parses Multiboot.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <kernel/types.h>

#define BOOT_MAX_MEM_REGIONS 64
#define BOOT_MAX_MODULES 16
#define BOOT_CMDLINE_MAX 256
#define BOOT_MODULE_NAME_MAX 64

#define BOOT_MEM_AVAILABLE 1 /* any other type is reserved */

struct boot_mem_region {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

struct boot_module {
	phys_addr_t start; /* first byte */
	phys_addr_t end;   /* one past the last byte */
	char name[BOOT_MODULE_NAME_MAX];
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	uint32_t mem_region_count;
	struct boot_mem_region mem_regions[BOOT_MAX_MEM_REGIONS];
	uint32_t mem_regions_dropped; /* map entries beyond BOOT_MAX_MEM_REGIONS (reported) */
	uint32_t module_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	phys_addr_t kernel_start; /* physical extent of the loaded kernel image */
	phys_addr_t kernel_end;
};

/*
 * Each region of bi's memory map as `r` (a const struct boot_mem_region *): the first
 * mem_region_count, never more than the table holds (the count is the loader's word).
 */
#define boot_for_each_region(r, bi)                                                         \
	for (const struct boot_mem_region *r = (bi)->mem_regions;                            \
	     r < (bi)->mem_regions + ((bi)->mem_region_count < BOOT_MAX_MEM_REGIONS           \
				      ? (bi)->mem_region_count : BOOT_MAX_MEM_REGIONS); r++)

/* One past r's last byte, UINT64_MAX if that does not fit. */
static inline uint64_t boot_region_end(const struct boot_mem_region *r)
{
	return r->base + r->length < r->base ? UINT64_MAX : r->base + r->length;
}

/* Returns true if the kernel command line holds the word `flag` (e.g. "test=pf"). */
bool boot_cmdline_has(const struct boot_info *bi, const char *flag);

/* True if any byte of [start, end) lies in a BOOT_MEM_AVAILABLE region of bi's memory map. */
bool boot_mem_touches_ram(const struct boot_info *bi, uint64_t start, uint64_t end);
/*
 * Copies the value of the first word "key=value" on the command line into buf (truncated to
 * size-1 chars, NUL-terminated). Returns true if such a word exists.
 */
bool boot_cmdline_value(const struct boot_info *bi, const char *key, char *buf, size_t size);

#endif
