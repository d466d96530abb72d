/*
 * How threads and units end: exit, exit of the whole unit, kill after a user fault, kill by a
 * holder of the unit's capability, the teardown that returns a unit's memory (in bounded
 * steps), and the reaping that frees the slots of dead threads and units.
 *
 * Who pays for a teardown: the unit's last thread, before it dies, or the thread that killed
 * the unit. The steps are resumable (their state is the unit's mapping records and address
 * space), so when a thread is killed in the middle of tearing another unit down, the thread
 * that killed it finishes that teardown too; and a unit being torn down is held (`tearer`)
 * so that reaping its dead threads never frees it under its tearer.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/budget.h>
#include <kernel/cap.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mem_map.h>
#include <kernel/mmu.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>

#include "process_internal.h"

/* Pages of an ended unit's mappings unmapped per interrupts-off section. */
#define TEARDOWN_BATCH 64u

/*
 * Ends u's memory: it is marked ended (its capability creates no more threads in it), its
 * capabilities are deleted (objects only it named go, servers' callers learn), and its
 * mappings, image frames and page tables go back to the PMM and its budget. With `windows`,
 * the mappings go TEARDOWN_BATCH pages per section with a preemption window between, and the
 * running thread holds u meanwhile. Resumable: a second call finishes what a first left.
 */
static void unit_release(struct unit *u, bool windows)
{
	struct thread *self = current_thread();

	u->ended = true;
	cap_table_clear(&u->caps); /* mappings stay: an ended unit's are unmapped below */
	arch_io_release(u); /* after the clear: destroyed port objects withdrew from u first */
	if (u->aspace == NULL)
		return;
	arch_smp_leave_space(u->aspace); /* its threads are dead: no other CPU runs on it */
	if (windows) {
		u->tearer = self;
		self->tearing = u;
	}
	while (mem_unmap_space_some(u->aspace, TEARDOWN_BATCH) == MEM_MAP_MORE) {
		if (windows)
			kernel_preemption_window();
	}
	if (self->unit == u) /* its own last thread runs in the space */
		mmu_activate(mmu_kernel_space());
	loader_unload(u->aspace, u->id, &u->image);
	mmu_destroy_address_space(u->aspace);
	u->aspace = NULL;
	budget_give(u->budget, u->frames, BUDGET_FRAMES_ONLY);
	u->frames = 0;
	u->tearer = NULL;
	self->tearing = NULL;
}

void unit_teardown(struct unit *u)
{
	unit_release(u, false);
	if (unit_free(u) != ERR_OK)
		panic("process: unit %s torn down with threads left", u->name);
}

/*
 * Frees every dead thread that no CPU runs any more (each CPU's zombie list: kernel stack
 * and slot), and the slot of each unit whose last thread that was, unless a thread is still
 * tearing the unit down (it frees the slot itself). Called from the idle loop and before
 * allocating threads and units. O(zombies + CPUs).
 */
void process_reap(void)
{
	struct percpu *cpu;
	struct thread *t;

	for (unsigned i = 0; i < PERCPU_MAX_CPUS; i++) {
		if ((cpu = percpu_of(i)) == NULL || cpu->rq.idle == NULL)
			continue;
		while ((t = sched_take_zombie(&cpu->rq)) != NULL) {
			struct unit *u = t->unit;

			if (thread_free(t) == 0 && u != NULL && u->tearer == NULL)
				unit_teardown(u);
		}
	}
}

/* u's memory is back: its watcher learns, and the root task's end is reported. */
static void unit_gone(struct unit *u, bool faulted, int status)
{
	TRACE(TRACE_EV_UNIT_END, u->id, u->end_state, u->end_status, 0);
	if (u->watch != NULL)
		notification_signal(u->watch, u->watch_bits);
	process_unit_gone(u, faulted, status);
}

/*
 * Finishes the teardown of u, whose memory went back with the current thread holding it
 * (windows) or not: its watcher learns, and its slot goes if its threads were all reaped
 * meanwhile (reaping left it to its tearer).
 */
static void unit_finish(struct unit *u)
{
	unit_release(u, true);
	unit_gone(u, u->end_state != UNIT_EXITED, u->end_status);
	if (u->thread_count == 0)
		unit_teardown(u);
}

/*
 * Kills every live thread of u but `except`; then finishes, on the current thread, any
 * teardown of another unit that one of them was doing (no windows until all are dead, so
 * the thread list stays as it is while it is walked).
 */
static void kill_threads(struct unit *u, const struct thread *except)
{
	struct unit *orphans[THREAD_MAX];
	unsigned n_orphans = 0;
	struct list_node *n;

	list_for_each(n, &u->threads)
	{
		struct thread *t = list_entry(n, struct thread, unit_link);

		if (t == except || t->state == THREAD_DEAD)
			continue;
		ipc_thread_exit(t);
		sched_kill(t);
		if (t->tearing != NULL && n_orphans < THREAD_MAX)
			orphans[n_orphans++] = t->tearing;
		t->tearing = NULL;
	}
	for (unsigned i = 0; i < n_orphans; i++)
		unit_finish(orphans[i]);
}

/* True if u has a thread other than `except` that has not died. */
static bool unit_has_live_thread(struct unit *u, const struct thread *except)
{
	struct list_node *n;

	list_for_each(n, &u->threads)
	{
		const struct thread *t = list_entry(n, struct thread, unit_link);

		if (t != except && t->state != THREAD_DEAD)
			return true;
	}
	return false;
}

/*
 * The unit's last thread (the current one) is dying: reports it and frees the unit's memory
 * (its thread and unit slots go later, in process_reap), on that thread, before it dies (still
 * alive, so a preemption window can switch away from it and back).
 */
static void unit_ended(struct unit *u, bool faulted, int status)
{
	if (faulted)
		kprintf("unit %s (id %u) killed: last thread faulted\n", u->name, (unsigned)u->id);
	else
		kprintf("unit %s (id %u) exited: status %d\n", u->name, (unsigned)u->id, status);
	u->end_state = faulted ? UNIT_FAULTED : UNIT_EXITED;
	u->end_status = faulted ? 0 : status;
	unit_finish(u); /* its slot goes when its last thread (this one) is reaped */
}

/* Kills the current (user) thread, reports its unit's end if it was the last, switches away. */
static _Noreturn void current_dies(bool faulted, int status)
{
	struct thread *self = current_thread();
	struct unit *u = self->unit;

	KASSERT(u != NULL); /* only user threads exit or fault */
	ipc_thread_exit(self);
	if (!unit_has_live_thread(u, self))
		unit_ended(u, faulted, status); /* before the kill: its windows may switch away */
	sched_kill(self);
	schedule(this_rq()); /* self is now a zombie: never resumed */
	panic("process: dead thread %u was resumed", (unsigned)self->tid);
}

void process_exit_thread(void)
{
	current_dies(false, 0);
}

void process_exit_unit(int status)
{
	struct thread *self = current_thread();

	KASSERT(self->unit != NULL);
	self->unit->ended = true; /* no new thread while the others are killed */
	kill_threads(self->unit, self);
	current_dies(false, status);
}

void process_kill_current(void)
{
	current_dies(true, 0);
}

int process_kill_unit(struct unit *u)
{
	struct thread *self = current_thread();
	uint32_t id = u->id;

	if (u == self->unit)
		return ERR_INVALID; /* SYS_EXIT_UNIT ends one's own unit */
	if (u->ended)
		return ERR_OK; /* it is ending or has ended: nothing more to do */
	u->ended = true;
	kprintf("unit %s (id %u) killed by unit %s (id %u)\n", u->name, (unsigned)u->id,
		self->unit->name, (unsigned)self->unit->id);
	u->end_state = UNIT_KILLED;
	u->end_status = 0;
	kill_threads(u, NULL);
	unit_finish(u);
	/*
	 * Its threads that ran on other CPUs die as those switch away (a reschedule IPI each):
	 * wait for that and reap them, so that its slot and what the unit charged its budget are
	 * free when the call returns (a restart right after needs them). The id tells whether
	 * the slot still holds this unit (another CPU may reap it meanwhile).
	 */
	while (u->id == id && u->thread_count > 0) {
		kernel_preemption_window();
		process_reap();
	}
	return ERR_OK;
}
