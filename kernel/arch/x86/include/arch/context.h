/*
 * i686 saved CPU state of a switched-out thread (embedded in struct thread). Placeholder layout
 * for the context-switch code in kernel/arch/x86: the offsets are asserted so assembly can use
 * them.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#define ARCH_CONTEXT_ESP    0  /* offsetof(struct arch_context, esp), for assembly */
#define ARCH_CONTEXT_ESP0   4  /* offsetof(struct arch_context, esp0) */
#define ARCH_CONTEXT_FXSAVE 16 /* offsetof(struct arch_context, fxsave) */
#define ARCH_FXSAVE_BYTES   512

#ifndef __ASSEMBLER__

#include <kernel/types.h>

/*
 * Callee-saved registers and the return address live on the thread's own kernel stack while it
 * is switched out; `esp` points at them. FPU/SSE state is saved eagerly (fxsave on every switch,
 * fixed cost), so fxsave must stay 16-byte aligned.
 */
struct arch_context {
	uint32_t esp;  /* saved kernel stack pointer while switched out */
	uint32_t esp0; /* top of the kernel stack: loaded into TSS.esp0 when the thread runs */
	uint32_t reserved[2];
	uint8_t fxsave[ARCH_FXSAVE_BYTES] __attribute__((aligned(16)));
};

_Static_assert(__builtin_offsetof(struct arch_context, esp) == ARCH_CONTEXT_ESP, "asm offset");
_Static_assert(__builtin_offsetof(struct arch_context, esp0) == ARCH_CONTEXT_ESP0, "asm offset");
_Static_assert(__builtin_offsetof(struct arch_context, fxsave) == ARCH_CONTEXT_FXSAVE,
	       "asm offset");
_Static_assert(_Alignof(struct arch_context) == 16, "fxsave needs 16-byte alignment");

#endif /* __ASSEMBLER__ */
#endif /* ARCH_CONTEXT_H */
