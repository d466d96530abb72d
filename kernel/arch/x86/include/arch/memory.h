/*
 * i686 kernel memory layout: the kernel half starts at KERNEL_BASE and all managed physical
 * memory below 768 MiB is direct-mapped at KERNEL_BASE + phys. Also usable from assembly.
 */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#define KERNEL_BASE	     0xC0000000u /* first kernel virtual address (PDE 768) */
#define KERNEL_LOAD_PHYS     0x00100000u /* where GRUB loads the image (1 MiB) */
#define USER_SPACE_END	     KERNEL_BASE /* user addresses are below this */
#define DIRECT_MAP_MAX	     0x30000000u /* 768 MiB: physical memory above is not direct-mapped */
#define KERNEL_RESERVED_BASE 0xF0000000u /* 0xF0000000-0xFFFFFFFF: reserved kernel window */
#define KMAP_WINDOW	     KERNEL_RESERVED_BASE /* mmu_kmap's one-page temporary window */
#define BOOT_MAPPED_PHYS     0x01000000u /* boot.S maps [0, 16 MiB) at 0 and at KERNEL_BASE */
#define KERNEL_STACK_SIZE    16384u	 /* every kernel stack, the boot stack too; no guard page */

#ifndef __ASSEMBLER__

#include <kernel/types.h>

/* Virtual address of direct-mapped physical memory (phys < DIRECT_MAP_MAX). */
static inline void *phys_to_virt(phys_addr_t phys)
{
	return (void *)((uintptr_t)phys + KERNEL_BASE);
}

/* Physical address of a direct-mapped (or kernel image) virtual address. */
static inline phys_addr_t virt_to_phys(const void *virt)
{
	return (phys_addr_t)((uintptr_t)virt - KERNEL_BASE);
}

/*
 * Linker-script symbols (kernel/arch/x86/kernel.ld): the image's physical extent
 * [__kernel_phys_start, __kernel_phys_end), including .bss and .ksyms.
 */
extern char __kernel_phys_start[], __kernel_phys_end[];

/* kernel.ld: the page-aligned read-only parts of the image (W^X, see kernel_readonly_ranges). */
extern char __kernel_ro_start[], __kernel_ro_end[];
extern const char __ksyms_start[], __ksyms_ro_end[]; /* as declared in ksyms.c */

/* A physical address range [start, end). */
struct phys_range {
	phys_addr_t start;
	phys_addr_t end;
};

#define KERNEL_RO_RANGE_COUNT 2u

/*
 * The page-aligned physical ranges of the kernel image that the direct map keeps read-only:
 * .text + .rodata (with the sysexit landing page), and the .ksyms symbol table.
 */
static inline void kernel_readonly_ranges(struct phys_range out[KERNEL_RO_RANGE_COUNT])
{
	out[0] =
	    (struct phys_range){virt_to_phys(__kernel_ro_start), virt_to_phys(__kernel_ro_end)};
	out[1] = (struct phys_range){virt_to_phys(__ksyms_start), virt_to_phys(__ksyms_ro_end)};
}

/* boot.S: the boot stack. */
extern char boot_stack_bottom[], boot_stack_top[];

#endif /* __ASSEMBLER__ */
#endif /* ARCH_MEMORY_H */
