/*
 * Multiboot v1 information layout and the loader-side parser behind multiboot_parse(). The
 * parser is pure (it reads physical memory only through a caller-supplied accessor), so it
 * builds and is unit-tested on the host as well as on i686.
 */
#ifndef X86_MULTIBOOT_INFO_H
#define X86_MULTIBOOT_INFO_H

#include <kernel/boot.h>
#include <kernel/types.h>

#define MB_BOOTLOADER_MAGIC 0x2BADB002u /* %eax at entry (MULTIBOOT_BOOTLOADER_MAGIC) */

#define MB_INFO_MEMORY	(1u << 0) /* mem_lower / mem_upper valid */
#define MB_INFO_CMDLINE (1u << 2) /* cmdline valid */
#define MB_INFO_MODS	(1u << 3) /* mods_count / mods_addr valid */
#define MB_INFO_MMAP	(1u << 6) /* mmap_length / mmap_addr valid */

#define MB_MEMORY_AVAILABLE    1u  /* memory map type of usable RAM */
#define MB_MMAP_ENTRY_MIN_SIZE 20u /* base(8) + length(8) + type(4), after the size field */

/* The fixed part of the Multiboot information (all addresses are physical). */
struct mb_info {
	uint32_t flags;
	uint32_t mem_lower; /* KiB of memory from 0 */
	uint32_t mem_upper; /* KiB of memory from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline; /* C string */
	uint32_t mods_count;
	uint32_t mods_addr; /* array of struct mb_module */
	uint32_t syms[4];
	uint32_t mmap_length; /* bytes of memory map */
	uint32_t mmap_addr;   /* entries: u32 size, u64 base, u64 length, u32 type (packed) */
};
_Static_assert(__builtin_offsetof(struct mb_info, mmap_addr) == 48, "Multiboot layout");

struct mb_module {
	uint32_t start;	 /* first byte */
	uint32_t end;	 /* one past the last byte */
	uint32_t string; /* C string naming the module, or 0 */
	uint32_t reserved;
};
_Static_assert(sizeof(struct mb_module) == 16, "Multiboot layout");

/*
 * Where the parser reads from: the information block itself (already a pointer), an accessor
 * that returns a pointer to `len` readable bytes at physical `phys` (NULL if they are not all
 * readable), and the physical extent of the kernel image.
 */
struct multiboot_source {
	const struct mb_info *mbi;
	const void *(*map)(void *ctx, uint32_t phys, uint32_t len);
	void *ctx;
	phys_addr_t kernel_start;
	phys_addr_t kernel_end;
};

/* What the parser had to drop or repair; everything non-zero is reported at boot. */
struct multiboot_stats {
	uint32_t map_malformed;	  /* size < 20, past mmap_length or unreadable: walk stopped */
	uint32_t map_zero_length; /* ignored */
	uint32_t map_above_4g;	  /* starting at or above 4 GiB: ignored */
	uint32_t map_clipped;	  /* ending above 4 GiB: clipped to 4 GiB */
	uint32_t map_dropped;	  /* beyond BOOT_MAX_MEM_REGIONS (also in boot_info) */
	uint32_t modules_dropped; /* beyond BOOT_MAX_MODULES */
	uint32_t modules_invalid; /* end < start, or descriptor unreadable */
	uint32_t names_truncated; /* module names cut to BOOT_MODULE_NAME_MAX - 1 */
	/* cmdline_truncated: longer than BOOT_CMDLINE_MAX - 1, its last partial word dropped */
	bool cmdline_truncated;
	bool cmdline_unreadable;
	bool used_mem_fallback; /* no usable memory map: built from mem_lower / mem_upper */
};

/*
 * Fills *out (and *stats) from the Multiboot information. ERR_INVALID if `magic` is wrong, the
 * block is NULL or the kernel extent is inverted; anything malformed inside the block is
 * dropped or repaired and counted, never trusted.
 */
int multiboot_parse_info(uint32_t magic, const struct multiboot_source *src, struct boot_info *out,
			 struct multiboot_stats *stats);

/* Prints one warning line per non-zero counter of *stats. */
void multiboot_report(const struct multiboot_stats *stats);

#endif /* X86_MULTIBOOT_INFO_H */
