/*
 * CPU identification at boot: CPUID, the refusal of CPUs the kernel cannot run on, UMIP. Built
 * for any x86 (-march=i386, see BUILD) because it runs before the CPU is known to be an i686.
 */
#include <arch/cpu_features.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>

#define EFLAGS_ID	 (1u << 21) /* writable only where CPUID exists */
#define CPUID_1_EDX_FPU	 (1u << 0)
#define CPUID_1_EDX_TSC	 (1u << 4)
#define CPUID_1_EDX_SEP	 (1u << 11)
#define CPUID_1_EDX_PGE	 (1u << 13)
#define CPUID_1_EDX_CMOV (1u << 15)
#define CPUID_1_EDX_FXSR (1u << 24)
#define CPUID_1_EDX_SSE	 (1u << 25)
#define CPUID_7_ECX_UMIP (1u << 2)
#define CPUID_LEAF_EXT	 7
#define CR4_UMIP	 (1u << 11)
#define FAMILY_EXTENDED	 0xf

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

/* What the kernel cannot run without, in the order the refusal line names them. */
static const struct {
	uint32_t edx_bit;
	const char *name;
} required[] = {
    {CPUID_1_EDX_FPU, "FPU"},	/* x87 state of user threads, CR0.NE */
    {CPUID_1_EDX_TSC, "TSC"},	/* timer calibration and timer_read_us */
    {CPUID_1_EDX_CMOV, "CMOV"}, /* the compiler's -march=i686 emits it anywhere */
    {CPUID_1_EDX_PGE, "PGE"},	/* global kernel pages (CR4.PGE) */
};

static struct cpu_features features;

static struct cpuid_regs cpuid(uint32_t leaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(0u));
	return r;
}

/* CPUID exists if EFLAGS.ID can be flipped (not on the 386 and early 486s). */
static bool cpuid_present(void)
{
	uint32_t before, after;

	__asm__ volatile("pushfl\n\tpushfl\n\tpopl %0\n\t" /* save EFLAGS; before = EFLAGS */
			 "movl %0, %1\n\txorl %2, %1\n\tpushl %1\n\tpopfl\n\t" /* try to flip ID */
			 "pushfl\n\tpopl %1\n\tpopfl" /* after = EFLAGS; restore it */
			 : "=&r"(before), "=&r"(after)
			 : "i"(EFLAGS_ID)
			 : "cc");
	return ((before ^ after) & EFLAGS_ID) != 0;
}

/* The console before kprintf may run (kprintf is built for the i686). */
static void early_puts(const char *s)
{
	while (*s != '\0')
		arch_console_putc(*s++);
}

/*
 * Prints the refusal and the kernel's usual last line (what kernel_stop would print: it
 * cannot run here) and halts; the command line (debug_exit) is not read yet.
 */
static _Noreturn void refuse(uint32_t edx, bool has_cpuid)
{
	const char *sep = "";

	arch_console_alert();
	early_puts("cpu: this kernel needs CPUID");
	for (unsigned i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		early_puts(", ");
		early_puts(required[i].name);
	}
	early_puts("; the CPU lacks ");
	if (!has_cpuid)
		early_puts("CPUID");
	for (unsigned i = 0; has_cpuid && i < sizeof(required) / sizeof(required[0]); i++) {
		if (edx & required[i].edx_bit)
			continue;
		early_puts(sep);
		early_puts(required[i].name);
		sep = ", ";
	}
	early_puts("\nkernel stopped: code 2 (panic)\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* Family, model and stepping from CPUID.1:EAX, with the extended fields where they apply. */
static void decode_signature(uint32_t eax)
{
	features.family = (eax >> 8) & 0xf;
	features.model = (eax >> 4) & 0xf;
	features.stepping = eax & 0xf;
	if (features.family == FAMILY_EXTENDED)
		features.family += (eax >> 20) & 0xff;
	if (features.family == 6 || features.family >= FAMILY_EXTENDED)
		features.model |= ((eax >> 16) & 0xf) << 4;
}

void cpu_features_init(void)
{
	if (!cpuid_present())
		refuse(0, false);
	uint32_t max_leaf = cpuid(0).eax;
	struct cpuid_regs one = cpuid(1);

	for (unsigned i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (!(one.edx & required[i].edx_bit))
			refuse(one.edx, true);
	}
	decode_signature(one.eax);
	features.fxsr = (one.edx & CPUID_1_EDX_FXSR) != 0;
	features.sse = features.fxsr && (one.edx & CPUID_1_EDX_SSE) != 0;
	/* Intel AP-485: Pentium Pro models before 3, stepping 3 report SEP without having it. */
	features.sep = (one.edx & CPUID_1_EDX_SEP) != 0 &&
		       !(features.family == 6 && features.model < 3 && features.stepping < 3);
	if (max_leaf >= CPUID_LEAF_EXT)
		features.umip = (cpuid(CPUID_LEAF_EXT).ecx & CPUID_7_ECX_UMIP) != 0;
}

const struct cpu_features *cpu_features(void)
{
	return &features;
}

void cpu_features_enable(void)
{
	if (features.umip)
		write_cr4(read_cr4() | CR4_UMIP);
}

void cpu_features_print(void)
{
	kprintf("cpu: family %u model %u stepping %u, FPU switch %s, SSE %s, sysenter %s, "
		"UMIP %s\n",
		features.family, features.model, features.stepping,
		features.fxsr ? "fxsave" : "fnsave", features.sse ? "on" : "off",
		features.sep ? "on" : "off", features.umip ? "on" : "off");
}
