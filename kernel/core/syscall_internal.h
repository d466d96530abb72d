/*
 * Shared by the syscall files (syscall.c, syscall_ipc.c, syscall_chan.c, syscall_cap.c): the handler type, the
 * handlers the table in syscall.c lists.
 */
#ifndef KERNEL_SYSCALL_INTERNAL_H
#define KERNEL_SYSCALL_INTERNAL_H

#include <kernel/syscall.h>
#include <kernel/thread.h>

struct cap;

/*
 * The object capability h of the calling unit's table names, if it is of `type` (CAP_TYPE_NONE:
 * any) with `rights` (cap_lookup's rules). syscall_cap.c.
 */
int syscall_lookup(cap_t h, unsigned type, uint32_t rights, struct cap **c);

/*
 * Looks up the n handles at h in the calling unit's table into c[0..n): each must name a live
 * capability with GRANT (cap_lookup's error otherwise), no two the same one (ERR_INVALID);
 * with null_ok a handle may be CAP_NULL instead (c[i] NULL). syscall_cap.c.
 */
int syscall_grant_caps(const cap_t *h, unsigned n, bool null_ok, struct cap **c);

/*
 * The absolute deadline of a timeout of lo + hi << 32 microseconds (IPC_WAIT_FOREVER, or too
 * far to represent: NO_DEADLINE); IPC_NO_WAIT sets *nowait. syscall_ipc.c.
 */
uint64_t syscall_deadline(uint32_t lo, uint32_t hi, bool *nowait);

/* The outcome r of an engine call for t: if it blocked t (IPC_BLOCKED), waits, then t's
 * wake_result. syscall_ipc.c. */
int syscall_wait(struct thread *t, int r);

/* syscall_ipc.c */
/*
 * The end of any receive (a call's reply included) once the thread runs again with `err`:
 * a message the fast path already wrote into its buffer (ipc.delivered) is done; one in its
 * kernel buffer is copied out to a2 (message) and a3 (info, if not 0) now.
 */
int32_t ipc_finish_receive(struct thread *t, const struct syscall_args *a, int32_t err);
/*
 * Where t, about to wait, wants its message (a2) and info (a3): the fast path may write there.
 * Inline: both IPC paths, the fast one included, note it.
 */
static inline void ipc_expect(struct thread *t, const struct syscall_args *a)
{
	t->ipc.rx_msg = a->a2;
	t->ipc.rx_info = a->a3;
	t->ipc.delivered = false;
}
int32_t sys_ipc_call(const struct syscall_args *a);
int32_t sys_ipc_send(const struct syscall_args *a);
int32_t sys_ipc_recv(const struct syscall_args *a);
int32_t sys_ipc_reply_recv(const struct syscall_args *a);
int32_t sys_endpoint_create(const struct syscall_args *a);
int32_t sys_unit_start(const struct syscall_args *a);

/* syscall_unit.c */
int32_t sys_thread_create(const struct syscall_args *a);
int32_t sys_thread_set_cpu(const struct syscall_args *a);
int32_t sys_unit_watch(const struct syscall_args *a);
int32_t sys_unit_info(const struct syscall_args *a);
int32_t sys_unit_kill(const struct syscall_args *a);
int32_t sys_cap_list(const struct syscall_args *a);

/* syscall_chan.c */
/*
 * Charges obj, just made (NULL: its pool was empty), to the calling unit's budget and
 * installs a capability to it with `rights` in the caller's table, as a child of `parent`
 * unless that is NULL. The handle; or ERR_NOMEM (budget, table or pool) after destroying obj.
 * obj is a pool object, which begins with its struct kobj (POOL_DEFINE checks that), so the
 * creator's result passes as it is.
 */
int32_t syscall_new_object(void *obj, struct cap *parent, uint32_t rights);
int32_t sys_channel_create(const struct syscall_args *a);
int32_t sys_notify_create(const struct syscall_args *a);
int32_t sys_notify_signal(const struct syscall_args *a);
int32_t sys_notify_wait(const struct syscall_args *a);

/* syscall_cap.c */
int32_t sys_cap_derive(const struct syscall_args *a);
int32_t sys_cap_restrict(const struct syscall_args *a);
int32_t sys_cap_delete(const struct syscall_args *a);
int32_t sys_cap_revoke(const struct syscall_args *a);
int32_t sys_cap_identify(const struct syscall_args *a);

/* syscall_mem.c */
int32_t sys_mem_alloc(const struct syscall_args *a);
int32_t sys_mem_map(const struct syscall_args *a);
int32_t sys_mem_unmap(const struct syscall_args *a);
int32_t sys_mem_info(const struct syscall_args *a);
int32_t sys_budget_create(const struct syscall_args *a);
int32_t sys_budget_info(const struct syscall_args *a);
/*
 * Frees the frames of memory objects that died after `mark` (memobj_dying_mark() taken when a
 * syscall that never blocks began: only it, or threads above it in its preemption windows,
 * queued them), with preemption windows between batches. Objects that others leave behind
 * (a unit's death, a blocking call) are the idle thread's to free.
 */
void syscall_reclaim(uint32_t mark);

/* syscall_dev.c */
int32_t sys_ioport_create(const struct syscall_args *a);
int32_t sys_ioport_enable(const struct syscall_args *a);
int32_t sys_irq_bind(const struct syscall_args *a);
int32_t sys_irq_ack(const struct syscall_args *a);
int32_t sys_irq_set_cpu(const struct syscall_args *a);
int32_t sys_devmem_create(const struct syscall_args *a);

#endif
