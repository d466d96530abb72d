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

/* Draws a ticket; the lock is the caller's once spin_wait for it returns. */
static inline unsigned spin_ticket(struct spinlock *l)
{
	return atomic_fetch_add_explicit(&l->next, 1, memory_order_relaxed);
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

/* Takes the lock only if nobody holds or waits for it; whether it did. */
static inline bool spin_trylock(struct spinlock *l)
{
	unsigned owner = atomic_load_explicit(&l->owner, memory_order_relaxed);

	return atomic_compare_exchange_strong_explicit(&l->next, &owner, owner + 1,
						       memory_order_acquire, memory_order_relaxed);
}

static inline void spin_unlock(struct spinlock *l)
{
	unsigned owner = atomic_load_explicit(&l->owner, memory_order_relaxed);

	atomic_store_explicit(&l->owner, owner + 1, memory_order_release);
}

/* Whether someone holds it (for assertions). */
static inline bool spin_is_locked(struct spinlock *l)
{
	return atomic_load_explicit(&l->owner, memory_order_relaxed) !=
	       atomic_load_explicit(&l->next, memory_order_relaxed);
}

#endif /* KERNEL_SPINLOCK_H */
