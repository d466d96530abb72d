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

/* Walks the %ebp chain from `ebp`, numbering frames from n. */
static void backtrace_walk(const struct stack_bounds *b, unsigned n, uintptr_t ebp)
{
	uintptr_t prev = 0;

	while (n < BACKTRACE_MAX_FRAMES && backtrace_frame_ok(b, ebp, prev)) {
		const uint32_t *frame = (const uint32_t *)ebp;
		uintptr_t ret = frame[1];

		if (ret == 0)
			return;
		backtrace_print_frame(n++, ret);
		prev = ebp;
		ebp = frame[0];
	}
	if (ebp != 0 && n < BACKTRACE_MAX_FRAMES)
		kprintf("  (stopped at frame pointer 0x%08x)\n", (unsigned)ebp);
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

void backtrace_print_trap(uintptr_t eip, uintptr_t ebp, uintptr_t esp)
{
	struct stack_bounds b = backtrace_stack_bounds(esp);
	uintptr_t ret = backtrace_frameless_return(&b, eip, esp);
	unsigned n = 0;

	kprintf("backtrace:\n");
	backtrace_print_frame(n++, eip);
	if (ret != 0)
		backtrace_print_frame(n++, ret);
	backtrace_walk(&b, n, ebp);
}

void arch_print_backtrace(void)
{
	/* Start at our own frame: #0 is where we were called from, then our caller's frames. */
	uintptr_t ebp = ((const uint32_t *)read_ebp())[0];
	struct stack_bounds b = backtrace_stack_bounds(ebp);

	kprintf("backtrace:\n");
	backtrace_print_frame(0, (uintptr_t)__builtin_return_address(0));
	backtrace_walk(&b, 1, ebp);
}
