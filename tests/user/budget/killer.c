/*
 * Kills the unit named by CAP_START(0) and says so. The budget test kills this unit while its
 * kill is still tearing the other one down, so the line must never appear.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

int main(uintptr_t arg)
{
	(void)arg;
	uprintf("killer: kill returned %d\n", (int)sys_unit_kill(CAP_START(0)));
	return 1;
}
