/*
 * The program loader: maps a validated ELF load plan (elf_validate) and a user stack into a
 * fresh address space, with frames charged to the owning unit, and returns every such frame
 * on teardown. The regions it mapped are recorded, so teardown walks only those pages.
 */
#ifndef KERNEL_LOADER_H
#define KERNEL_LOADER_H

#include <kernel/elf.h>
#include <kernel/types.h>

/*
 * The top of user space: LOADER_STACK_PAGES read-write pages of initial stack ending at
 * LOADER_STACK_TOP, one unmapped page above (up to USER_SPACE_END) and an unmapped guard page
 * below, so an overflow faults instead of running into a segment; below the guard, the arch's
 * read-only landing page (arch_aspace_init, SYSENTER_LANDING_ADDR). No segment may
 * reach LOADER_RESERVED_BASE.
 */
#define LOADER_STACK_TOP     0xBFFFF000u
#define LOADER_STACK_PAGES   4u /* 16 KiB */
#define LOADER_STACK_BASE    (LOADER_STACK_TOP - LOADER_STACK_PAGES * PAGE_SIZE)
#define LOADER_GUARD_BASE    (LOADER_STACK_BASE - PAGE_SIZE) /* never mapped */
#define LOADER_LANDING_PAGE  (LOADER_GUARD_BASE - PAGE_SIZE) /* mapped by arch_aspace_init */
#define LOADER_RESERVED_BASE LOADER_LANDING_PAGE
#define LOADER_MAX_REGIONS (ELF_MAX_SEGMENTS + 1)	   /* the segments and the stack */

struct page_table;

/* A page-aligned user range [start, end) the loader mapped (possibly only partly, on error). */
struct loader_region {
	uint32_t start;
	uint32_t end;
};

struct loader_image {
	uint32_t entry;	    /* ELF entry point */
	uint32_t stack_top; /* initial esp: 16-byte aligned, memory below it mapped read-write */
	uint32_t region_count;
	struct loader_region regions[LOADER_MAX_REGIONS];
	bool windows; /* loader_load's: a preemption window before each page */
};

/*
 * Maps `plan` (from elf_validate of the image: every file range checked) into pt: one fresh zeroed frame per
 * page, charged to `owner` (a unit id), file bytes copied in, the rest (bss, page tails) zero.
 * Pages are user-accessible; writable only for ELF_SEG_WRITE segments (W^X: text is read-only
 * and executable, data read-write; i386 without PAE cannot forbid execution of data). Then the
 * user stack. Returns ERR_OK; ERR_INVALID (and a reason) if a segment reaches the stack area;
 * ERR_NOMEM. On error *out still lists what was mapped: the caller passes it to loader_unload.
 * With `windows`, a kernel_preemption_window() comes before each page (a system call's
 * load; the caller holds the address space being built, see process_start_unit), so one
 * interrupts-off section maps one page, however large the image.
 */
int loader_load(struct page_table *pt, uint32_t owner, const void *image,
		const struct elf_plan *plan, bool windows, struct loader_image *out, char *reason,
		size_t reason_size);

/*
 * Unmaps every page of img's regions from pt and frees each frame charged to `owner`. O(pages
 * mapped), no allocation. The page tables themselves go with mmu_destroy_address_space.
 */
void loader_unload(struct page_table *pt, uint32_t owner, const struct loader_image *img);

#endif /* KERNEL_LOADER_H */
