/* Notifications (<kernel/notification.h>): their pool, signal and wait. */
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/notification.h>
#include <kernel/pool.h>
#include <kernel/sched.h>
#include <kernel/thread.h>

POOL_DEFINE(notification_pool, struct notification, NOTIFICATION_MAX, CAP_TYPE_NOTIFICATION,
	    KOBJ_COUNTED);

void notification_init(struct notification *n)
{
	n->pending = 0;
	list_init(&n->waiters);
}

struct notification *notification_create(void)
{
	struct notification *n = pool_alloc(&notification_pool);

	if (n != NULL)
		notification_init(n);
	return n;
}

void notification_signal(struct notification *n, uint32_t bits)
{
	n->pending |= bits;
	struct thread *t = ipc_queue_first(&n->waiters);

	if (n->pending == 0 || t == NULL)
		return;
	list_remove(&t->ipc.link);
	t->ipc.notify_bits = n->pending;
	n->pending = 0;
	sched_unblock(t, ERR_OK);
}

int notification_wait(struct notification *n, struct thread *self, bool nowait,
		      uint64_t deadline_us)
{
	if (n->pending != 0) {
		KASSERT(list_is_empty(&n->waiters)); /* bits never stay pending while one waits */
		self->ipc.notify_bits = n->pending;
		n->pending = 0;
		return ERR_OK;
	}
	return ipc_queue_wait(&n->waiters, self, false, n, nowait, deadline_us);
}

void notification_release(struct kobj *obj)
{
	struct notification *n = container_of(obj, struct notification, kobj);

	ipc_wake_all(&n->waiters, ERR_PEER_DIED);
}
