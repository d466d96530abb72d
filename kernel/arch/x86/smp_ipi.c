/*
 * Inter-processor interrupts (docs/smp.md). Reschedule: the receiver looks at its run queue
 * on the way out of the interrupt. Sync: the sender holds the big kernel lock and waits until
 * every CPU it asked has done what it asked (flush its TLB, leave a dying address space,
 * reload its I/O bitmap); the receiver does it without the lock, in the interrupt if it runs
 * user code or idles, or between looks at the lock if it waits for it with interrupts off,
 * so the wait always ends. Stop: an NMI, which even a CPU with interrupts off takes.
 */
#include <arch/iomap.h>
#include <arch/lapic.h>
#include <arch/smp.h>
#include <arch/trap.h>
#include <kernel/arch.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>

#define SYNC_TLB   1u /* reload CR3: every user-half TLB entry goes */
#define SYNC_LEAVE 2u /* on sync_space: switch to the kernel's page tables */
#define SYNC_IOMAP 4u /* reload the I/O bitmap from the map the TSS holds */

static volatile bool stopping;

static void do_sync(struct percpu *cpu)
{
	unsigned req = __atomic_load_n(&cpu->sync, __ATOMIC_ACQUIRE);

	if (req == 0)
		return;
	if ((req & SYNC_LEAVE) && cpu->active_space == cpu->sync_space)
		mmu_activate(mmu_kernel_space());
	else if (req & (SYNC_TLB | SYNC_LEAVE))
		mmu_activate(cpu->active_space);
	if (req & SYNC_IOMAP)
		iomap_resync();
	__atomic_store_n(&cpu->sync, 0, __ATOMIC_RELEASE);
}

void arch_smp_poll(void)
{
	if (stopping)
		arch_halt();
	do_sync(this_cpu());
	__asm__ volatile("pause");
}

/*
 * Asks every other CPU that runs on `space` (if not NULL) or holds I/O map `io` (if not
 * NULL) for `what`, and waits until each did it. The caller holds the kernel lock, so none
 * of them changes its space or map meanwhile except as asked.
 */
static void sync_others(unsigned what, struct page_table *space, const void *io)
{
	struct percpu *self = this_cpu(), *asked[PERCPU_MAX_CPUS];
	unsigned n = 0;

	for (unsigned i = 0; i < PERCPU_MAX_CPUS; i++) {
		struct percpu *cpu = percpu_of(i);

		if (cpu == NULL || cpu == self || (space != NULL && cpu->active_space != space) ||
		    (io != NULL && cpu->io_loaded != io))
			continue;
		cpu->sync_space = space;
		__atomic_or_fetch(&cpu->sync, what, __ATOMIC_RELEASE);
		lapic_send_fixed((uint8_t)cpu->arch_id, TRAP_SYNC);
		self->counters.ipis_sent++;
		asked[n++] = cpu;
	}
	for (unsigned i = 0; i < n; i++) {
		while (__atomic_load_n(&asked[i]->sync, __ATOMIC_ACQUIRE) != 0)
			__asm__ volatile("pause");
	}
}

void arch_tlb_shootdown(struct page_table *pt)
{
	sync_others(SYNC_TLB, pt, NULL);
}

void arch_smp_leave_space(struct page_table *pt)
{
	sync_others(SYNC_LEAVE, pt, NULL);
}

void smp_sync_io(const void *map)
{
	sync_others(SYNC_IOMAP, NULL, map);
}

void smp_sync_interrupt(void)
{
	struct percpu *cpu = this_cpu();

	lapic_eoi();
	cpu->counters.ipis_received++;
	do_sync(cpu);
}

void arch_smp_kick(unsigned cpu_id)
{
	struct percpu *self = this_cpu(), *cpu = percpu_of(cpu_id);

	if (cpu == NULL || cpu == self)
		return;
	lapic_send_fixed((uint8_t)cpu->arch_id, TRAP_RESCHED);
	self->counters.ipis_sent++;
}

void smp_resched_interrupt(void)
{
	lapic_eoi();
	this_cpu()->counters.ipis_received++;
}

void arch_smp_stop_others(void)
{
	stopping = true;
	if (smp_cpus_online() > 1)
		lapic_send_nmi_others();
}
