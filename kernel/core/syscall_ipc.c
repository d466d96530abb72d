/*
 * The IPC syscalls (call, send, receive, reply-and-receive; send and receive also on channels),
 * endpoint creation and unit start.
 * Each checks its handles and user pointers, copies the message into the caller's kernel
 * buffer before anything is sent and out of it after a receive, and leaves the rest to the
 * IPC engine (<kernel/ipc.h>) and the process layer.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/channel.h>
#include <kernel/ipc.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

#define MSG_HEADER_BYTES offsetof(struct ipc_message, data)

/* See "syscall_internal.h": the timeout of every blocking syscall. */
uint64_t syscall_deadline(uint32_t lo, uint32_t hi, bool *nowait)
{
	uint64_t us = ((uint64_t)hi << 32) | lo;

	*nowait = us == IPC_NO_WAIT;
	if (us == IPC_NO_WAIT || us == IPC_WAIT_FOREVER)
		return NO_DEADLINE;
	uint64_t now = timer_read_us();

	return us >= NO_DEADLINE - now ? NO_DEADLINE : now + us;
}

/*
 * The endpoint or channel handle h of the caller names, with `rights`. Any other type is
 * ERR_BAD_CAP before the rights are looked at, as a lookup of one type answers.
 */
static int ipc_object_of(struct thread *t, cap_t h, uint32_t rights, struct cap **c)
{
	int err = cap_lookup(&t->unit->caps, h, CAP_TYPE_NONE, 0, c);

	if (err != ERR_OK)
		return err;
	if ((*c)->obj->type != CAP_TYPE_ENDPOINT && (*c)->obj->type != CAP_TYPE_CHANNEL)
		return ERR_BAD_CAP;
	return cap_lookup(&t->unit->caps, h, (*c)->obj->type, rights, c);
}

/* The user message at `msg` into t->ipc.buf: the header, then exactly `length` data bytes. */
static int msg_copy_in(struct thread *t, uintptr_t msg)
{
	struct ipc_message *m = &t->ipc.buf;

	if (uaccess_copy_from(m, msg, MSG_HEADER_BYTES) != ERR_OK)
		return ERR_FAULT;
	if (m->length > IPC_DATA_BYTES)
		return ERR_OVERFLOW;
	return uaccess_copy_from(m->data, msg + MSG_HEADER_BYTES, m->length) != ERR_OK ? ERR_FAULT
										      : ERR_OK;
}

/*
 * A message the current thread t sends: copied in from `msg`, its capabilities checked (each
 * CAP_NULL or a distinct one with GRANT, into caps[]), the invoked cap noted.
 */
static int msg_prepare(struct thread *t, uintptr_t msg, const struct cap *invoked,
		       struct cap **caps)
{
	int err = msg_copy_in(t, msg);

	if (err == ERR_OK)
		err = syscall_grant_caps(t->ipc.buf.caps, IPC_MAX_CAPS, true, caps);
	t->ipc.badge = invoked->badge;
	t->ipc.rights = invoked->rights;
	return err;
}

/* The receive buffers are writable (checked before waiting, so nothing received is lost to
 * a bad pointer the caller passed). */
static int recv_buffers_ok(uintptr_t msg, uintptr_t info)
{
	struct page_table *pt = uaccess_current_space();

	if (uaccess_check(pt, msg, sizeof(struct ipc_message), true) != ERR_OK ||
	    (info != 0 && uaccess_check(pt, info, sizeof(struct ipc_recv_info), true) != ERR_OK))
		return ERR_FAULT;
	return ERR_OK;
}

int32_t ipc_finish_receive(struct thread *t, const struct syscall_args *a, int32_t err)
{
	if (err != ERR_OK)
		return err;
	if (t->ipc.delivered) {
		t->ipc.delivered = false;
		return ERR_OK;
	}
	/* The received message (header and `length` bytes) and, if asked, what came with it. */
	if (uaccess_copy_to(a->a2, &t->ipc.buf, MSG_HEADER_BYTES + t->ipc.buf.length) != ERR_OK ||
	    (a->a3 != 0 && uaccess_copy_to(a->a3, &t->ipc.info, sizeof(t->ipc.info)) != ERR_OK))
		return ERR_FAULT;
	return ERR_OK;
}

/* See "syscall_internal.h". */
int syscall_wait(struct thread *t, int r)
{
	if (r != IPC_BLOCKED)
		return r;
	schedule(this_rq());
	return t->wake_result;
}

/* What a call or a send acts on: the object behind a1 (WRITE), the prepared message. */
struct send_args {
	struct kobj *obj; /* an endpoint, or for a send a channel */
	struct cap *caps[IPC_MAX_CAPS]; /* the message's capabilities (NULL: none there) */
	uint64_t deadline_us;
	bool nowait;
};

static int send_prepare(struct thread *t, const struct syscall_args *a, bool channel_ok,
			struct send_args *out)
{
	struct cap *c;
	int err = channel_ok ? ipc_object_of(t, (cap_t)a->a1, CAP_RIGHT_WRITE, &c)
			     : syscall_lookup((cap_t)a->a1, CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE, &c);

	if (err == ERR_OK)
		err = msg_prepare(t, a->a2, c, out->caps);
	if (err != ERR_OK)
		return err;
	out->obj = c->obj;
	out->deadline_us = syscall_deadline(a->a4, a->a5, &out->nowait);
	TRACE(TRACE_EV_IPC_SEND, c->obj, c->badge, t->ipc.buf.type, t->ipc.buf.length);
	return ERR_OK;
}

/* SYS_IPC_CALL(cap WRITE, msg, reply_info or 0, timeout): the reply overwrites *msg. */
int32_t sys_ipc_call(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	struct send_args s;
	int err = send_prepare(t, a, false, &s);

	if (err == ERR_OK)
		err = recv_buffers_ok(a->a2, a->a3);
	if (err != ERR_OK)
		return err;
	ipc_expect(t, a);
	err = syscall_wait(t, ipc_send(container_of(s.obj, struct endpoint, kobj), t, true,
				       s.nowait, s.deadline_us));
	return ipc_finish_receive(t, a, err);
}

/*
 * A send on a channel: queued, or waiting for room. A message may not carry a capability to
 * its own channel (ERR_INVALID): the queue would hold the channel alive forever.
 */
static int channel_send_checked(struct thread *t, const struct send_args *s)
{
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		if (s->caps[i] != NULL && s->caps[i]->obj == s->obj)
			return ERR_INVALID;
	return channel_send(container_of(s->obj, struct channel, kobj), t, s->nowait,
			    s->deadline_us);
}

/*
 * SYS_IPC_SEND(cap WRITE, msg, 0, timeout): on an endpoint, returns once a receiver has the
 * message; on a channel, once it is queued (ERR_BUSY when full and the timeout is NO_WAIT).
 */
int32_t sys_ipc_send(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	struct send_args s;
	int err = send_prepare(t, a, true, &s);

	if (err != ERR_OK)
		return err;
	return syscall_wait(t, s.obj->type == CAP_TYPE_CHANNEL
				   ? channel_send_checked(t, &s)
				   : ipc_send(container_of(s.obj, struct endpoint, kobj), t, false,
					      s.nowait, s.deadline_us));
}

/* The receive half of SYS_IPC_RECV and SYS_IPC_REPLY_RECV, on a looked-up endpoint or channel. */
static int32_t recv_on(struct thread *t, struct cap *c, const struct syscall_args *a)
{
	bool nowait;
	uint64_t deadline = syscall_deadline(a->a4, a->a5, &nowait);

	ipc_expect(t, a);
	int r = c->obj->type == CAP_TYPE_CHANNEL
		    ? channel_recv(container_of(c->obj, struct channel, kobj), t, nowait, deadline)
		    : ipc_recv(container_of(c->obj, struct endpoint, kobj), t, nowait, deadline);
	return ipc_finish_receive(t, a, syscall_wait(t, r));
}

/* SYS_IPC_RECV(cap READ, msg, info or 0, timeout), on an endpoint or a channel. */
int32_t sys_ipc_recv(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	struct cap *c;
	int err = ipc_object_of(t, (cap_t)a->a1, CAP_RIGHT_READ, &c);

	if (err == ERR_OK)
		err = recv_buffers_ok(a->a2, a->a3);
	return err == ERR_OK ? recv_on(t, c, a) : err;
}

/*
 * SYS_IPC_REPLY_RECV(cap READ, msg, info or 0, timeout): *msg is the reply to the caller this
 * thread serves (dropped if there is none), then the receive overwrites it. A malformed reply
 * is an error before anything happens.
 */
int32_t sys_ipc_reply_recv(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	struct cap *c, *caps[IPC_MAX_CAPS];
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_ENDPOINT, CAP_RIGHT_READ, &c);

	if (err == ERR_OK)
		err = recv_buffers_ok(a->a2, a->a3);
	if (err == ERR_OK)
		err = msg_prepare(t, a->a2, c, caps);
	if (err != ERR_OK)
		return err;
	ipc_reply(t);
	/* The reply may have woken a thread the caller outranks no more: the receive still
	 * comes first (one syscall), the switch follows when the receive blocks or returns. */
	return recv_on(t, c, a);
}
