/*
 * Application processors (docs/smp.md). The boot CPU reads ACPI's MADT, starts every other
 * enabled CPU with INIT and start-up IPIs into the trampoline (smp_trampoline.S), and waits
 * for each to report in with the local APIC id it reads from its own APIC and the CPU number
 * its own per-CPU segment gives it. A CPU that reported in schedules its own run queue on its
 * own local APIC timer (kmain_ap).
 */
#include <arch/context.h>
#include <arch/cpu_features.h>
#include <arch/gdt.h>
#include <arch/ioapic.h>
#include <arch/lapic.h>
#include <arch/memory.h>
#include <arch/paging.h>
#include <arch/pit.h>
#include <arch/smp.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#include "acpi.h"

#define INIT_WAIT_US	 10000u	 /* after INIT, before the first start-up IPI */
#define STARTUP_WAIT_US	 200u	 /* after the first start-up IPI */
#define REPORT_WAIT_US	 100000u /* after the second: the CPU counts as not starting */

static uint8_t ap_stacks[PERCPU_MAX_CPUS - 1][KERNEL_STACK_SIZE] __attribute__((aligned(16)));
static volatile uint32_t ap_reported; /* 0 before; then AP_REPORT(APIC id, this_cpu's id) */
static unsigned ap_index;	      /* the CPU number the starting AP takes */
#define AP_REPORT(apic, cpu) (1u + (apic) + ((uint32_t)(cpu) << 8))
static unsigned cpus_online = 1;
static uint32_t lapic_counts_per_ms; /* the local APIC timer's rate, measured once */

unsigned smp_cpus_online(void)
{
	return cpus_online;
}

/* acpi_read_fn: copies through mmu_kmap a page at a time (the tables lie anywhere). */
static bool phys_read(void *ctx, void *dst, uint32_t phys, uint32_t len)
{
	(void)ctx;
	while (len > 0) {
		phys_addr_t frame = phys & ~(PAGE_SIZE - 1);
		uint32_t off = phys - frame, n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		bool irq = arch_irq_save();

		memcpy(dst, (const uint8_t *)mmu_kmap(frame) + off, n);
		mmu_kunmap(frame);
		arch_irq_restore(irq);
		dst = (uint8_t *)dst + n;
		phys += n;
		len -= n;
	}
	return true;
}

/*
 * An AP, on its boot stack with the boot directory: takes its per-CPU record, its own GDT,
 * TSS and %fs, the kernel's directory, the IDT, the CPU features the boot CPU turned on
 * (UMIP, global pages, sysenter, FPU) and its local APIC; reports in with the APIC id it
 * reads and the CPU number this_cpu() gives it; then waits for the kernel lock (the boot
 * CPU holds it until it first idles), starts its timer and becomes a scheduling CPU.
 */
static _Noreturn void smp_ap_main(void)
{
	unsigned n = ap_index;
	struct percpu *cpu = percpu_init(n, (uintptr_t)(ap_stacks[n - 1] + KERNEL_STACK_SIZE));

	gdt_init(cpu);
	mmu_activate(mmu_kernel_space());
	idt_load();
	cpu_features_enable();
	paging_enable_global_pages();
	syscall_arch_init();
	x86_fpu_init_ap();
	lapic_enable();
	cpu->arch_id = lapic_id();
	ap_reported = AP_REPORT(cpu->arch_id, this_cpu()->cpu_id);
	kernel_enter();
	lapic_timer_start(lapic_counts_per_ms);
	kmain_ap();
}

/* Waits until the starting AP reports in or `us` passed; whether it did. */
static bool wait_report(uint64_t us)
{
	uint64_t end = timer_read_us() + us;

	while (ap_reported == 0 && timer_read_us() < end)
		__asm__ volatile("pause");
	return ap_reported != 0;
}

/* INIT, then up to two start-up IPIs (Intel's MP protocol). Whether `apic_id` reported in. */
static bool start_ap(uint8_t apic_id, unsigned index, uint32_t boot_dir)
{
	struct smp_trampoline_params *p = phys_to_virt(
	    SMP_TRAMPOLINE_PHYS + (uint32_t)(smp_trampoline_params - smp_trampoline));

	p->cr3 = boot_dir;
	p->stack_top = (uint32_t)(uintptr_t)(ap_stacks[index - 1] + KERNEL_STACK_SIZE);
	p->entry = (uint32_t)(uintptr_t)smp_ap_main;
	ap_index = index;
	ap_reported = 0;
	lapic_send_init(apic_id);
	wait_report(INIT_WAIT_US);
	for (unsigned i = 0; i < 2 && ap_reported == 0; i++) {
		lapic_send_startup(apic_id, SMP_TRAMPOLINE_PHYS >> 12);
		wait_report(i == 0 ? STARTUP_WAIT_US : REPORT_WAIT_US);
	}
	return ap_reported == AP_REPORT(apic_id, index);
}

static void print_madt(const struct acpi_madt *m)
{
	kprintf("smp: %u CPU%s in ACPI's MADT (APIC ids", m->ncpus, m->ncpus == 1 ? "" : "s");
	for (unsigned i = 0; i < m->ncpus; i++)
		kprintf(" %u", m->apic_id[i]);
	kprintf("), I/O APIC %s0x%08x\n", m->have_ioapic ? "at " : "missing, ", m->ioapic_phys);
	if (m->cpus_dropped != 0)
		kprintf("smp: %u more CPUs ignored: at most %u are used\n", m->cpus_dropped,
			ACPI_CPUS_MAX);
}

/* Starts every AP of m; the boot CPU's APIC is `self`. */
static void start_aps(const struct acpi_madt *m, uint8_t self, uint32_t boot_dir)
{
	memcpy(phys_to_virt(SMP_TRAMPOLINE_PHYS), smp_trampoline,
	       (size_t)(smp_trampoline_end - smp_trampoline));
	for (unsigned i = 0; i < m->ncpus; i++) {
		if (m->apic_id[i] == self)
			continue;
		if (start_ap(m->apic_id[i], cpus_online, boot_dir))
			cpus_online++;
		else
			kprintf("smp: the CPU with APIC id %u did not report in: not used\n",
				m->apic_id[i]);
	}
}

/*
 * The boot CPU's local APIC, then the I/O APIC in the 8259s' place, then its timer measured
 * and, if it counts, ticking in the PIT's place (whose line is masked). Whether it is up.
 */
static bool boot_cpu_apics(const struct acpi_madt *m)
{
	bool irq = arch_irq_save(), ioapic;

	if (lapic_map(m->lapic_phys) != ERR_OK) {
		arch_irq_restore(irq);
		kprintf("smp: no memory to map the local APIC: the boot CPU and the 8259s only\n");
		return false;
	}
	lapic_enable();
	this_cpu()->arch_id = lapic_id();
	ioapic = ioapic_init(m);
	arch_irq_restore(irq);
	kprintf(ioapic ? "ioapic: ISA lines 0-15 through the I/O APIC, the 8259s masked\n"
		       : "ioapic: none usable: the 8259s deliver to the boot CPU\n");
	lapic_counts_per_ms = lapic_timer_calibrate();
	kprintf("smp: local APIC timer %u counts per ms (divide by 16)\n", lapic_counts_per_ms);
	if (lapic_counts_per_ms != 0) {
		arch_irq_mask(PIT_IRQ);
		lapic_timer_start(lapic_counts_per_ms);
		kprintf("timer: the boot CPU ticks on its local APIC timer, the PIT's line masked\n");
	}
	return true;
}

void arch_smp_init(void)
{
	struct acpi_madt m;
	int err = acpi_read_madt(phys_read, NULL, &m);

	if (err != ERR_OK) {
		kprintf("smp: no usable ACPI MADT (error %d): the boot CPU only\n", err);
		return;
	}
	print_madt(&m);
	if (!boot_cpu_apics(&m) || m.ncpus < 2)
		return;
	phys_addr_t boot_dir = mmu_boot_directory();

	if (boot_dir == 0) {
		kprintf("smp: no memory for the boot directory: the boot CPU only\n");
		return;
	}
	start_aps(&m, lapic_id(), (uint32_t)boot_dir);
	kprintf("smp: %u of %u CPUs up, each with its own run queue and timer\n", cpus_online,
		m.ncpus);
}
