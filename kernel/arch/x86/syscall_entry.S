/*
 * Syscall entry stubs. Both build a struct trap_frame (<arch/trap.h>) on the thread's kernel
 * stack and call their C half, which runs syscall_dispatch and stores the result in the
 * frame's eax. int 0x80 returns with iret; sysenter with sysexit. A syscall that blocks leaves
 * the frame on its stack and resumes here when switched back in. Register convention: the
 * syscall comment in <keel/abi.h>.
 */
#include <arch/gdt.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/trap_frame.h>

	.section .text

/* int 0x80 (DPL-3 interrupt gate: interrupts are off). The CPU pushed ss, esp, eflags, cs, eip. */
	.global syscall_int80_entry
	.type syscall_int80_entry, @function
syscall_int80_entry:
	pushl $0                        /* error code */
	pushl $TRAP_SYSCALL             /* vector */
	TRAP_FRAME_SAVE
	pushl %esp                      /* struct trap_frame * */
	call syscall_from_user
	addl $4, %esp
	TRAP_FRAME_IRET
	.size syscall_int80_entry, . - syscall_int80_entry

/*
 * sysenter: cs/ss = kernel, esp = IA32_SYSENTER_ESP (this thread's kernel stack top, kept
 * equal to TSS.esp0), interrupts off. ebp = user esp with the return address at [ebp]. The
 * stub pushes what an int 0x80 from ring 3 would have, with eip = the landing page and
 * user_esp = ebp: sysexit enters the landing `ret`, which pops [ebp] in user mode, so the
 * kernel never reads user memory here. sysenter keeps the user's EFLAGS except IF, so the
 * stub first loads clean ones (SYSCALL_KERNEL_EFLAGS: NT, AC, DF, TF clear). A user
 * EFLAGS.TF still raises #DB up to syscall_sysenter_untraced; trap_user_exception absorbs it.
 */
	.global syscall_sysenter_entry
	.type syscall_sysenter_entry, @function
syscall_sysenter_entry:
	pushl $SYSCALL_KERNEL_EFLAGS
	popfl
	.global syscall_sysenter_untraced
syscall_sysenter_untraced:              /* TF is clear from here on: no single-step #DB */
	pushl $SEL_USER_DATA            /* user_ss */
	pushl %ebp                      /* user_esp: the landing ret pops [ebp] */
	pushl $SYSCALL_USER_EFLAGS      /* eflags */
	pushl $SEL_USER_CODE            /* cs */
	pushl $SYSEXIT_LANDING_VA       /* eip */
	pushl $0                        /* error code */
	pushl $TRAP_SYSCALL             /* vector */
	TRAP_FRAME_SAVE
	pushl %esp                      /* struct trap_frame * */
	call syscall_from_user
	addl $4, %esp
	TRAP_FRAME_RESTORE
	/* esp -> vector; sysexit loads eip from edx and esp from ecx (both clobbered by ABI). */
	movl TRAP_FRAME_EIP - TRAP_FRAME_VECTOR(%esp), %edx
	movl TRAP_FRAME_USER_ESP - TRAP_FRAME_VECTOR(%esp), %ecx
	sti                             /* takes effect after sysexit: no interrupt in between */
	sysexit
	.size syscall_sysenter_entry, . - syscall_sysenter_entry

/*
 * The sysexit landing page: one frame of the kernel image, mapped read-only and user-visible
 * at SYSEXIT_LANDING_VA in every unit (arch_user_landing_frame). `ret` pops the return
 * address the user left at [ebp]; the rest of the page is int3, so a jump anywhere else in
 * it faults.
 */
	.section .rodata.sysexit_landing, "a"
	.balign 4096
	.global sysexit_landing_page
sysexit_landing_page:
	ret
	.fill 4095, 1, 0xcc
	.size sysexit_landing_page, 4096

	.section .note.GNU-stack, "", @progbits /* no executable stack */
