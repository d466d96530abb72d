/*
 * The capability syscalls: derive, restrict, delete, revoke and identify, each on a handle of
 * the caller's own table (<kernel/cap.h> has the rules). Revoke deletes CAP_REVOKE_BATCH
 * descendants per interrupts-off section, with a preemption window between sections.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/memobj.h>
#include <kernel/percpu.h>
#include <kernel/thread.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

static struct cap_table *my_caps(void)
{
	return &current_thread()->unit->caps;
}

int syscall_lookup(cap_t h, unsigned type, uint32_t rights, struct cap **c)
{
	return cap_lookup(my_caps(), h, type, rights, c);
}

int syscall_grant_caps(const cap_t *h, unsigned n, bool null_ok, struct cap **c)
{
	for (unsigned i = 0; i < n; i++) {
		c[i] = NULL;
		if (null_ok && h[i] == CAP_NULL)
			continue;
		int err = syscall_lookup(h[i], CAP_TYPE_NONE, CAP_RIGHT_GRANT, &c[i]);

		if (err != ERR_OK)
			return err;
		for (unsigned k = 0; k < i; k++)
			if (c[k] == c[i])
				return ERR_INVALID; /* one capability cannot move twice */
	}
	return ERR_OK;
}

/* SYS_CAP_DERIVE(cap, rights, badge_lo, badge_hi) -> the new handle. */
int32_t sys_cap_derive(const struct syscall_args *a)
{
	uint64_t badge = ((uint64_t)a->a4 << 32) | a->a3;
	cap_t out;
	int err = a->a2 & ~CAP_RIGHTS_ALL ? ERR_INVALID
					  : cap_derive(my_caps(), (cap_t)a->a1, a->a2, badge, &out);

	return err == ERR_OK ? out : err;
}

/* SYS_CAP_RESTRICT(cap, rights). */
int32_t sys_cap_restrict(const struct syscall_args *a)
{
	return cap_restrict(my_caps(), (cap_t)a->a1, a->a2);
}

/* SYS_CAP_DELETE(cap). */
int32_t sys_cap_delete(const struct syscall_args *a)
{
	uint32_t mark = memobj_dying_mark();
	int r = cap_delete(my_caps(), (cap_t)a->a1);

	syscall_reclaim(mark); /* the frames of a large memory object it was the last name of */
	return r;
}

/*
 * SYS_CAP_REVOKE(cap): every descendant goes, CAP_REVOKE_BATCH per section. Between sections
 * the handle is looked up again: if another thread deleted it meanwhile, its descendants are
 * its parent's now and the revoke ends with ERR_BAD_CAP.
 */
int32_t sys_cap_revoke(const struct syscall_args *a)
{
	uint32_t mark = memobj_dying_mark();
	int r;

	while ((r = cap_revoke_some(my_caps(), (cap_t)a->a1)) == CAP_REVOKE_MORE)
		kernel_preemption_window();
	syscall_reclaim(mark);
	return r;
}

/* SYS_CAP_IDENTIFY(cap) -> CAP_IDENTIFY(type, rights). */
int32_t sys_cap_identify(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_NONE, 0, &c);

	return err == ERR_OK ? CAP_IDENTIFY(c->obj->type, c->rights) : err;
}
