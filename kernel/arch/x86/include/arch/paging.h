/*
 * x86 paging hardware hooks for mmu.c (kept out of mmu.c so it stays free of inline asm and
 * builds on the host, where kernel/arch/host/include/arch/paging.h fakes them).
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <arch/x86.h>
#include <kernel/types.h>

#define X86_CR4_PGE (1u << 7) /* global pages */

/* Loads CR3: flushes every non-global TLB entry. */
static inline void paging_load_directory(phys_addr_t directory)
{
	write_cr3((uint32_t)directory);
}

/* Sets CR4.PGE (every i686 has it) so kernel pages marked global survive CR3 loads. */
static inline void paging_enable_global_pages(void)
{
	write_cr4(read_cr4() | X86_CR4_PGE);
}

/* Drops the TLB entry of one page (global or not). */
static inline void paging_invalidate_page(virt_addr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* The pointer through which the kernel reaches `phys` once it is mapped at kernel address va. */
static inline void *paging_window_pointer(virt_addr_t va, phys_addr_t phys)
{
	(void)phys;
	return (void *)va;
}

#endif /* ARCH_PAGING_H */
