/*
 * The generic syscall dispatcher. The arch entry paths (int 0x80, sysenter) collect the number
 * and a1..a5 as <keel/abi.h> describes and call syscall_dispatch; its result goes back in eax.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <kernel/types.h>

#define SYSCALL_PRINT_MAX 4096u /* SYS_DEBUG_PRINT: longer buffers get ERR_OVERFLOW */
/*
 * SYS_DEBUG_PRINT prints at most this many bytes per interrupts-off section, then opens a
 * preemption window: the bound on how long it keeps interrupts off (docs/syscalls.md).
 */
#define SYSCALL_PRINT_SECTION 4u
#define SYSCALL_PRINT_LINE    160u /* bytes a higher-priority thread may wait behind */

/*
 * The number and arguments (<keel/abi.h>: eax, then ebx, ecx, edx, esi, edi). The fields lie
 * in the order the x86 stubs save those registers (pushal: edi, esi, ebp, esp, ebx, edx, ecx,
 * eax), so the arch hands over a pointer into its trap frame instead of a copy (asserted in
 * syscall_arch.c). Initialise by field name.
 */
struct syscall_args {
	uint32_t a5, a4;
	uint32_t unused[2]; /* ebp and esp in the x86 frame */
	uint32_t a1, a3, a2;
	uint32_t num;
};

/*
 * Runs syscall args->num for the current thread (interrupts disabled, on its kernel stack).
 * Unknown or out-of-range numbers (negative ones too) give ERR_NOSYS. Every pointer argument
 * is checked through <kernel/uaccess.h>. The call may block and switch threads; before it
 * returns it honours a pending reschedule (e.g. a higher-priority thread it started).
 */
int32_t syscall_dispatch(const struct syscall_args *args);

struct thread;

/*
 * The IPC fast path (ipc_fast.c, docs/ipc.md) of SYS_IPC_CALL and SYS_IPC_REPLY_RECV, which
 * the arch entry stubs try before syscall_dispatch. NULL: nothing changed, dispatch as usual.
 * Otherwise the message is delivered, the current thread is blocked for the reply or on the
 * endpoint, and the returned partner is rq's running thread: the caller moves the CPU to it
 * (address space, kernel stack, FPU state) and never returns on the blocked thread's stack.
 * `shared`: the CPU is on the big lock's shared side (kernel_enter_shared), not holding it.
 */
struct thread *ipc_fastpath(const struct syscall_args *a, bool shared);

/*
 * The result of a syscall ipc_fastpath blocked, when the general path runs its thread again
 * (a reply or a wake-up it handled), as syscall_dispatch would have returned it.
 */
int32_t ipc_fastpath_resume(const struct syscall_args *a);

#endif /* KERNEL_SYSCALL_H */
