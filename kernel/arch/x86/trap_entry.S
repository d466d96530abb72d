/*
 * Trap entry: one stub per exception and PIC vector pushes a uniform frame (struct trap_frame
 * in <arch/trap.h>) and calls trap_dispatch(frame); trap_common restores the interrupted state
 * and irets. int 0x80 has its own stub (syscall_entry.S).
 */
#include <arch/trap.h>
#include <arch/trap_frame.h>

	.section .rodata
	.balign 4
	.global trap_stub_table
trap_stub_table:                        /* filled in vector order by TRAP_STUB below */

/* Defines trap_stub_<vec>; has_error = 1 when the CPU pushes an error code itself. */
.macro TRAP_STUB vec, has_error
	.section .text
	.type trap_stub_\vec, @function
trap_stub_\vec:
	.if \has_error == 0
	pushl $0
	.endif
	pushl $\vec
	jmp trap_common
	.size trap_stub_\vec, . - trap_stub_\vec
	.section .rodata
	.long trap_stub_\vec
.endm

/* Exceptions 0-31: 8, 10-14, 17, 21, 29 and 30 push an error code. */
.irp vec, 0, 1, 2, 3, 4, 5, 6, 7
	TRAP_STUB \vec, 0
.endr
	TRAP_STUB 8, 1
	TRAP_STUB 9, 0
.irp vec, 10, 11, 12, 13, 14
	TRAP_STUB \vec, 1
.endr
	TRAP_STUB 15, 0
	TRAP_STUB 16, 0
	TRAP_STUB 17, 1
.irp vec, 18, 19, 20
	TRAP_STUB \vec, 0
.endr
	TRAP_STUB 21, 1
.irp vec, 22, 23, 24, 25, 26, 27, 28
	TRAP_STUB \vec, 0
.endr
	TRAP_STUB 29, 1
	TRAP_STUB 30, 1
	TRAP_STUB 31, 0
/* PIC lines 0-15 at vectors 0x20-0x2f. */
.irp vec, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47
	TRAP_STUB \vec, 0
.endr

	.section .text
	.type trap_common, @function
trap_common:
	TRAP_FRAME_SAVE
	call kernel_enter               /* the big kernel lock (docs/smp.md) */
	pushl %esp                      /* struct trap_frame * */
	call trap_dispatch
	addl $4, %esp
	call kernel_exit
	TRAP_FRAME_IRET
	.size trap_common, . - trap_common

/* The local APIC's own vectors: interrupts like the PIC's, outside the table. */
	.section .text
	.global trap_stub_lapic_timer
	.type trap_stub_lapic_timer, @function
trap_stub_lapic_timer:
	pushl $0
	pushl $TRAP_LAPIC_TIMER
	jmp trap_common
	.size trap_stub_lapic_timer, . - trap_stub_lapic_timer

	.global trap_stub_resched
	.type trap_stub_resched, @function
trap_stub_resched:
	pushl $0
	pushl $TRAP_RESCHED
	jmp trap_common
	.size trap_stub_resched, . - trap_stub_resched

/* The sync IPI runs without the kernel lock: the CPU that sent it holds it and waits. */
	.global trap_stub_sync
	.type trap_stub_sync, @function
trap_stub_sync:
	pushl $0
	pushl $TRAP_SYNC
	TRAP_FRAME_SAVE
	call smp_sync_interrupt
	TRAP_FRAME_IRET
	.size trap_stub_sync, . - trap_stub_sync

	.global lapic_spurious_entry
	.type lapic_spurious_entry, @function
lapic_spurious_entry:
	iret
	.size lapic_spurious_entry, . - lapic_spurious_entry

	.section .note.GNU-stack, "", @progbits /* no executable stack */
