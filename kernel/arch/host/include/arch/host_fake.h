/*
 * Test-side view of the host fake arch: owns the fake physical memory and records what kernel
 * code asked of the "hardware" (console output, TLB invalidations, CR3 loads, panics).
 */
#ifndef ARCH_HOST_FAKE_H
#define ARCH_HOST_FAKE_H

#include <setjmp.h>
#include <kernel/types.h>

/*
 * Fake physical memory: `bytes` (a multiple of 4 KiB) of zeroed, page-aligned host memory.
 * Also empties host_kernel_readonly (<arch/memory.h>), which a test may then fill.
 */
void host_phys_mem_init(size_t bytes);
void host_phys_mem_release(void);

/* Everything written through arch_console_putc since the last reset (NUL-terminated). */
const char *host_console_output(void);
void host_console_reset(void);

/* arch_tlb_invalidate calls since the last reset. */
size_t host_tlb_invalidation_count(void);
bool host_tlb_was_invalidated(virt_addr_t va);
void host_tlb_reset(void);

/* paging_load_directory / paging_enable_global_pages. */
phys_addr_t host_paging_directory(void); /* last directory loaded, 0 if none */
unsigned host_paging_load_count(void);
bool host_paging_global_enabled(void);
void host_paging_reset(void);

/* Interrupt flag as set by arch_irq_* and the cycle counter arch_read_cycles returns. */
bool host_irq_enabled(void);
unsigned host_irq_window_count(void); /* arch_irq_window calls since the test program began */
void host_set_cycles(uint64_t cycles);
/* Calls the handler registered for `irq`; returns false if there is none. */
bool host_irq_fire(unsigned irq);
unsigned host_irq_cpu(unsigned irq);	    /* the CPU arch_irq_route last sent it to */
void host_set_irq_cpus(unsigned n);	    /* CPUs arch_irq_route accepts (0..n-1; 1 at start) */
bool host_irq_masked(unsigned irq);	    /* last arch_irq_mask/unmask of the line */
unsigned host_irq_eoi_count(unsigned irq); /* arch_irq_eoi calls for the line */
/* arch_smp_kick calls for CPU `cpu` since the test program began (the fake runs on CPU 0). */
unsigned host_smp_kicks(unsigned cpu);
/* Port grants (arch_io_*): whether u may use `port`; forget every grant. */
struct unit;
bool host_io_allowed(const struct unit *u, uint32_t port);
void host_io_reset(void);

/*
 * Panic capture: while `env` is armed, panic(), arch_halt() and arch_exit_emulator() longjmp
 * to it (with value 1) instead of aborting the test. Disarm after the guarded call.
 */
void host_panic_arm(jmp_buf *env);
void host_panic_disarm(void);
unsigned host_panic_count(void);
_Noreturn void host_fake_stop(void); /* longjmp to the armed env, or abort() */

#endif /* ARCH_HOST_FAKE_H */
