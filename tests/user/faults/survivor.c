/*
 * The program that keeps running in the fault test: prints "survivor: alive <n>", yields
 * between rounds (the fault programs run and die in between) and exits with 0. Also checks
 * that a unit other than init may not start modules.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define SURVIVOR_ROUNDS 5

/* Starting a module needs its image's capability, which only init holds: ERR_BAD_CAP here. */
static int check_module_start_denied(void)
{
	int32_t r = sys_module_start(1, 1);

	uprintf("survivor: module start from a non-init unit = %d (want %d) %s\n", (int)r,
		ERR_BAD_CAP, r == ERR_BAD_CAP ? "ok" : "FAIL");
	return r == ERR_BAD_CAP ? 0 : 1;
}

int main(uintptr_t arg)
{
	int failed = 0;

	(void)arg;
	for (int round = 0; round < SURVIVOR_ROUNDS; round++) {
		uprintf("survivor: alive %d\n", round);
		if (round == 0)
			failed += check_module_start_denied();
		if (sys_yield() < 0)
			failed++;
	}
	return failed ? 1 : 0;
}
