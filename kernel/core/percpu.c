/*
 * Storage for every CPU's struct percpu (the arch layer makes each reachable via this_cpu()),
 * the big kernel lock, and where new threads go.
 */
#define SPIN_RELAX() arch_smp_poll() /* see kernel_lock below */
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>

static struct percpu percpu_cpus[PERCPU_MAX_CPUS];

struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top)
{
	if (cpu_id >= PERCPU_MAX_CPUS)
		return NULL;
	struct percpu *cpu = &percpu_cpus[cpu_id];

	*cpu = (struct percpu){.self = cpu, .cpu_id = cpu_id, .kernel_stack_top = kernel_stack_top};
	return cpu;
}

struct percpu *percpu_of(unsigned cpu_id)
{
	return cpu_id < PERCPU_MAX_CPUS && percpu_cpus[cpu_id].self != NULL ? &percpu_cpus[cpu_id]
									    : NULL;
}

/*
 * The big kernel lock: a ticket lock (FIFO), so a waiting CPU's wait is bounded by the hold
 * times of the CPUs ahead of it, with a shared side for the same-CPU IPC fast path
 * (<kernel/spinlock.h>). While it waits, with interrupts off, a CPU still does what another
 * CPU (which holds the lock) waits for it to do: TLB flushes, leaving a dying address space,
 * a stop (arch_smp_poll). Its words share one cache line: an entry touches one line.
 */
static struct shared_lock klock __attribute__((aligned(64))) = {SPINLOCK_INIT, 0};

/* Out of line, so that the usual entry (the lock free, the thread alive) saves no registers. */
static __attribute__((noinline)) void kernel_lock_wait(unsigned ticket)
{
	spin_wait(&klock.lock, ticket);
	shared_drain(&klock);
}

static __attribute__((noinline)) void kernel_enter_killed(struct run_queue *rq)
{
	schedule(rq); /* killed elsewhere meanwhile: never resumed */
}

void kernel_enter(void)
{
	struct percpu *cpu = this_cpu();

	if (cpu->lock_depth++ != 0)
		return; /* (never on the shared side: its path takes no exception or interrupt) */
	unsigned ticket = spin_ticket(&klock.lock);

	if (!spin_ticket_holds(&klock.lock, ticket) || atomic_load(&klock.shared) != 0)
		kernel_lock_wait(ticket);
}

bool kernel_enter_shared(void)
{
	struct percpu *cpu = this_cpu();
	unsigned next;

	/* Held or waited for: after those CPUs had it, once more (the wait the lock's own queue
	 * would have cost); then the caller queues for the lock, whose queue bounds its wait.
	 * Not queueing at first keeps the CPUs on the shared side from convoying behind one. */
	if (!shared_try(&klock, &next) &&
	    (shared_wait_turn(&klock, next), !shared_try(&klock, &next)))
		return false;
	if (cpu->rq.need_resched || cpu->rq.current->state == THREAD_DEAD) {
		shared_leave(&klock);
		return false;
	}
	cpu->shared = true;
	cpu->lock_depth = 1;
	return true;
}

void kernel_enter_thread(void)
{
	struct run_queue *rq = this_rq();

	kernel_enter();
	if (rq->current->state == THREAD_DEAD)
		kernel_enter_killed(rq);
}

void kernel_exit(void)
{
	struct percpu *cpu = this_cpu();

	KASSERT(cpu->lock_depth > 0);
	if (--cpu->lock_depth != 0)
		return;
	if (cpu->shared)
		shared_leave(&klock);
	else
		spin_unlock(&klock.lock);
	cpu->shared = false;
}

void kernel_preemption_window(void)
{
	bool outermost = this_cpu()->lock_depth == 1;

	KASSERT(!this_cpu()->shared);
	if (outermost)
		kernel_exit();
	arch_irq_window();
	if (outermost)
		kernel_enter_thread(); /* killed by another CPU meanwhile: switches away for good */
	sched_preempt_point_higher(this_rq());
}

struct run_queue *percpu_place(unsigned affinity)
{
	struct run_queue *rqs[PERCPU_MAX_CPUS];
	unsigned n = 0;

	for (unsigned i = 0; i < PERCPU_MAX_CPUS; i++) {
		struct percpu *cpu = percpu_of(i);

		rqs[n++] = cpu != NULL && cpu->rq.idle != NULL ? &cpu->rq : NULL;
	}
	return sched_pick_cpu(rqs, n, this_cpu()->cpu_id, affinity);
}
