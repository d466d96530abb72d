/*
 * Boot tests, chosen by `test=<name>` on the command line: only the test kernel
 * (//kernel:kernel_selftest) links this file; the kernel users boot has a stub that refuses
 * them (init.c). Each reports "<what>: PASS|FAIL" and stops the machine.
 */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>
#include <kernel/timer.h>

#define TEST_NAME_MAX 16

/* Reports a boot test's verdict and stops with the matching code. */
static _Noreturn void stop_after_test(const char *what, bool pass)
{
	kprintf("%s: %s\n", what, pass ? "PASS" : "FAIL");
	kernel_stop(pass ? KERNEL_EXIT_SUCCESS : KERNEL_EXIT_TEST_FAILED);
}

void boot_selftest(const struct boot_info *bi)
{
	char name[TEST_NAME_MAX];

	if (!boot_cmdline_value(bi, "test", name, sizeof(name)))
		return;
	kprintf("test: %s\n", name);
	if (boot_cmdline_has(bi, "test=boot"))
		kernel_stop(KERNEL_EXIT_SUCCESS);
	if (boot_cmdline_has(bi, "test=timer"))
		stop_after_test("timer test", timer_selftest_calibration());
	if (boot_cmdline_has(bi, "test=lostticks"))
		stop_after_test("lost ticks test", timer_selftest_lost_ticks());
	if (boot_cmdline_has(bi, "test=panic"))
		panic("test panic requested on the command line");
	arch_test_raise_fault(name);
	kprintf("test: unknown test \"%s\"\n", name);
	kernel_stop(KERNEL_EXIT_TEST_FAILED);
}
