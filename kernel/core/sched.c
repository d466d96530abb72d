/*
 * The fixed-priority scheduler: run-queue bitmap and FIFO levels, pick-next, slices, blocking
 * with deadlines and priority requeue. Every operation here is O(1) except the sleep-queue
 * parts, which are O(log THREAD_MAX) (see <kernel/sleepq.h>).
 */
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/sched.h>
#include <kernel/trace.h>
#include <keel/abi.h>

/* Every read of the bitmap goes through here, so tests can count them (O(1) evidence). */
static inline uint32_t rq_load(struct run_queue *rq, const uint32_t *word)
{
	rq->stats.bitmap_reads++;
	return *word;
}

static inline unsigned highest_bit(uint32_t word)
{
	return 31u - (unsigned)__builtin_clz(word);
}

/* The highest non-empty level, or -1: one summary read and one word read. */
int sched_highest_ready(struct run_queue *rq)
{
	uint32_t summary = rq_load(rq, &rq->summary);

	if (summary == 0)
		return -1;
	unsigned w = highest_bit(summary);

	return (int)(w * 32 + highest_bit(rq_load(rq, &rq->prio_words[w])));
}

static void rq_enqueue(struct run_queue *rq, struct thread *t, bool at_head)
{
	unsigned p = t->eff_prio;
	struct list_node *level = &rq->ready[p];

	if (list_is_empty(level)) {
		rq->prio_words[p / 32] = rq_load(rq, &rq->prio_words[p / 32]) | (1u << (p % 32));
		rq->summary = rq_load(rq, &rq->summary) | (1u << (p / 32));
	}
	if (at_head)
		list_add_head(level, &t->run_link);
	else
		list_add_tail(level, &t->run_link);
	rq->ready_count++;
	t->state = THREAD_READY;
}

static void rq_dequeue(struct run_queue *rq, struct thread *t)
{
	unsigned p = t->eff_prio;

	/* Only READY threads are on a level, and only on the level of their eff_prio. */
	KASSERT(t->state == THREAD_READY && list_node_linked(&t->run_link));
	list_remove(&t->run_link);
	rq->ready_count--;
	if (!list_is_empty(&rq->ready[p]))
		return;
	uint32_t word = rq_load(rq, &rq->prio_words[p / 32]) & ~(1u << (p % 32));

	rq->prio_words[p / 32] = word;
	if (word == 0)
		rq->summary = rq_load(rq, &rq->summary) & ~(1u << (p / 32));
}

/* Effective priority of the current thread; idle ranks below every level. */
static int rq_current_prio(const struct run_queue *rq)
{
	return rq->current == rq->idle ? -1 : rq->current->eff_prio;
}

static sched_abort_fn sched_abort_wait; /* takes a timed-out thread off its wait queue */

void sched_set_abort_hook(sched_abort_fn abort)
{
	sched_abort_wait = abort;
}

/*
 * rq's current thread should make way: its CPU switches at its next preemption point. Only
 * another CPU needs telling (a reschedule IPI); this one reaches its preemption point anyway.
 */
static void rq_resched(struct run_queue *rq)
{
	rq->need_resched = true;
	if (rq->cpu != arch_cpu_id())
		arch_smp_kick(rq->cpu);
}

/* Records whether a newly READY t should preempt the current thread. */
static bool rq_check_preempt(struct run_queue *rq, const struct thread *t)
{
	bool preempt = (int)t->eff_prio > rq_current_prio(rq);

	if (preempt)
		rq_resched(rq);
	return preempt;
}

/* The load of rq: threads ready or running on it. */
static unsigned rq_load_of(const struct run_queue *rq)
{
	return rq->ready_count + (rq->current != rq->idle);
}

struct run_queue *sched_pick_cpu(struct run_queue *const *rqs, unsigned n, unsigned self,
				 unsigned affinity)
{
	struct run_queue *best = self < n ? rqs[self] : NULL;

	if (affinity < n && rqs[affinity] != NULL)
		return rqs[affinity];
	for (unsigned i = 0; i < n; i++) {
		if (rqs[i] != NULL && (best == NULL || rq_load_of(rqs[i]) < rq_load_of(best)))
			best = rqs[i];
	}
	return best;
}

void sched_init_cpu(struct run_queue *rq, unsigned cpu, struct thread *idle)
{
	*rq = (struct run_queue){.cpu = cpu, .current = idle, .idle = idle}; /* bitmap clear */
	for (unsigned p = 0; p < PRIO_LEVELS; p++)
		list_init(&rq->ready[p]);
	list_init(&rq->zombies);
	sleepq_init(&rq->sleepq);
	idle->rq = rq;
	idle->state = THREAD_RUNNING;
	idle->block_reason = BLOCK_NONE;
	idle->base_prio = idle->eff_prio = PRIO_LOWEST;
}

bool sched_start(struct run_queue *rq, struct thread *t)
{
	/* Only a freshly allocated thread has no run queue yet. */
	KASSERT(t->state == THREAD_BLOCKED && t->block_reason == BLOCK_NOT_STARTED);
	t->rq = rq;
	return sched_unblock(t, ERR_OK);
}

void sched_block(struct thread *t, enum block_reason reason, void *object, uint64_t deadline_us)
{
	struct run_queue *rq = t->rq;

	/* idle must always be runnable; only a running or ready thread can block. */
	KASSERT(rq && t != rq->idle && reason != BLOCK_NONE);
	KASSERT(t->state == THREAD_RUNNING || t->state == THREAD_READY);
	if (t->state == THREAD_READY)
		rq_dequeue(rq, t);
	t->state = THREAD_BLOCKED;
	t->block_reason = reason;
	t->block_object = object;
	t->wake_result = ERR_OK;
	if (deadline_us != NO_DEADLINE)
		sleepq_insert(&rq->sleepq, t, deadline_us);
	if (t == rq->current)
		rq->need_resched = true;
}

bool sched_unblock(struct thread *t, int32_t result)
{
	struct run_queue *rq = t->rq;

	/* Unblocking a thread that is not blocked means a wait queue lost track of it. */
	KASSERT(rq && t->state == THREAD_BLOCKED);
	sleepq_remove(&rq->sleepq, t);
	t->block_reason = BLOCK_NONE;
	t->block_object = NULL;
	t->wake_result = result;
	t->slice_left_us = t->slice_us;
	if (t == rq->current) {
		/* Woken before it was switched away: it simply keeps running. */
		t->state = THREAD_RUNNING;
		return false;
	}
	rq_enqueue(rq, t, false);
	return rq_check_preempt(rq, t);
}

bool sched_set_priority(struct thread *t, uint8_t eff_prio)
{
	struct run_queue *rq = t->rq;

	/* Inheritance only ever raises a thread above its base; idle stays below every level. */
	KASSERT(eff_prio >= t->base_prio && (!rq || t != rq->idle));
	if (!rq || (t->state != THREAD_READY && t->state != THREAD_RUNNING)) {
		t->eff_prio = eff_prio; /* not started, blocked or dead: no run queue to fix */
		return false;
	}
	if (eff_prio == t->eff_prio)
		return false;
	if (t->state == THREAD_READY) {
		rq_dequeue(rq, t);
		t->eff_prio = eff_prio;
		rq_enqueue(rq, t, false);
		return t == rq->current ? rq->need_resched : rq_check_preempt(rq, t);
	}
	t->eff_prio = eff_prio; /* RUNNING: preempted if it dropped below a ready thread */
	if (sched_highest_ready(rq) > (int)eff_prio)
		rq_resched(rq);
	return rq->need_resched;
}

/* t (not running) now belongs to `to`: its deadline moves along; the caller requeues it. */
static void rq_move(struct thread *t, struct run_queue *to)
{
	if (t->sleep_index >= 0) {
		sleepq_remove(&t->rq->sleepq, t);
		sleepq_insert(&to->sleepq, t, t->wake_deadline_us);
	}
	t->rq = to;
	t->move_to = NULL;
}

bool sched_move(struct thread *t, struct run_queue *to)
{
	struct run_queue *from = t->rq;

	KASSERT(from && t != from->idle && t->state != THREAD_DEAD && t->state != THREAD_FREE);
	if (t == from->current) {
		t->move_to = to == from ? NULL : to; /* moves when its CPU switches away from it */
		if (t->move_to)
			rq_resched(from);
		return false;
	}
	if (t->state == THREAD_READY)
		rq_dequeue(from, t);
	rq_move(t, to);
	if (t->state != THREAD_READY)
		return false;
	rq_enqueue(to, t, false);
	return rq_check_preempt(to, t);
}

void sched_kill(struct thread *t)
{
	struct run_queue *rq = t->rq;

	/* idle never dies; a thread dies once. */
	KASSERT(rq && t != rq->idle && t->state != THREAD_DEAD && t->state != THREAD_FREE);
	if (t->state == THREAD_READY)
		rq_dequeue(rq, t);
	sleepq_remove(&rq->sleepq, t);
	t->state = THREAD_DEAD;
	t->block_reason = BLOCK_NONE;
	t->block_object = NULL;
	if (t == rq->current)
		rq_resched(rq); /* schedule() moves it to zombies once it switched away */
	else
		list_add_tail(&rq->zombies, &t->run_link);
}

struct thread *sched_take_zombie(struct run_queue *rq)
{
	struct list_node *node = list_first(&rq->zombies);

	if (!node)
		return NULL;
	list_remove(node);
	return list_entry(node, struct thread, run_link);
}

/* Counts a switch from prev to next and traces it (why prev stopped: TRACE_SWITCH_*). */
static inline void rq_switched(struct run_queue *rq, struct thread *prev, struct thread *next)
{
	rq->stats.switches++;
	/* idle's tid is 0; prev is READY, BLOCKED or DEAD, block_reason NONE unless blocked */
	TRACE(TRACE_EV_SWITCH, prev->tid, next->tid, prev->state + 256u * prev->block_reason,
	      next->eff_prio);
}
_Static_assert(THREAD_READY == TRACE_SWITCH_READY && THREAD_BLOCKED == TRACE_SWITCH_BLOCKED &&
	       THREAD_DEAD == TRACE_SWITCH_DEAD && !BLOCK_NONE && BLOCK_SLEEP == TRACE_WAIT_SLEEP &&
	       BLOCK_IPC_SEND == TRACE_WAIT_IPC_SEND && BLOCK_IPC_RECV == TRACE_WAIT_IPC_RECV &&
	       BLOCK_IPC_REPLY == TRACE_WAIT_REPLY, "trace switch reasons (<keel/abi.h>)");

/*
 * The yield fast path: cur (RUNNING) and the head of its level, which is the highest ready
 * level, trade places. One list rotation: the level stays non-empty, so no bitmap word
 * changes, and ready_count is unchanged.
 */
static void sched_rotate(struct run_queue *rq, struct thread *cur)
{
	struct list_node *level = &rq->ready[cur->eff_prio];
	struct thread *next = list_entry(level->next, struct thread, run_link);

	list_remove(&next->run_link);
	list_add_tail(level, &cur->run_link);
	cur->state = THREAD_READY;
	next->state = THREAD_RUNNING;
	rq->current = next;
	rq->need_resched = false;
	rq_switched(rq, cur, next);
	arch_context_switch(cur, next);
}

/*
 * cur goes to the tail of its level with a fresh slice. If its level is the highest ready
 * one, that is a rotation (sched_rotate); otherwise (idle, alone at its level, or a higher
 * thread pending) the general enqueue and schedule(). Same result either way.
 */
void sched_yield(struct run_queue *rq)
{
	struct thread *cur = rq->current;

	if (cur != rq->idle && cur->state == THREAD_RUNNING && !cur->move_to) {
		cur->slice_left_us = cur->slice_us;
		if (sched_highest_ready(rq) == (int)cur->eff_prio) {
			sched_rotate(rq, cur);
			return;
		}
		rq_enqueue(rq, cur, false);
	}
	schedule(rq);
}

static void sched_timeout_wake(struct thread *t, void *ctx)
{
	(void)ctx;
	if (sched_abort_wait)
		sched_abort_wait(t);
	sched_unblock(t, ERR_TIMEOUT);
}

/* Charges `elapsed` to the current thread; on slice expiry rotates it behind its peers. */
static void sched_charge(struct run_queue *rq, uint64_t elapsed)
{
	struct thread *cur = rq->current;

	if (cur == rq->idle || cur->state != THREAD_RUNNING)
		return;
	if (elapsed < cur->slice_left_us) {
		cur->slice_left_us -= (uint32_t)elapsed;
		return;
	}
	cur->slice_left_us = cur->slice_us;
	if (!list_is_empty(&rq->ready[cur->eff_prio])) {
		rq_enqueue(rq, cur, false);
		rq->need_resched = true;
	}
}

bool sched_timer_tick(struct run_queue *rq, uint64_t now_us)
{
	uint64_t elapsed = now_us > rq->last_tick_us ? now_us - rq->last_tick_us : 0;

	rq->last_tick_us = now_us;
	sleepq_expire(&rq->sleepq, now_us, sched_timeout_wake, NULL);
	sched_charge(rq, elapsed);
	return rq->need_resched;
}

void sched_handoff(struct run_queue *rq, enum block_reason reason, void *object,
		   struct thread *next)
{
	struct thread *prev = rq->current;

	/* A running thread hands over to a blocked thread of its own CPU that outranks the rest. */
	KASSERT(prev->state == THREAD_RUNNING && next->state == THREAD_BLOCKED && next->rq == rq);
	KASSERT(prev != rq->idle &&
		(rq->ready_count == 0 || sched_highest_ready(rq) < (int)next->eff_prio));
	prev->state = THREAD_BLOCKED;
	prev->block_reason = reason;
	prev->block_object = object;
	prev->wake_result = ERR_OK;
	if (next->sleep_index >= 0)
		sleepq_remove(&rq->sleepq, next);
	next->block_reason = BLOCK_NONE;
	next->block_object = NULL;
	next->wake_result = ERR_OK;
	next->slice_left_us = next->slice_us;
	next->state = THREAD_RUNNING;
	rq->current = next;
	rq->need_resched = false;
	rq_switched(rq, prev, next);
}

/* prev, switched away from, goes to its move_to queue: ready there if it was running. */
static void sched_move_away(struct thread *prev)
{
	struct run_queue *to = prev->move_to;

	rq_move(prev, to); /* leaves its state as it is */
	if (prev->state == THREAD_RUNNING) {
		rq_enqueue(to, prev, false);
		rq_check_preempt(to, prev);
	}
}

struct thread *sched_pick_next(struct run_queue *rq)
{
	int p = sched_highest_ready(rq);

	return p < 0 ? rq->idle : list_entry(rq->ready[p].next, struct thread, run_link);
}

void schedule(struct run_queue *rq)
{
	struct thread *prev = rq->current;

	if (prev == rq->idle)
		prev->state = THREAD_READY; /* idle is "ready" whenever it is not running */
	else if (prev->move_to && prev->state != THREAD_DEAD)
		sched_move_away(prev); /* to the CPU it was moved to (sched_move) */
	else if (prev->state == THREAD_RUNNING)
		rq_enqueue(rq, prev, true); /* preempted: first in line at its level */
	else if (prev->state == THREAD_DEAD)
		list_add_tail(&rq->zombies, &prev->run_link);

	struct thread *next = sched_pick_next(rq);

	if (next != rq->idle)
		rq_dequeue(rq, next);
	next->state = THREAD_RUNNING;
	rq->current = next;
	rq->need_resched = false;
	if (next == prev)
		return;
	rq_switched(rq, prev, next);
	arch_context_switch(prev, next);
}

bool sched_preempt_point(struct run_queue *rq)
{
	if (!rq->need_resched)
		return false;
	schedule(rq);
	return true;
}

bool sched_preempt_point_higher(struct run_queue *rq)
{
	return rq->need_resched && sched_highest_ready(rq) > rq_current_prio(rq) &&
	       sched_preempt_point(rq);
}
