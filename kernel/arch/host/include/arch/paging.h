/*
 * Host fake of the x86 paging hardware hooks used by kernel/arch/x86/mmu.c: the fake records
 * the loaded page directory and whether global pages were enabled (see <arch/host_fake.h>).
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <kernel/types.h>
#include <arch/memory.h>

void paging_load_directory(phys_addr_t directory);
void paging_enable_global_pages(void);

/* The host cannot dereference a fake kernel address: the window reaches phys in the buffer. */
static inline void *paging_window_pointer(virt_addr_t va, phys_addr_t phys)
{
	(void)va;
	return phys_to_virt(phys);
}

#endif /* ARCH_PAGING_H */
