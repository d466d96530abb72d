/*
 * Root task of the fault test. Checks that syscalls given kernel pointers fail with ERR_FAULT
 * and that a module that is not an ELF is refused, then starts "survivor" and the fault
 * programs at one priority below its own, in that order, and hands over the CPU. The FIFO
 * order at that level makes the output deterministic: survivor runs a round, each fault
 * program runs and is killed, then survivor finishes; a low-priority finisher thread ends
 * the test.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

/* Module indexes: the order of `modules` in //tests:fault_image. */
#define MODULE_SURVIVOR	  1
#define MODULE_LAST_FAULT 7
#define MODULE_NOT_ELF	  8
#define MODULE_MISSING	  1000

#define CHILD_PRIORITY	  50
#define FINISHER_PRIORITY 10
#define KERNEL_POINTER	  0xC0100000u

static _Alignas(16) uint8_t finisher_stack[4096];

/* Prints one check and returns 1 if it failed. */
static int expect_code(const char *what, int32_t got, int32_t want)
{
	uprintf("init: %s = %d (want %d) %s\n", what, (int)got, (int)want,
		got == want ? "ok" : "FAIL");
	return got == want ? 0 : 1;
}

/* Bad input that must come back as an error, not kill init or the kernel. */
static int check_bad_requests(void)
{
	int failed = 0;

	failed += expect_code("debug print of a kernel pointer",
			      sys_debug_print((const char *)KERNEL_POINTER, 16), ERR_FAULT);
	failed += expect_code("get time into a kernel pointer",
			      sys_get_time_us((uint64_t *)KERNEL_POINTER), ERR_FAULT);
	failed += expect_code("start of a module that is not an ELF",
			      sys_module_start(MODULE_NOT_ELF, CHILD_PRIORITY), ERR_INVALID);
	failed += expect_code("start of a missing module",
			      sys_module_start(MODULE_MISSING, CHILD_PRIORITY), ERR_BAD_CAP);
	return failed;
}

/* Runs after survivor has exited (nothing above FINISHER_PRIORITY is left): ends the test. */
static void finisher(uintptr_t arg)
{
	uprintf("fault test done\n");
	sys_exit_unit((int32_t)arg);
}

int main(uintptr_t arg)
{
	int failed;
	int32_t r;

	(void)arg;
	failed = check_bad_requests();
	for (uint32_t m = MODULE_SURVIVOR; m <= MODULE_LAST_FAULT; m++) {
		r = sys_unit_start_flags(CAP_ROOT_MODULE(m), CHILD_PRIORITY, CHILD_PRIORITY,
					 ONE_CPU, NULL, 0, 0);
		if (r <= 0) {
			uprintf("init: module %u failed to start: %d FAIL\n", (unsigned)m, (int)r);
			failed++;
		}
	}
	r = sys_thread_create(finisher, finisher_stack + sizeof(finisher_stack), failed ? 1 : 0,
			      FINISHER_PRIORITY);
	if (r <= 0) {
		uprintf("init: finisher thread create failed: %d\n", (int)r);
		return 1;
	}
	sys_exit_thread();
}
