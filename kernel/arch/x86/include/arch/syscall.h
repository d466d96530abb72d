/*
 * x86 user-mode entry and exit: the int 0x80 gate and the sysenter/sysexit fast path
 * (syscall_entry.S, syscall_arch.c), and the routing of ring-3 exceptions to the generic
 * fault report (user_fault.c).
 */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

#define MSR_SYSENTER_CS	    0x174
#define MSR_SYSENTER_ESP    0x175
#define MSR_SYSENTER_EIP    0x176
/*
 * EFLAGS recorded in a sysenter frame (IF, bit 1). sysexit does not load EFLAGS: user mode
 * gets the kernel's, with IF set by the sti before it.
 */
#define SYSCALL_USER_EFLAGS 0x202u
/*
 * EFLAGS the sysenter stub loads first (bit 1 only): sysenter clears only IF, VM and RF, so a
 * user's NT (which would turn the kernel's next iret into a task return: #TS), AC, DF and TF
 * must not survive into the kernel, nor reach other threads through a context switch.
 */
#define SYSCALL_KERNEL_EFLAGS 0x2u
/*
 * Where sysexit enters user mode: the read-only `ret` page mapped into every unit (the same
 * number as SYSENTER_LANDING_ADDR in <keel/abi.h>, repeated here for the assembly).
 */
#define SYSEXIT_LANDING_VA  0xBFFF9000
/* The error-code word of a frame the sysenter stub built (int 0x80 pushes 0): sysexit may
 * return through it. */
#define SYSCALL_FRAME_SYSENTER 1
/* SYS_IPC_CALL and SYS_IPC_REPLY_RECV of <keel/abi.h>, for the stubs' fast-path test. */
#define SYSCALL_NUM_IPC_CALL	   16
#define SYSCALL_NUM_IPC_REPLY_RECV 19
/* Bytes of the swap frame (edi, esi, ebx, ebp, return address) context_swap pops. */
#define SYSCALL_SWAP_FRAME_BYTES 20

#ifndef __ASSEMBLER__

#include <kernel/types.h>

struct trap_frame;

/* Entry stubs (syscall_entry.S). */
extern char syscall_int80_entry[];
extern char syscall_sysenter_entry[];
/* The first instruction of the sysenter stub that runs with the kernel's EFLAGS (TF clear). */
extern char syscall_sysenter_untraced[];
/* The page-aligned landing page in the kernel image: `ret`, then int3 to the end of the page. */
extern const char sysexit_landing_page[];

/*
 * Boot, per CPU, after gdt_init/idt_init: programs the sysenter MSRs (CS = kernel code,
 * EIP = syscall_sysenter_entry, ESP = this CPU's current kernel stack top) if the CPU has
 * sysenter (cpu_features()->sep); without it only int 0x80 works and sysenter raises #UD in
 * user mode.
 */
void syscall_arch_init(void);

extern bool syscall_sysenter_ready; /* the MSRs exist and are programmed (boot CPU) */

/*
 * Points IA32_SYSENTER_ESP at `top`, the kernel stack the next sysenter lands on. Called by
 * gdt_set_kernel_stack, so TSS.esp0 and the sysenter stack always name the same stack. Inline:
 * every switch makes it.
 */
static inline void syscall_set_entry_stack(uintptr_t top)
{
	if (syscall_sysenter_ready)
		__asm__ volatile("wrmsr" : : "c"(MSR_SYSENTER_ESP), "a"((uint32_t)top), "d"(0u));
}

/* C half of both entry stubs: runs the syscall in frame->eax/ebx.. and stores the result. */
void syscall_from_user(struct trap_frame *frame);

/*
 * Both stubs, for SYS_IPC_CALL and SYS_IPC_REPLY_RECV, before syscall_from_user: 0 if the IPC
 * fast path does not apply (nothing changed); else the current thread is blocked, the CPU
 * state (CR3, TSS, FPU) is the partner's, and the result is the partner's saved stack pointer,
 * which the stub loads after writing the blocked thread's swap-frame return address
 * (syscall_fast_resume_entry) just below `frame`. A partner that the fast path blocked itself
 * has its result in its frame already, and leaves through it directly.
 */
uint32_t syscall_fast_ipc(struct trap_frame *frame);

/*
 * syscall_fast_resume_entry's C half: a thread the fast path blocked, run again by schedule()
 * (a reply or a wake-up through the general path), finishes its syscall.
 */
void syscall_fast_resume(struct trap_frame *frame);
void syscall_fast_resume_entry(void);

/*
 * Called by trap_dispatch for every exception. From ring 3, or a selector fault while the
 * kernel restores a ring-3 frame: reports it as the thread's fault and kills the thread (does
 * not return). A ring-0 #DB at a kernel entry point (the user's EFLAGS.TF across sysenter, or
 * a #DB that MOV SS/POP SS delayed past int 0x80, sysenter or another instruction that enters
 * the kernel: CVE-2018-8897): clears TF in the frame and returns true, so the entry runs on.
 * Anything else: false (a kernel exception, which is fatal).
 */
bool trap_user_exception(struct trap_frame *frame);
/*
 * The return addresses (at most max) up the current thread's user frame-pointer chain from
 * ebp (cdecl: [ebp] the caller's ebp, [ebp + 4] the return address), read through its page
 * tables; ends at a frame it cannot read, a null return address, or a frame that does not
 * climb the stack. For its fault reports and the profiler's samples.
 */
unsigned user_frames(uint32_t ebp, uintptr_t *out, unsigned max);
/* A profiler sample of where the timer interrupted `frame` (profile.c, TRACE_EV_SAMPLE). */
void profile_sample(const struct trap_frame *frame);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_SYSCALL_H */
