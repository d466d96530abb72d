/*
 * i386 two-level page-table format (no PAE) used by mmu.c and its host test: 1024 PDEs each
 * pointing at a table of 1024 PTEs mapping 4 KiB pages.
 */
#ifndef X86_PTE_H
#define X86_PTE_H

#include <kernel/types.h>

#define PTE_PRESENT    (1u << 0)
#define PTE_WRITABLE   (1u << 1)
#define PTE_USER       (1u << 2)
#define PTE_PWT        (1u << 3) /* write-through */
#define PTE_PCD        (1u << 4) /* cache disabled */
#define PTE_GLOBAL     (1u << 8) /* survives CR3 loads (with CR4.PGE); kernel pages only */
#define PTE_FRAME_MASK 0xFFFFF000u

#define PT_ENTRIES    1024u
#define PDE_INDEX(va) ((uint32_t)((va) >> 22))
#define PTE_INDEX(va) ((uint32_t)((va) >> 12) & (PT_ENTRIES - 1))
#define PDE_SPAN      0x400000u /* bytes mapped by one page table */

struct phys_range;

/*
 * The PTE mapping physical page `phys` in the kernel's direct map: present and global, and
 * writable unless the page lies in one of the `count` page-aligned read-only ranges `ro`
 * (the kernel image's text, rodata and symbol table: nothing executable is writable).
 */
uint32_t mmu_direct_map_pte(phys_addr_t phys, const struct phys_range *ro, unsigned count);

#endif /* X86_PTE_H */
