/*
 * The register and FPU/SSE half of the context switch and the first entry of a new user
 * thread (iret to ring 3). context.c does the address space, TSS and FPU setup part.
 */
#include <arch/context.h>
#include <arch/trap_frame.h>

	.section .text

/*
 * void x86_context_swap(struct arch_context *prev, struct arch_context *next)
 * Interrupts are off. Fixed cost: 4 pushes, 4 pops, no branches. The FPU state was switched
 * before (context.c).
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
	movl %esp, ARCH_CONTEXT_ESP(%eax)
	movl ARCH_CONTEXT_ESP(%edx), %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret                             /* into prev's caller, or x86_thread_start */
	.size x86_context_swap, . - x86_context_swap

/*
 * A new thread's first swap "returns" here with %esp at a struct trap_frame built by
 * arch_thread_init_user: give back the kernel lock, restore it exactly as every trap return
 * does and enter ring 3.
 */
	.global x86_thread_start
	.type x86_thread_start, @function
x86_thread_start:
	call kernel_exit                /* the switch to it ran under the big kernel lock */
	TRAP_FRAME_IRET
	.size x86_thread_start, . - x86_thread_start

	.section .note.GNU-stack, "", @progbits /* no executable stack */
