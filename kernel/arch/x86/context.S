/*
 * The register and FPU/SSE half of the context switch, the first entry of a new user thread
 * (iret to ring 3), and the clean FPU image. context.c does the address space and TSS part.
 */
#include <arch/context.h>
#include <arch/trap_frame.h>

	.section .text

/*
 * void x86_context_swap(struct arch_context *prev, struct arch_context *next)
 * Interrupts are off. Fixed cost: 4 pushes, fxsave, fxrstor, 4 pops, no branches.
 */
	.global x86_context_swap
	.type x86_context_swap, @function
x86_context_swap:
	movl 4(%esp), %eax              /* prev */
	movl 8(%esp), %edx              /* next */
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	fxsave ARCH_CONTEXT_FXSAVE(%eax)
	movl %esp, ARCH_CONTEXT_ESP(%eax)
	movl ARCH_CONTEXT_ESP(%edx), %esp
	fxrstor ARCH_CONTEXT_FXSAVE(%edx)
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret                             /* into prev's caller, or x86_thread_start */
	.size x86_context_swap, . - x86_context_swap

/*
 * A new thread's first swap "returns" here with %esp at a struct trap_frame built by
 * arch_thread_init_user: restore it exactly as every trap return does and enter ring 3.
 */
	.global x86_thread_start
	.type x86_thread_start, @function
x86_thread_start:
	TRAP_FRAME_IRET
	.size x86_thread_start, . - x86_thread_start

/* void x86_fpu_save_clean(uint8_t *area): the reset FPU/SSE image new threads start from. */
	.global x86_fpu_save_clean
	.type x86_fpu_save_clean, @function
x86_fpu_save_clean:
	movl 4(%esp), %eax
	fninit
	pushl $ARCH_MXCSR_DEFAULT
	ldmxcsr (%esp)
	addl $4, %esp
	fxsave (%eax)
	ret
	.size x86_fpu_save_clean, . - x86_fpu_save_clean

	.section .note.GNU-stack, "", @progbits /* no executable stack */
