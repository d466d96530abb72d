/*
 * Boot tests: raise one CPU exception on purpose so the test harness can check the fault
 * report (test=de|ud|gp|pf|df|wx|db on the kernel command line).
 */
#include <keel/abi.h>
#include <kernel/arch.h>

#define TEST_PF_ADDRESS	 0xdead0000u /* never mapped: user half, no address space yet */
#define TEST_GP_SELECTOR 0x0ff8u     /* GDT index 511: beyond the GDT limit */

__attribute__((noinline)) static void test_raise_de(void)
{
	uint32_t lo = 1, hi = 0;

	__asm__ volatile("xorl %%ecx, %%ecx\n\tdivl %%ecx" : "+a"(lo), "+d"(hi) : : "ecx");
}

__attribute__((noinline)) static void test_raise_ud(void)
{
	__asm__ volatile("ud2");
}

/* Loading a selector past the GDT limit: #GP with the selector as the error code. */
__attribute__((noinline)) static void test_raise_gp(void)
{
	__asm__ volatile("movw %w0, %%gs" : : "r"(TEST_GP_SELECTOR));
}

__attribute__((noinline)) static void test_raise_pf(void)
{
	*(volatile uint32_t *)TEST_PF_ADDRESS = 0x1234;
}

/*
 * W^X: kernel text is mapped read-only and CR0.WP makes ring 0 honour it, so rewriting the
 * first byte of this very function (with the value it already holds) is a protection #PF.
 */
__attribute__((noinline)) static void test_raise_wx(void)
{
	volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)test_raise_wx;

	*text = *text;
}

/*
 * EFLAGS.TF set in ring 0: the single step traps after the nop, at no kernel entry point, so
 * the #DB is fatal (only a #DB at an entry point is a user's doing and absorbed).
 */
__attribute__((noinline)) static void test_raise_db(void)
{
	__asm__ volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\tnop" : : : "memory", "cc");
}

/* With %esp at an unmapped address the #PF cannot be delivered: the CPU raises #DF. */
__attribute__((noinline)) static void test_raise_df(void)
{
	__asm__ volatile("movl $0, %%esp\n\tpushl $0" : : : "memory");
}

/* Whether the strings a and b are equal. */
static bool same_name(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int arch_test_raise_fault(const char *name)
{
	static const struct {
		const char *name;
		void (*raise)(void);
	} faults[] = {
	    {"de", test_raise_de}, {"ud", test_raise_ud}, {"gp", test_raise_gp},
	    {"pf", test_raise_pf}, {"df", test_raise_df}, {"wx", test_raise_wx},
	    {"db", test_raise_db},
	};

	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		if (same_name(name, faults[i].name)) {
			faults[i].raise();
			return ERR_OK; /* not reached: every fault above is fatal */
		}
	}
	return ERR_NOT_FOUND;
}
