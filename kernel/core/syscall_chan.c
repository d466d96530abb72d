/*
 * The channel, notification and endpoint syscalls: creation (charged to the caller's
 * budget), signal and wait. Sending and receiving on
 * a channel are SYS_IPC_SEND and SYS_IPC_RECV (syscall_ipc.c). Each checks its handle and user
 * pointer, then leaves the work to the object (<kernel/channel.h>, <kernel/notification.h>).
 */
#include <keel/abi.h>
#include <kernel/budget.h>
#include <kernel/cap.h>
#include <kernel/channel.h>
#include <kernel/ipc.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

int32_t syscall_new_object(void *obj, struct cap *parent, uint32_t rights)
{
	struct unit *u = current_thread()->unit;
	cap_t h;
	int err = ERR_NOMEM;

	if (obj == NULL)
		return ERR_NOMEM;
	if (budget_adopt(u->budget, obj, 0) == ERR_OK)
		err = parent ? cap_install_child(&u->caps, parent, obj, rights, &h)
			     : cap_install(&u->caps, obj, rights, 0, &h);
	if (err != ERR_OK) {
		kobj_release(obj); /* refs 0: destroys it and gives back any charge */
		return err;
	}
	return h;
}

/* SYS_CHANNEL_CREATE(capacity) -> a capability with every right to a new channel. */
int32_t sys_channel_create(const struct syscall_args *a)
{
	if (a->a1 == 0)
		return ERR_INVALID;
	if (a->a1 > CHANNEL_CAPACITY_MAX)
		return ERR_OVERFLOW;
	return syscall_new_object(channel_create(a->a1), NULL, CAP_RIGHTS_ALL);
}

/* SYS_NOTIFY_CREATE() -> a capability with every right to a new notification. */
int32_t sys_notify_create(const struct syscall_args *a)
{
	(void)a;
	return syscall_new_object(notification_create(), NULL, CAP_RIGHTS_ALL);
}

/* SYS_NOTIFY_SIGNAL(cap WRITE, bits): ORs bits in; never blocks. */
int32_t sys_notify_signal(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_NOTIFICATION, CAP_RIGHT_WRITE, &c);

	if (err == ERR_OK)
		notification_signal(container_of(c->obj, struct notification, kobj), a->a2);
	return err;
}

/*
 * SYS_NOTIFY_WAIT(cap READ, uint32_t *out_bits, timeout_lo, timeout_hi): the bits taken go
 * to *out_bits, which is checked writable before waiting, so a bad pointer loses no signal.
 */
int32_t sys_notify_wait(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	struct cap *c;
	bool nowait;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_NOTIFICATION, CAP_RIGHT_READ, &c);

	if (err != ERR_OK)
		return err;
	if (uaccess_check(uaccess_current_space(), a->a2, sizeof(uint32_t), true) != ERR_OK)
		return ERR_FAULT;
	uint64_t deadline = syscall_deadline(a->a3, a->a4, &nowait);

	err = syscall_wait(t, notification_wait(container_of(c->obj, struct notification, kobj), t,
						nowait, deadline));
	return err == ERR_OK ? uaccess_copy_to(a->a2, &t->ipc.notify_bits, sizeof(uint32_t)) : err;
}

/* SYS_ENDPOINT_CREATE() -> a capability with every right to a new endpoint. */
int32_t sys_endpoint_create(const struct syscall_args *a)
{
	(void)a;
	return syscall_new_object(endpoint_create(), NULL, CAP_RIGHTS_ALL);
}
