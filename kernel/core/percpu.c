/*
 * Storage for every CPU's struct percpu (the arch layer makes each reachable via this_cpu()),
 * the big kernel lock, and where new threads go.
 */
#define SPIN_RELAX() arch_smp_poll() /* see kernel_lock below */
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>

static struct percpu percpu_cpus[PERCPU_MAX_CPUS];

struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top)
{
	if (cpu_id >= PERCPU_MAX_CPUS)
		return NULL;
	struct percpu *cpu = &percpu_cpus[cpu_id];

	memset(cpu, 0, sizeof(*cpu));
	cpu->self = cpu;
	cpu->cpu_id = cpu_id;
	cpu->kernel_stack_top = kernel_stack_top;
	return cpu;
}

struct percpu *percpu_of(unsigned cpu_id)
{
	return cpu_id < PERCPU_MAX_CPUS && percpu_cpus[cpu_id].self != NULL ? &percpu_cpus[cpu_id]
									    : NULL;
}

/*
 * The big kernel lock: a ticket lock (FIFO), so a waiting CPU's wait is bounded by the hold
 * times of the CPUs ahead of it. While it waits, with interrupts off, a CPU still does what
 * another CPU (which holds the lock) waits for it to do: TLB flushes, leaving a dying
 * address space, a stop (arch_smp_poll).
 */
static struct spinlock kernel_lock = SPINLOCK_INIT;

/* Out of line, so that the usual entry (the lock free, the thread alive) saves no registers. */
static __attribute__((noinline)) void kernel_lock_wait(unsigned ticket)
{
	spin_wait(&kernel_lock, ticket);
}

static __attribute__((noinline)) void kernel_enter_killed(struct run_queue *rq)
{
	schedule(rq); /* killed elsewhere meanwhile: never resumed */
}

void kernel_enter(void)
{
	struct percpu *cpu = this_cpu();
	unsigned ticket;

	if (cpu->lock_depth++ != 0)
		return;
	ticket = spin_ticket(&kernel_lock);
	if (!spin_ticket_holds(&kernel_lock, ticket))
		kernel_lock_wait(ticket);
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
	if (--cpu->lock_depth == 0)
		spin_unlock(&kernel_lock);
}

void kernel_preemption_window(void)
{
	bool outermost = this_cpu()->lock_depth == 1;

	if (outermost)
		kernel_exit();
	arch_irq_window();
	if (outermost)
		kernel_enter();
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
