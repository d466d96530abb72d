/*
 * The memory server's QEMU test, second client (badge 3, READ|WRITE|ADMIN, and ADMIN on
 * init's supervisor), below alice's priority: it runs once alice waits. It attaches alice's
 * regions and sees her bytes, reads the report, sets quotas, drops its attachments, has alice
 * crashed and checks that the server took back everything of hers.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/memory_client.h"
#include "idl/supervisor_client.h"
#include "servers/memory/test/memtest.h"

#define ALICE 2
#define BOB   3

static void attach_regions(const struct keel_memory_client *mem)
{
	cap_t w = CAP_NULL, r = CAP_NULL;
	const char *p = (const char *)MEMTEST_BOB_VA, *ro = (const char *)MEMTEST_BOB_RO_VA;

	CHECK("bob", "attach", keel_memory_attach(mem, 1, &w), ERR_OK);
	CHECK("bob", "map attached", sys_mem_map(w, (void *)p, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	CHECK("bob", "sees alice's bytes", memcmp(p, MEMTEST_PATTERN, sizeof(MEMTEST_PATTERN)), 0);
	CHECK("bob", "sees alice's page 15", p[15 * 4096], 15);
	CHECK("bob", "attach read-only region writable", keel_memory_attach(mem, 2, &r),
	      KEEL_MEMORY_ERROR_READ_ONLY);
	CHECK("bob", "attach_read", keel_memory_attach_read(mem, 2, &r), ERR_OK);
	CHECK("bob", "map read-only writable", sys_mem_map(r, (void *)ro, MEM_MAP_READ |
	      MEM_MAP_WRITE), ERR_RIGHTS);
	CHECK("bob", "map read-only", sys_mem_map(r, (void *)ro, MEM_MAP_READ), ERR_OK);
	CHECK("bob", "reads alice's text", memcmp(ro, MEMTEST_RO_TEXT, sizeof(MEMTEST_RO_TEXT)), 0);
	CHECK("bob", "unshare alice's region", keel_memory_unshare(mem, 1),
	      KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	CHECK("bob", "unmap", sys_mem_unmap((void *)p) == ERR_OK &&
	      sys_mem_unmap((void *)ro) == ERR_OK, 1);
	CHECK("bob", "drop attachments", cap_delete(w) == ERR_OK && cap_delete(r) == ERR_OK, 1);
}

/* The report from slot 0: n clients, the first `unit` with used frames and regions. */
static void check_report(const struct keel_memory_client *mem, const char *what, uint8_t n,
			 uint8_t unit, uint32_t used, uint8_t shared)
{
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];
	uint8_t count = 0;

	uprintf("bob report %s\n", what);
	CHECK("bob", "report", keel_memory_report(mem, 0, &count, acc), ERR_OK);
	CHECK("bob", "report count", count, n);
	CHECK("bob", "report unit", acc[0].unit, unit);
	CHECK("bob", "report used", acc[0].used_pages, used);
	CHECK("bob", "report shared", acc[0].shared, shared);
}

static void quotas(const struct keel_memory_client *mem)
{
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];
	uint8_t count = 0;

	CHECK("bob", "set_quota", keel_memory_set_quota(mem, BOB, 64), ERR_OK);
	CHECK("bob", "set_quota unit 0", keel_memory_set_quota(mem, 0, 64),
	      KEEL_MEMORY_ERROR_NO_SUCH_UNIT);
	CHECK("bob", "set_quota too big", keel_memory_set_quota(mem, BOB, 0x200000),
	      KEEL_MEMORY_ERROR_BAD_SIZE);
	CHECK("bob", "report both", keel_memory_report(mem, 0, &count, acc), ERR_OK);
	CHECK("bob", "report both count", count, 2);
	CHECK("bob", "report bob", acc[1].unit == BOB && acc[1].quota_pages == 64, 1);
	CHECK("bob", "report from 1", keel_memory_report(mem, 1, &count, acc), ERR_OK);
	CHECK("bob", "report from 1 count", count == 1 && acc[0].unit == BOB, 1);
}

int main(uintptr_t arg)
{
	struct keel_memory_client mem = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.memory.Memory"),
	    .timeout_us = 1000000};
	struct keel_supervisor_client sup = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor"),
	    .timeout_us = 1000000};
	struct keel_supervisor_name_max_string alice = {.len = 5, .data = "alice"};
	cap_t w = CAP_NULL;

	(void)arg;
	attach_regions(&mem);
	check_report(&mem, "with alice", 1, ALICE, 21, 2);
	quotas(&mem);
	CHECK("bob", "crash alice", keel_supervisor_crash(&sup, &alice), ERR_OK);
	/* init and the server run above bob: alice's end is handled when crash() returns */
	check_report(&mem, "after alice", 1, BOB, 0, 0);
	CHECK("bob", "region withdrawn", keel_memory_attach_read(&mem, 1, &w),
	      KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	uprintf("memory test: bob %d failed\n", check_failed);
	return 0;
}
