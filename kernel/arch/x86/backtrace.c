/*
 * Backtraces by walking saved %ebp frames: [ebp] holds the caller's ebp, [ebp+4] the return
 * address. Every frame pointer is checked against the running thread's kernel stack (or the
 * boot stack) before use, so a walk never leaves the stack it started on.
 */
#include <arch/backtrace.h>
#include <arch/gdt.h>
#include <arch/ksyms.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/thread.h>

struct stack_bounds {
	uintptr_t low;	/* lowest valid address */
	uintptr_t high; /* one past the top */
};

/*
 * The kernel stack a walk from `addr` stays on: the running thread's own stack
 * [kstack_base, kstack_top) (THREAD_KSTACK_SIZE for threads, the boot stack for idle) or the
 * boot stack (before the scheduler runs), whichever holds `addr`. If neither does (a wild
 * %ebp), the running thread's stack: the walk then stops at its first frame.
 */
static struct stack_bounds backtrace_stack_bounds(uintptr_t addr)
{
	struct stack_bounds boot = {(uintptr_t)boot_stack_bottom, (uintptr_t)boot_stack_top};
	const struct thread *t = gdt_percpu_ready() ? current_thread() : NULL;

	if (t == NULL || (addr >= boot.low && addr < boot.high))
		return boot;
	return (struct stack_bounds){(uintptr_t)t->kstack_base, (uintptr_t)t->kstack_top};
}

/* A frame is usable if its two words lie inside the stack and it is above the previous one. */
static bool backtrace_frame_ok(const struct stack_bounds *b, uintptr_t ebp, uintptr_t prev)
{
	return (ebp & 3u) == 0 && ebp >= b->low && ebp <= b->high - 2 * sizeof(uint32_t) &&
	       ebp > prev;
}

#define X86_OPCODE_PUSH_EBP  0x55
#define X86_OPCODE_MOV_RM32  0x89
#define X86_MODRM_ESP_TO_EBP 0xe5 /* 89 e5: mov %esp, %ebp */

static void backtrace_print_frame(unsigned n, uintptr_t addr)
{
	kprintf("  #%u ", n);
	ksyms_print_line("", addr);
}

/*
 * The return addresses up the %ebp chain from `ebp`, at most max, into out; *stopped is the
 * frame pointer the walk stopped at (0 at the chain's end or after max frames).
 */
static unsigned backtrace_collect(const struct stack_bounds *b, uintptr_t ebp, uintptr_t *out,
				  unsigned max, uintptr_t *stopped)
{
	uintptr_t prev = 0;
	unsigned n = 0;

	for (; n < max && backtrace_frame_ok(b, ebp, prev); n++) {
		const uint32_t *frame = (const uint32_t *)ebp;

		if (frame[1] == 0) {
			*stopped = 0; /* the chain's end */
			return n;
		}
		out[n] = frame[1];
		prev = ebp;
		ebp = frame[0];
	}
	*stopped = n < max ? ebp : 0;
	return n;
}

/*
 * Where the return address of the function at `eip` sits when its frame is not (yet) on the
 * %ebp chain: at [esp] before "push %ebp" or in a function without that prologue (gcc leaves
 * it out of functions that never touch the stack), at [esp+4] between push and "mov". Returns
 * 0 when %ebp already describes the function.
 */
static uintptr_t backtrace_frameless_return(const struct stack_bounds *b, uintptr_t eip,
					    uintptr_t esp)
{
	const char *name;
	uint32_t offset;

	if (!ksyms_lookup(eip, &name, &offset))
		return 0;
	const uint8_t *start = (const uint8_t *)(eip - offset);
	bool prologue = start[0] == X86_OPCODE_PUSH_EBP && start[1] == X86_OPCODE_MOV_RM32 &&
			start[2] == X86_MODRM_ESP_TO_EBP;

	if (prologue && offset > 1)
		return 0;
	uintptr_t slot = (prologue && offset == 1) ? esp + 4 : esp;

	if (slot < b->low || slot + sizeof(uint32_t) > b->high)
		return 0;
	uintptr_t ret = *(const uint32_t *)slot;

	return ksyms_lookup(ret, &name, &offset) ? ret : 0; /* only plausible code addresses */
}

unsigned backtrace_trap_frames(uintptr_t eip, uintptr_t ebp, uintptr_t esp, uintptr_t *out,
			      unsigned max, uintptr_t *stopped)
{
	struct stack_bounds b = backtrace_stack_bounds(esp);
	uintptr_t ret = backtrace_frameless_return(&b, eip, esp);
	unsigned n = 0;

	out[n++] = eip;
	if (ret != 0 && max > 1)
		out[n++] = ret;
	return n + backtrace_collect(&b, ebp, out + n, max - n, stopped);
}

void backtrace_print_trap(uintptr_t eip, uintptr_t ebp, uintptr_t esp)
{
	uintptr_t pc[BACKTRACE_MAX_FRAMES], stopped;
	unsigned n = backtrace_trap_frames(eip, ebp, esp, pc, BACKTRACE_MAX_FRAMES, &stopped);

	kprintf("backtrace:\n");
	for (unsigned i = 0; i < n; i++)
		backtrace_print_frame(i, pc[i]);
	if (stopped != 0)
		kprintf("  (stopped at frame pointer 0x%08x)\n", (unsigned)stopped);
}

void arch_print_backtrace(void)
{
	/*
	 * #0 is where we were called from (a function with its frame made: nothing frameless to
	 * find), then our caller's frames from its frame pointer.
	 */
	uintptr_t ebp = ((const uint32_t *)read_ebp())[0];

	backtrace_print_trap((uintptr_t)__builtin_return_address(0), ebp, ebp);
}
