/*
 * Per-CPU sleep (timer) queue: threads waiting for an absolute deadline in microseconds.
 *
 * A binary min-heap keyed by (deadline, insertion sequence), stored in a fixed array of
 * THREAD_MAX entries (a thread is on at most one sleep queue, so it never overflows). Each thread
 * records its heap slot, so removal (unblock before the deadline) needs no search.
 * Bounds, with N <= THREAD_MAX threads queued (N = 64: at most 6 levels):
 *   insert, remove:  O(log N) swaps, at most floor(log2 N) + 1 levels
 *   next deadline:   O(1)
 *   expire(now):     O(k log N) for the k threads that expire; O(1) when none does.
 * Deadlines are 64-bit microseconds, which do not wrap in practice (584,000 years).
 * Threads with equal deadlines expire in insertion order (FIFO).
 */
#ifndef KERNEL_SLEEPQ_H
#define KERNEL_SLEEPQ_H

#include <kernel/thread.h>

struct sleep_queue {
	struct thread *heap[THREAD_MAX]; /* heap[0] has the earliest (deadline, seq) */
	uint32_t count;
	uint64_t next_seq; /* stamped into thread.sleep_seq on insert */
};

void sleepq_init(struct sleep_queue *sq);

/* Queues t (on no sleep queue) to wake at absolute time deadline_us. O(log N). */
void sleepq_insert(struct sleep_queue *sq, struct thread *t, uint64_t deadline_us);

/* Takes t off the queue if it is on it; a no-op otherwise. O(log N). */
void sleepq_remove(struct sleep_queue *sq, struct thread *t);

/* Removes and returns the earliest thread if its deadline is <= now_us, else NULL. */
struct thread *sleepq_pop_expired(struct sleep_queue *sq, uint64_t now_us);

typedef void (*sleepq_wake_fn)(struct thread *t, void *ctx);

/*
 * Removes every thread whose deadline is <= now_us, calling wake(t, ctx) for each in
 * (deadline, insertion) order. wake may insert new sleepers only with deadlines after now_us.
 * Returns how many expired.
 */
uint32_t sleepq_expire(struct sleep_queue *sq, uint64_t now_us, sleepq_wake_fn wake, void *ctx);

static inline uint32_t sleepq_count(const struct sleep_queue *sq)
{
	return sq->count;
}

#endif /* KERNEL_SLEEPQ_H */
