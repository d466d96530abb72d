/*
 * The thread pool: THREAD_MAX preallocated thread objects and kernel stacks, an O(1) free list,
 * and generation-stamped ids. Scheduling state is sched.c's business.
 */
#include <kernel/kprintf.h>
#include <kernel/thread.h>
#include <kernel/unit.h>
#include <keel/abi.h>

#define TID_INDEX_MASK 0xffffu
#define TID_GEN_SHIFT  16
#define ID_GEN_MAX     0x7fffu /* generations use bits 16-30 only */

_Static_assert(THREAD_MAX <= TID_INDEX_MASK, "thread index must fit in a tid");
_Static_assert(THREAD_KSTACK_SIZE % 16 == 0, "kernel stacks stay 16-byte aligned");

static struct thread thread_slots[THREAD_MAX];
static uint8_t thread_kstacks[THREAD_MAX][THREAD_KSTACK_SIZE] __attribute__((aligned(16)));
static uint16_t thread_gen[THREAD_MAX];
static struct list_node thread_free_list; /* free slots, linked through run_link */
static uint32_t thread_free_slots;

void thread_pool_init(void)
{
	list_init(&thread_free_list);
	for (uint32_t i = 0; i < THREAD_MAX; i++) {
		struct thread *t = &thread_slots[i];

		*t = (struct thread){.state = THREAD_FREE, .sleep_index = -1};
		thread_gen[i] = 0;
		list_init(&t->unit_link);
		list_add_tail(&thread_free_list, &t->run_link);
	}
	thread_free_slots = THREAD_MAX;
}

/* Next generation of slot i: 1..ID_GEN_MAX, so live ids are > 0 even as int32_t. */
static uint16_t thread_next_gen(uint32_t i)
{
	thread_gen[i] = thread_gen[i] >= ID_GEN_MAX ? 1 : thread_gen[i] + 1;
	return thread_gen[i];
}

static void thread_reset(struct thread *t, uint32_t index, struct unit *unit, uint8_t prio)
{
	*t = (struct thread){
	    .tid = ((uint32_t)thread_next_gen(index) << TID_GEN_SHIFT) | index,
	    .unit = unit,
	    .state = THREAD_BLOCKED,
	    .block_reason = BLOCK_NOT_STARTED,
	    .wake_result = ERR_OK,
	    .base_prio = prio,
	    .eff_prio = prio,
	    .slice_us = THREAD_DEFAULT_SLICE_US,
	    .slice_left_us = THREAD_DEFAULT_SLICE_US,
	    .wake_deadline_us = NO_DEADLINE,
	    .sleep_index = -1,
	    .kstack_base = thread_kstacks[index],
	    .kstack_top = thread_kstacks[index] + THREAD_KSTACK_SIZE,
	};
	list_init(&t->unit_link);
	list_init(&t->run_link);
	list_init(&t->ipc.link);
}

int thread_alloc(struct unit *unit, uint8_t prio, struct thread **out)
{
	struct list_node *node = list_first(&thread_free_list);

	if (!node)
		return ERR_NOMEM;
	list_remove(node);
	thread_free_slots--;

	struct thread *t = list_entry(node, struct thread, run_link);
	uint32_t index = (uint32_t)(t - thread_slots);

	thread_reset(t, index, unit, prio);
	if (unit) {
		list_add_tail(&unit->threads, &t->unit_link);
		unit->thread_count++;
	}
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
	if (t->unit) {
		list_remove(&t->unit_link);
		left = --t->unit->thread_count;
	}
	uint32_t index = (uint32_t)(t - thread_slots);

	thread_next_gen(index); /* ids handed out for this slot so far are now stale */
	t->tid = TID_INVALID;
	t->unit = NULL;
	t->state = THREAD_FREE;
	list_add_tail(&thread_free_list, &t->run_link);
	thread_free_slots++;
	return left;
}

struct thread *thread_lookup(tid_t tid)
{
	uint32_t index = tid & TID_INDEX_MASK;

	if (tid == TID_INVALID || index >= THREAD_MAX)
		return NULL;
	struct thread *t = &thread_slots[index];

	if (t->state == THREAD_FREE || t->tid != tid)
		return NULL;
	return t;
}

uint32_t thread_pool_free_count(void)
{
	return thread_free_slots;
}
