/*
 * Synchronous IPC on endpoints: the object-level engine behind SYS_IPC_CALL, _SEND, _RECV and
 * _REPLY_RECV (docs/ipc.md). It never touches user memory: the syscall layer copies a message
 * into the thread's kernel buffer (struct ipc_state.buf) before a send and out of it after a
 * receive, so every user access happens in its own thread's context.
 *
 * A call that meets a waiting receiver hands the message over, makes the receiver the caller's
 * server (server->ipc.reply_to = caller) and blocks the caller for the reply; the server runs
 * at the caller's priority or higher until it replies (priority inheritance, transitive through
 * nested calls up to IPC_PI_DEPTH servers). Queues are FIFO. Every wait may have a deadline.
 *
 * Locking: interrupts disabled, one CPU (as the scheduler).
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <keel/abi.h>
#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>

#define IPC_PI_DEPTH 16 /* servers a priority is lent through (nested calls) */
#define IPC_BLOCKED  1	/* the thread is now blocked: schedule(), then read wake_result */

struct thread;
struct page_table;

/* A thread's IPC state, embedded in struct thread. */
struct ipc_state {
	struct ipc_message buf;	    /* the message to send, or the one received (kernel copy) */
	struct ipc_recv_info info;  /* what a receive learned (and a reply's capability types) */
	struct list_node link;	    /* on an endpoint's senders or receivers while waiting there */
	struct thread *reply_to;    /* server: the caller it owes a reply, or NULL */
	struct thread *server;	    /* caller waiting for a reply: the thread serving it */
	uint64_t badge;		    /* sender: badge of the capability it invoked */
	uint32_t rights;	    /* sender: rights of that capability */
	bool is_call;		    /* sender: waits for a reply */
	/* Where a waiting thread wants its message (user addresses, in its own unit): the fast
	 * path writes there directly and sets `delivered`, so the thread skips its copy-out. */
	uintptr_t rx_msg;
	uintptr_t rx_info; /* 0: not wanted */
	bool delivered;
	uint32_t notify_bits;	    /* notification wait: the bits it took */
};

/*
 * The IPC fast path's memo of the last message and info buffers a thread used (its own
 * message, where it receives): their kernel (direct-map) addresses from the last page-table
 * walk, which stay good while mmu_unmap_generation equals `gen` (no mapping went since).
 */
struct ipc_fast_cache {
	struct page_table *pt;	     /* the space they were found in (a slot may change owner) */
	uintptr_t msg, info;	     /* user addresses; info 0: none */
	struct ipc_message *kmsg;    /* NULL: nothing memoised */
	struct ipc_recv_info *kinfo; /* NULL when info is 0 */
	uint64_t gen;
};

#define ENDPOINT_MAX 256 /* endpoints in the system */

struct endpoint {
	struct kobj kobj; /* first: the pool and capabilities name it by this */
	struct list_node senders;   /* threads blocked in send or call, FIFO */
	struct list_node receivers; /* threads blocked in receive, FIFO */
	uint32_t readers;	    /* capabilities with READ: none means no one can answer */
	struct spinlock lock;	    /* the queues, among CPUs on the shared side (percpu.h) */
};

/* A new endpoint with no capability yet (the caller installs the first), or NULL. */
struct endpoint *endpoint_create(void);

/*
 * kobj_release's entry for endpoints (no capability is left): wakes everyone queued with
 * ERR_PEER_DIED; kobj_release then frees the object.
 */
void endpoint_release(struct kobj *obj);

/* Empties an endpoint's queues (endpoint_create does it; tests with their own objects too). */
void endpoint_init(struct endpoint *ep);

/*
 * Called by the object layer as READ capabilities come and go (see kobj_ref). When the last
 * goes, queued senders wake with ERR_PEER_DIED and queued receivers (whose capability was
 * deleted or revoked while they waited) with ERR_BAD_CAP.
 */
void endpoint_readers_changed(struct endpoint *ep, int delta);

/* The first thread waiting on q (linked by its ipc.link), or NULL. */
struct thread *ipc_queue_first(struct list_node *q);

/* Wakes every thread waiting on q with `result`, first to last (endpoints, channels too). */
void ipc_wake_all(struct list_node *q, int32_t result);

/*
 * Queues self at the tail of q and blocks it on obj (BLOCK_IPC_SEND if `send`, else
 * BLOCK_IPC_RECV) until `deadline_us`; returns IPC_BLOCKED, what an engine call whose thread
 * must wait returns. With `nowait` nothing is queued: ERR_TIMEOUT.
 */
int ipc_queue_wait(struct list_node *q, struct thread *self, bool send, void *obj, bool nowait,
		   uint64_t deadline_us);

struct cap;
struct cap_table;

/*
 * What a receiver `to` gets (endpoints and channels alike): src[0..n), capabilities of table
 * `from` (NULL: parked ones, which are unparked), moved into its table, each into message
 * slot at[k] of to->ipc.buf with its type and rights in to->ipc.info, every other slot
 * CAP_NULL; then msg's header and `length` data bytes, and badge, rights and flags (IPC_RECV_*)
 * in to->ipc.info. ERR_NOMEM if to's table lacks room: then nothing moved and to is untouched.
 */
int ipc_receive(struct thread *to, struct cap_table *from, struct cap *const src[],
		const unsigned at[], unsigned n, const struct ipc_message *msg, uint64_t badge,
		uint32_t rights, uint32_t flags);

/*
 * self sends self->ipc.buf (caps[] holding self's handles, checked by the syscall layer) on ep,
 * as a call if `call`. A waiting receiver gets it at once: a send then returns ERR_OK, a call
 * blocks for the reply (IPC_BLOCKED). With no receiver self queues until `deadline_us`
 * (IPC_BLOCKED), or, with `nowait`, gets ERR_TIMEOUT. ERR_PEER_DIED if ep has no receiver
 * capability left; ERR_NOMEM (nothing sent) if the receiver's table lacks free slots for the
 * capabilities. When a blocked self runs again, self->wake_result says how it ended and, for a
 * call, self->ipc.buf holds the reply.
 */
int ipc_send(struct endpoint *ep, struct thread *self, bool call, bool nowait,
	     uint64_t deadline_us);

/*
 * self receives on ep into self->ipc.buf and self->ipc.info: ERR_OK at once if a sender waits,
 * else IPC_BLOCKED until one comes or `deadline_us` (or ERR_TIMEOUT with `nowait`). A call
 * received makes self its server. A reply self still owed is abandoned first (the caller gets
 * ERR_PEER_DIED).
 */
int ipc_recv(struct endpoint *ep, struct thread *self, bool nowait, uint64_t deadline_us);

/*
 * self replies with self->ipc.buf to the caller it serves, if that caller still waits (else
 * the reply is dropped). The caller's result is ERR_OK, or ERR_NOMEM if its table lacked slots
 * for the reply's capabilities (they stay with self). self's inherited priority ends.
 */
void ipc_reply(struct thread *self);

/*
 * t stops waiting in IPC (timeout, or it is being killed): off any endpoint queue, no longer
 * a server's caller. Then the caller of sched_unblock/sched_kill proceeds.
 */
void ipc_abort(struct thread *t);

/* t is dying: the caller it serves gets ERR_PEER_DIED, then ipc_abort(t). */
void ipc_thread_exit(struct thread *t);

#endif /* KERNEL_IPC_H */
