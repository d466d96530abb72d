/*
 * The one save and restore of struct trap_frame (<arch/trap.h>), as assembler macros for every
 * entry path: the exception and IRQ stubs (trap_entry.S), int 0x80 and sysenter
 * (syscall_entry.S) and a new thread's first entry to ring 3 (context.S). Assembly only.
 */
#ifndef ARCH_TRAP_FRAME_H
#define ARCH_TRAP_FRAME_H

#ifndef __ASSEMBLER__
#error "<arch/trap_frame.h> holds assembler macros only"
#endif

#include <arch/gdt.h>

/*
 * Below the vector and error code already on the stack: saves the general registers (pushal)
 * and ds, es, fs, gs, then loads the kernel's data segments and per-CPU %fs and clears DF.
 * Leaves %esp at the frame (struct trap_frame *). Clobbers eax (already saved).
 */
.macro TRAP_FRAME_SAVE
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	movw $SEL_KERNEL_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw $SEL_PERCPU, %ax
	movw %ax, %fs
	cld
.endm

/*
 * Emits `insn` and records its address in .rodata.user_return_points (bounded by
 * __user_return_points_start/_end in kernel.ld). Marks the instructions that load state the
 * frame holds (segment selectors; iret's cs, ss, eflags): a selector fault there while the
 * frame is a ring-3 one is that thread's fault, not the kernel's (trap_user_exception).
 */
.macro USER_RETURN_POINT insn:vararg
.Luser_return_point_\@:
	\insn
	.pushsection .rodata.user_return_points, "a"
	.balign 4
	.long .Luser_return_point_\@
	.popsection
.endm

/* Restores what TRAP_FRAME_SAVE saved; leaves %esp at the frame's vector. */
.macro TRAP_FRAME_RESTORE
	USER_RETURN_POINT popl %gs
	USER_RETURN_POINT popl %fs
	USER_RETURN_POINT popl %es
	USER_RETURN_POINT popl %ds
	popal
.endm

/* TRAP_FRAME_RESTORE, then drops the vector and error code and returns with iret. */
.macro TRAP_FRAME_IRET
	TRAP_FRAME_RESTORE
	addl $8, %esp
	USER_RETURN_POINT iret
.endm

#endif /* ARCH_TRAP_FRAME_H */
