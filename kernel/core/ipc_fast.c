/*
 * The IPC fast path: call and reply-and-receive when the partner already waits and nothing
 * special applies. Each is one straight checklist (longer than 50 lines on purpose, so the
 * whole path reads top to bottom, as seL4's fastpath.c): any unmet condition returns
 * IPC_FAST_NO before anything changed, and the general path (syscall_ipc.c, ipc.c) handles
 * the call with identical results. What the fast path skips: the kernel message buffers (it
 * copies from the sender's user buffer straight into the receiver's, one page-table walk
 * each), the run queue (it switches straight to the partner) and the receiver's copy-out.
 *
 * Conditions, both directions: no timeout (IPC_WAIT_FOREVER), no capability transfer, the
 * sender's message and both of the receiver's buffers each within one direct-mapped page,
 * the partner on this CPU and above every ready thread once it has the priority it will run
 * at. The rule for the FPU is unchanged: the context switch saves and restores it eagerly.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

#define MSG_HEADER_BYTES offsetof(struct ipc_message, data)

/*
 * The kernel addresses of t's message buffer and its info buffer (info 0: none wanted), each
 * within one writable direct-mapped page of t's space. The info usually shares the message's
 * page (a stack frame or a static pair): then it costs no second walk. False if either is
 * unusable.
 */
static bool fast_walk(struct page_table *pt, uintptr_t msg, uintptr_t info, struct ipc_message **m,
		      struct ipc_recv_info **i)
{
	*m = uaccess_direct(pt, msg, sizeof(**m), true);
	*i = NULL;
	if (*m == NULL || info == 0)
		return *m != NULL;
	uintptr_t last = info + sizeof(**i) - 1;

	if (info > msg && last > info && PAGE_ALIGN_DOWN(last) == PAGE_ALIGN_DOWN(msg))
		*i = (struct ipc_recv_info *)((uint8_t *)*m + (info - msg));
	else
		*i = uaccess_direct(pt, info, sizeof(**i), true);
	return *i != NULL;
}

/*
 * fast_walk for t's buffers, memoised in t->ipc_fast: a thread calls or serves with the same
 * buffers again and again, and what a walk found stays true until a mapping goes anywhere
 * (mmu_unmap_generation), so the walk is repeated only then or for other buffers.
 */
static bool fast_buffers(struct thread *t, uintptr_t msg, uintptr_t info, struct ipc_message **m,
			 struct ipc_recv_info **i)
{
	struct ipc_fast_cache *fc = &t->ipc_fast;
	struct page_table *pt = t->unit->aspace;

	if (fc->kmsg != NULL && fc->msg == msg && fc->info == info && fc->pt == pt &&
	    fc->gen == mmu_unmap_generation) {
		*m = fc->kmsg;
		*i = fc->kinfo;
		return true;
	}
	if (!fast_walk(pt, msg, info, m, i))
		return false;
	*fc = (struct ipc_fast_cache){.pt = pt,
				      .msg = msg,
				      .info = info,
				      .kmsg = *m,
				      .kinfo = *i,
				      .gen = mmu_unmap_generation};
	return true;
}

/*
 * The caller's own message: valid buffers, a valid length (read once, into *len), no
 * capability to move.
 */
static struct ipc_message *fast_own_message(struct thread *self, uintptr_t msg, uintptr_t info,
					    uint32_t *len)
{
	struct ipc_message *m;
	struct ipc_recv_info *i;

	if (!fast_buffers(self, msg, info, &m, &i))
		return NULL;
	*len = m->length;
	if (*len > IPC_DATA_BYTES)
		return NULL;
	for (unsigned k = 0; k < IPC_MAX_CAPS; k++)
		if (m->caps[k] != CAP_NULL)
			return NULL;
	return m;
}

/* The partner's buffers, where it said it wants its message. */
static bool fast_partner_buffers(struct thread *p, struct ipc_message **m,
				 struct ipc_recv_info **info)
{
	return fast_buffers(p, p->ipc.rx_msg, p->ipc.rx_info, m, info);
}

/*
 * Header and `len` data bytes from one user buffer to another, and what the receiver learns.
 * The sender's buffer is user memory another of its threads could change meanwhile (on
 * another CPU): so the length used is the one checked (`len`), and the capability slots are
 * written as the CAP_NULL they were checked to be, never copied again.
 */
static void fast_copy(struct ipc_message *to, struct ipc_recv_info *info,
		      const struct ipc_message *from, uint32_t len, uint64_t badge, uint32_t rights,
		      uint32_t flags)
{
	to->type = from->type;
	to->length = len;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		to->caps[i] = CAP_NULL;
	memcpy(to->data, from->data, len);
	if (info == NULL)
		return;
	*info = (struct ipc_recv_info){.badge = badge, .rights = rights, .flags = flags};
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		info->cap_type[i] = CAP_TYPE_NONE;
}

static bool wait_forever(const struct syscall_args *a)
{
	return a->a4 == UINT32_MAX && a->a5 == UINT32_MAX;
}

/* SYS_IPC_CALL's fast path: the server that now runs, or NULL (nothing changed). */
static struct thread *ipc_fast_call(const struct syscall_args *a)
{
	struct thread *self = current_thread(), *server;
	struct run_queue *rq = this_rq();
	struct ipc_message *m, *sm;
	struct ipc_recv_info *si;
	struct cap *c;
	uint32_t len;

	/* 1. A send capability to an endpoint, and no timeout to arm. */
	if (!wait_forever(a) ||
	    cap_lookup(&self->unit->caps, (cap_t)a->a1, CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE, &c))
		return NULL;
	struct endpoint *ep = container_of(c->obj, struct endpoint, kobj);

	/* 2. The message: one page, valid, no capabilities; the reply info likewise. */
	m = fast_own_message(self, a->a2, a->a3, &len);
	if (m == NULL)
		return NULL;
	/* 3. A receiver waits, and its buffers are reachable. */
	if (ep->readers == 0 || list_is_empty(&ep->receivers))
		return NULL;
	server = list_entry(ep->receivers.next, struct thread, ipc.link);
	if (server->rq != rq || !fast_partner_buffers(server, &sm, &si))
		return NULL;
	/* 4. Lent the caller's priority, the server outranks every ready thread. */
	uint8_t prio = self->eff_prio > server->base_prio ? self->eff_prio : server->base_prio;

	if (sched_highest_ready(rq) >= (int)prio)
		return NULL;
	/* Commit: hand the message over, bind, lend, block, switch. */
	fast_copy(sm, si, m, len, c->badge, c->rights, IPC_RECV_CALL);
	list_remove(&server->ipc.link);
	server->ipc.reply_to = self;
	server->ipc.delivered = true;
	server->eff_prio = prio;
	self->ipc.server = server;
	self->ipc.rx_msg = a->a2;
	self->ipc.rx_info = a->a3;
	self->ipc.delivered = false;
	sched_handoff(rq, BLOCK_IPC_REPLY, server, server);
	return server;
}

/*
 * SYS_IPC_REPLY_RECV's fast path: the reply goes straight into the waiting caller's buffer,
 * this thread waits on the endpoint, and the caller runs (returned; NULL: nothing changed).
 */
static struct thread *ipc_fast_reply_recv(const struct syscall_args *a)
{
	struct thread *self = current_thread(), *caller = self->ipc.reply_to;
	struct run_queue *rq = this_rq();
	struct ipc_message *m, *cm;
	struct ipc_recv_info *ci;
	struct cap *c;
	uint32_t len;

	/* 1. A receive capability to an endpoint, no timeout, and a caller waiting for us. */
	if (!wait_forever(a) || caller == NULL ||
	    cap_lookup(&self->unit->caps, (cap_t)a->a1, CAP_TYPE_ENDPOINT, CAP_RIGHT_READ, &c))
		return NULL;
	struct endpoint *ep = container_of(c->obj, struct endpoint, kobj);

	/* 2. The reply: one page, valid, no capabilities; our info buffer likewise. */
	m = fast_own_message(self, a->a2, a->a3, &len);
	if (m == NULL)
		return NULL;
	/* 3. Nobody queued to send (we would receive at once), the caller's buffers reachable. */
	if (!list_is_empty(&ep->senders) || caller->rq != rq ||
	    !fast_partner_buffers(caller, &cm, &ci))
		return NULL;
	/* 4. The caller outranks every ready thread. */
	if (sched_highest_ready(rq) >= (int)caller->eff_prio)
		return NULL;
	/* Commit: reply, unbind (our lent priority ends), wait on the endpoint, switch. */
	fast_copy(cm, ci, m, len, 0, 0, 0);
	caller->ipc.server = NULL;
	caller->ipc.delivered = true;
	self->ipc.reply_to = NULL;
	self->ipc.rx_msg = a->a2;
	self->ipc.rx_info = a->a3;
	self->ipc.delivered = false;
	list_add_tail(&ep->receivers, &self->ipc.link);
	self->eff_prio = self->base_prio;
	sched_handoff(rq, BLOCK_IPC_RECV, ep, caller);
	return caller;
}

/* See <kernel/syscall.h>. */
struct thread *ipc_fastpath(const struct syscall_args *a)
{
	return a->num == SYS_IPC_CALL ? ipc_fast_call(a) : ipc_fast_reply_recv(a);
}

/* See <kernel/syscall.h>: the tail sys_ipc_call and sys_ipc_reply_recv run after a wait. */
int32_t ipc_fastpath_resume(const struct syscall_args *a)
{
	struct thread *self = current_thread();
	int32_t result = ipc_finish_receive(self, a, self->wake_result);

	sched_preempt_point(this_rq());
	return result;
}
