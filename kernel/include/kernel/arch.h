/*
 * The arch contract: every hook a port implements. Generic kernel code reaches the hardware
 * only through these (and <arch/memory.h> for the physical/virtual address mapping).
 * x86 implements them in kernel/arch/x86; host unit tests link a fake in kernel/arch/host.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <kernel/types.h>
#include <arch/memory.h>

struct boot_info;

/* CPU control. */
void arch_irq_enable(void);
void arch_irq_disable(void);
bool arch_irq_save(void);           /* disable interrupts; return whether they were enabled */
void arch_irq_restore(bool enabled);
/*
 * With interrupts disabled: lets the interrupts pending now be taken (enabled for at least one
 * instruction), then disables them again. A kernel path's preemption window.
 */
void arch_irq_window(void);
void arch_wait_for_interrupt(void); /* sleep until the next interrupt (idle) */
_Noreturn void arch_halt(void);     /* stop this CPU for good */
unsigned arch_cpu_id(void);

/*
 * SMP (docs/smp.md). arch_smp_poll: what a CPU waiting for the kernel lock does between looks
 * (the requests of the CPU that holds it: TLB flushes, leaving a dying space, a stop).
 * arch_smp_kick: makes CPU `cpu` look at its run queue (a reschedule IPI) unless it is this
 * one. arch_smp_leave_space: no other CPU runs on pt's page tables once it returns (they
 * switch to the kernel's). arch_tlb_shootdown: every other CPU running on pt drops its TLB
 * entries of pt before it returns.
 */
void arch_smp_poll(void);
void arch_smp_kick(unsigned cpu);
void arch_smp_stop_others(void); /* they halt where they are (kernel_stop) */
struct page_table;
void arch_smp_leave_space(struct page_table *pt);
void arch_tlb_shootdown(struct page_table *pt);

/*
 * Early console (boot messages and panics only). A console device stops getting the kernel's
 * output once a unit takes it over (its I/O ports enabled or its memory mapped writable, see
 * arch_console_claim_*); an alert (panic, fatal exception) writes to every device again.
 * arch_console_debug_putc is SYS_DEBUG_PRINT's: the serial line even when a unit owns it
 * (test images only), the screen while no unit owns it.
 */
void arch_console_putc(char c);
void arch_console_debug_putc(char c);
void arch_console_alert(void); /* switch to alert colours (panics, fatal exceptions) */
void arch_console_claim_ports(uint32_t base, uint32_t count, const char *unit);
void arch_console_claim_memory(phys_addr_t base, uint64_t size, const char *unit);

/* Ends the machine with `code` where the platform can (QEMU's isa-debug-exit); else halts. */
_Noreturn void arch_exit_emulator(int code);

/*
 * Interrupt lines. A handler runs with interrupts disabled; the dispatcher acknowledges the
 * line at the controller (arch_irq_eoi) after the handler returns. A line whose device is
 * served later (by a user-space driver) is masked by its handler at interrupt time, so the EOI
 * lets other lines in while that device stays quiet, and unmasked when the driver is done.
 * Mask and unmask may be called with interrupts enabled or disabled.
 */
typedef void (*irq_handler_fn)(unsigned irq, void *ctx);
int arch_irq_register(unsigned irq, irq_handler_fn handler, void *ctx);
void arch_irq_unregister(unsigned irq); /* the line's handler goes; mask it first */
void arch_irq_mask(unsigned irq);   /* the line raises no interrupt until unmasked */
void arch_irq_unmask(unsigned irq); /* the line may interrupt again */
void arch_irq_eoi(unsigned irq);    /* end of interrupt: the controller may deliver the next */
/* The line's interrupts go to CPU `cpu`: ERR_INVALID if it is not up or cannot get them. */
int arch_irq_route(unsigned irq, unsigned cpu);

/*
 * User port I/O (x86 in/out on ports 0..IOPORT_SPACE-1). Each unit has a port permission map,
 * empty until a grant: any port access from user mode faults the thread. Changes apply at
 * once to the running unit and from its next switch-in otherwise. Interrupts disabled.
 * - arch_io_grant: u's threads may use [base, base + count); ERR_NOMEM if no map is free.
 * - arch_io_withdraw: those ports fault again (nothing for a unit without a map).
 * - arch_io_release: u ends; its map goes (called at unit teardown).
 */
struct unit;
int arch_io_grant(struct unit *u, uint32_t base, uint32_t count);
void arch_io_withdraw(struct unit *u, uint32_t base, uint32_t count);
void arch_io_release(struct unit *u);

/* Time: a free-running cycle counter and its calibrated frequency. */
uint64_t arch_read_cycles(void);

/* Address translation. */
void arch_tlb_invalidate(virt_addr_t va);
/* The address space this CPU runs on (mmu_activate records it). */
struct page_table *arch_active_space(void);
void arch_set_active_space(struct page_table *pt);
/*
 * Address spaces. Maps into the new user address space pt whatever the arch needs in every
 * unit (x86: its sysexit landing `ret`, read-only at LOADER_LANDING_PAGE). Those frames are
 * the arch's, shared by all units and never freed: address-space teardown leaves them alone,
 * as the loader frees only what it recorded. ERR_OK or ERR_NOMEM (no frame for a page table).
 */
struct page_table;
int arch_aspace_init(struct page_table *pt);

/*
 * Threads. struct arch_context (<arch/context.h>, embedded in struct thread) holds the CPU state
 * of a switched-out thread. Both hooks run with interrupts disabled.
 */
struct thread;
/*
 * Prepares t (state, kernel stack [t->kstack_base, t->kstack_top)) so that the first switch to
 * it enters ring 3 at `entry` with stack pointer `user_sp` and `arg` in a register, with a clean
 * FPU/SSE state.
 */
void arch_thread_init_user(struct thread *t, uintptr_t entry, uintptr_t user_sp, uintptr_t arg);
/*
 * Saves prev's registers and FPU/SSE state and resumes next: loads next's kernel stack, TSS esp0
 * and, only if next->unit's address space differs from prev's, its page table. Returns when
 * prev is switched back in. Called only by schedule().
 */
void arch_context_switch(struct thread *prev, struct thread *next);

/*
 * Finds the other CPUs and starts them (arch-specific; x86: ACPI's MADT, INIT/SIPI). Once, on
 * the boot CPU, after memory and the timer are up and before interrupts are first enabled.
 */
void arch_smp_init(void);

/* Prints a stack trace of the caller (best effort, symbol names where known). */
void arch_print_backtrace(void);

/*
 * Boot tests: raises the CPU fault named `name` (arch-specific, e.g. "pf", "gp"). Returns only
 * if the name is unknown (ERR_NOT_FOUND); a raised fault is fatal.
 */
int arch_test_raise_fault(const char *name);

#endif
