/*
 * The profiler's sampler (docs/tools.md, "Profiler"). While the kernel samples (SYS_TRACE's
 * TRACE_SAMPLE) every timer interrupt records where it interrupted into this CPU's trace ring:
 * a TRACE_EV_SAMPLE with the number of frames and the first three, then TRACE_EV_SAMPLE_MORE
 * events of four. The frames: the interrupted eip, then the return addresses up its frame
 * pointers, on the kernel stack (within its bounds) or on the user stack (through the thread's
 * own page tables); in user space the word on top of the stack comes second, the return
 * address when the interrupted function has no frame of its own (a leaf), which only the
 * program's symbols tell. The event's thread is the one the CPU runs, as for every event.
 */
#include <arch/backtrace.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>

#define PROFILE_FRAMES 15 /* a SAMPLE's three and three SAMPLE_MOREs' four each */

void profile_sample(const struct trap_frame *frame)
{
	uintptr_t pc[PROFILE_FRAMES + 1] = {frame->eip}, stopped;
	bool user = trap_from_user(frame);
	unsigned n = user ? 2 + user_frames(frame->ebp, pc + 2, PROFILE_FRAMES - 2)
			  : backtrace_trap_frames(pc[0], frame->ebp, trap_interrupted_esp(frame),
						  pc, PROFILE_FRAMES, &stopped);

	if (user) /* an unreadable top leaves pc[1] 0: a failed copy copies nothing */
		uaccess_copy_from(&pc[1], frame->user_esp, sizeof(uint32_t));

	trace_put(TRACE_EV_SAMPLE, n | (user ? 0 : TRACE_SAMPLE_KERNEL), pc[0], pc[1], pc[2]);
	for (unsigned i = 3; i < n; i += 4)
		trace_put(TRACE_EV_SAMPLE_MORE, pc[i], pc[i + 1], pc[i + 2], pc[i + 3]);
}
