/*
 * i686 saved CPU state of a switched-out thread (embedded in struct thread), and the x86 pieces
 * of the context switch (context.c, context.S). Offsets are asserted so assembly can use them.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#define ARCH_CONTEXT_ESP    0	   /* offsetof(struct arch_context, esp), for assembly */
#define ARCH_CONTEXT_ESP0   4	   /* offsetof(struct arch_context, esp0) */
#define ARCH_CONTEXT_FPU    16	   /* offsetof(struct arch_context, fpu) */
#define ARCH_FPU_AREA_BYTES 512	   /* an fxsave image; an fnsave image uses the first 108 */
#define ARCH_MXCSR_DEFAULT  0x1f80 /* every SIMD exception masked, round to nearest */

#ifndef __ASSEMBLER__

#include <kernel/types.h>

/*
 * Callee-saved registers and the return address live on the thread's own kernel stack while it
 * is switched out; `esp` points at them. A thread that has used the FPU (fpu_live) has its FPU
 * state saved and restored on every switch: with fxsave/fxrstor (x87 and SSE) where the CPU
 * has FXSR, else with fnsave/frstor (x87 only), chosen once at boot; fxsave needs `fpu`
 * 16-byte aligned. One that has not runs with CR0.TS set and the clean FPU image loaded; its
 * first FPU instruction traps (#NM) and makes it live (context.c states the rule). esp0 == 0
 * marks a kernel thread (idle): it never enters ring 3, so switching to it leaves TSS.esp0
 * alone.
 */
struct arch_context {
	uint32_t esp;	   /* saved kernel stack pointer while switched out */
	uint32_t esp0;	   /* top of the kernel stack: loaded into TSS.esp0 when the thread runs */
	uint32_t fpu_live; /* it has used the FPU: `fpu` holds its state while switched out */
	uint32_t reserved;
	uint8_t fpu[ARCH_FPU_AREA_BYTES] __attribute__((aligned(16)));
};

_Static_assert(__builtin_offsetof(struct arch_context, esp) == ARCH_CONTEXT_ESP, "asm offset");
_Static_assert(__builtin_offsetof(struct arch_context, esp0) == ARCH_CONTEXT_ESP0, "asm offset");
_Static_assert(__builtin_offsetof(struct arch_context, fpu) == ARCH_CONTEXT_FPU, "asm offset");
_Static_assert(_Alignof(struct arch_context) == 16, "fxsave needs 16-byte alignment");

/*
 * Boot CPU, after cpu_features_init: enables the FPU for user code (CR0.MP/NE; CR4.OSFXSR with
 * FXSR, CR4.OSXMMEXCPT with SSE; CR4.TSD stays clear so user mode may read rdtsc), picks the
 * switch that fits the CPU (fxsave or fnsave) and records the clean FPU image new threads start
 * with (fninit state, MXCSR = ARCH_MXCSR_DEFAULT with SSE). Before the first
 * arch_thread_init_user.
 */
void x86_fpu_init(void);
void x86_fpu_init_ap(void); /* an AP: the same setup, its registers clean, CR0.TS set */

/*
 * context.S: save callee-saved registers and the FPU state into prev, switch to next's kernel
 * stack and restore its FPU state and registers; return when prev is resumed. The _fxsr one
 * saves with fxsave/fxrstor, the _fnsave one with fnsave/frstor (CPUs without FXSR).
 */
void x86_context_swap(struct arch_context *prev, struct arch_context *next);

void syscall_fast_resume_entry(void);

/*
 * Whether a switched-out thread sleeps where the IPC fast path blocked it: its stack then
 * holds only its syscall frame and, below, the swap frame whose return address (the fifth
 * word) is syscall_fast_resume_entry (syscall_entry.S, SYSCALL_SWAP_FRAME_BYTES).
 */
static inline bool arch_context_fast_blocked(const struct arch_context *c)
{
	return ((const uint32_t *)(uintptr_t)c->esp)[4] ==
	       (uint32_t)(uintptr_t)syscall_fast_resume_entry;
}

struct trap_frame;
/*
 * The #NM handler's part: a user thread's first FPU instruction (CR0.TS set) makes it an FPU
 * user and resumes it with its own FPU state loaded. False for any other #NM (a kernel bug).
 */
bool x86_fpu_first_use(const struct trap_frame *f);
/* context.S: where a new thread's first swap returns; irets the trap frame above it. */
void x86_thread_start(void);

/* context.c: every part of arch_context_switch but the stack swap, for the IPC fast path. */
struct thread;
void x86_fast_switch_state(struct thread *prev, struct thread *next);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_CONTEXT_H */
