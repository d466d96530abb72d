/*
 * UMIP test: runs each descriptor-table or machine-status store (sgdt, sidt, sldt, smsw, str)
 * in a thread of its own above init's priority, so it runs, and faults or exits, before the
 * create returns. Where CPUID.7:ECX says the CPU has UMIP the kernel enables it and every one
 * must be killed with a user #GP; elsewhere every one must run. Prints one line per
 * instruction and "umip test: <n> failed"; returns 0 only if nothing failed.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define PROBE_PRIORITY	 150 /* above init (100): runs to its end inside the create */
#define CPUID_LEAF_EXT	 7
#define CPUID_7_ECX_UMIP (1u << 2)

static _Alignas(16) uint8_t probe_stack[4096];
static volatile int probe_ran; /* set by a probe that got past its instruction */
static uint8_t table_image[6];

static void run_sgdt(void)
{
	__asm__ volatile("sgdt %0" : "=m"(table_image));
}

static void run_sidt(void)
{
	__asm__ volatile("sidt %0" : "=m"(table_image));
}

static void run_sldt(void)
{
	uint16_t sel;

	__asm__ volatile("sldt %0" : "=r"(sel));
}

static void run_smsw(void)
{
	uint32_t msw;

	__asm__ volatile("smsw %0" : "=r"(msw));
}

static void run_str(void)
{
	uint16_t sel;

	__asm__ volatile("str %0" : "=r"(sel));
}

static const struct {
	const char *name;
	void (*run)(void);
} probes[] = {
    {"sgdt", run_sgdt}, {"sidt", run_sidt}, {"sldt", run_sldt},
    {"smsw", run_smsw}, {"str", run_str},
};

/* CPUID.(EAX=7,ECX=0):ECX bit 2, if leaf 7 exists. */
static int cpu_has_umip(void)
{
	uint32_t eax = 0, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	if (eax < CPUID_LEAF_EXT)
		return 0;
	eax = CPUID_LEAF_EXT;
	ecx = 0;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (ecx & CPUID_7_ECX_UMIP) != 0;
}

static void probe(uintptr_t index)
{
	probes[index].run();
	probe_ran = 1;
}

int main(uintptr_t arg)
{
	int umip = cpu_has_umip();
	unsigned failed = 0;

	(void)arg;
	uprintf("umip: CPU %s UMIP\n", umip ? "has" : "lacks");
	for (uintptr_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		probe_ran = 0;
		int32_t tid =
		    sys_thread_create(probe, probe_stack + sizeof(probe_stack), i, PROBE_PRIORITY);
		int ok = tid > 0 && probe_ran == !umip;

		uprintf("umip: %s in user mode %s %s\n", probes[i].name,
			probe_ran ? "ran" : "was stopped", ok ? "ok" : "FAIL");
		failed += !ok;
	}
	uprintf("umip test: %u failed\n", failed);
	return failed ? 1 : 0;
}
