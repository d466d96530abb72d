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

/*
 * Defines trap_stub_<vec>. The exceptions that push an error code themselves (8, 10-14, 17,
 * 21, 29 and 30) get none from the stub; every other vector gets a 0 in its place.
 */
.macro TRAP_STUB vec
	.section .text
	.type trap_stub_\vec, @function
trap_stub_\vec:
	/* nothing to push where the CPU pushed an error code */
	.if \vec == 8 || (\vec >= 10 && \vec <= 14) || \vec == 17 || \vec == 21
	.elseif \vec == 29 || \vec == 30
	.else
	pushl $0
	.endif
	pushl $\vec
	jmp trap_common
	.size trap_stub_\vec, . - trap_stub_\vec
	.section .rodata
	.long trap_stub_\vec
.endm

/* Vectors 0 to TRAP_STUB_COUNT - 1: the exceptions 0-31, then the PIC lines at 32-47. */
	.altmacro
	.set .Lvec, 0
	.rept TRAP_STUB_COUNT
	TRAP_STUB %.Lvec
	.set .Lvec, .Lvec + 1
	.endr
	.noaltmacro

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
.macro LAPIC_STUB name, vec
	.global \name
	.type \name, @function
\name:
	pushl $0
	pushl $\vec
	jmp trap_common
	.size \name, . - \name
.endm

	.section .text
	LAPIC_STUB trap_stub_lapic_timer, TRAP_LAPIC_TIMER
	LAPIC_STUB trap_stub_resched, TRAP_RESCHED

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
