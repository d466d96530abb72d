/*
 * The synchronous IPC engine (see <kernel/ipc.h>): endpoint queues, message hand-over between
 * kernel buffers, capability transfer, reply, priority inheritance, timeouts and death.
 */
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>

void endpoint_init(struct endpoint *ep)
{
	list_init(&ep->senders);
	list_init(&ep->receivers);
	ep->readers = 0;
	ep->lock = (struct spinlock)SPINLOCK_INIT;
}

struct thread *ipc_queue_first(struct list_node *q)
{
	struct list_node *n = list_first(q);

	return n ? list_entry(n, struct thread, ipc.link) : NULL;
}

void ipc_wake_all(struct list_node *q, int32_t result)
{
	struct thread *t;

	while ((t = ipc_queue_first(q)) != NULL) {
		list_remove(&t->ipc.link);
		sched_unblock(t, result);
	}
}

int ipc_queue_wait(struct list_node *q, struct thread *self, bool send, void *obj, bool nowait,
		   uint64_t deadline_us)
{
	if (nowait)
		return ERR_TIMEOUT;
	list_add_tail(q, &self->ipc.link);
	sched_block(self, send ? BLOCK_IPC_SEND : BLOCK_IPC_RECV, obj, deadline_us);
	return IPC_BLOCKED;
}

void endpoint_readers_changed(struct endpoint *ep, int delta)
{
	ep->readers = (uint32_t)((int)ep->readers + delta);
	if (ep->readers != 0)
		return;
	ipc_wake_all(&ep->senders, ERR_PEER_DIED);  /* no one can ever receive them */
	ipc_wake_all(&ep->receivers, ERR_BAD_CAP); /* their receive capability went */
}

void endpoint_release(struct kobj *obj)
{
	struct endpoint *ep = container_of(obj, struct endpoint, kobj);

	ipc_wake_all(&ep->senders, ERR_PEER_DIED);
	ipc_wake_all(&ep->receivers, ERR_PEER_DIED);
}

/*
 * Lends priority along the chain of servers starting at `server`: each runs at the highest of
 * its base priority and its caller's effective priority. Stops where nothing changes, or after
 * IPC_PI_DEPTH servers (the bound on the work; docs/ipc.md).
 */
static void pi_update(struct thread *server)
{
	for (unsigned depth = 0; server != NULL && depth < IPC_PI_DEPTH; depth++) {
		struct thread *caller = server->ipc.reply_to;
		uint8_t prio = server->base_prio;

		if (caller != NULL && caller->eff_prio > prio)
			prio = caller->eff_prio;
		if (prio == server->eff_prio)
			return;
		TRACE(TRACE_EV_PI, server->tid, prio, server->eff_prio, prio > server->eff_prio);
		sched_set_priority(server, prio);
		server = server->state == THREAD_BLOCKED && server->block_reason == BLOCK_IPC_REPLY
			     ? server->ipc.server
			     : NULL;
	}
}

int ipc_receive(struct thread *to, struct cap_table *from, struct cap *const src[],
		const unsigned at[], unsigned n, const struct ipc_message *msg, uint64_t badge,
		uint32_t rights, uint32_t flags)
{
	struct ipc_recv_info info = {.badge = badge, .rights = rights, .flags = flags};
	cap_t out[IPC_MAX_CAPS];

	for (unsigned k = 0; k < n; k++) {
		info.cap_type[at[k]] = src[k]->obj->type;
		info.cap_rights[at[k]] = src[k]->rights;
	}
	if (cap_move(from, src, n, &to->unit->caps, out) != ERR_OK)
		return ERR_NOMEM;
	to->ipc.info = info;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		to->ipc.buf.caps[i] = CAP_NULL;
	for (unsigned k = 0; k < n; k++)
		to->ipc.buf.caps[at[k]] = out[k];
	to->ipc.buf.type = msg->type;
	to->ipc.buf.length = msg->length;
	memcpy(to->ipc.buf.data, msg->data, msg->length);
	return ERR_OK;
}

/*
 * Hands from's message to `to`: the capabilities named in from->ipc.buf.caps (still live with
 * GRANT; a handle gone since the send was checked is skipped) first (ERR_NOMEM leaves both
 * untouched), then the header and `length` data bytes. A reply carries no badge.
 */
static int ipc_deliver(struct thread *from, struct thread *to, bool reply)
{
	struct cap_table *ft = &from->unit->caps;
	struct cap *src[IPC_MAX_CAPS];
	unsigned at[IPC_MAX_CAPS], n = 0;

	for (unsigned i = 0; i < IPC_MAX_CAPS; i++) {
		struct cap *c;

		if (from->ipc.buf.caps[i] == CAP_NULL ||
		    cap_lookup(ft, from->ipc.buf.caps[i], CAP_TYPE_NONE, CAP_RIGHT_GRANT, &c) != ERR_OK)
			continue;
		bool dup = false;

		for (unsigned k = 0; k < n; k++)
			dup |= src[k] == c;
		if (dup)
			continue;
		src[n] = c;
		at[n++] = i;
	}
	TRACE(reply ? TRACE_EV_IPC_REPLY : TRACE_EV_IPC_RECV, from->tid, to->tid,
	      from->ipc.buf.type, from->ipc.buf.length);
	return ipc_receive(to, ft, src, at, n, &from->ipc.buf, reply ? 0 : from->ipc.badge,
			   reply ? 0 : from->ipc.rights,
			   !reply && from->ipc.is_call ? IPC_RECV_CALL : 0);
}

/* server takes the call of `caller` (blocked, off every queue): caller waits for the reply. */
static void ipc_bind(struct thread *server, struct thread *caller, uint64_t deadline_us)
{
	server->ipc.reply_to = caller;
	caller->ipc.server = server;
	if (caller->state == THREAD_BLOCKED) {
		/* Re-aim the wait; the call's deadline, if any, still holds. */
		caller->block_reason = BLOCK_IPC_REPLY;
		caller->block_object = server;
	} else {
		sched_block(caller, BLOCK_IPC_REPLY, server, deadline_us);
	}
	pi_update(server);
}

/* The caller a server owed a reply to (returned; NULL if none) stops waiting for it. */
static struct thread *ipc_unbind(struct thread *server)
{
	struct thread *caller = server->ipc.reply_to;

	if (caller == NULL)
		return NULL;
	server->ipc.reply_to = NULL;
	caller->ipc.server = NULL;
	pi_update(server);
	return caller;
}

int ipc_send(struct endpoint *ep, struct thread *self, bool call, bool nowait,
	     uint64_t deadline_us)
{
	struct thread *receiver = ipc_queue_first(&ep->receivers);

	if (ep->readers == 0)
		return ERR_PEER_DIED;
	self->ipc.is_call = call;
	if (receiver == NULL)
		return ipc_queue_wait(&ep->senders, self, true, ep, nowait, deadline_us);
	if (ipc_deliver(self, receiver, false) != ERR_OK)
		return ERR_NOMEM; /* the receiver keeps waiting */
	list_remove(&receiver->ipc.link);
	if (call)
		ipc_bind(receiver, self, deadline_us);
	sched_unblock(receiver, ERR_OK);
	return call ? IPC_BLOCKED : ERR_OK;
}

/* Takes the first queued sender whose message fits self's table; the rest wait on. */
static struct thread *ipc_take_sender(struct endpoint *ep, struct thread *self)
{
	struct thread *sender;

	while ((sender = ipc_queue_first(&ep->senders)) != NULL) {
		list_remove(&sender->ipc.link);
		if (ipc_deliver(sender, self, false) == ERR_OK)
			return sender;
		sched_unblock(sender, ERR_NOMEM); /* nothing moved; the sender learns why */
	}
	return NULL;
}

int ipc_recv(struct endpoint *ep, struct thread *self, bool nowait, uint64_t deadline_us)
{
	struct thread *abandoned = ipc_unbind(self);

	if (abandoned != NULL)
		sched_unblock(abandoned, ERR_PEER_DIED);
	struct thread *sender = ipc_take_sender(ep, self);

	if (sender == NULL)
		return ipc_queue_wait(&ep->receivers, self, false, ep, nowait, deadline_us);
	if (sender->ipc.is_call)
		ipc_bind(self, sender, NO_DEADLINE);
	else
		sched_unblock(sender, ERR_OK);
	return ERR_OK;
}

void ipc_reply(struct thread *self)
{
	struct thread *caller = self->ipc.reply_to;

	if (caller == NULL)
		return; /* the caller died or gave up: dropped */
	KASSERT(caller->state == THREAD_BLOCKED && caller->block_reason == BLOCK_IPC_REPLY);
	int result = ipc_deliver(self, caller, true);

	ipc_unbind(self);
	sched_unblock(caller, result);
}

void ipc_abort(struct thread *t)
{
	if (t->state != THREAD_BLOCKED)
		return;
	if (t->block_reason == BLOCK_IPC_SEND || t->block_reason == BLOCK_IPC_RECV)
		list_remove(&t->ipc.link);
	else if (t->block_reason == BLOCK_IPC_REPLY && t->ipc.server != NULL)
		ipc_unbind(t->ipc.server);
}

void ipc_thread_exit(struct thread *t)
{
	struct thread *caller = ipc_unbind(t);

	if (caller != NULL)
		sched_unblock(caller, ERR_PEER_DIED);
	ipc_abort(t);
}
