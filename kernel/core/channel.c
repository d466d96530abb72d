/*
 * Channels (<kernel/channel.h>): their pool, the bounded message queue, parked capabilities,
 * and the waiters on a full or empty queue. Every operation is O(1) in the queue's length:
 * a send or a receive moves one message and at most IPC_MAX_CAPS capability nodes.
 */
#include <kernel/channel.h>
#include <kernel/kprintf.h>
#include <kernel/pool.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>

POOL_DEFINE(channel_pool, struct channel, CHANNEL_MAX, CAP_TYPE_CHANNEL, KOBJ_COUNTED);

void channel_init(struct channel *ch, uint32_t capacity)
{
	KASSERT(capacity >= 1 && capacity <= CHANNEL_CAPACITY_MAX); /* checked by the caller */
	list_init(&ch->senders);
	list_init(&ch->receivers);
	ch->readers = ch->writers = ch->head = ch->count = 0;
	ch->capacity = (uint16_t)capacity;
	memset(ch->slots, 0, sizeof(ch->slots)); /* no parked capability */
}

struct channel *channel_create(uint32_t capacity)
{
	if (capacity < 1 || capacity > CHANNEL_CAPACITY_MAX)
		return NULL;
	struct channel *ch = pool_alloc(&channel_pool);

	if (ch != NULL)
		channel_init(ch, capacity);
	return ch;
}

/* The i-th queued message, 0 the oldest (i == count: the free place at the tail). */
static struct channel_slot *slot_at(struct channel *ch, unsigned i)
{
	return &ch->slots[(ch->head + i) % ch->capacity];
}

/*
 * Appends from's message at the tail (the caller checked for room): the header, `length`
 * data bytes, the badge and rights of the capability it invoked, and its capabilities, each
 * parked in the slot if it still lives with GRANT (one deleted since the send was checked is
 * skipped, as endpoints do).
 */
static void enqueue(struct channel *ch, struct thread *from)
{
	struct channel_slot *s = slot_at(ch, ch->count);
	struct cap_table *ft = &from->unit->caps;

	KASSERT(ch->count < ch->capacity); /* never past the capacity fixed at creation */
	s->msg.type = from->ipc.buf.type;
	s->msg.length = from->ipc.buf.length;
	memcpy(s->msg.data, from->ipc.buf.data, from->ipc.buf.length);
	s->badge = from->ipc.badge;
	s->rights = from->ipc.rights;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++) {
		struct cap *c;

		KASSERT(s->caps[i].obj == NULL); /* a free place holds no capability */
		if (from->ipc.buf.caps[i] != CAP_NULL &&
		    cap_lookup(ft, from->ipc.buf.caps[i], CAP_TYPE_NONE, CAP_RIGHT_GRANT, &c) ==
			ERR_OK)
			cap_park(c, &s->caps[i]);
	}
	ch->count++;
}

/*
 * Moves the oldest message into `to` (its capabilities into to's table, in their message
 * slots; one revoked while queued arrives as CAP_NULL) and drops it from the queue. ERR_NOMEM
 * if to's table lacks room: then the message stays first.
 */
static int dequeue(struct channel *ch, struct thread *to)
{
	struct channel_slot *s = slot_at(ch, 0);
	struct cap *src[IPC_MAX_CAPS];
	unsigned at[IPC_MAX_CAPS], n = 0;

	KASSERT(ch->count > 0); /* the caller checked for a message */
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		if (s->caps[i].obj != NULL) {
			src[n] = &s->caps[i];
			at[n++] = i;
		}
	/* The message, and what came with it: the sender's badge and rights, no call flag. */
	if (ipc_receive(to, NULL, src, at, n, &s->msg, s->badge, s->rights, 0) != ERR_OK)
		return ERR_NOMEM;
	TRACE(TRACE_EV_IPC_RECV, 0, to->tid, s->msg.type, s->msg.length);
	ch->head = (uint16_t)((ch->head + 1) % ch->capacity);
	ch->count--;
	return ERR_OK;
}

/*
 * Restores the invariants after the queue changed: blocked receivers take queued messages
 * (one without room for a message's capabilities wakes with ERR_NOMEM, the message staying),
 * and blocked senders fill the room, oldest first. At most capacity + waiters steps.
 */
static void channel_settle(struct channel *ch)
{
	struct thread *t;

	while (ch->count > 0 && (t = ipc_queue_first(&ch->receivers)) != NULL) {
		list_remove(&t->ipc.link);
		sched_unblock(t, dequeue(ch, t));
	}
	while (ch->count < ch->capacity && (t = ipc_queue_first(&ch->senders)) != NULL) {
		list_remove(&t->ipc.link);
		enqueue(ch, t);
		sched_unblock(t, ERR_OK);
	}
}

void channel_rights_changed(struct channel *ch, uint32_t rights, int delta)
{
	if (rights & CAP_RIGHT_READ) {
		ch->readers = (uint32_t)((int)ch->readers + delta);
		if (ch->readers == 0) {
			ipc_wake_all(&ch->senders, ERR_PEER_DIED); /* no one will receive */
			ipc_wake_all(&ch->receivers, ERR_BAD_CAP); /* their capability went */
		}
	}
	if (rights & CAP_RIGHT_WRITE) {
		ch->writers = (uint32_t)((int)ch->writers + delta);
		if (ch->writers == 0 && ch->count == 0)
			ipc_wake_all(&ch->receivers, ERR_PEER_DIED); /* no message will come */
	}
}

void channel_release(struct kobj *obj)
{
	struct channel *ch = container_of(obj, struct channel, kobj);

	ipc_wake_all(&ch->senders, ERR_PEER_DIED);
	ipc_wake_all(&ch->receivers, ERR_PEER_DIED);
	for (; ch->count > 0; ch->count--) {
		struct channel_slot *s = slot_at(ch, 0);

		for (unsigned k = 0; k < IPC_MAX_CAPS; k++)
			if (s->caps[k].obj != NULL)
				cap_destroy(&s->caps[k]); /* may destroy what it names */
		ch->head = (uint16_t)((ch->head + 1) % ch->capacity);
	}
}

int channel_send(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us)
{
	if (ch->readers == 0)
		return ERR_PEER_DIED;
	if (ch->count == ch->capacity) /* full: busy, not a timeout, when not waiting */
		return nowait ? ERR_BUSY
			      : ipc_queue_wait(&ch->senders, self, true, ch, false, deadline_us);
	enqueue(ch, self);
	channel_settle(ch);
	return ERR_OK;
}

int channel_recv(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us)
{
	if (ch->count == 0)
		return ch->writers == 0
			   ? ERR_PEER_DIED
			   : ipc_queue_wait(&ch->receivers, self, false, ch, nowait, deadline_us);
	int err = dequeue(ch, self);

	if (err == ERR_OK)
		channel_settle(ch);
	return err;
}
