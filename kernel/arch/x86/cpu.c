/*
 * CPU control hooks of the arch contract: interrupt flag, idle, halt, emulator exit, and
 * this_cpu() through the %fs segment base.
 */
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/percpu.h>

#define DEBUG_EXIT_PORT 0xf4 /* QEMU -device isa-debug-exit,iobase=0xf4: status = 2*code+1 */

unsigned arch_cpu_id(void)
{
	return this_cpu()->cpu_id;
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

bool arch_irq_save(void)
{
	bool enabled = (read_eflags() & X86_EFLAGS_IF) != 0;

	arch_irq_disable();
	return enabled;
}

void arch_irq_restore(bool enabled)
{
	if (enabled)
		arch_irq_enable();
}

/* sti's one-instruction shadow covers the nop; a pending interrupt is taken before the cli. */
void arch_irq_window(void)
{
	__asm__ volatile("sti; nop; cli" : : : "memory");
}

/* Enables interrupts and sleeps; "sti; hlt" leaves no window for a lost wakeup. */
void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_exit_emulator(int code)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)code);
	arch_halt(); /* no debug-exit device: stop here */
}
