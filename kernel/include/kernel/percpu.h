/*
 * Per-CPU data. Each CPU reaches its own struct percpu only through this_cpu(), which the arch
 * layer implements with a segment base (%fs on x86), so SMP needs no change here.
 *
 * The running thread has one home: this CPU's run queue, which lives here (percpu.rq) and
 * whose `current` only the scheduler writes, as it switches. Generic and arch code reach them
 * only through this_rq() and current_thread() below, so there is no second copy to keep in
 * step, and each CPU reads its own through its own segment base. Another CPU's queue is
 * reached through its thread (thread.rq), never by CPU number.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/types.h>
#include <arch/percpu.h>

#define PERCPU_MAX_CPUS 8

struct page_table;
struct iomap;

/* What a CPU did, counted by itself (the shell's `cpus`). */
struct cpu_counters {
	uint64_t ipis_sent, ipis_received, irqs, idle_us;
	uint64_t device_irqs; /* of them: device lines' interrupts (arch_irq_route sends them) */
	uint64_t shared_ipc;  /* fast-path IPC syscalls done on the lock's shared side */
};

struct percpu {
	struct percpu *self;	    /* must stay first: the arch reads it at segment offset 0 */
	unsigned cpu_id;	    /* 0 = the boot CPU */
	uintptr_t kernel_stack_top; /* top of the stack traps from user mode land on */
	struct timer_clock clock;   /* kernel/core/tick.c; only this CPU, interrupts disabled */
	uint64_t local_ticks;	    /* this CPU's own timer interrupts (an AP's local APIC) */
	unsigned arch_id;	    /* how IPIs name it (x86: its local APIC id) */
	unsigned lock_depth;	    /* kernel_enter nesting on this CPU (kernel/core/percpu.c) */
	bool shared;		    /* in the kernel on the lock's shared side, not holding it */
	struct page_table *active_space; /* whose page tables this CPU runs on (mmu_activate) */
	struct iomap *io_loaded;	 /* arch: whose I/O permission bits its TSS holds */
	/* Requests of another CPU that waits until this one did them (arch SMP, lock-free). */
	volatile unsigned sync;
	struct page_table *sync_space;
	struct cpu_counters counters; /* for user space (SYS_CPU_INFO); only this CPU writes */
	/* This CPU's scheduler (sched.h); zeroed (current is NULL) until sched_init_cpu. */
	struct run_queue rq;
};
_Static_assert(__builtin_offsetof(struct percpu, self) == 0, "arch reads self at offset 0");

/* This CPU's data. Valid once the arch layer installed it (before any generic code runs). */
/* (<arch/percpu.h>: inline on x86, a function the host tests define.) */

/* This CPU's run queue: the only way generic code names it. */
static inline struct run_queue *this_rq(void)
{
	return &this_cpu()->rq;
}

/*
 * The thread running on this CPU (its idle thread when nothing else runs); NULL until boot
 * made its own context the idle thread (sched_init_cpu).
 */
static inline struct thread *current_thread(void)
{
	return this_rq()->current;
}

/*
 * Claims and initialises the record of CPU `cpu_id` (zeroed, self and stack top set; the run
 * queue waits for sched_init_cpu).
 * Returns NULL if cpu_id >= PERCPU_MAX_CPUS. The arch layer then makes it reachable.
 */
struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top);

/* CPU cpu_id's record if that CPU came up (percpu_init ran for it), else NULL. */
struct percpu *percpu_of(unsigned cpu_id);

/*
 * The big kernel lock (docs/smp.md): every way into the kernel from user mode, an interrupt
 * of an idle CPU, and a CPU's boot take it with kernel_enter; the way out gives it back with
 * kernel_exit. Nested entries (an interrupt in a kernel's interrupt window, an exception in
 * the kernel) only count. A thread another CPU killed while this one waited for the lock is
 * never resumed: a syscall enters through kernel_enter_thread, which switches away from it
 * at once; an exception's dispatch does the same; an interrupt is handled first (its EOI)
 * and the way back to user mode switches away (the kill set need_resched).
 */
void kernel_enter(void);
void kernel_enter_thread(void);
void kernel_exit(void);

/*
 * The lock's shared side, for the same-CPU IPC fast path only (docs/smp.md, "The shared
 * side"): from a syscall's entry (lock_depth 0), enters the kernel if nobody holds or waits
 * for the lock, nothing asked this CPU to reschedule and its thread is alive; whether it did
 * (kernel_exit leaves). Any number of CPUs are in on the shared side at once, never while one
 * holds the lock: kernel_enter waits until they left. On it, a CPU touches only what no other
 * CPU on the shared side does: its own run queue and the threads on it (whose CPU changes
 * only under the lock), and endpoint queues under the endpoint's own lock; capability
 * tables, address spaces and everything else it only reads.
 */
bool kernel_enter_shared(void);

/*
 * A long kernel path's window (a long syscall, a unit's teardown), interrupts disabled on entry
 * and on return: interrupts get in and, from a thread's kernel path (not an interrupt's), the
 * lock goes to the CPUs waiting for it meanwhile, so the lock's hold time is one section of
 * such a path. Then, if a thread of a higher priority became ready, it runs first (a peer of
 * the same priority whose turn came waits for the end of the path, so calls of equals never
 * interleave). The caller holds nothing another thread could need, and revalidates what it
 * looked up before; like at any preemption point, it may be killed by another CPU meanwhile,
 * and then never resumes.
 */
void kernel_preemption_window(void);

/*
 * Where a new thread goes: CPU `affinity` if it is up, else (or for PERCPU_ANY) the CPU
 * with the fewest threads ready or running, this CPU first among equals.
 */
#define PERCPU_ANY 0xffu
struct run_queue *percpu_place(unsigned affinity);

#endif
