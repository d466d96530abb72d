/*
 * Kernel event tracing (<keel/abi.h>, SYS_TRACE): each CPU appends fixed-size events to its own
 * ring in memory the root task may map. TRACE() costs one load and branch while tracing is off;
 * on, trace_put takes a bounded few dozen instructions: no lock (the ring is this CPU's), no
 * loop, no allocation. Call with interrupts off (every kernel path is).
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <kernel/types.h>
#include <keel/abi.h>

extern volatile bool trace_enabled, trace_sampling; /* TRACE_ON, TRACE_SAMPLE */
extern void *trace_object; /* CAP_ROOT_TRACE's memory object: SYS_TRACE's guard */

void trace_put(uint32_t type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

#define TRACE_ARG(x) ((uint32_t)(uintptr_t)(x)) /* integers and pointers alike */
#define TRACE(type, a0, a1, a2, a3)                                                            \
	(__builtin_expect(trace_enabled, 0)                                                    \
	     ? trace_put(type, TRACE_ARG(a0), TRACE_ARG(a1), TRACE_ARG(a2), TRACE_ARG(a3))     \
	     : (void)0)

/* Lays the rings out (cycle_hz: the time-stamp counter's rate) and returns them and their size
 * in bytes (whole pages), for the root task's capability. */
void *trace_init(uint64_t cycle_hz, uint32_t *bytes);
/*
 * SYS_TRACE's op (<keel/abi.h>): TRACE_OFF, TRACE_ON and/or TRACE_SAMPLE, or TRACE_QUERY;
 * returns the bits that were on, ERR_INVALID for another op. `running`: the thread this CPU runs now. A CPU's events carry the thread its
 * last TRACE_EV_SWITCH went to (0 until its first one since tracing went on).
 */
int trace_switch(uint32_t op, uint32_t running);

#endif
