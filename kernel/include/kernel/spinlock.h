/*
 * A ticket spinlock: CPUs get the lock in the order they asked for it (FIFO, so a waiting
 * CPU's wait is bounded by the hold times of those ahead of it, at most CPUs - 1 of them).
 * Taking it does not touch the interrupt flag: a lock that an interrupt handler also takes
 * must be taken with interrupts off. The big kernel lock of SMP is one (docs/smp.md).
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

/* What a waiting CPU does between looks: a host test with more threads than cores yields. */
#ifndef SPIN_RELAX
#define SPIN_RELAX() __builtin_ia32_pause()
#endif

struct spinlock {
	atomic_uint next;  /* the ticket the next CPU to ask draws */
	atomic_uint owner; /* the ticket that holds the lock */
};

#define SPINLOCK_INIT {0, 0}

/*
 * Draws a ticket; the lock is the caller's once spin_wait for it returns. Sequentially
 * consistent (the same instruction on x86): the big lock's shared side relies on it.
 */
static inline unsigned spin_ticket(struct spinlock *l)
{
	return atomic_fetch_add(&l->next, 1);
}

/* Whether `ticket` holds the lock now. */
static inline bool spin_ticket_holds(struct spinlock *l, unsigned ticket)
{
	return atomic_load_explicit(&l->owner, memory_order_acquire) == ticket;
}

static inline void spin_wait(struct spinlock *l, unsigned ticket)
{
	while (!spin_ticket_holds(l, ticket))
		SPIN_RELAX();
}

static inline void spin_lock(struct spinlock *l)
{
	spin_wait(l, spin_ticket(l));
}

static inline void spin_unlock(struct spinlock *l)
{
	unsigned owner = atomic_load_explicit(&l->owner, memory_order_relaxed);

	atomic_store_explicit(&l->owner, owner + 1, memory_order_release);
}

/*
 * A ticket lock with a shared side (the big kernel lock, docs/smp.md "The shared side"). A
 * holder takes `lock` as above, then waits until no CPU is in on the shared side
 * (shared_drain). A CPU enters the shared side only while nobody holds or waits for `lock`:
 * it first counts itself in `shared`, then looks at the lock (shared_try). Each side writes,
 * then reads what the other writes, all sequentially consistent: at least one of the two
 * sees the other, so a holder and the shared side never overlap, while any number of CPUs
 * are on the shared side together.
 */
struct shared_lock {
	struct spinlock lock;
	atomic_uint shared; /* CPUs in on the shared side */
};

/* After taking `lock`: waits until no CPU is in on the shared side. */
static inline void shared_drain(struct shared_lock *l)
{
	while (atomic_load(&l->shared) != 0)
		SPIN_RELAX();
}

/* Enters the shared side if nobody holds or waits for the lock; else `*next` is the next
 * ticket it saw (for shared_wait_turn). Whether it entered. */
static inline bool shared_try(struct shared_lock *l, unsigned *next)
{
	atomic_fetch_add(&l->shared, 1);
	*next = atomic_load(&l->lock.next);
	if (*next == atomic_load(&l->lock.owner))
		return true;
	atomic_fetch_sub_explicit(&l->shared, 1, memory_order_release);
	return false;
}

/* Waits until every CPU that held or waited for the lock before ticket `next` had it. */
static inline void shared_wait_turn(struct shared_lock *l, unsigned next)
{
	while ((int)(atomic_load_explicit(&l->lock.owner, memory_order_acquire) - next) < 0)
		SPIN_RELAX();
}

static inline void shared_leave(struct shared_lock *l)
{
	atomic_fetch_sub_explicit(&l->shared, 1, memory_order_release);
}

#endif /* KERNEL_SPINLOCK_H */
