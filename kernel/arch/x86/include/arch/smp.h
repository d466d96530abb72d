/*
 * Multiprocessor bring-up (kernel/arch/x86/smp.c, docs/smp.md): the CPUs ACPI's MADT lists,
 * their start through INIT and start-up IPIs, and the trampoline they start in.
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define SMP_TRAMPOLINE_PHYS 0x8000 /* a page of the low MiB, which the PMM never hands out */

#ifndef __ASSEMBLER__

#include <kernel/types.h>

/* Filled in by the boot CPU in the trampoline's copy before each start. */
struct smp_trampoline_params {
	uint32_t cr3;	     /* a directory mapping the trampoline page 1:1 and the kernel half */
	uint32_t stack_top;  /* the AP's boot stack */
	uint32_t entry;	     /* smp_ap_main */
};

extern const char smp_trampoline[], smp_trampoline_params[], smp_trampoline_end[];

/* CPUs that reported in, the boot CPU included. */
unsigned smp_cpus_online(void);

/* Every other CPU whose TSS holds I/O map `map` reloads it before this returns. */
void smp_sync_io(const void *map);


#endif /* __ASSEMBLER__ */
#endif /* ARCH_SMP_H */
