/*
 * x86 syscall glue: the sysenter MSRs, the C half of the int 0x80 and sysenter stubs
 * (registers <-> struct syscall_args), and the sysexit landing page every unit maps.
 */
#include <arch/cpu_features.h>
#include <arch/memory.h>
#include <arch/syscall.h>
#include <arch/gdt.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <arch/context.h>

_Static_assert(SYSEXIT_LANDING_VA == SYSENTER_LANDING_ADDR, "one landing address");
_Static_assert(SYSCALL_NUM_IPC_CALL == SYS_IPC_CALL, "the stubs' fast-path test");
_Static_assert(SYSCALL_NUM_IPC_REPLY_RECV == SYS_IPC_REPLY_RECV, "the stubs' fast-path test");
_Static_assert(SYSEXIT_LANDING_VA == LOADER_LANDING_PAGE, "the loader reserves the page");
_Static_assert(SYSCALL_SWAP_FRAME_BYTES == 5 * 4, "arch_context_fast_blocked reads word 4");

bool syscall_sysenter_ready; /* see <arch/syscall.h> */

static void wrmsr(uint32_t msr, uint32_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"(value), "d"(0u));
}

void syscall_arch_init(void)
{
	if (!cpu_features()->sep) {
		kprintf("syscall: no sysenter on this CPU: int 0x80 only\n");
		return;
	}
	wrmsr(MSR_SYSENTER_CS, SEL_KERNEL_CODE);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)(uintptr_t)syscall_sysenter_entry);
	wrmsr(MSR_SYSENTER_ESP, (uint32_t)this_cpu()->kernel_stack_top);
	syscall_sysenter_ready = true;
}

/* struct syscall_args is the pushal block of the frame, read in place. */
#define ARGS_AT(field) (__builtin_offsetof(struct trap_frame, field) - TRAP_FRAME_EDI)
_Static_assert(__builtin_offsetof(struct syscall_args, a5) == ARGS_AT(edi), "args in the frame");
_Static_assert(__builtin_offsetof(struct syscall_args, a4) == ARGS_AT(esi), "args in the frame");
_Static_assert(__builtin_offsetof(struct syscall_args, a1) == ARGS_AT(ebx), "args in the frame");
_Static_assert(__builtin_offsetof(struct syscall_args, a3) == ARGS_AT(edx), "args in the frame");
_Static_assert(__builtin_offsetof(struct syscall_args, a2) == ARGS_AT(ecx), "args in the frame");
_Static_assert(__builtin_offsetof(struct syscall_args, num) == ARGS_AT(eax), "args in the frame");

/*
 * Both stubs leave a complete frame; sysenter's already holds the landing eip and esp = ebp.
 * The arguments are read in place (the frame's eax is written only with the result).
 */
static const struct syscall_args *args_of(const struct trap_frame *frame)
{
	return (const struct syscall_args *)(const void *)&frame->edi;
}

void syscall_from_user(struct trap_frame *frame)
{
	frame->eax = (uint32_t)syscall_dispatch(args_of(frame));
}

/*
 * Enters the kernel for SYS_IPC_CALL and SYS_IPC_REPLY_RECV: on the lock's shared side if
 * the fast path applies there, else with the lock (its fast path or, 0, the general path).
 */
uint32_t syscall_fast_ipc(struct trap_frame *frame)
{
	struct thread *self = current_thread(), *next = NULL;

	if (kernel_enter_shared() && (next = ipc_fastpath(args_of(frame), true)) == NULL)
		kernel_exit();
	if (next != NULL) {
		this_cpu()->counters.shared_ipc++;
	} else {
		kernel_enter_thread();
		if ((next = ipc_fastpath(args_of(frame), false)) == NULL)
			return 0;
	}
	self->context.esp = (uint32_t)(uintptr_t)frame - SYSCALL_SWAP_FRAME_BYTES;
	x86_fast_switch_state(self, next);
	if (arch_context_fast_blocked(&next->context)) {
		/* Its receive ends as ipc_finish_receive ends one the fast path delivered. */
		struct trap_frame *f = (void *)(next->context.esp + SYSCALL_SWAP_FRAME_BYTES);

		TRACE(TRACE_EV_SYSCALL_EXIT, f->eax, ERR_OK, 0, 0);
		f->eax = ERR_OK;
		next->ipc.delivered = false;
	}
	return next->context.esp;
}

void syscall_fast_resume(struct trap_frame *frame)
{
	frame->eax = (uint32_t)ipc_fastpath_resume(args_of(frame));
}

/*
 * The arch's part of every user address space: the sysexit landing page, read-only and
 * user-visible. The loader reserves its address, so only a missing page table can fail.
 */
int arch_aspace_init(struct page_table *pt)
{
	phys_addr_t page = virt_to_phys(sysexit_landing_page);

	return mmu_map_page(pt, page, SYSEXIT_LANDING_VA, MMU_USER) == ERR_OK ? ERR_OK : ERR_NOMEM;
}
