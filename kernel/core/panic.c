/*
 * How the kernel stops: panic() reports and stops; kernel_stop() says so on the console, then
 * ends the emulator with an exit code in test images (`debug_exit` on the command line) and
 * halts otherwise.
 */
#include <kernel/arch.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>
#include <kernel/timer.h>

static bool debug_exit;
static bool in_panic;
static unsigned stop_cpu = UINT32_MAX; /* the CPU that stops the kernel */

void kernel_set_debug_exit(bool enabled)
{
	debug_exit = enabled;
}

/* What each KERNEL_EXIT_* code means, for the last line the kernel prints. */
static const char *stop_reason(int code)
{
	static const char *const reasons[] = {
	    [KERNEL_EXIT_SUCCESS] = "success",
	    [KERNEL_EXIT_TEST_FAILED] = "test failed",
	    [KERNEL_EXIT_PANIC] = "panic",
	};

	return code >= 0 && code < (int)ARRAY_SIZE(reasons) ? reasons[code] : "unknown";
}

/*
 * The first CPU to stop the kernel stops the others (which halt where they are) and alone
 * reports; any other CPU that tries halts here. The stopping CPU may try again (a panic
 * while it stops) and goes on.
 */
static void claim_stop(void)
{
	unsigned expected = UINT32_MAX, me = arch_cpu_id();

	if (__atomic_compare_exchange_n(&stop_cpu, &expected, me, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		arch_smp_stop_others();
	else if (expected != me)
		arch_halt();
}

void kernel_stop(int code)
{
	static bool stopping; /* a panic inside the line below must not print it again */

	arch_irq_disable();
	claim_stop();
	if (!stopping) {
		stopping = true;
		timer_print_stats(); /* how long it ran, and whether it lost ticks */
		/* The last line before the halt: `tools/run --exit` stops waiting here. */
		kprintf("kernel stopped: code %d (%s)\n", code, stop_reason(code));
	}
	if (debug_exit)
		arch_exit_emulator(code);
	arch_halt();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	claim_stop();
	if (in_panic) { /* a panic while panicking: report nothing more, just stop */
		kprintf("\nPANIC: recursive panic\n");
		kernel_stop(KERNEL_EXIT_PANIC);
	}
	in_panic = true;
	arch_console_alert();
	kprintf("\nPANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_print_backtrace();
	kernel_stop(KERNEL_EXIT_PANIC);
}
