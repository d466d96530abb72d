/* Stack traces by walking the %ebp frame chain (the kernel keeps frame pointers). */
#ifndef ARCH_BACKTRACE_H
#define ARCH_BACKTRACE_H

#include <kernel/types.h>

#define BACKTRACE_MAX_FRAMES 32

/*
 * Prints "backtrace:" and one "  #n 0x... <sym+0x..>" line per frame of trapped code: `eip`
 * first, then the caller of a function interrupted before its frame was on the %ebp chain
 * (found from the interrupted `esp`), then the return address of each frame from `ebp` on.
 * Stops at a frame pointer outside the current kernel stack, misaligned or not moving up, or
 * after BACKTRACE_MAX_FRAMES. arch_print_backtrace (<kernel/arch.h>) walks the caller's stack.
 */
void backtrace_print_trap(uintptr_t eip, uintptr_t ebp, uintptr_t esp);
/*
 * What backtrace_print_trap prints, into out (at most max, max >= 1): eip, the return address
 * of a function that has no frame yet, the %ebp chain's; *stopped: the frame pointer the walk
 * stopped at, 0 at the chain's end or after max. The profiler samples with it.
 */
unsigned backtrace_trap_frames(uintptr_t eip, uintptr_t ebp, uintptr_t esp, uintptr_t *out,
			       unsigned max, uintptr_t *stopped);

#endif
