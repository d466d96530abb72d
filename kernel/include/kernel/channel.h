/*
 * Asynchronous channels: a bounded FIFO of ipc_messages, its capacity fixed at creation, that
 * SYS_IPC_SEND and SYS_IPC_RECV reach through a channel capability (docs/ipc.md). Messages are
 * copied into the queue at send and out at receive, so neither path allocates; capabilities
 * in a message are parked in the queue (struct cap nodes outside any table) until received,
 * and released if the channel dies first. Like the endpoint engine (ipc.h) it never touches
 * user memory: it works on the thread's kernel buffer (struct ipc_state).
 *
 * Invariants (one CPU, interrupts disabled): threads wait in `receivers` only while the queue
 * is empty, and in `senders` only while it is full.
 */
#ifndef KERNEL_CHANNEL_H
#define KERNEL_CHANNEL_H

#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/types.h>

#define CHANNEL_MAX 32 /* channels in the system; fixed storage until memory budgets */
/* CHANNEL_CAPACITY_MAX (<keel/abi.h>): messages one channel holds. */

struct thread;

/* One queued message with what the receiver will learn and the capabilities it carries. */
struct channel_slot {
	struct ipc_message msg;	       /* caps[] unused while queued: see `caps` */
	struct cap caps[IPC_MAX_CAPS]; /* parked capabilities; obj NULL if none (or revoked) */
	uint64_t badge;		       /* of the capability the sender invoked */
	uint32_t rights;	       /* of that capability */
};

struct channel {
	struct kobj kobj;	    /* first: the pool and capabilities name it by this */
	struct list_node senders;   /* threads blocked on a full queue, FIFO (ipc.link) */
	struct list_node receivers; /* threads blocked on an empty queue, FIFO (ipc.link) */
	uint32_t readers;	    /* capabilities with READ: none means a send is futile */
	uint32_t writers;	    /* capabilities with WRITE: none means no message will come */
	uint16_t head;		    /* index of the oldest message */
	uint16_t count;		    /* messages queued, 0..capacity */
	uint16_t capacity;	    /* 1..CHANNEL_CAPACITY_MAX, fixed at creation */
	struct channel_slot slots[CHANNEL_CAPACITY_MAX];
};

/* A new empty channel of `capacity` (1..CHANNEL_CAPACITY_MAX) with no capability, or NULL. */
struct channel *channel_create(uint32_t capacity);

/* Empties ch with `capacity` (channel_create does it; tests with their own objects too). */
void channel_init(struct channel *ch, uint32_t capacity);

/*
 * The object layer reports a capability with `rights` coming (delta 1) or going (-1). The
 * last READ going wakes blocked senders with ERR_PEER_DIED (and receivers, whose capability
 * went, with ERR_BAD_CAP); the last WRITE going while the queue is empty wakes blocked
 * receivers with ERR_PEER_DIED (with messages queued they drain them first).
 */
void channel_rights_changed(struct channel *ch, uint32_t rights, int delta);

/*
 * kobj_release's entry for channels (no capability is left): wakes every waiter with
 * ERR_PEER_DIED and releases the capabilities still parked in the queue (which may destroy the
 * objects they name), O(capacity); kobj_release then frees the object.
 */
void channel_release(struct kobj *obj);

/*
 * self sends self->ipc.buf (caps[] holding handles of self's table with GRANT, checked by the
 * caller; one gone since is skipped) with the badge and rights in self->ipc. ERR_OK once it is
 * queued (a waiting receiver gets it at once); with the queue full, ERR_BUSY if `nowait`, else
 * IPC_BLOCKED until a receive makes room (then self->wake_result is ERR_OK) or `deadline_us`
 * (ERR_TIMEOUT). ERR_PEER_DIED if no READ capability is left. O(1).
 */
int channel_send(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us);

/*
 * self receives the oldest message into self->ipc.buf and self->ipc.info: ERR_OK, then the
 * first blocked sender's message takes the freed place. Empty: ERR_PEER_DIED if no WRITE
 * capability is left, ERR_TIMEOUT if `nowait`, else IPC_BLOCKED until a send (wake_result
 * ERR_OK, the message in self->ipc) or the deadline. ERR_NOMEM if self's table lacks slots for
 * the message's capabilities: the message stays first in the queue. O(1).
 */
int channel_recv(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us);

#endif /* KERNEL_CHANNEL_H */
