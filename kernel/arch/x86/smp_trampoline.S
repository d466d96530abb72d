/*
 * The application processors' first instructions: copied to SMP_TRAMPOLINE_PHYS (below 1 MiB,
 * where a start-up IPI can point) and entered there in real mode. Switches to protected mode
 * with its own flat GDT, loads the page directory the boot CPU prepared (which maps this page
 * at its own address and the kernel half), turns paging on and jumps to smp_ap_main on the
 * stack the boot CPU left in the parameters at its end.
 */
#include <arch/smp.h>

#define AT(sym) ((sym) - smp_trampoline + SMP_TRAMPOLINE_PHYS)
#define CR0_PE 0x1
#define CR0_PG_WP 0x80010000

	.section .rodata
	.balign 16
	.global smp_trampoline, smp_trampoline_params, smp_trampoline_end
smp_trampoline:
	.code16
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl AT(gdt_pointer)
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $0x08, $AT(protected)

	.code32
protected:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movl AT(smp_trampoline_params), %eax      /* cr3 */
	movl %eax, %cr3
	movl %cr0, %eax
	orl $CR0_PG_WP, %eax
	movl %eax, %cr0
	movl AT(smp_trampoline_params) + 4, %esp  /* stack top */
	xorl %ebp, %ebp                            /* ends backtraces */
	movl AT(smp_trampoline_params) + 8, %eax  /* entry */
	call *%eax
1:	cli
	hlt
	jmp 1b

	.balign 8
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff /* flat 32-bit code, ring 0 */
	.quad 0x00cf92000000ffff /* flat 32-bit data, ring 0 */
gdt_pointer:
	.word 3 * 8 - 1
	.long AT(gdt)

	.balign 4
smp_trampoline_params:
	.long 0, 0, 0 /* struct smp_trampoline_params */
smp_trampoline_end:

	.section .note.GNU-stack, "", @progbits
