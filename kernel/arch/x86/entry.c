/*
 * The first C code: brings up the boot CPU (console, CPU check, per-CPU data, GDT/TSS, IDT,
 * PIC), reads the Multiboot information, starts the timer and hands over to the generic
 * kmain(). Built for any x86 (BUILD: early) so the CPU check can run and refuse cleanly.
 */
#include <arch/console.h>
#include <arch/context.h>
#include <arch/cpu_features.h>
#include <arch/gdt.h>
#include <arch/memory.h>
#include <arch/multiboot.h>
#include <arch/pic.h>
#include <arch/pit.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/boot.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>

#define BOOT_CPU_ID 0

_Noreturn void arch_x86_main(uint32_t magic, uint32_t mbi_phys);

static struct boot_info boot_info;

/* Called by boot.S on the boot stack, paging on, interrupts off. */
void arch_x86_main(uint32_t magic, uint32_t mbi_phys)
{
	console_init();
	cpu_features_init(); /* refuses a CPU the kernel cannot run on, before any i686 code */
	struct percpu *cpu = percpu_init(BOOT_CPU_ID, (uintptr_t)boot_stack_top);

	gdt_init(cpu);
	idt_init();
	cpu_features_enable(); /* UMIP */
	cpu_features_print();
	syscall_arch_init(); /* sysenter MSRs */
	pic_init();
	x86_fpu_init(); /* user programs may use x87/SSE */

	if (mbi_phys >= BOOT_MAPPED_PHYS) {
		kprintf("boot: Multiboot info at 0x%08x lies outside the boot mapping\n", mbi_phys);
		kernel_stop(KERNEL_EXIT_PANIC);
	}
	if (multiboot_parse(magic, phys_to_virt(mbi_phys), &boot_info) != ERR_OK) {
		kprintf("boot: not started by a Multiboot loader (magic 0x%08x)\n", magic);
		kernel_stop(KERNEL_EXIT_PANIC);
	}
	pit_timer_init();
	kmain(&boot_info);
}
