/*
 * Syscall entry stubs. Both build a struct trap_frame (<arch/trap.h>) on the thread's kernel
 * stack and call their C half, which runs syscall_dispatch and stores the result in the
 * frame's eax. int 0x80 returns with iret; sysenter with sysexit. A syscall that blocks leaves
 * the frame on its stack and resumes here when switched back in. Register convention: the
 * syscall comment in <keel/abi.h>. SYS_IPC_CALL and SYS_IPC_REPLY_RECV first try the IPC fast
 * path (syscall_fast_ipc), which may leave this thread's stack for its partner's at once.
 * Every way in takes the big kernel lock (kernel_enter) or, for the IPC fast path, enters on
 * its shared side (kernel_enter_shared); every way out to user mode leaves (kernel_exit); a
 * thread resumed in C leaves through its own stub's exit.
 */
#include <arch/gdt.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/trap_frame.h>

	.section .text

/*
 * After TRAP_FRAME_SAVE (%esp = the frame): enters the kernel, runs the syscall and leaves
 * the kernel (kernel_exit); the stub then returns to user mode. The IPC fast path's two
 * syscalls go through syscall_fast_ipc, which enters on the lock's shared side or takes the
 * lock; when the fast path applies, this thread is blocked with nothing on its stack but the
 * frame and the swap frame below it (whose return address is written here), and the stub
 * goes on in the partner's. Every other syscall takes the lock (kernel_enter_thread).
 */
.macro SYSCALL_RUN
	cmpl $SYSCALL_NUM_IPC_CALL, TRAP_FRAME_EAX(%esp)
	je 1f
	cmpl $SYSCALL_NUM_IPC_REPLY_RECV, TRAP_FRAME_EAX(%esp)
	je 1f
	call kernel_enter_thread        /* the big kernel lock (docs/smp.md) */
	jmp 2f
1:	pushl %esp                      /* struct trap_frame * */
	call syscall_fast_ipc           /* the partner's saved esp, or 0 (the lock held) */
	testl %eax, %eax
	jnz syscall_fast_switch
	addl $4, %esp
2:	pushl %esp                      /* struct trap_frame * */
	call syscall_from_user
	addl $4, %esp
	call kernel_exit
.endm

/* int 0x80 (DPL-3 interrupt gate: interrupts are off). The CPU pushed ss, esp, eflags, cs, eip. */
	.global syscall_int80_entry
	.type syscall_int80_entry, @function
syscall_int80_entry:
	pushl $0                        /* error code */
	pushl $TRAP_SYSCALL             /* vector */
	TRAP_FRAME_SAVE
	SYSCALL_RUN
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
	pushl $SYSCALL_FRAME_SYSENTER   /* error code: marks a frame sysexit may leave through */
	pushl $TRAP_SYSCALL             /* vector */
	TRAP_FRAME_SAVE
	SYSCALL_RUN
	TRAP_FRAME_RESTORE
	/* esp -> vector; sysexit loads eip from edx and esp from ecx (both clobbered by ABI). */
	movl TRAP_FRAME_EIP - TRAP_FRAME_VECTOR(%esp), %edx
	movl TRAP_FRAME_USER_ESP - TRAP_FRAME_VECTOR(%esp), %ecx
	sti                             /* takes effect after sysexit: no interrupt in between */
	sysexit
	.size syscall_sysenter_entry, . - syscall_sysenter_entry

/*
 * The fast path's switch: %eax = the partner's saved esp; (%esp) is the blocked thread's
 * swap-frame return slot. A partner the fast path blocked leaves through its own frame (its
 * result is in it); one blocked by the general path returns into its context_swap caller
 * (its FPU state is loaded already).
 */
syscall_fast_switch:
	movl $syscall_fast_resume_entry, (%esp)
	movl %eax, %esp
	cmpl $syscall_fast_resume_entry, SYSCALL_SWAP_FRAME_BYTES - 4(%esp)
	jne 1f
	addl $SYSCALL_SWAP_FRAME_BYTES, %esp
	jmp syscall_frame_exit
1:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* Where schedule() resumes a thread the fast path blocked: %esp = its frame. */
	.global syscall_fast_resume_entry
	.type syscall_fast_resume_entry, @function
syscall_fast_resume_entry:
	pushl %esp                      /* struct trap_frame * */
	call syscall_fast_resume
	addl $4, %esp
	/* fall through */

/* Leaves through the syscall frame at %esp: sysexit if sysenter built it, else iret. */
syscall_frame_exit:
	call kernel_exit
	TRAP_FRAME_RESTORE
	cmpl $SYSCALL_FRAME_SYSENTER, TRAP_FRAME_ERROR - TRAP_FRAME_VECTOR(%esp)
	jne 1f
	movl TRAP_FRAME_EIP - TRAP_FRAME_VECTOR(%esp), %edx
	movl TRAP_FRAME_USER_ESP - TRAP_FRAME_VECTOR(%esp), %ecx
	sti                             /* takes effect after sysexit: no interrupt in between */
	sysexit
1:	addl $8, %esp
	USER_RETURN_POINT iret
	.size syscall_fast_resume_entry, . - syscall_fast_resume_entry

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
