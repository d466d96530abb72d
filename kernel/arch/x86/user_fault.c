/*
 * Exceptions raised in ring 3: translated into an arch-neutral struct fault_info for the
 * generic reporting point (kernel/core/fault.c), which kills only the offending thread. Also
 * absorbs the one kernel-mode #DB a user can cause (EFLAGS.TF across sysenter).
 */
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/fault.h>

#define TRAP_DB	      1
#define TRAP_MC	      18 /* machine check: a hardware error, never the thread's fault */
#define X86_EFLAGS_TF (1u << 8)

/* The #DB a user EFLAGS.TF raises after the first instruction of the sysenter stub. */
static bool sysenter_single_step(const struct trap_frame *frame)
{
	uintptr_t eip = frame->eip;

	return frame->vector == TRAP_DB && eip >= (uintptr_t)syscall_sysenter_entry &&
	       eip < (uintptr_t)syscall_sysenter_entry_end;
}

bool trap_user_exception(struct trap_frame *frame)
{
	char decoded[EXCEPTION_DECODE_MAX];

	if (!trap_from_user(frame)) {
		if (!sysenter_single_step(frame))
			return false;
		frame->eflags &= ~X86_EFLAGS_TF; /* the rest of the syscall runs untraced */
		return true;
	}
	if (frame->vector == TRAP_NMI || frame->vector == TRAP_MC)
		return false;
	exception_decode_error(frame->vector, frame->error, decoded, sizeof(decoded));
	struct fault_info f = {
	    .kind = FAULT_EXCEPTION,
	    .vector = frame->vector,
	    .mnemonic = exception_mnemonic(frame->vector),
	    .name = exception_name(frame->vector),
	    .error = frame->error,
	    .decoded = decoded,
	    .ip = frame->eip,
	    .has_addr = frame->vector == TRAP_PF,
	    .addr = frame->vector == TRAP_PF ? read_cr2() : 0,
	};

	fault_user(&f);
}
