/*
 * Address spaces: the kernel half is mapped (global) in every address space; the user half
 * (below USER_SPACE_END) is private. Page-table frames come from the PMM and return on destroy.
 */
#ifndef KERNEL_MMU_H
#define KERNEL_MMU_H

#include <kernel/types.h>

#define MMU_PRESENT (1u << 0)
#define MMU_WRITABLE (1u << 1)
#define MMU_USER (1u << 2)
#define MMU_NOCACHE (1u << 3) /* device registers: caching disabled (kernel mappings) */

struct page_table; /* opaque; one per address space */

/* Sets up the kernel address space (direct map of managed memory). Called once at boot. */
int mmu_init(void);
/* Where the direct map ends: all managed memory, at least what boot.S mapped, at most
 * DIRECT_MAP_MAX. */
phys_addr_t mmu_direct_map_end(void);

struct page_table *mmu_kernel_space(void);
struct page_table *mmu_create_address_space(void); /* NULL when out of frames */
/* Bytes of address space one page table maps: user page tables are allocated per such span. */
#define PAGE_TABLE_SPAN (PAGE_SIZE * 1024u)
/* True if pt has a page table for the PAGE_TABLE_SPAN that holds virt. */
bool mmu_table_present(const struct page_table *pt, virt_addr_t virt);
/* Frames a user space holds for itself: its directory and its user page tables. O(user PDEs). */
uint32_t mmu_space_frames(const struct page_table *pt);
void mmu_destroy_address_space(struct page_table *pt);

/*
 * Maps one page. ERR_INVALID for unaligned addresses and for user mappings of the kernel half
 * or of page 0; ERR_BUSY if mapped.
 */
int mmu_map_page(struct page_table *pt, phys_addr_t phys, virt_addr_t virt, uint32_t flags);
/* Unmaps one page and invalidates its TLB entry. ERR_NOT_FOUND if nothing was mapped. */
int mmu_unmap_page(struct page_table *pt, virt_addr_t virt);
/* Looks a mapping up: ERR_OK and *phys, *flags, or ERR_NOT_FOUND. */
int mmu_query(struct page_table *pt, virt_addr_t virt, phys_addr_t *phys, uint32_t *flags);

/*
 * The kernel (direct-map) address of user address `virt` in pt, if its page is present and
 * user (and writable with `write`) and its frame is direct-mapped; NULL otherwise. One walk
 * and no calls: the checked user access's hot lookup.
 */
void *mmu_user_ptr(struct page_table *pt, virt_addr_t virt, bool write);
/*
 * Bumped whenever a present user or kernel mapping goes (mmu_unmap_page, a destroyed space):
 * a kernel pointer found by mmu_user_ptr stays good while this is unchanged (64 bits: never
 * wraps). The IPC fast path keeps such pointers across syscalls by it.
 */
extern uint64_t mmu_unmap_generation;
/* Makes pt the current address space. */
void mmu_activate(struct page_table *pt);

/*
 * The kernel's pointer to frame `frame` for a short access: phys_to_virt for a direct-mapped
 * frame; for a frame above the direct map, the temporary-mapping window (KMAP_WINDOW in
 * <arch/memory.h>). There is one window: at most one high frame is mapped at a time (KASSERT),
 * with interrupts off from mmu_kmap to its mmu_kunmap(frame), and nothing blocks in between.
 */
/*
 * A new directory for a CPU coming up (kernel/arch/x86/smp.c): the kernel half, and the first
 * 4 MiB mapped 1:1 as well, so that the trampoline survives turning paging on. Its frame, or 0.
 */
phys_addr_t mmu_boot_directory(void);

void *mmu_kmap(phys_addr_t frame);
void mmu_kunmap(phys_addr_t frame);

#endif
