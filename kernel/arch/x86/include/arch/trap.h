/*
 * Trap vectors and the trap frame every entry stub builds on the kernel stack (saved and
 * restored by the macros of <arch/trap_frame.h>). Offsets are shared with assembly and checked
 * against the struct.
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#define TRAP_NMI	     2
#define TRAP_NM		     7	/* device not available: an FPU instruction with CR0.TS set */
#define TRAP_DF		     8	/* double fault: task gate to the #DF TSS */
#define TRAP_TS		     10 /* invalid TSS */
#define TRAP_NP		     11 /* segment not present */
#define TRAP_SS		     12 /* stack-segment fault */
#define TRAP_GP		     13 /* general protection */
#define TRAP_PF		     14 /* page fault */
#define TRAP_EXCEPTION_COUNT 32
#define TRAP_IRQ_BASE	     0x20 /* the PIC is remapped to vectors 0x20..0x2f */
#define TRAP_IRQ_COUNT	     16
#define TRAP_SYSCALL	     0x80 /* int 0x80, DPL 3: syscall_int80_entry (syscall_entry.S) */
#define TRAP_LAPIC_TIMER     0xf0 /* an AP's local APIC timer (trap_stub_lapic_timer) */
#define TRAP_RESCHED	     0xf1 /* IPI: look at your run queue (trap_stub_resched) */
#define TRAP_SYNC	     0xf2 /* IPI: do what the kernel lock's holder waits for (no lock) */
/* Entry stubs in trap_stub_table: exceptions, then PIC lines (int 0x80 has its own stub). */
#define TRAP_STUB_COUNT (TRAP_EXCEPTION_COUNT + TRAP_IRQ_COUNT)

/* Page-fault error code bits. */
#define PF_ERR_PRESENT (1u << 0) /* protection violation (else: page not present) */
#define PF_ERR_WRITE   (1u << 1)
#define PF_ERR_USER    (1u << 2)
#define PF_ERR_RSVD    (1u << 3)
#define PF_ERR_FETCH   (1u << 4)

/* struct trap_frame offsets (bytes from the lowest address, where the stub leaves %esp). */
#define TRAP_FRAME_GS	    0
#define TRAP_FRAME_DS	    12
#define TRAP_FRAME_EDI	    16 /* pushal block: edi esi ebp esp ebx edx ecx eax */
#define TRAP_FRAME_EAX	    44
#define TRAP_FRAME_VECTOR   48
#define TRAP_FRAME_ERROR    52
#define TRAP_FRAME_EIP	    56 /* pushed by the CPU from here on */
#define TRAP_FRAME_USER_ESP 68 /* present only for traps from ring 3 */
#define TRAP_FRAME_SIZE	    76

#ifndef __ASSEMBLER__

#include <kernel/types.h>

struct trap_frame {
	uint32_t gs, fs, es, ds;				/* pushed by TRAP_FRAME_SAVE */
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax; /* pushal */
	uint32_t vector, error;	    /* pushed by the stub (error 0 if none) */
	uint32_t eip, cs, eflags;   /* pushed by the CPU */
	uint32_t user_esp, user_ss; /* only on a privilege change */
};
_Static_assert(__builtin_offsetof(struct trap_frame, gs) == TRAP_FRAME_GS, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, ds) == TRAP_FRAME_DS, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, edi) == TRAP_FRAME_EDI, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, eax) == TRAP_FRAME_EAX, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == TRAP_FRAME_VECTOR, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, error) == TRAP_FRAME_ERROR, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, eip) == TRAP_FRAME_EIP, "asm layout");
_Static_assert(__builtin_offsetof(struct trap_frame, user_esp) == TRAP_FRAME_USER_ESP,
	       "asm layout");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "asm layout");

/* True if the trap came from user mode (then user_esp/user_ss are valid). */
static inline bool trap_from_user(const struct trap_frame *f)
{
	return (f->cs & 3u) != 0;
}

/*
 * The exceptions a segment load or iret raises for a bad selector or descriptor (#TS, #NP,
 * #SS, #GP): their error code names the selector.
 */
static inline bool trap_selector_fault(unsigned vector)
{
	return vector == TRAP_TS || vector == TRAP_NP || vector == TRAP_SS || vector == TRAP_GP;
}

/* The interrupted stack pointer (for kernel-mode traps the CPU pushed no esp/ss). */
static inline uint32_t trap_interrupted_esp(const struct trap_frame *f)
{
	return trap_from_user(f) ? f->user_esp : (uint32_t)(uintptr_t)&f->user_esp;
}

extern const uint32_t trap_stub_table[TRAP_STUB_COUNT]; /* trap_entry.S, in vector order */

void idt_init(void);
/* Loads the IDT idt_init built on this CPU (an AP coming up). */
void idt_load(void);
/* The local APIC's spurious interrupt: nothing to do, no EOI (trap_entry.S). */
void lapic_spurious_entry(void);
/* The local APIC timer's entry stub (trap_entry.S): a frame for trap_dispatch. */
void trap_stub_lapic_timer(void);
void trap_stub_resched(void);
void trap_stub_sync(void);
void smp_sync_interrupt(void);	  /* trap_stub_sync's C half (smp_ipi.c) */
void smp_resched_interrupt(void); /* TRAP_RESCHED's (smp_ipi.c) */
/* Called by trap_common with the frame it built; returns to the interrupted code. */
void trap_dispatch(struct trap_frame *frame);
/* "#PF" and "page fault" for vector 14 (vector taken modulo 32). */
const char *exception_mnemonic(unsigned vector);
const char *exception_name(unsigned vector);
/*
 * The decoded error code into buf ("write, not-present, kernel" for #PF, "GDT index 5" for
 * selector errors), or "" when the vector has no decodable error code.
 */
#define EXCEPTION_DECODE_MAX 64
void exception_decode_error(unsigned vector, uint32_t error, char *buf, size_t size);
/* Reports a fatal exception and stops the machine (kernel_stop). */
_Noreturn void exception_fatal(const struct trap_frame *frame);
/* Runs as the #DF task on its own stack: reports the double fault and stops. */
_Noreturn void exception_double_fault_task(void);
/* Dispatches a PIC interrupt line to its registered handler and acknowledges it. */
void irq_dispatch(unsigned irq);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_TRAP_H */
