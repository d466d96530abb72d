/*
 * The fixed-priority real-time scheduler: per-CPU run queues with 256 priority levels (higher
 * runs first), FIFO round-robin within a level, a two-level bitmap for O(1) pick, an idle thread
 * per CPU, and the block/unblock/requeue primitives IPC and priority inheritance build on.
 * Design and bounds: docs/scheduler.md.
 *
 * Locking: run queues are touched under the big kernel lock with interrupts disabled (any
 * CPU may wake a thread onto another CPU's queue; arch_smp_kick then sends that CPU an IPI).
 * A thread stays on the CPU it was placed on (partitioned fixed-priority scheduling).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/list.h>
#include <kernel/sleepq.h>
#include <kernel/thread.h>

#define SCHED_PRIO_WORDS (PRIO_LEVELS / 32)

struct sched_stats {
	uint32_t bitmap_reads; /* bitmap words loaded (summary included): O(1) evidence for tests */
	uint64_t switches;     /* arch_context_switch calls */
};

/* One per CPU, in its struct percpu: this_rq() (<kernel/percpu.h>) is how a CPU reaches its own. */
struct run_queue {
	unsigned cpu;
	/*
	 * The RUNNING thread (the idle thread when nothing else is ready): the kernel's only record
	 * of which thread runs, read through current_thread(). Written only by sched.c, right
	 * before it switches (schedule, the yield rotation) and by sched_init_cpu.
	 */
	struct thread *current;
	struct thread *idle;   /* runs when no level is ready; never on a ready queue */
	bool need_resched;     /* schedule() should run before returning to the current thread */
	uint64_t last_tick_us; /* time of the previous sched_timer_tick, for slice charging */
	/*
	 * Bit (p % 32) of prio_words[p / 32] is set iff ready[p] is non-empty; bit w of summary is
	 * set iff prio_words[w] != 0. Read only through rq_load() in sched.c (it counts the reads).
	 */
	uint32_t summary;
	uint32_t prio_words[SCHED_PRIO_WORDS];
	struct list_node ready[PRIO_LEVELS]; /* FIFO per effective priority, via thread.run_link */
	uint32_t ready_count;		     /* threads on ready[] */
	struct list_node zombies;	     /* DEAD threads not yet freed, via thread.run_link */
	struct sleep_queue sleepq;	     /* threads blocked with a deadline */
	struct sched_stats stats;
};

/*
 * Empties rq and makes `idle` its current thread (RUNNING): the caller is running as idle, so
 * the boot path becomes the idle loop once it calls schedule(). idle never blocks or dies.
 */
void sched_init_cpu(struct run_queue *rq, unsigned cpu, struct thread *idle);

/*
 * Makes a new (BLOCK_NOT_STARTED) thread runnable on rq. Returns true if it should preempt
 * the current thread (then rq->need_resched is set too).
 */
bool sched_start(struct run_queue *rq, struct thread *t);

/*
 * Blocks t (the RUNNING current thread, or a READY one) for `reason` on `object`. With a
 * deadline other than NO_DEADLINE it also goes on the sleep queue and is unblocked with
 * ERR_TIMEOUT once the deadline passes. If t is current, rq->need_resched is set: the caller
 * calls schedule(), and when t runs again t->wake_result says why it woke.
 */
void sched_block(struct thread *t, enum block_reason reason, void *object, uint64_t deadline_us);

/*
 * Unblocks a BLOCKED thread with `result` (stored in t->wake_result), removing it from the
 * sleep queue if it had a deadline, and makes it READY at the tail of its level with a fresh
 * slice. Returns true if it should preempt its CPU's current thread (rq->need_resched set).
 */
bool sched_unblock(struct thread *t, int32_t result);

/*
 * Requeue: sets t's effective priority (>= base_prio) in O(1). A READY thread moves to the tail
 * of its new level; a BLOCKED one only records it (its wait queue owner reorders it). Returns
 * true if a reschedule is now needed (rq->need_resched set).
 */
bool sched_set_priority(struct thread *t, uint8_t eff_prio);

/*
 * Moves t to run queue `to` (another CPU's, or its own: then a pending move is cancelled):
 * a ready or blocked thread at once (a ready one at the tail of its level there, a deadline
 * moves along), the running one (of any CPU) when its CPU next switches away from it
 * (need_resched is set there). Returns true if t should preempt `to`'s current thread.
 */
bool sched_move(struct thread *t, struct run_queue *to);

/*
 * Marks t DEAD and takes it off the run and sleep queues (the IPC layer first removes it from
 * any wait queue of its block_object). If t is current, need_resched is set. t then waits on
 * rq->zombies until sched_take_zombie hands it to whoever frees it.
 */
void sched_kill(struct thread *t);

/* A DEAD thread that no CPU runs on any more, ready for thread_free(), or NULL. */
struct thread *sched_take_zombie(struct run_queue *rq);

/*
 * The abort hook, set once at boot (NULL: none): what a deadline calls before it unblocks a
 * thread with ERR_TIMEOUT, so the owner of the thread's wait queue (IPC) takes it off first.
 */
typedef void (*sched_abort_fn)(struct thread *t);
void sched_set_abort_hook(sched_abort_fn abort);

/*
 * Placement: rqs[0..n) are the CPUs' run queues (NULL: that CPU is not up). Returns
 * rqs[affinity] if that CPU is up; otherwise the least loaded (threads ready plus one if
 * not idle), rqs[self] among equals, else the lowest CPU number. O(n).
 */
struct run_queue *sched_pick_cpu(struct run_queue *const *rqs, unsigned n, unsigned self,
				 unsigned affinity);

/* Puts the current thread at the tail of its level with a fresh slice, then schedule(). */
void sched_yield(struct run_queue *rq);

/*
 * Timer tick at absolute time now_us: wakes expired sleepers (ERR_TIMEOUT), then charges the
 * time since the last tick to the current thread; when its slice runs out and another thread
 * of its level is ready it goes to the tail. Returns rq->need_resched: the interrupt exit path
 * then calls schedule(). Slices are charged at tick granularity.
 */
bool sched_timer_tick(struct run_queue *rq, uint64_t now_us);

/*
 * Preemption point (interrupt exit towards user mode, idle loop): schedule() if rq->need_resched
 * is set. Returns whether it did.
 */
bool sched_preempt_point(struct run_queue *rq);

/* The highest priority level with a READY thread on rq, or -1 if none. O(1). */
int sched_highest_ready(struct run_queue *rq);

/*
 * The IPC fast path's hand-over: the running thread blocks for `reason` on `object` (no
 * deadline) and `next`, a BLOCKED thread of rq that no ready thread outranks or equals (the
 * caller checked), becomes rq's running thread with wake_result ERR_OK and a fresh slice,
 * leaving any sleep queue, without a pass through the run queue. Bookkeeping only: the caller
 * then moves the CPU to next itself (the arch entry stub, docs/ipc.md) and never returns on
 * the blocked thread's stack.
 */
void sched_handoff(struct run_queue *rq, enum block_reason reason, void *object,
		   struct thread *next);

/*
 * A preemption point inside a long syscall: schedule() only if a thread of a higher priority
 * than the current one is ready. A slice that ran out (a peer of the same priority waiting)
 * keeps need_resched for the syscall's exit, so one call's work is never interleaved with a
 * peer's. Returns whether it switched.
 */
bool sched_preempt_point_higher(struct run_queue *rq);

/* The thread schedule() would run: the first of the highest ready level, else idle. O(1). */
struct thread *sched_pick_next(struct run_queue *rq);

/*
 * Picks the next thread and switches to it with arch_context_switch(). A preempted RUNNING
 * thread goes back to the head of its level (keeping its slice); a BLOCKED or DEAD one stays
 * off the run queue. Returns in the context of the calling thread once it runs again.
 */
void schedule(struct run_queue *rq);

#endif /* KERNEL_SCHED_H */
