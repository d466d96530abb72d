/*
 * Init of //tests:run_exit3_image: starts "forever" (module 1), a unit that never ends, then
 * exits with status 3. `tools/run --exit` must stop at init's end, not wait for every unit.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define MODULE_FOREVER	 1
#define FOREVER_PRIORITY 150 /* above init (100): it runs, prints and sleeps before init ends */
/* ... on init's CPU: priorities order threads per CPU only (docs/smp.md), however many are up */
#define ONE_CPU	    UNIT_START_CPU(0)
#define EXIT_STATUS 3

int main(uintptr_t arg)
{
	(void)arg;
	int32_t r = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_FOREVER), FOREVER_PRIORITY,
					 FOREVER_PRIORITY, ONE_CPU, NULL, 0, 0);

	uprintf("exit3: started forever: %s; exiting with status %d\n", r > 0 ? "ok" : "FAIL",
		EXIT_STATUS);
	return EXIT_STATUS;
}
