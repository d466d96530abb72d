/*
 * A unit that holds a large mapping and sleeps: the budget test's killer unit kills it, and
 * is itself killed while it tears the mapping down.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define BUDGET	   CAP_START(0)
#define MAP_VA	   0x10000000u
#define FOREVER_US 0xffffffffffffffffull

int main(uintptr_t pages)
{
	cap_t m = sys_mem_alloc(BUDGET, (uint32_t)pages);

	if (m <= 0 || sys_mem_map(m, (void *)MAP_VA, MEM_MAP_READ | MEM_MAP_WRITE) != ERR_OK) {
		uprintf("hoarder: no mapping of %u pages: FAIL\n", (unsigned)pages);
		return 1;
	}
	uprintf("hoarder: %u pages mapped\n", (unsigned)pages);
	sys_sleep_us(FOREVER_US);
	return 0;
}
