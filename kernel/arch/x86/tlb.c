/* i686 implementation of the arch_tlb_invalidate hook (kernel/include/kernel/arch.h). */
#include <kernel/arch.h>
#include <arch/paging.h>

void arch_tlb_invalidate(virt_addr_t va)
{
	paging_invalidate_page(va);
}
