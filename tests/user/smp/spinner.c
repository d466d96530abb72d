/*
 * The unit //tests:smp_test kills while its threads run on every CPU: a thread pinned to
 * each of CPUs 1-3 and its first thread (on CPU 0) signal CAP_START(0), a notification, with
 * the bit of their CPU and then spin without a syscall until the unit is killed.
 */
#include <keel/syscall.h>

#define STACK 1024

static _Alignas(16) uint8_t stacks[3][STACK];

static void spin(uintptr_t cpu)
{
	sys_notify_signal(CAP_START(0), 1u << cpu);
	for (;;)
		__asm__ volatile("pause");
}

int main(uintptr_t arg)
{
	(void)arg;
	for (uint32_t cpu = 1; cpu <= 3; cpu++)
		sys_thread_create(spin, stacks[cpu - 1] + STACK, cpu, THREAD_PRIORITY(30, cpu));
	spin(0);
	return 0;
}
