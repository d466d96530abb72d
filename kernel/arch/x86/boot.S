/*
 * Multiboot v1 entry. GRUB jumps to _start's load address with paging off; we build the boot page
 * tables (first 16 MiB at 0 and at KERNEL_BASE), enable paging, jump to the higher half and
 * call arch_x86_main(magic, mbi_phys) on the boot stack.
 */
#include <arch/memory.h>
#include <arch/multiboot.h>

#define MB_FLAGS (MULTIBOOT_FLAG_PAGE_ALIGN | MULTIBOOT_FLAG_MEMORY_INFO)
#define PTE_PRESENT 0x1
#define PTE_WRITABLE 0x2
#define PAGES_PER_TABLE 1024
#define BOOT_TABLE_COUNT (BOOT_MAPPED_PHYS >> 22)   /* each page table maps 4 MiB */
#define PDE_KERNEL_FIRST (KERNEL_BASE >> 22)        /* 768 */
#define PHYS(sym) ((sym) - KERNEL_BASE)
#define CR0_PG_WP 0x80010000                        /* paging, write protect */

	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)

	.section .bss
	.balign 4096
	.global boot_page_directory
boot_page_directory:
	.skip 4096
boot_page_tables:
	.skip 4096 * BOOT_TABLE_COUNT
	/* The boot stack: KERNEL_STACK_SIZE bytes, no guard page (an overflow runs into the
	 * page tables above, which are unused once mmu_init has switched page directories). */
	.balign 16
	.global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip KERNEL_STACK_SIZE
boot_stack_top:

	.section .text
	.global _start
	.type _start, @function
_start:
	/* Running at physical addresses: every data reference goes through PHYS(). */
	cli
	cld
	movl %eax, %esi                 /* Multiboot magic; %ebx holds the info pointer */

	/* Zero .bss (page tables, stack, C globals). */
	movl $PHYS(__bss_start), %edi
	movl $__bss_end, %ecx
	subl $__bss_start, %ecx
	xorl %eax, %eax
	rep stosb

	/* Identity page tables for [0, BOOT_MAPPED_PHYS). */
	movl $PHYS(boot_page_tables), %edi
	movl $(PTE_PRESENT | PTE_WRITABLE), %eax
	movl $(PAGES_PER_TABLE * BOOT_TABLE_COUNT), %ecx
1:	stosl
	addl $4096, %eax
	loop 1b

	/* The same tables at PDE 0.. (identity) and PDE 768.. (higher half). */
	movl $PHYS(boot_page_tables) + (PTE_PRESENT | PTE_WRITABLE), %eax
	movl $PHYS(boot_page_directory), %edi
	xorl %ecx, %ecx
2:	movl %eax, (%edi, %ecx, 4)
	movl %eax, (PDE_KERNEL_FIRST * 4)(%edi, %ecx, 4)
	addl $4096, %eax
	incl %ecx
	cmpl $BOOT_TABLE_COUNT, %ecx
	jb 2b

	movl %edi, %cr3
	movl %cr0, %eax
	orl $CR0_PG_WP, %eax
	movl %eax, %cr0
	movl $higher_half, %eax
	jmp *%eax

higher_half:
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp                 /* terminates backtraces */
	subl $8, %esp                   /* keep 16-byte alignment at the call */
	pushl %ebx                      /* mbi (physical) */
	pushl %esi                      /* magic */
	call arch_x86_main
3:	cli
	hlt
	jmp 3b
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits /* no executable stack */
