/*
 * What the CPU can do (CPUID), read once at boot: the features the kernel cannot run without,
 * refused with one readable line, and the optional ones it adapts to.
 */
#ifndef ARCH_CPU_FEATURES_H
#define ARCH_CPU_FEATURES_H

#include <kernel/types.h>

/*
 * The optional features, and what the kernel does without them:
 *   fxsr  fxsave/fxrstor; else the FPU state is switched with fnsave/frstor (x87 only)
 *   sse   SSE (MXCSR, xmm registers): CR4.OSXMMEXCPT; never without fxsr
 *   sep   sysenter/sysexit; else only int 0x80 enters the kernel (a user sysenter is #UD)
 *   umip  CR4.UMIP: sgdt, sidt, sldt, smsw and str raise #GP in user mode; else they work
 */
struct cpu_features {
	uint32_t family, model, stepping; /* CPUID.1:EAX with the extended fields folded in */
	bool fxsr;
	bool sse;
	bool sep; /* CPUID SEP, cleared on the Pentium Pro models that report it falsely */
	bool umip;
};

/*
 * Reads CPUID on the boot CPU, after console_init and before any other C code: the kernel is
 * built for the i686 (the compiler emits cmov) and needs an FPU, the TSC (timer calibration)
 * and global pages (CR4.PGE). A CPU without CPUID or without one of those gets one line,
 * "cpu: this kernel needs ...; the CPU lacks ...", then "kernel stopped: code 2 (panic)", and
 * is halted: nothing built for the i686 runs on it. Returns only on a CPU that has them all.
 */
void cpu_features_init(void);

/* The boot CPU's features (cpu_features_init has run). */
const struct cpu_features *cpu_features(void);

/* Per CPU, after cpu_features_init: sets CR4.UMIP where the CPU has it. */
void cpu_features_enable(void);

/*
 * The boot line naming the CPU and what the kernel chose for it, e.g.
 * "cpu: family 6 model 5 stepping 2, FPU switch fnsave, SSE off, sysenter on, UMIP off".
 */
void cpu_features_print(void);

#endif /* ARCH_CPU_FEATURES_H */
