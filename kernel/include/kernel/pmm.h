/*
 * Physical memory manager: one record per frame of available memory below 4 GiB, O(1) allocate
 * and free. Frames below DIRECT_MAP_MAX (<arch/memory.h>) are direct-mapped and serve the
 * kernel; frames above it serve user memory only (the kernel reaches those through
 * mmu_kmap's window). Every frame has an owner so later code can charge frames to a unit.
 */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include <kernel/types.h>

struct boot_info;

#define PMM_OWNER_NONE 0u   /* free */
#define PMM_OWNER_KERNEL 1u /* kernel image, frame database, kernel page tables */
#define PMM_OWNER_MEMOBJ 2u /* frames of memory objects (charged to a memory budget) */
/* Owners >= 0x10000 are unit ids (the loader's frames). */

/*
 * Builds the frame database from the boot memory map: only BOOT_MEM_AVAILABLE memory is
 * managed; the first MiB, the kernel image, the modules and the database itself are reserved.
 * Returns ERR_OK or a negative ERR_* (e.g. no usable memory).
 */
int pmm_init(const struct boot_info *bi);

/*
 * Allocates one direct-mapped frame (phys_to_virt works on it) for `owner` (>= PMM_OWNER_KERNEL):
 * page tables, kernel stacks, kernel bookkeeping. O(1). ERR_NOMEM when none is left.
 */
int pmm_alloc_frame(uint32_t owner, phys_addr_t *out);

/*
 * Allocates one frame for user memory: above the direct map while there is one, else a
 * direct-mapped one. The kernel must reach it through mmu_kmap. O(1). ERR_NOMEM when exhausted.
 */
int pmm_alloc_user_frame(uint32_t owner, phys_addr_t *out);

/* Frees a frame. O(1). ERR_INVALID for unaligned/out of range/reserved, and double frees. */
int pmm_free_frame(phys_addr_t frame);

uint32_t pmm_owner(phys_addr_t frame); /* owner of a frame, PMM_OWNER_NONE if free/unknown */
uint32_t pmm_free_frames(void);	       /* free frames, both kinds */
uint32_t pmm_total_frames(void); /* frames managed (free + allocated + reserved-in-range) */
/* One past the highest frame the database covers (0 before pmm_init); mmu_init maps to here. */
phys_addr_t pmm_managed_end(void);

#endif
