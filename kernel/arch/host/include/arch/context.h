/*
 * Host fake of the saved CPU state: the scheduler tests only need to know which contexts were
 * set up and which switches the generic code asked for. The fake (context_fake.c) records them.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <kernel/types.h>

struct thread;

struct arch_context {
	uintptr_t entry;    /* user entry point given to arch_thread_init_user */
	uintptr_t user_sp;  /* user stack pointer given to arch_thread_init_user */
	uintptr_t arg;	    /* argument given to arch_thread_init_user */
	uint32_t switch_in; /* times this thread was switched to */
};

/* One arch_context_switch() call as the fake saw it. */
struct host_switch_record {
	struct thread *prev;
	struct thread *next;
};

#define HOST_SWITCH_LOG_MAX 1024

/* Host tests never run the IPC fast path's switch. */
static inline bool arch_context_fast_blocked(const struct arch_context *c)
{
	(void)c;
	return false;
}

/* Forgets every recorded switch. */
void host_context_reset(void);
/* Switches recorded since the last reset (calls beyond HOST_SWITCH_LOG_MAX are counted only). */
unsigned host_context_switch_count(void);
/* The i-th recorded switch (i < min(count, HOST_SWITCH_LOG_MAX)). */
const struct host_switch_record *host_context_switch_at(unsigned i);

#endif /* ARCH_CONTEXT_H */
