/*
 * Exceptions a user caused: translated into an arch-neutral struct fault_info for the generic
 * reporting point (kernel/core/fault.c), which kills only the offending thread. Those raised
 * in ring 3, and those raised in ring 0 by the user state the kernel restores on the way back
 * (a selector fault at a USER_RETURN_POINT). Also absorbs the kernel-mode #DB a user can
 * cause at a kernel entry point (EFLAGS.TF across sysenter, a #DB delayed by MOV SS).
 */
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/fault.h>
#include <kernel/percpu.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>

#define TRAP_DB	      1
#define TRAP_MC	      18 /* machine check: a hardware error, never the thread's fault */
#define X86_EFLAGS_TF (1u << 8)

/* kernel.ld: the addresses USER_RETURN_POINT recorded (<arch/trap_frame.h>). */
extern const uint32_t __user_return_points_start[], __user_return_points_end[];

/*
 * A ring-0 #DB that a user can cause: one at the first instruction of a kernel entry point
 * (an IDT gate's stub, or int 0x80's), delivered there because MOV SS/POP SS delayed it past
 * the instruction that entered the kernel (CVE-2018-8897), or one in the sysenter stub before
 * it clears the user's TF (sysenter keeps EFLAGS.TF). The entry has done nothing yet: it can
 * simply run on. A #DB anywhere else in ring 0 is a kernel bug.
 */
static bool entry_point_debug_trap(const struct trap_frame *frame)
{
	uintptr_t eip = frame->eip;

	if (frame->vector != TRAP_DB)
		return false;
	if (eip >= (uintptr_t)syscall_sysenter_entry && eip <= (uintptr_t)syscall_sysenter_untraced)
		return true;
	if (eip == (uintptr_t)syscall_int80_entry)
		return true;
	for (unsigned i = 0; i < TRAP_STUB_COUNT; i++) {
		if (eip == trap_stub_table[i])
			return true;
	}
	return false;
}

static bool user_return_point(uint32_t eip)
{
	for (const uint32_t *p = __user_return_points_start; p < __user_return_points_end; p++) {
		if (*p == eip)
			return true;
	}
	return false;
}

/*
 * For a kernel-mode selector fault at a USER_RETURN_POINT: the ring-3 frame being restored, if
 * the fault hit while popping exactly that frame, the one every entry from ring 3 leaves at
 * the top of the running user thread's kernel stack. NULL otherwise: a kernel fault.
 */
static const struct trap_frame *returning_user_frame(const struct trap_frame *frame)
{
	const struct thread *t = current_thread();
	uintptr_t esp = trap_interrupted_esp(frame);

	if (!trap_selector_fault(frame->vector) || !user_return_point(frame->eip))
		return NULL;
	if (t == NULL || t->unit == NULL)
		return NULL;
	uintptr_t top = (uintptr_t)t->kstack_top;
	const struct trap_frame *user = (const struct trap_frame *)(top - sizeof(*user));

	return esp < (uintptr_t)user || esp >= top || !trap_from_user(user) ? NULL : user;
}

/* See <arch/trap.h>. */
unsigned user_frames(uint32_t ebp, uintptr_t *out, unsigned max)
{
	uint32_t frame[2];
	unsigned n = 0;

	while (n < max && ebp != 0 && uaccess_copy_from(frame, ebp, sizeof(frame)) == 0 &&
	       frame[1] != 0) {
		out[n++] = frame[1];
		if (frame[0] <= ebp)
			break;
		ebp = frame[0];
	}
	return n;
}

/* Reports `frame`'s exception as the current thread's fault at user address `ip`; kills it. */
static _Noreturn void report_user_fault(const struct trap_frame *frame, uint32_t ip, uint32_t fp)
{
	char decoded[EXCEPTION_DECODE_MAX];

	exception_decode_error(frame->vector, frame->error, decoded, sizeof(decoded));
	struct fault_info f = {
	    .kind = FAULT_EXCEPTION, .vector = frame->vector,
	    .mnemonic = exception_mnemonic(frame->vector), .name = exception_name(frame->vector),
	    .error = frame->error, .decoded = decoded, .ip = ip,
	    .has_addr = frame->vector == TRAP_PF, .addr = frame->vector == TRAP_PF ? read_cr2() : 0,
	};

	f.nframes = user_frames(fp, f.frames, FAULT_FRAMES);
	fault_user(&f);
}

bool trap_user_exception(struct trap_frame *frame)
{
	if (!trap_from_user(frame)) {
		const struct trap_frame *user = returning_user_frame(frame);

		if (user != NULL) /* the user state failed to load: reported at the user's eip */
			report_user_fault(frame, user->eip, user->ebp);
		if (!entry_point_debug_trap(frame))
			return false;
		frame->eflags &= ~X86_EFLAGS_TF; /* the entry runs on untraced */
		return true;
	}
	if (frame->vector == TRAP_NMI || frame->vector == TRAP_MC)
		return false;
	report_user_fault(frame, frame->eip, frame->ebp);
}
