/* Notifications (<kernel/notification.h>): their pool, signal and wait. */
#include <kernel/kprintf.h>
#include <kernel/notification.h>
#include <kernel/pool.h>
#include <kernel/sched.h>
#include <kernel/thread.h>

POOL_DEFINE(notification_pool, struct notification, NOTIFICATION_MAX, CAP_TYPE_NOTIFICATION);

void notification_pool_init(void)
{
	pool_init(&notification_pool);
}

void notification_init(struct notification *n)
{
	n->pending = 0;
	list_init(&n->waiters);
}

struct notification *notification_create(void)
{
	struct notification *n = pool_alloc(&notification_pool);

	if (n == NULL)
		return NULL;
	n->kobj.flags = KOBJ_COUNTED;
	notification_init(n);
	return n;
}

void notification_release(struct kobj *obj)
{
	struct notification *n = container_of(obj, struct notification, kobj);

	notification_destroy(n);
	pool_free(&notification_pool, n);
}

void notification_signal(struct notification *n, uint32_t bits)
{
	struct list_node *first;
	struct thread *t;

	n->pending |= bits;
	first = list_first(&n->waiters);
	if (n->pending == 0 || first == NULL)
		return;
	t = list_entry(first, struct thread, ipc.link);
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
	if (nowait)
		return ERR_TIMEOUT;
	list_add_tail(&n->waiters, &self->ipc.link);
	sched_block(self, BLOCK_IPC_RECV, n, deadline_us);
	return IPC_BLOCKED;
}

void notification_destroy(struct notification *n)
{
	struct list_node *first;

	while ((first = list_first(&n->waiters)) != NULL) {
		struct thread *t = list_entry(first, struct thread, ipc.link);

		list_remove(&t->ipc.link);
		sched_unblock(t, ERR_PEER_DIED);
	}
}
