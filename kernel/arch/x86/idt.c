/*
 * The IDT: interrupt gates for the 32 exceptions and the 16 PIC lines, a task gate for #DF
 * (a fresh stack even if %esp is bad), the DPL-3 int 0x80 gate and the local APIC's vectors.
 * Also the trap dispatcher, which runs with the big kernel lock (trap_entry.S takes it).
 */
#include <arch/gdt.h>
#include <arch/lapic.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

#define IDT_ENTRY_COUNT	  256
#define GATE_PRESENT	  0x80u
#define GATE_DPL(n)	  ((uint32_t)(n) << 5)
#define GATE_INTERRUPT_32 0x0eu /* clears IF on entry */
#define GATE_TASK	  0x05u

static uint64_t idt[IDT_ENTRY_COUNT];

static void idt_set_gate(unsigned vector, uint32_t offset, uint16_t selector, uint32_t type_attr)
{
	idt[vector] = (offset & 0xffffu) | (uint64_t)selector << 16 |
		      (uint64_t)(type_attr & 0xffu) << 40 | (uint64_t)(offset >> 16) << 48;
}

/* An interrupt gate (IF cleared on entry) to kernel code at `entry`, callable from ring `dpl`. */
static void idt_interrupt_gate(unsigned vector, uintptr_t entry, unsigned dpl)
{
	idt_set_gate(vector, (uint32_t)entry, SEL_KERNEL_CODE,
		     GATE_PRESENT | GATE_DPL(dpl) | GATE_INTERRUPT_32);
}

void idt_init(void)
{
	for (unsigned i = 0; i < TRAP_STUB_COUNT; i++) {
		unsigned vector = /* the exceptions, then the PIC lines */
		    i < TRAP_EXCEPTION_COUNT ? i : TRAP_IRQ_BASE + i - TRAP_EXCEPTION_COUNT;

		idt_interrupt_gate(vector, trap_stub_table[i], 0);
	}
	idt_set_gate(TRAP_DF, 0, SEL_DF_TSS, GATE_PRESENT | GATE_TASK);
	idt_interrupt_gate(TRAP_SYSCALL, (uintptr_t)syscall_int80_entry, 3);
	idt_interrupt_gate(LAPIC_SPURIOUS_VECTOR, (uintptr_t)lapic_spurious_entry, 0);
	idt_interrupt_gate(TRAP_LAPIC_TIMER, (uintptr_t)trap_stub_lapic_timer, 0);
	idt_interrupt_gate(TRAP_RESCHED, (uintptr_t)trap_stub_resched, 0);
	idt_interrupt_gate(TRAP_SYNC, (uintptr_t)trap_stub_sync, 0);
	idt_load();
}

void idt_load(void)
{
	struct x86_table_pointer ptr = {sizeof(idt) - 1, (uint32_t)(uintptr_t)idt};

	__asm__ volatile("lidt %0" : : "m"(ptr));
}

void trap_dispatch(struct trap_frame *frame)
{
	if (frame->vector == TRAP_NMI)
		arch_smp_poll(); /* another CPU stopped the kernel: stops here */
	if (frame->vector < TRAP_EXCEPTION_COUNT) {
		if (trap_from_user(frame) && current_thread()->state == THREAD_DEAD)
			schedule(this_rq()); /* killed elsewhere while it waited for the lock */
		if (x86_fpu_first_use(frame)) /* a user thread's first FPU instruction */
			return;
		if (trap_user_exception(frame)) /* ring 3 (thread killed), or the sysenter #DB */
			return;
		exception_fatal(frame);
	}
	this_cpu()->counters.irqs++;
	if (frame->vector >= TRAP_IRQ_BASE && frame->vector < TRAP_IRQ_BASE + TRAP_IRQ_COUNT)
		irq_dispatch(frame->vector - TRAP_IRQ_BASE);
	else if (frame->vector == TRAP_LAPIC_TIMER)
		lapic_timer_tick(frame);
	else if (frame->vector == TRAP_RESCHED)
		smp_resched_interrupt();
	else
		panic("trap: no handler for vector %u", frame->vector);
	/* The kernel is not preemptible: switch only on the way back to ring 3. */
	if (trap_from_user(frame))
		sched_preempt_point(this_rq());
}
