/*
 * syscall_test's SMP and introspection cases (run by its main): SYS_CPU_INFO and
 * SYS_THREAD_SET_CPU against the same fakes (one CPU up, CPU 0), and SYS_CAP_LIST.
 */
#include "syscall_test.h"

#include <kernel/ioport.h>
#include <kernel/irq_line.h>
#include <kernel/pool.h>

/* SYS_CPU_INFO: the counters of a CPU that is up, and where the caller runs. */
void test_cpu_info(void **state)
{
	static struct thread idle;
	struct keel_cpu_info info;

	(void)state;
	assert_int_equal(call(SYS_CPU_INFO, 0, DATA, 0, 0), ERR_INVALID); /* not scheduling yet */
	cpu.rq.idle = &idle;
	cpu.rq.ready_count = 2;
	cpu.rq.stats.switches = 7;
	cpu.counters = (struct cpu_counters){.ipis_sent = 1, .ipis_received = 2, .irqs = 3,
					     .idle_us = 4};
	assert_int_equal(call(SYS_CPU_INFO, 0, DATA, 0, 0), ERR_OK);
	memcpy(&info, user_bytes(DATA), sizeof(info));
	assert_int_equal(info.cpu, 0);
	assert_int_equal(info.caller_cpu, 0);
	assert_int_equal(info.load, 3); /* two ready, self running */
	assert_true(info.switches == 7 && info.ipis_sent == 1 && info.ipis_received == 2 &&
		    info.interrupts == 3 && info.idle_us == 4);
	assert_int_equal(call(SYS_CPU_INFO, 1, DATA, 0, 0), ERR_INVALID);
	assert_int_equal(call(SYS_CPU_INFO, 0, 0, 0, 0), ERR_FAULT);
	cpu.rq.idle = NULL;
	cpu.rq.ready_count = 0;
}

/* SYS_THREAD_SET_CPU: a live thread moves to a CPU that is up; bad CPUs and ends refused. */
void test_thread_set_cpu(void **state)
{
	static struct thread idle, t = {.kobj = {.type = CAP_TYPE_THREAD}, .state = THREAD_READY};
	cap_t h;

	(void)state;
	t.rq = &cpu.rq;
	cpu.rq.idle = &idle;
	assert_int_equal(cap_install(&me.caps, &t.kobj, CAP_RIGHTS_ALL, 0, &h), ERR_OK);
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 0, 0, 0), ERR_OK);
	assert_ptr_equal(fx.moved, &t);
	assert_ptr_equal(fx.moved_to, &cpu.rq);
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 1, 0, 0), ERR_INVALID); /* not up */
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, THREAD_CPU_ANY, 0, 0), ERR_OK);
	assert_int_equal(call(SYS_THREAD_SET_CPU, (cap_t)CAP_SELF, 0, 0, 0), ERR_BAD_CAP);
	t.state = THREAD_DEAD;
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 0, 0, 0), ERR_BAD_CAP);
	cpu.rq.idle = NULL;
}

/* Two units from the pool, each with its own CAP_SELF; the caller holds a capability to each. */
static void cap_list_units(struct unit *u[2], cap_t uh[2])
{
	cap_t h;

	pool_init(&unit_pool);
	pool_init(&endpoint_pool);
	for (int i = 0; i < 2; i++) {
		u[i] = pool_alloc(&unit_pool);
		u[i]->id = pool_id(&unit_pool, u[i]);
		cap_table_init(&u[i]->caps);
		assert_int_equal(cap_install_at(&u[i]->caps, 0, &u[i]->kobj, CAP_RIGHTS_ALL, &h),
				 ERR_OK);
		assert_int_equal(cap_install(&me.caps, &u[i]->kobj, CAP_RIGHT_READ, 0, &uh[i]), 0);
	}
}

/* An I/O-port range, an interrupt line and device memory in u's table, listed. */
static void cap_list_devices(struct unit *u, cap_t uh, const struct keel_cap_entry *e)
{
	struct ioport *io;
	struct irq_line *irq;
	struct memobj *dev;
	cap_t h;

	pool_init(&ioport_pool);
	pool_init(&irq_line_pool);
	pool_init(&memobj_pool);
	io = pool_alloc(&ioport_pool);
	irq = pool_alloc(&irq_line_pool);
	dev = pool_alloc(&memobj_pool);
	*io = (struct ioport){.kobj = io->kobj, .base = 0x3f8, .count = 8};
	irq->line = 4;
	dev->flags = MEMOBJ_DEVICE;
	dev->base = 0xfd000000u;
	dev->size = 0x4000;
	assert_int_equal(cap_install(&u->caps, &io->kobj, CAP_RIGHT_READ, 0, &h), ERR_OK);
	assert_int_equal(cap_install(&u->caps, &irq->kobj, CAP_RIGHT_WRITE, 0, &h), ERR_OK);
	assert_int_equal(cap_install(&u->caps, &dev->kobj, CAP_RIGHT_READ, 0, &h), ERR_OK);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 100, 2), 3);
	assert_true(e[0].type == CAP_TYPE_IOPORT && e[0].detail[0] == 0x3f8 && e[0].detail[1] == 8);
	assert_true(e[1].type == CAP_TYPE_IRQ && e[1].detail[0] == 4 && e[1].detail[1] == 0);
	assert_true(e[2].detail[0] == 0xfd000000u && e[2].detail[1] == 0x4000);
	dev->flags = MEMOBJ_FRAMES; /* not device memory: no numbers */
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 100, 4), 1);
	assert_true(e[0].detail[0] == 0 && e[0].detail[1] == 0);
	for (int i = 2; i < 5; i++)
		assert_int_equal(cap_delete(&u->caps, cap_handle(&u->caps.slots[i])), ERR_OK);
}

/* SYS_CAP_LIST's limits: max and first_slot, nothing asked, a bad buffer, a non-unit cap. */
static void cap_list_limits(cap_t uh, cap_t mine, struct endpoint *ep)
{
	cap_t h;

	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 1, 0), 1);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 100, (uint32_t)mine & 0xfff), 1);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 0, 0), 0);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, 0, 4, 0), ERR_FAULT);
	assert_int_equal(cap_install(&me.caps, &ep->kobj, CAP_RIGHT_READ, 0, &h), ERR_OK);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)h, DATA, 4, 0), ERR_BAD_CAP);
}

/*
 * While a capability waits in a channel's queue (parked: in no table), its children in u's
 * table name no unit and CAP_PARENT_QUEUED; received again, the parent shows where it is.
 * *parent (a capability in u's table, its one child first_child) comes back with its new
 * handle.
 */
static void cap_list_queued(struct unit *u, cap_t uh, cap_t *parent, cap_t first_child)
{
	const struct keel_cap_entry *e = (const void *)user_bytes(DATA);
	uint32_t slot = (uint32_t)first_child & 0xfff;
	struct cap node = {0}, *c = &node;

	assert_int_equal(cap_lookup(&u->caps, *parent, CAP_TYPE_NONE, 0, &c), ERR_OK);
	cap_park(c, &node);
	c = &node;
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 1, slot), 1);
	assert_true(e[0].handle == first_child && e[0].parent_unit == 0 &&
		    e[0].parent == CAP_PARENT_QUEUED);
	assert_int_equal(cap_move(NULL, &c, 1, &u->caps, parent), ERR_OK); /* received */
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh, DATA, 1, slot), 1);
	assert_true(e[0].parent_unit == u->id && e[0].parent == *parent);
}

/*
 * SYS_CAP_LIST: a unit's table in slot order, each object named by its pool id (the same in
 * every table), each capability's parent by its unit's id and handle (none for a root).
 */
void test_cap_list(void **state)
{
	const struct keel_cap_entry *e = (const void *)user_bytes(DATA);
	struct endpoint *ep;
	struct unit *u[2];
	struct cap *c;
	cap_t uh[2], root, kid, moved, own, mine;

	(void)state;
	cap_list_units(u, uh);
	ep = pool_alloc(&endpoint_pool);
	me.id = 0x30007; /* the caller's unit, where the endpoint's root capability lives */
	assert_int_equal(cap_install(&me.caps, &ep->kobj, CAP_RIGHTS_ALL, 0, &root), ERR_OK);
	assert_int_equal(cap_derive(&me.caps, root, CAP_RIGHT_WRITE, 7, &kid), ERR_OK);
	assert_int_equal(cap_lookup(&me.caps, kid, CAP_TYPE_NONE, 0, &c), ERR_OK);
	assert_int_equal(cap_move(&me.caps, &c, 1, &u[0]->caps, &moved), ERR_OK);
	assert_int_equal(cap_derive(&u[0]->caps, moved, CAP_RIGHT_WRITE, 0, &own), ERR_OK);
	assert_int_equal(cap_install(&u[1]->caps, &ep->kobj, CAP_RIGHT_READ, 0, &mine), ERR_OK);

	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh[0], DATA, 100, 0), 3);
	assert_true(e[0].handle == CAP_SELF && e[0].type == CAP_TYPE_UNIT);
	assert_int_equal(e[0].object, u[0]->id);
	assert_true(e[0].parent_unit == 0 && e[0].parent == CAP_NULL); /* a root */
	assert_true(e[1].handle == moved && e[1].type == CAP_TYPE_ENDPOINT && e[1].badge == 7);
	assert_int_equal(e[1].object, pool_id(&endpoint_pool, ep));
	assert_true(e[1].parent_unit == me.id && e[1].parent == root); /* moved, still its child */
	assert_true(e[2].handle == own && e[2].object == e[1].object);
	assert_true(e[2].parent_unit == u[0]->id && e[2].parent == moved);
	uint32_t ep_id = e[1].object;

	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh[1], DATA, 100, 0), 2);
	assert_true(e[1].handle == mine && e[1].object == ep_id && e[1].parent_unit == 0);
	assert_int_not_equal(e[0].object, u[0]->id); /* another unit, another id */

	/* Device objects carry their numbers: ports, line, device memory; other objects none. */
	cap_list_devices(u[1], uh[1], e);
	cap_list_queued(u[0], uh[0], &moved, own);

	/* A deleted parent's children move up to its parent: a root's become roots. */
	assert_int_equal(cap_delete(&u[0]->caps, moved), ERR_OK);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh[0], DATA, 100, 1), 1);
	assert_true(e[0].handle == own && e[0].parent_unit == me.id && e[0].parent == root);
	assert_int_equal(cap_delete(&me.caps, root), ERR_OK);
	assert_int_equal(call(SYS_CAP_LIST, (uint32_t)uh[0], DATA, 100, 1), 1);
	assert_true(e[0].parent_unit == 0 && e[0].parent == CAP_NULL);
	cap_list_limits(uh[1], mine, ep);
}
