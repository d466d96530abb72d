/*
 * User fault reports: the one place where a thread killed for a fault is reported (on the
 * console now, to a supervisor over IPC later). The arch trap code fills in struct fault_info.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <kernel/types.h>

#define FAULT_LINE_MAX 256 /* bytes of one report line, NUL included */
#define FAULT_FRAMES   8   /* return addresses of a user backtrace */

enum fault_kind {
	FAULT_EXCEPTION, /* a CPU exception raised in user mode */
};

/* Arch-neutral description of a user fault. */
struct fault_info {
	enum fault_kind kind;
	unsigned vector;      /* exception number */
	const char *mnemonic; /* "#PF" */
	const char *name;     /* "page fault" */
	uint32_t error;	      /* the error code the CPU pushed (0 if none) */
	const char *decoded;  /* error bits in words, "read, not-present, user"; "" if none */
	uintptr_t ip;	      /* faulting instruction */
	bool has_addr;	      /* addr is meaningful (page faults: the faulting address) */
	uintptr_t addr;	      /* page fault address */
	unsigned nframes;     /* the user's callers, innermost first (frame pointers) */
	uintptr_t frames[FAULT_FRAMES];
};

/*
 * Formats the report of f for thread `tid` of unit `unit_name` into buf (at most size bytes,
 * NUL-terminated, no newline), e.g. "fault: unit hello thread 65537: #PF page fault (vector
 * 14) error=0x00000004 [read, not-present, user] EIP=0x00401234 CR2=0x00000000; thread killed".
 */
void fault_format(const struct fault_info *f, const char *unit_name, uint32_t tid, char *buf,
		  size_t size);

/*
 * Reports f for the current thread in one console line, and its callers in a second
 * ("fault: unit U thread T: user backtrace 0x... 0x...", for tools/symbolize), then kills it
 * (process_kill_current).
 */
_Noreturn void fault_user(const struct fault_info *f);

#endif /* KERNEL_FAULT_H */
