/*
 * Root task of the yield test: starts the units "ping" and "pong" at one priority below its
 * own, hands the CPU over by ending its main thread, and reports once both have finished.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

/* Module indexes: the order of `modules` in //tests:yield_image. */
#define MODULE_PING 1
#define MODULE_PONG 2

#define INIT_PRIORITY	  100 /* what the kernel gives the root task */
#define PLAYER_PRIORITY	  50
#define FINISHER_PRIORITY 10

static _Alignas(16) uint8_t finisher_stack[4096];

/*
 * Runs only when nothing above FINISHER_PRIORITY is ready, i.e. after ping and pong have
 * exited (they never block: they only print and yield). Ends the unit, and so the test.
 */
static void finisher(uintptr_t arg)
{
	(void)arg;
	uprintf("yield test done\n");
	sys_exit_unit(0);
}

/*
 * ping and pong both wait at PLAYER_PRIORITY, ping first (FIFO order of their start), below
 * this thread: neither runs until this thread ends. The finisher waits below them.
 */
int main(uintptr_t arg)
{
	int32_t ping, pong, fin;

	(void)arg;
	ping = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_PING), PLAYER_PRIORITY, PLAYER_PRIORITY,
				    ONE_CPU, NULL, 0, 0);
	pong = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_PONG), PLAYER_PRIORITY, PLAYER_PRIORITY,
				    ONE_CPU, NULL, 0, 0);
	uprintf("yield test: ping unit %d, pong unit %d\n", (int)ping, (int)pong);
	if (ping <= 0 || pong <= 0)
		return 1;
	fin = sys_thread_create(finisher, finisher_stack + sizeof(finisher_stack), 0,
				FINISHER_PRIORITY);
	if (fin <= 0) {
		uprintf("yield test: thread create failed: %d\n", (int)fin);
		return 1;
	}
	sys_exit_thread();
}
