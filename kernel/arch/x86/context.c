/*
 * Threads on x86: FPU/SSE enablement and the choice of FPU save (fxsave or fnsave), the first
 * kernel-stack frame of a user thread, and the address space / TSS / per-CPU half of
 * arch_context_switch (registers and FPU: context.S).
 */
#include <arch/context.h>
#include <arch/cpu_features.h>
#include <arch/gdt.h>
#include <arch/iomap.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/unit.h>

#define CR0_MP		  (1u << 1)  /* wait/fwait honours TS */
#define CR0_EM		  (1u << 2)  /* x87 emulation: must be off */
#define CR0_TS		  (1u << 3)  /* task switched: an FPU instruction traps (#NM) */
#define CR0_NE		  (1u << 5)  /* native x87 error reporting (#MF) */
#define CR4_TSD		  (1u << 2)  /* rdtsc privileged: must stay clear (user benchmarks) */
#define CR4_OSFXSR	  (1u << 9)  /* fxsave/fxrstor and SSE enabled */
#define CR4_OSXMMEXCPT	  (1u << 10) /* unmasked SIMD exceptions raise #XM */
#define EFLAGS_RESERVED_1 0x2u

/* Initial swap frame below the trap frame: edi, esi, ebx, ebp, then the return address. */
struct first_swap_frame {
	uint32_t edi, esi, ebx, ebp;
	uint32_t ret;
};

/* The FPU image every new thread starts from, in the format fpu_load restores. */
static uint8_t fpu_clean_image[ARCH_FPU_AREA_BYTES] __attribute__((aligned(16)));
static bool fpu_fxsr; /* the FPU state is saved with fxsave (else fnsave) */

static inline void fpu_save(uint8_t *area)
{
	if (fpu_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[ARCH_FPU_AREA_BYTES])area));
	else
		__asm__ volatile("fnsave %0" : "=m"(*(uint8_t(*)[ARCH_FPU_AREA_BYTES])area));
}

static inline void fpu_load(const uint8_t *area)
{
	if (fpu_fxsr)
		__asm__ volatile("fxrstor %0"
				 :
				 : "m"(*(const uint8_t(*)[ARCH_FPU_AREA_BYTES])area));
	else
		__asm__ volatile("frstor %0" : : "m"(*(const uint8_t(*)[ARCH_FPU_AREA_BYTES])area));
}

static inline void fpu_trap_on_use(void)
{
	write_cr0(read_cr0() | CR0_TS);
}

/*
 * The FPU half of a switch. The rule that keeps other threads' FPU state out of reach (no
 * LazyFP-style leak, where an FPU instruction that is about to trap reads the registers
 * speculatively): the FPU registers hold a thread's state only while that thread runs, and
 * whenever CR0.TS is set they hold the clean image. A thread that has used the FPU
 * (fpu_live) gets its state saved and restored on every switch; between threads that never
 * did, as in most IPC, the FPU costs nothing (what real hardware pays for fxsave and
 * fxrstor, 100 cycles and more each, an instruction count does not show).
 */
static inline __attribute__((always_inline)) void switch_fpu(struct arch_context *prev,
							     struct arch_context *next)
{
	if (prev->fpu_live)
		fpu_save(prev->fpu);
	if (next->fpu_live) {
		if (!prev->fpu_live)
			__asm__ volatile("clts");
		fpu_load(next->fpu);
	} else if (prev->fpu_live) {
		fpu_load(fpu_clean_image);
		fpu_trap_on_use();
	}
}

bool x86_fpu_first_use(const struct trap_frame *f)
{
	struct thread *t = current_thread();

	if (f->vector != TRAP_NM || !trap_from_user(f) || t == NULL || t->context.fpu_live)
		return false;
	t->context.fpu_live = 1;
	__asm__ volatile("clts");
	fpu_load(t->context.fpu);
	return true;
}

/* fninit (and the default MXCSR with SSE), then the state saved the way switches save it. */
static void fpu_save_clean(const struct cpu_features *f)
{
	uint32_t mxcsr = ARCH_MXCSR_DEFAULT;

	__asm__ volatile("fninit");
	if (f->sse)
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	fpu_save(fpu_clean_image); /* fpu_fxsr is set: the format switches use */
}

/* This CPU's FPU control bits: native x87 errors, FXSR and SIMD exceptions as supported. */
static void fpu_cpu_setup(const struct cpu_features *f)
{
	write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	write_cr4((read_cr4() & ~CR4_TSD) | (f->fxsr ? CR4_OSFXSR : 0) |
		  (f->sse ? CR4_OSXMMEXCPT : 0));
}

void x86_fpu_init(void)
{
	const struct cpu_features *f = cpu_features();

	fpu_cpu_setup(f);
	fpu_fxsr = f->fxsr; /* before fpu_save_clean, which saves in that format */
	fpu_save_clean(f);
	fpu_trap_on_use(); /* the boot context (idle) never uses the FPU */
}

/* Another CPU: the same bits, and its registers hold the clean image with CR0.TS set. */
void x86_fpu_init_ap(void)
{
	fpu_cpu_setup(cpu_features());
	fpu_load(fpu_clean_image);
	fpu_trap_on_use();
}

/*
 * Builds t's first frames at the top of its kernel stack: a ring-3 struct trap_frame (user
 * selectors, eip = entry, esp = user_sp, eax = arg, every other register 0, IF = 1, IOPL = 0,
 * DF = 0) and below it the frame the context swap pops, returning into x86_thread_start.
 */
void arch_thread_init_user(struct thread *t, uintptr_t entry, uintptr_t user_sp, uintptr_t arg)
{
	uintptr_t top = (uintptr_t)t->kstack_top;
	struct trap_frame *tf = (struct trap_frame *)(top - sizeof(*tf));
	struct first_swap_frame *sf = (struct first_swap_frame *)((uintptr_t)tf - sizeof(*sf));

	*tf = (struct trap_frame){
	    .gs = SEL_USER_DATA, .fs = SEL_USER_DATA, .es = SEL_USER_DATA, .ds = SEL_USER_DATA,
	    .eax = (uint32_t)arg, .eip = (uint32_t)entry, .cs = SEL_USER_CODE,
	    .eflags = X86_EFLAGS_IF | EFLAGS_RESERVED_1,
	    .user_esp = (uint32_t)user_sp, .user_ss = SEL_USER_DATA,
	};
	*sf = (struct first_swap_frame){.ret = (uint32_t)(uintptr_t)x86_thread_start};
	t->context.esp = (uint32_t)(uintptr_t)sf;
	t->context.esp0 = (uint32_t)top;
	memcpy(t->context.fpu, fpu_clean_image, ARCH_FPU_AREA_BYTES);
	t->context.fpu_live = 0;
}

/*
 * Kernel threads (no unit) run on the kernel address space. A dying unit's last thread has
 * already released its space (NULL): whatever next needs is then loaded.
 */
static struct page_table *thread_space(const struct thread *t)
{
	return t->unit ? t->unit->aspace : mmu_kernel_space();
}

/*
 * Loads CR3 only when the address space changes (the kernel half is shared, so the kernel
 * stacks stay mapped across the load), points TSS.esp0 (user threads only) and the per-CPU
 * stack top at next's kernel stack and switches the TSS I/O bitmap to next's unit.
 */
static inline __attribute__((always_inline)) void switch_cpu_state(struct thread *prev,
								   struct thread *next,
								   struct page_table *prev_space,
								   struct page_table *next_space)
{
	if (next_space != prev_space)
		mmu_activate(next_space);
	if (next->unit != prev->unit)
		iomap_switch(next->unit); /* ports: O(1) unless another unit's map is loaded */
	if (next->context.esp0 != 0)
		gdt_set_kernel_stack(next->context.esp0);
	this_cpu()->kernel_stack_top = (uintptr_t)next->kstack_top; /* backtraces, sysenter */
}

/* switch_cpu_state, then the swap of registers, FPU state and stacks. */
void arch_context_switch(struct thread *prev, struct thread *next)
{
	switch_cpu_state(prev, next, thread_space(prev), thread_space(next));
	switch_fpu(&prev->context, &next->context);
	x86_context_swap(&prev->context, &next->context);
}

/*
 * The IPC fast path's half of a switch (syscall_entry.S then leaves prev's stack for next's):
 * switch_cpu_state and the FPU by the same rule as every switch. Both are user threads whose
 * spaces the fast path has just used (never NULL).
 */
void x86_fast_switch_state(struct thread *prev, struct thread *next)
{
	switch_cpu_state(prev, next, prev->unit->aspace, next->unit->aspace);
	switch_fpu(&prev->context, &next->context);
}
