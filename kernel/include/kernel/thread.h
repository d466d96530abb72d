/*
 * Threads: the schedulable kernel object. Every thread comes from a pool (<kernel/pool.h>:
 * THREAD_MAX slots, each with its own kernel stack); ids carry a generation so a stale id is
 * detected. The scheduler (sched.h) owns the state, priority, slice and queue fields.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <kernel/ipc.h>
#include <kernel/kobj.h>
#include <kernel/list.h>
#include <kernel/pool.h>
#include <kernel/types.h>
#include <arch/context.h>

#ifndef THREAD_MAX
#define THREAD_MAX 64 /* pool size; the sleep queue and ids are sized from it */
#endif
#define THREAD_KSTACK_SIZE	8192u /* bytes of kernel stack per thread slot */
#define THREAD_DEFAULT_SLICE_US 10000u

#define PRIO_LOWEST  0
#define PRIO_HIGHEST 255
#define PRIO_LEVELS  256

#define NO_DEADLINE UINT64_MAX /* absolute deadline meaning "never time out" */

/*
 * A thread id: the pool id of its slot (<kernel/pool.h>: slot index in bits 0-15, generation
 * 1..0x7fff in bits 16-30), so ids are positive as int32_t (syscalls return them).
 */
typedef uint32_t tid_t;
#define TID_INVALID POOL_ID_INVALID

enum thread_state {
	THREAD_FREE,	/* slot in the pool's free list (0: what a zeroed slot says) */
	THREAD_READY,	/* on its run queue */
	THREAD_RUNNING, /* the current thread of its CPU, on no queue */
	THREAD_BLOCKED, /* waiting; block_reason says for what */
	THREAD_DEAD,	/* exited or killed; waits to be freed by another thread */
};

enum block_reason {
	BLOCK_NONE,	   /* not blocked */
	BLOCK_NOT_STARTED, /* created, not yet made runnable */
	BLOCK_SLEEP,	   /* sleeping until wake_deadline_us */
	BLOCK_IPC_SEND,	   /* on block_object's ipc.link queue: an endpoint, or a full channel */
	BLOCK_IPC_RECV,	   /* likewise: an endpoint, an empty channel, or a notification */
	BLOCK_IPC_REPLY,   /* waiting for the reply to a call */
};

struct unit;
struct run_queue;

struct thread {
	struct kobj kobj;  /* must stay first: the pool and capabilities name threads by it */
	tid_t tid;	   /* pool id, fixed while allocated; TID_INVALID when free and for idle */
	struct unit *unit; /* owner; NULL for kernel threads (idle) */
	struct list_node unit_link; /* on unit->threads */

	/* Scheduler fields: changed only by sched.c on the thread's CPU, interrupts disabled. */
	enum thread_state state;
	enum block_reason block_reason; /* BLOCK_NONE unless state == THREAD_BLOCKED */
	void *block_object;		/* what it waits on (IPC endpoint...), NULL if none */
	int32_t wake_result;		/* why it was unblocked: ERR_OK, ERR_TIMEOUT, ... */
	uint8_t base_prio;		/* assigned priority */
	uint8_t eff_prio;	   /* base or inherited, always >= base_prio; picks the queue */
	uint32_t slice_us;	   /* round-robin quantum */
	uint32_t slice_left_us;	   /* what remains of the current quantum */
	uint64_t wake_deadline_us; /* absolute; NO_DEADLINE when not on the sleep queue */
	struct run_queue *rq;	   /* the CPU run queue it belongs to */
	struct run_queue *move_to; /* where it goes when its CPU next switches away from it */
	struct list_node run_link; /* on rq->ready[eff_prio] while READY */
	int32_t sleep_index;	   /* slot in rq's sleep heap, -1 when not on it */
	uint64_t sleep_seq;	   /* insertion order, breaks deadline ties (FIFO) */

	struct ipc_state ipc; /* message buffer and IPC links (ipc.c) */

	struct arch_context context; /* saved CPU state while switched out (arch-defined) */
	void *kstack_base;	     /* lowest byte of the kernel stack */
	void *kstack_top;	     /* one past the highest byte */
	struct ipc_fast_cache ipc_fast; /* the IPC fast path's buffer memo (ipc_fast.c) */
	struct unit *tearing; /* another unit it is tearing down or loading in steps (unit_end.c) */
};

/*
 * Takes a slot for a new thread of `unit` (NULL: kernel thread) at priority `prio`: state
 * BLOCKED/BLOCK_NOT_STARTED, default slice, linked on the unit. O(1), never blocks.
 * ERR_NOMEM when the pool is exhausted.
 */
int thread_alloc(struct unit *unit, uint8_t prio, struct thread **out);

/*
 * Returns t's slot to the pool and invalidates its id. t must be DEAD or not started (on no
 * queue). Returns the number of threads its unit still has (0: the unit may be destroyed).
 */
uint32_t thread_free(struct thread *t);

#endif /* KERNEL_THREAD_H */
