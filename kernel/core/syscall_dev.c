/*
 * The device syscalls (32-39): I/O-port capabilities (SYS_IOPORT_CREATE, SYS_IOPORT_ENABLE).
 * This layer checks handles, rights and ranges; <kernel/ioport.h> does the work.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/ioport.h>
#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/thread.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

/* The port object of an ioport capability. */
static struct ioport *ioport_of(const struct cap *c)
{
	return container_of(c->obj, struct ioport, kobj);
}

/*
 * SYS_IOPORT_CREATE(cap ADMIN, base, count) -> a capability to [base, base + count), which
 * must lie inside cap's range (else ERR_INVALID): a child of cap with cap's rights.
 */
int32_t sys_ioport_create(const struct syscall_args *a)
{
	struct cap_table *t = &current_thread()->unit->caps;
	struct cap *c;
	cap_t out;
	int err = cap_lookup(t, (cap_t)a->a1, CAP_TYPE_IOPORT, CAP_RIGHT_ADMIN, &c);

	if (err != ERR_OK)
		return err;
	if (!ioport_contains(ioport_of(c), a->a2, a->a3))
		return ERR_INVALID;
	struct ioport *p = ioport_create(a->a2, a->a3);

	if (p == NULL)
		return ERR_NOMEM;
	err = cap_install_child(t, c, &p->kobj, c->rights, &out);
	if (err != ERR_OK) {
		ioport_release(&p->kobj);
		return err;
	}
	return out;
}

/* SYS_IOPORT_ENABLE(cap READ|WRITE): the calling unit may use the capability's ports. */
int32_t sys_ioport_enable(const struct syscall_args *a)
{
	struct unit *u = current_thread()->unit;
	struct cap *c;
	int err = cap_lookup(&u->caps, (cap_t)a->a1, CAP_TYPE_IOPORT,
			     CAP_RIGHT_READ | CAP_RIGHT_WRITE, &c);

	if (err != ERR_OK)
		return err;
	return ioport_enable(ioport_of(c), u);
}
