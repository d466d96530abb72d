/*
 * The memory server's QEMU test, third client (badge 4, READ|WRITE), below bob: allocates,
 * maps, publishes a region, then faults on purpose. The server must take everything back:
 * its log shows the region withdrawn and its free frames at their start value.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/memory_client.h"
#include "servers/memory/test/memtest.h"

int main(uintptr_t arg)
{
	struct keel_memory_client mem = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.memory.Memory"),
	    .timeout_us = 1000000};
	cap_t m = CAP_NULL;
	uint32_t token = 0;

	(void)arg;
	CHECK("carol", "alloc 8", keel_memory_alloc(&mem, 8, &m), ERR_OK);
	CHECK("carol", "map", sys_mem_map(m, (void *)MEMTEST_ALICE_VA, MEM_MAP_READ |
	      MEM_MAP_WRITE), ERR_OK);
	*(volatile uint32_t *)MEMTEST_ALICE_VA = 0xc0ffee;
	CHECK("carol", "share", keel_memory_share(&mem, m, false, &token), ERR_OK);
	uprintf("carol: %d failed; faulting on purpose\n", check_failed);
	*(volatile uint32_t *)0 = 1; /* page 0 is never mapped */
	return 1;
}
