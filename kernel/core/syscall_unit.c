/*
 * The syscalls that make threads and units, each with a capability naming where: thread
 * create (a unit capability) and unit start (a boot module's image capability). Priorities
 * are bounded by the maximum priority of the unit that asks (seL4's MCP idea), so no unit can
 * make a thread above what its own starter allowed it.
 */
#include <keel/abi.h>
#include <kernel/cap.h>
#include <kernel/ioport.h>
#include <kernel/irq_line.h>
#include <kernel/kprintf.h>
#include <kernel/memobj.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/pool.h>
#include <kernel/process.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

/*
 * SYS_THREAD_CREATE(entry, stack_top, arg, priority word, unit cap WRITE) -> a capability with
 * every right to the new thread. entry must lie in a mapped user page of the target unit and
 * the word below stack_top (where the first push lands) must be mapped user-writable there:
 * else ERR_FAULT. A priority word with bits outside THREAD_PRIORITY's is ERR_INVALID; above the
 * caller's or the target's maximum priority ERR_RIGHTS; no free slot for the result, or a target
 * budget without a thread left, ERR_NOMEM. The capability goes stale once the thread's slot is
 * reused after its end; until then it names the dead thread.
 */
int32_t sys_thread_create(const struct syscall_args *a)
{
	struct unit *me = current_thread()->unit, *target;
	uintptr_t entry = a->a1, stack_top = a->a2;
	struct cap *c;
	int err = cap_lookup(&me->caps, (cap_t)a->a5, CAP_TYPE_UNIT, CAP_RIGHT_WRITE, &c);

	if (err != ERR_OK)
		return err;
	target = container_of(c->obj, struct unit, kobj);
	if (a->a4 & THREAD_PRIORITY_BAD_BITS)
		return ERR_INVALID;
	if ((a->a4 & 0xffu) > me->max_prio || (a->a4 & 0xffu) > target->max_prio)
		return ERR_RIGHTS;
	if (target->ended)
		return ERR_BAD_CAP; /* the unit has ended */
	if (uaccess_check(target->aspace, entry, 1, false) != ERR_OK ||
	    stack_top < sizeof(uint32_t) ||
	    uaccess_check(target->aspace, stack_top - sizeof(uint32_t), sizeof(uint32_t), true) !=
		ERR_OK)
		return ERR_FAULT;
	if (me->caps.free_count == 0)
		return ERR_NOMEM;
	struct thread *t;
	cap_t h;

	err = process_thread_create(target, entry, stack_top, a->a3, a->a4, &t);
	if (err == ERR_OK && cap_install(&me->caps, &t->kobj, CAP_RIGHTS_ALL, 0, &h) != ERR_OK)
		panic("thread_create: the free slot went"); /* nothing ran since the check */
	return err == ERR_OK ? h : err;
}

/* SYS_THREAD_SET_CPU(thread cap WRITE, cpu): see <keel/abi.h>. */
int32_t sys_thread_set_cpu(const struct syscall_args *a)
{
	struct percpu *cpu = percpu_of(a->a2);
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_THREAD, CAP_RIGHT_WRITE, &c);

	if (err != ERR_OK)
		return err;
	struct thread *t = container_of(c->obj, struct thread, kobj);

	if (t->state == THREAD_DEAD || t->rq == NULL)
		return ERR_BAD_CAP; /* it has ended */
	if (a->a2 != THREAD_CPU_ANY && (cpu == NULL || cpu->rq.idle == NULL))
		return ERR_INVALID;
	sched_move(t, a->a2 == THREAD_CPU_ANY ? percpu_place(PERCPU_ANY) : &cpu->rq);
	return ERR_OK;
}

/* The startup capabilities named by the user array `caps` (n handles): GRANT each, distinct. */
static int start_caps(struct cap_table *t, uintptr_t caps, uint32_t n, struct unit_start *s)
{
	cap_t h[UNIT_START_CAPS_MAX];

	if (n > UNIT_START_CAPS_MAX)
		return ERR_OVERFLOW;
	if (n > 0 && uaccess_copy_from(h, caps, n * sizeof(cap_t)) != ERR_OK)
		return ERR_FAULT;
	s->from = t;
	s->ncaps = n;
	return syscall_grant_caps(h, n, false, s->caps);
}

/*
 * The budget a new unit is charged to: with UNIT_START_BUDGET the first startup capability,
 * which must be a budget with WRITE (ERR_INVALID without one, ERR_RIGHTS without WRITE); else
 * the starter's own.
 */
static int start_budget(struct unit *me, uint32_t flag, struct unit_start *s)
{
	s->budget = me->budget;
	if (!flag)
		return ERR_OK;
	if (s->ncaps == 0 || s->caps[0]->obj->type != CAP_TYPE_MEMORY ||
	    !(container_of(s->caps[0]->obj, struct memobj, kobj)->flags & MEMOBJ_BUDGET))
		return ERR_INVALID;
	if (!(s->caps[0]->rights & CAP_RIGHT_WRITE))
		return ERR_RIGHTS;
	s->budget = container_of(s->caps[0]->obj, struct memobj, kobj);
	return ERR_OK;
}

/*
 * What SYS_UNIT_START takes from the caller's table, looked up into s: the startup
 * capabilities, the budget, a free slot for the result.
 */
static int start_checks(const struct syscall_args *a, struct unit_start *s)
{
	struct unit *me = current_thread()->unit;
	int err = start_caps(&me->caps, a->a3, a->a4 & 0xffffu, s);

	if (err == ERR_OK)
		err = start_budget(me, a->a2 & UNIT_START_BUDGET, s);
	return err == ERR_OK && me->caps.free_count == 0 ? ERR_NOMEM : err;
}

/* The same after the image loaded (with windows): the budget it was charged to must stay. */
static int start_recheck(struct unit_start *s)
{
	struct memobj *budget = s->budget;
	int err = start_checks(s->args, s);

	return err == ERR_OK && s->budget != budget ? ERR_BAD_CAP : err;
}

/*
 * SYS_UNIT_START(image cap READ|EXECUTE, UNIT_PRIORITY(priority, max), caps,
 * UNIT_START_NCAPS(ncaps, keep), arg) -> a capability to the new unit. ERR_INVALID for an
 * image that is no boot module, priorities out of order or a keep mask without NO_GRANT,
 * ERR_RIGHTS for a maximum above the caller's, ERR_NOMEM if the caller has no free slot for the
 * result or the budget (UNIT_START_BUDGET's or the caller's) cannot pay; nothing moves unless
 * the unit starts.
 */
int32_t sys_unit_start(const struct syscall_args *a)
{
	struct unit *me = current_thread()->unit, *u;
	struct unit_start s = {.priority = a->a2 & 0xffu, .max_priority = (a->a2 >> 8) & 0xffu,
			       .cpu = (a->a2 >> 24) == 0 ? PERCPU_ANY : (a->a2 >> 24) - 1,
			       .no_grant = (a->a2 & UNIT_START_NO_GRANT) != 0,
			       .keep_grant = a->a4 >> 16, .arg = a->a5, .debug = me->debug,
			       .recheck = start_recheck, .args = a};
	struct cap *img;
	cap_t h;
	int err = cap_lookup(&me->caps, (cap_t)a->a1, CAP_TYPE_MEMORY,
			     CAP_RIGHT_READ | CAP_RIGHT_EXECUTE, &img);

	if (err != ERR_OK)
		return err;
	struct memobj *m = container_of(img->obj, struct memobj, kobj);

	if (!(m->flags & MEMOBJ_BOOT_MODULE) ||
	    ((a->a2 >> 16) & 0xffu) > ((UNIT_START_BUDGET | UNIT_START_NO_GRANT) >> 16) ||
	    s.priority > s.max_priority)
		return ERR_INVALID;
	if (s.max_priority > me->max_prio)
		return ERR_RIGHTS;
	s.module = m->module;
	if (s.keep_grant != 0 && !s.no_grant)
		return ERR_INVALID;
	err = start_checks(a, &s);
	if (err == ERR_OK)
		err = process_start_unit(&s, &u);
	if (err != ERR_OK)
		return err;
	/* ERR_NOMEM cannot happen: recheck found a slot free and nothing ran since. */
	return cap_install(&me->caps, &u->kobj, CAP_RIGHTS_ALL, 0, &h) != ERR_OK ? ERR_NOMEM : h;
}

/* SYS_UNIT_WATCH(unit cap READ, notification cap WRITE, bits): signalled when the unit ends. */
int32_t sys_unit_watch(const struct syscall_args *a)
{
	struct cap *uc, *nc;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_UNIT, CAP_RIGHT_READ, &uc);

	if (err == ERR_OK)
		err = syscall_lookup((cap_t)a->a2, CAP_TYPE_NOTIFICATION, CAP_RIGHT_WRITE, &nc);
	if (err != ERR_OK)
		return err;
	if (a->a3 == 0)
		return ERR_INVALID;
	unit_set_watch(container_of(uc->obj, struct unit, kobj),
		       container_of(nc->obj, struct notification, kobj), a->a3);
	return ERR_OK;
}

/* SYS_UNIT_INFO(unit cap READ, struct keel_unit_info *out). */
int32_t sys_unit_info(const struct syscall_args *a)
{
	struct list_node *n;
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_UNIT, CAP_RIGHT_READ, &c);

	if (err != ERR_OK)
		return err;
	const struct unit *u = container_of(c->obj, struct unit, kobj);
	struct keel_unit_info info = {.state = u->end_state, .status = u->end_status,
				      .max_priority = u->max_prio, .frames = u->frames};

	list_for_each(n, &u->threads)
		info.threads += list_entry(n, struct thread, unit_link)->state != THREAD_DEAD;
	for (size_t i = 0; i + 1 < sizeof(info.name) && u->name[i] != '\0'; i++)
		info.name[i] = u->name[i];
	return uaccess_copy_to(a->a2, &info, sizeof(info)) == ERR_OK ? ERR_OK : ERR_FAULT;
}

/* SYS_UNIT_KILL(unit cap ADMIN): the unit ends, its teardown paid by the caller. */
int32_t sys_unit_kill(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_UNIT, CAP_RIGHT_ADMIN, &c);

	return err == ERR_OK ? process_kill_unit(container_of(c->obj, struct unit, kobj)) : err;
}

/* The pool of each CAP_TYPE_*, in CAP_TYPE_* order: a listed object's id is its pool id. */
static struct pool *const cap_list_pools[CAP_TYPE_COUNT] = {NULL, &endpoint_pool, &channel_pool,
	&memobj_pool, &irq_line_pool, &ioport_pool, &unit_pool, &thread_pool, &notification_pool};

/*
 * What SYS_CAP_LIST says of c: its object's pool id (the capability's generation of it: a
 * stale one names the object it was made for), the unit and handle of its parent, and a
 * device object's numbers (each container_of is followed only for an object of its type).
 */
static struct keel_cap_entry cap_list_entry(const struct cap *c)
{
	const struct kobj *o = c->obj;
	const struct pool *p = cap_list_pools[o->type]; /* NULL: a freed unit or thread */
	bool listed = c->parent != NULL && c->parent->table != NULL; /* else a root, or parked */
	const struct ioport *io = container_of(o, struct ioport, kobj);
	const struct memobj *m = container_of(o, struct memobj, kobj);
	bool port = o->type == CAP_TYPE_IOPORT;
	bool dev = o->type == CAP_TYPE_MEMORY && (m->flags & MEMOBJ_DEVICE);
	uint32_t line = o->type == CAP_TYPE_IRQ ? container_of(o, struct irq_line, kobj)->line : 0;

	return (struct keel_cap_entry){
	    .handle = cap_handle(c), .type = o->type, .rights = c->rights, .badge = c->badge,
	    .object = p ? pool_index(p, o) | (uint32_t)c->obj_gen << POOL_GEN_SHIFT : 0,
	    .parent_unit = listed ? container_of(c->parent->table, struct unit, caps)->id : 0,
	    .parent = listed ? cap_handle(c->parent) : c->parent ? CAP_PARENT_QUEUED : CAP_NULL,
	    .detail = {port ? io->base : dev ? m->base : line,
		       port ? io->count : dev ? m->size : 0}};
}

/*
 * SYS_CAP_LIST(unit cap READ, struct keel_cap_entry *out, max, first_slot) -> entries
 * written. O(CAP_SLOTS) with interrupts off; the entries go out in one copy.
 */
int32_t sys_cap_list(const struct syscall_args *a)
{
	struct keel_cap_entry e[CAP_LIST_MAX];
	uint32_t max = a->a3 < CAP_LIST_MAX ? a->a3 : CAP_LIST_MAX, n = 0;
	struct cap *uc;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_UNIT, CAP_RIGHT_READ, &uc);

	if (err != ERR_OK)
		return err;
	const struct cap *s = container_of(uc->obj, struct unit, kobj)->caps.slots;

	for (uint32_t slot = a->a4; slot < CAP_SLOTS && n < max; slot++)
		if (s[slot].obj != NULL)
			e[n++] = cap_list_entry(&s[slot]);
	return n > 0 && uaccess_copy_to(a->a2, e, n * sizeof(e[0])) != ERR_OK ? ERR_FAULT
									       : (int32_t)n;
}
