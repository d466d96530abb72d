/*
 * Notifications: a word of signal bits (docs/ipc.md). A signal ORs bits in and never blocks,
 * so interrupt handlers use it (the IRQ binding calls notification_signal); a wait takes and
 * clears every pending bit, blocking until some arrive or its deadline. One waiter is served
 * per signal, FIFO.
 *
 * Locking: interrupts disabled, one CPU (as the scheduler).
 */
#ifndef KERNEL_NOTIFICATION_H
#define KERNEL_NOTIFICATION_H

#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/types.h>

#define NOTIFICATION_MAX 64 /* notifications in the system */

struct thread;

struct notification {
	struct kobj kobj;	  /* first: the pool and capabilities name it by this */
	uint32_t pending;	  /* bits signalled and not yet taken; 0 while anyone waits */
	struct list_node waiters; /* threads blocked in notification_wait, FIFO (ipc.link) */
};

/* A new notification with no bit pending and no capability, or NULL. */
struct notification *notification_create(void);

/*
 * kobj_release's entry (no capability is left): wakes every waiter with ERR_PEER_DIED;
 * kobj_release then frees the object.
 */
void notification_release(struct kobj *obj);

/* No bit pending, no waiter (notification_create does it; tests with their own objects). */
void notification_init(struct notification *n);

/*
 * ORs `bits` into n. If a thread waits, the first one takes every pending bit (its
 * ipc.notify_bits) and wakes with ERR_OK. Never blocks, never fails, O(1): callable from an
 * interrupt handler (interrupts disabled; the wake-up may set need_resched).
 */
void notification_signal(struct notification *n, uint32_t bits);

/*
 * self takes and clears n's pending bits into self->ipc.notify_bits: ERR_OK at once if any
 * are pending; else ERR_TIMEOUT with `nowait`, or IPC_BLOCKED until a signal (wake_result
 * ERR_OK, the bits in self->ipc.notify_bits) or `deadline_us` (ERR_TIMEOUT). O(1).
 */
int notification_wait(struct notification *n, struct thread *self, bool nowait,
		      uint64_t deadline_us);

#endif /* KERNEL_NOTIFICATION_H */
