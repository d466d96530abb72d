/*
 * Threads as pool objects: THREAD_MAX slots (<kernel/pool.h>) with a kernel stack each, and
 * the fields a new thread starts with. Scheduling state is sched.c's business.
 */
#include <kernel/budget.h>
#include <kernel/kprintf.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>
#include <keel/abi.h>

_Static_assert(THREAD_KSTACK_SIZE % 16 == 0, "kernel stacks stay 16-byte aligned");

POOL_DEFINE(thread_pool, struct thread, THREAD_MAX, CAP_TYPE_THREAD, 0);
/* The kernel stack of slot i; it stays with the slot, whoever holds it. */
static uint8_t thread_kstacks[THREAD_MAX][THREAD_KSTACK_SIZE] __attribute__((aligned(16)));

/* Fills a freshly allocated (zeroed) thread: not started, default slice, its slot's stack. */
static void thread_reset(struct thread *t, struct unit *unit, uint8_t prio)
{
	uint32_t index = pool_index(&thread_pool, t);

	t->tid = pool_id(&thread_pool, t);
	t->unit = unit;
	t->state = THREAD_BLOCKED;
	t->block_reason = BLOCK_NOT_STARTED;
	t->wake_result = ERR_OK;
	t->base_prio = t->eff_prio = prio;
	t->slice_us = t->slice_left_us = THREAD_DEFAULT_SLICE_US;
	t->wake_deadline_us = NO_DEADLINE;
	t->sleep_index = -1;
	t->kstack_base = thread_kstacks[index];
	t->kstack_top = thread_kstacks[index] + THREAD_KSTACK_SIZE;
	list_init(&t->unit_link);
	list_init(&t->run_link);
	list_init(&t->ipc.link);
}

int thread_alloc(struct unit *unit, uint8_t prio, struct thread **out)
{
	struct thread *t = pool_alloc(&thread_pool);

	if (t == NULL)
		return ERR_NOMEM;
	if (budget_adopt(unit ? unit->budget : NULL, &t->kobj, 0) != ERR_OK) {
		pool_free(&thread_pool, t);
		return ERR_NOMEM;
	}
	thread_reset(t, unit, prio);
	if (unit) {
		list_add_tail(&unit->threads, &t->unit_link);
		unit->thread_count++;
	}
	TRACE(TRACE_EV_THREAD_START, t->tid, unit ? unit->id : 0, prio, 0);
	*out = t;
	return ERR_OK;
}

uint32_t thread_free(struct thread *t)
{
	uint32_t left = 0;

	/* A queued thread would leave dangling run or sleep links behind. */
	KASSERT(t->state == THREAD_DEAD ||
		(t->state == THREAD_BLOCKED && t->block_reason == BLOCK_NOT_STARTED));
	KASSERT(!list_node_linked(&t->run_link) && t->sleep_index < 0);
	TRACE(TRACE_EV_THREAD_END, t->tid, t->unit ? t->unit->id : 0, 0, 0);
	if (t->unit) {
		list_remove(&t->unit_link);
		left = --t->unit->thread_count;
	}
	t->tid = TID_INVALID;
	t->unit = NULL;
	t->state = THREAD_FREE;
	const struct kobj charge = t->kobj;

	pool_free(&thread_pool, t); /* ids handed out for this slot so far are now stale */
	budget_release(&charge);
	return left;
}
