/*
 * The IPC fast path: call and reply-and-receive when the partner already waits and nothing
 * special applies. Each is one straight checklist (longer than 50 lines on purpose, so the
 * whole path reads top to bottom, as seL4's fastpath.c): any unmet condition returns
 * NULL before anything changed, and the general path (syscall_ipc.c, ipc.c) handles
 * the call with identical results. What the fast path skips: the kernel message buffers (it
 * copies from the sender's user buffer straight into the receiver's, one page-table walk
 * each), the run queue (it switches straight to the partner) and the receiver's copy-out.
 *
 * Conditions, both directions: no timeout (IPC_WAIT_FOREVER), no capability transfer, the
 * sender's message and both of the receiver's buffers each within one direct-mapped page,
 * the partner on this CPU and above every ready thread once it has the priority it will run
 * at. On the big lock's shared side (docs/smp.md) also: the partner blocked by the fast path
 * (its stub only leaves; the general path's blocked threads resume in C that expects the
 * lock). The endpoint's receiver queue is its own lock's. The rule for the FPU is unchanged:
 * the context switch saves and restores it eagerly.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>
#include <arch/copy.h>

#include "syscall_internal.h"


/*
 * The kernel addresses of a message buffer and its info buffer (info 0: none wanted) in pt,
 * each within one writable direct-mapped page. The info usually shares the message's page (a
 * stack frame or a static pair): then it costs no second walk. False if either is unusable.
 * Out of line: the memo (fast_buffers) makes it rare.
 */
static __attribute__((noinline)) bool fast_walk(struct page_table *pt, uintptr_t msg,
						uintptr_t info, struct ipc_fast_cache *fc)
{
	struct ipc_message *m = uaccess_direct(pt, msg, sizeof(*m), true);
	struct ipc_recv_info *i = NULL;
	uintptr_t last = info + sizeof(*i) - 1;

	if (m == NULL)
		return false;
	if (info != 0 && info > msg && last > info && PAGE_ALIGN_DOWN(last) == PAGE_ALIGN_DOWN(msg))
		i = (struct ipc_recv_info *)((uint8_t *)m + (info - msg));
	else if (info != 0 && (i = uaccess_direct(pt, info, sizeof(*i), true)) == NULL)
		return false;
	*fc = (struct ipc_fast_cache){
	    .pt = pt, .msg = msg, .info = info, .kmsg = m, .kinfo = i, .gen = mmu_unmap_generation};
	return true;
}

/*
 * t's buffers at user msg and info, memoised in t->ipc_fast: a thread calls or serves with the
 * same buffers again and again, and what a walk found stays true until a mapping goes anywhere
 * (mmu_unmap_generation), so the walk is repeated only then or for other buffers. On success
 * t->ipc_fast holds their kernel addresses.
 */
static inline bool fast_buffers(struct thread *t, uintptr_t msg, uintptr_t info)
{
	struct ipc_fast_cache *fc = &t->ipc_fast;
	struct page_table *pt = t->unit->aspace;

	if (fc->msg == msg && fc->info == info && fc->kmsg != NULL && fc->pt == pt &&
	    fc->gen == mmu_unmap_generation)
		return true;
	return fast_walk(pt, msg, info, fc);
}

/*
 * The capability handle h of t names an endpoint with `rights`: cap_lookup's checks, inline
 * (any doubt, and the general path's cap_lookup gives the error).
 */
static inline struct cap *fast_endpoint(struct thread *t, uint32_t h, uint32_t rights)
{
	uint32_t i = h & CAP_INDEX_MASK;

	if (i >= CAP_SLOTS || (int32_t)h < 0)
		return NULL;
	struct cap *c = &t->unit->caps.slots[i];

	if (c->obj == NULL || c->gen != h >> CAP_INDEX_BITS || c->obj->gen != c->obj_gen ||
	    c->obj->type != CAP_TYPE_ENDPOINT || (c->rights & rights) != rights)
		return NULL;
	return c;
}

/* The caller's own message (memoised in self->ipc_fast): its length, or -1 if it is over
 * IPC_DATA_BYTES or carries a capability. */
static inline int32_t fast_length(const struct ipc_message *m)
{
	uint32_t len = m->length;

	if (len > IPC_DATA_BYTES || m->caps[0] != CAP_NULL || m->caps[1] != CAP_NULL ||
	    m->caps[2] != CAP_NULL || m->caps[3] != CAP_NULL)
		return -1;
	return (int32_t)len;
}

/* The data bytes, out of line: the string copy's fixed registers stay off the checklist. */
static __attribute__((noinline)) void fast_copy_data(void *to, const void *from, uint32_t len)
{
	arch_copy_bytes(to, from, len);
}

_Static_assert(sizeof(struct ipc_recv_info) == 8 + 4 + 4 + IPC_MAX_CAPS * 5 + 4,
	       "fast_copy writes every field of ipc_recv_info");

/*
 * Header and `len` data bytes from one user buffer to another, and what the receiver learns.
 * The sender's buffer is user memory another of its threads could change meanwhile (on
 * another CPU): so the length used is the one checked (`len`), and the capability slots are
 * written as the CAP_NULL they were checked to be, never copied again.
 */
static inline void fast_copy(const struct ipc_fast_cache *to, const struct ipc_message *from,
			     uint32_t len, uint64_t badge, uint32_t rights, uint32_t flags)
{
	struct ipc_message *m = to->kmsg;
	struct ipc_recv_info *info = to->kinfo;

	m->type = from->type;
	m->length = len;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m->caps[i] = CAP_NULL;
	if (len != 0)
		fast_copy_data(m->data, from->data, len);
	if (info == NULL)
		return;
	/* Field by field: what a zeroed ipc_recv_info with these three set holds. */
	info->badge = badge;
	info->rights = rights;
	info->flags = flags;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		info->cap_rights[i] = 0;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		info->cap_type[i] = CAP_TYPE_NONE;
	info->reserved = 0;
}

/*
 * The fast path's events, out of line: the syscall and, for a call (ep set), the send, the
 * receive by `to` and the priority lent to it (`prio`); for a reply, the reply to `to` and
 * the end of the replier's lent priority (back to `prio`).
 */
static __attribute__((noinline)) void fast_trace(const struct syscall_args *a, void *ep,
						 uint64_t badge, uint32_t len, struct thread *to,
						 uint8_t prio)
{
	struct thread *self = current_thread(), *raised = ep ? to : self;
	uint32_t type = self->ipc_fast.kmsg->type;

	trace_put(TRACE_EV_SYSCALL, a->num, a->a1, a->a2, a->a3);
	if (ep != NULL)
		trace_put(TRACE_EV_IPC_SEND, TRACE_ARG(ep), (uint32_t)badge, type, len);
	trace_put(ep ? TRACE_EV_IPC_RECV : TRACE_EV_IPC_REPLY, self->tid, to->tid, type, len);
	if (prio != raised->eff_prio)
		trace_put(TRACE_EV_PI, raised->tid, prio, raised->eff_prio, ep != NULL);
}

static inline bool wait_forever(const struct syscall_args *a)
{
	return (a->a4 & a->a5) == UINT32_MAX;
}

/* No ready thread on rq reaches `prio`: the partner may run straight away. */
static inline bool fast_outranks(struct run_queue *rq, uint8_t prio)
{
	return rq->ready_count == 0 || sched_highest_ready(rq) < (int)prio;
}

/*
 * SYS_IPC_CALL's fast path: the server that now runs, or NULL (nothing changed). `shared`:
 * on the big lock's shared side (kernel_enter_shared), not holding it. Either way the
 * receiver queue is the endpoint's lock's (other CPUs' fast paths on the shared side).
 * size-exception: one straight checklist, as seL4's fastpath, so it reads top to bottom.
 */
static struct thread *ipc_fast_call(const struct syscall_args *a, bool shared)
{
	struct run_queue *rq = this_rq();
	struct thread *self = rq->current, *server;
	struct cap *c;
	int32_t len;

	/* 1. A send capability to an endpoint, and no timeout to arm. */
	if (!wait_forever(a) || (c = fast_endpoint(self, a->a1, CAP_RIGHT_WRITE)) == NULL)
		return NULL;
	struct endpoint *ep = container_of(c->obj, struct endpoint, kobj);

	/* 2. The message: one page, valid, no capabilities; the reply info likewise. */
	if (!fast_buffers(self, a->a2, a->a3) || (len = fast_length(self->ipc_fast.kmsg)) < 0 ||
	    ep->readers == 0)
		return NULL;
	/* 3. A receiver waits, on this CPU, and its buffers are reachable. */
	spin_lock(&ep->lock);
	if (list_is_empty(&ep->receivers))
		goto refuse;
	server = list_entry(ep->receivers.next, struct thread, ipc.link);
	if (server->rq != rq || (shared && !arch_context_fast_blocked(&server->context)) ||
	    !fast_buffers(server, server->ipc.rx_msg, server->ipc.rx_info))
		goto refuse;
	/* 4. Lent the caller's priority, the server outranks every ready thread. */
	uint8_t prio = self->eff_prio > server->base_prio ? self->eff_prio : server->base_prio;

	if (!fast_outranks(rq, prio))
		goto refuse;
	/* Commit: take the server, hand the message over, bind, lend, block, hand the CPU over. */
	list_remove(&server->ipc.link);
	spin_unlock(&ep->lock);
	if (__builtin_expect(trace_enabled, 0)) /* one test for the four events */
		fast_trace(a, ep, c->badge, (uint32_t)len, server, prio);
	fast_copy(&server->ipc_fast, self->ipc_fast.kmsg, (uint32_t)len, c->badge, c->rights,
		  IPC_RECV_CALL);
	server->ipc.reply_to = self;
	server->ipc.delivered = true;
	server->eff_prio = prio;
	self->ipc.server = server;
	ipc_expect(self, a);
	sched_handoff(rq, BLOCK_IPC_REPLY, server, server);
	return server;
refuse:
	spin_unlock(&ep->lock);
	return NULL;
}

/*
 * SYS_IPC_REPLY_RECV's fast path: the reply goes straight into the waiting caller's buffer,
 * this thread waits on the endpoint, and the caller runs (returned; NULL: nothing changed).
 * size-exception: one straight checklist, as seL4's fastpath, so it reads top to bottom.
 */
static struct thread *ipc_fast_reply_recv(const struct syscall_args *a, bool shared)
{
	struct run_queue *rq = this_rq();
	struct thread *self = rq->current, *caller = self->ipc.reply_to;
	struct cap *c;
	int32_t len;

	/* 1. A receive capability to an endpoint, no timeout, and a caller waiting for us. */
	if (!wait_forever(a) || caller == NULL ||
	    (c = fast_endpoint(self, a->a1, CAP_RIGHT_READ)) == NULL)
		return NULL;
	struct endpoint *ep = container_of(c->obj, struct endpoint, kobj);

	/* 2. The reply: one page, valid, no capabilities; our info buffer likewise. */
	if (!fast_buffers(self, a->a2, a->a3) || (len = fast_length(self->ipc_fast.kmsg)) < 0)
		return NULL;
	/* 3. Nobody queued to send (we would receive at once), the caller's buffers reachable. */
	if (!list_is_empty(&ep->senders) || caller->rq != rq ||
	    (shared && !arch_context_fast_blocked(&caller->context)) ||
	    !fast_buffers(caller, caller->ipc.rx_msg, caller->ipc.rx_info))
		return NULL;
	/* 4. The caller outranks every ready thread. */
	if (!fast_outranks(rq, caller->eff_prio))
		return NULL;
	/* Commit: reply, unbind (our lent priority ends), wait on the endpoint, hand over. */
	if (__builtin_expect(trace_enabled, 0))
		fast_trace(a, NULL, 0, (uint32_t)len, caller, self->base_prio);
	fast_copy(&caller->ipc_fast, self->ipc_fast.kmsg, (uint32_t)len, 0, 0, 0);
	caller->ipc.server = NULL;
	caller->ipc.delivered = true;
	self->ipc.reply_to = NULL;
	ipc_expect(self, a);
	spin_lock(&ep->lock);
	list_add_tail(&ep->receivers, &self->ipc.link);
	spin_unlock(&ep->lock);
	self->eff_prio = self->base_prio;
	sched_handoff(rq, BLOCK_IPC_RECV, ep, caller);
	return caller;
}

/* See <kernel/syscall.h>. */
struct thread *ipc_fastpath(const struct syscall_args *a, bool shared)
{
	return a->num == SYS_IPC_CALL ? ipc_fast_call(a, shared) : ipc_fast_reply_recv(a, shared);
}

/* See <kernel/syscall.h>: the tail sys_ipc_call and sys_ipc_reply_recv run after a wait. */
int32_t ipc_fastpath_resume(const struct syscall_args *a)
{
	struct thread *self = current_thread();
	int32_t result = ipc_finish_receive(self, a, self->wake_result);

	sched_preempt_point(this_rq());
	TRACE(TRACE_EV_SYSCALL_EXIT, a->num, result, 0, 0);
	return result;
}
