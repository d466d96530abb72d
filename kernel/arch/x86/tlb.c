/*
 * i686 implementation of the TLB hooks (kernel/include/kernel/arch.h): invlpg, and the space
 * each CPU runs on, in its struct percpu (the shootdown of smp_ipi.c reads the others').
 */
#include <kernel/arch.h>
#include <kernel/percpu.h>
#include <arch/paging.h>

void arch_tlb_invalidate(virt_addr_t va)
{
	paging_invalidate_page(va);
}

struct page_table *arch_active_space(void)
{
	return this_cpu()->active_space;
}

void arch_set_active_space(struct page_table *pt)
{
	this_cpu()->active_space = pt;
}
