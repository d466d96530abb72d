/*
 * The per-CPU sleep queue: a fixed-size binary min-heap of threads ordered by (deadline,
 * insertion sequence). Bounds are documented in <kernel/sleepq.h> and docs/scheduler.md.
 */
#include <kernel/kprintf.h>
#include <kernel/sleepq.h>

void sleepq_init(struct sleep_queue *sq)
{
	sq->count = sq->next_seq = 0;
}

/* True if a must expire before b: earlier deadline, or same deadline and queued first. */
static bool sleepq_before(const struct thread *a, const struct thread *b)
{
	if (a->wake_deadline_us != b->wake_deadline_us)
		return a->wake_deadline_us < b->wake_deadline_us;
	return a->sleep_seq < b->sleep_seq;
}

static void sleepq_place(struct sleep_queue *sq, uint32_t i, struct thread *t)
{
	sq->heap[i] = t;
	t->sleep_index = (int32_t)i;
}

/* Moves the entry at i towards the root until its parent comes before it. */
static void sleepq_sift_up(struct sleep_queue *sq, uint32_t i)
{
	struct thread *t = sq->heap[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 2;

		if (!sleepq_before(t, sq->heap[parent]))
			break;
		sleepq_place(sq, i, sq->heap[parent]);
		i = parent;
	}
	sleepq_place(sq, i, t);
}

/* Moves the entry at i towards the leaves until both children come after it. */
static void sleepq_sift_down(struct sleep_queue *sq, uint32_t i)
{
	struct thread *t = sq->heap[i];

	for (;;) {
		uint32_t child = 2 * i + 1;

		if (child >= sq->count)
			break;
		if (child + 1 < sq->count && sleepq_before(sq->heap[child + 1], sq->heap[child]))
			child++;
		if (!sleepq_before(sq->heap[child], t))
			break;
		sleepq_place(sq, i, sq->heap[child]);
		i = child;
	}
	sleepq_place(sq, i, t);
}

void sleepq_insert(struct sleep_queue *sq, struct thread *t, uint64_t deadline_us)
{
	/* A thread is on at most one sleep queue, so THREAD_MAX entries always suffice. */
	KASSERT(t->sleep_index < 0 && sq->count < THREAD_MAX);
	t->wake_deadline_us = deadline_us;
	t->sleep_seq = sq->next_seq++;
	sleepq_place(sq, sq->count++, t);
	sleepq_sift_up(sq, sq->count - 1);
}

void sleepq_remove(struct sleep_queue *sq, struct thread *t)
{
	if (t->sleep_index < 0)
		return;
	uint32_t i = (uint32_t)t->sleep_index;

	/* The slot must hold t, or t is on another CPU's queue. */
	KASSERT(i < sq->count && sq->heap[i] == t);
	t->sleep_index = -1;
	t->wake_deadline_us = NO_DEADLINE;
	sq->count--;
	if (i == sq->count)
		return;
	sleepq_place(sq, i, sq->heap[sq->count]);
	if (i > 0 && sleepq_before(sq->heap[i], sq->heap[(i - 1) / 2]))
		sleepq_sift_up(sq, i);
	else
		sleepq_sift_down(sq, i);
}

struct thread *sleepq_pop_expired(struct sleep_queue *sq, uint64_t now_us)
{
	if (sq->count == 0 || sq->heap[0]->wake_deadline_us > now_us)
		return NULL;
	struct thread *t = sq->heap[0];

	sleepq_remove(sq, t);
	return t;
}

uint32_t sleepq_expire(struct sleep_queue *sq, uint64_t now_us, sleepq_wake_fn wake, void *ctx)
{
	uint32_t woken = 0;
	struct thread *t;

	while ((t = sleepq_pop_expired(sq, now_us)) != NULL) {
		wake(t, ctx);
		woken++;
	}
	return woken;
}
