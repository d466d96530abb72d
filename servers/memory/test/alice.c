/*
 * The memory server's QEMU test, first client (badge 2, READ|WRITE): allocates within and
 * over its quota, uses the pages, publishes one region writable and one read-only (tokens 1
 * and 2), and is refused the ADMIN methods. Then it blocks until bob has it crashed.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/memory_client.h"
#include "servers/memory/test/memtest.h"

#define RW (MEM_MAP_READ | MEM_MAP_WRITE)

static void check_usage(const struct keel_memory_client *mem, uint32_t used, uint8_t shared)
{
	struct keel_memory_account a = {0};

	CHECK("alice", "usage", keel_memory_usage(mem, &a), ERR_OK);
	CHECK("alice", "usage quota", a.quota_pages, 256);
	CHECK("alice", "usage used frames", a.used_pages, used);
	CHECK("alice", "usage shared", a.shared, shared);
}

/* 16 pages mapped and written: every page holds its number after the pattern. */
static cap_t alloc_and_use(const struct keel_memory_client *mem)
{
	cap_t m = CAP_NULL;
	uint8_t *p = (uint8_t *)MEMTEST_ALICE_VA;
	unsigned good = 0;

	CHECK("alice", "alloc 16", keel_memory_alloc(mem, 16, &m), ERR_OK);
	CHECK("alice", "alloc pages", sys_mem_info(m), 16);
	CHECK("alice", "map", sys_mem_map(m, p, RW), ERR_OK);
	memcpy(p, MEMTEST_PATTERN, sizeof(MEMTEST_PATTERN));
	for (unsigned i = 1; i < 16; i++)
		p[i * 4096] = (uint8_t)i;
	for (unsigned i = 1; i < 16; i++)
		good += p[i * 4096] == i;
	CHECK("alice", "pages written and read", good, 15);
	return m;
}

static void refused(const struct keel_memory_client *mem)
{
	cap_t m = CAP_NULL;
	uint8_t n = 0;
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];

	CHECK("alice", "over quota", keel_memory_alloc(mem, 250, &m), KEEL_MEMORY_ERROR_QUOTA);
	CHECK("alice", "zero pages", keel_memory_alloc(mem, 0, &m), KEEL_MEMORY_ERROR_BAD_SIZE);
	CHECK("alice", "beyond any quota", keel_memory_alloc(mem, 300, &m),
	      KEEL_MEMORY_ERROR_BAD_SIZE);
	CHECK("alice", "set_quota without ADMIN", keel_memory_set_quota(mem, 2, 1000), ERR_RIGHTS);
	CHECK("alice", "report without ADMIN", keel_memory_report(mem, 0, &n, acc), ERR_RIGHTS);
}

static void publish(const struct keel_memory_client *mem, cap_t m)
{
	uint32_t token = 0;
	cap_t r = CAP_NULL;

	CHECK("alice", "share writable", keel_memory_share(mem, cap_derive(m, CAP_RIGHT_READ |
	      CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0), false, &token), ERR_OK);
	CHECK("alice", "token", token, 1);
	CHECK("alice", "alloc 1", keel_memory_alloc(mem, 1, &r), ERR_OK);
	CHECK("alice", "map 1", sys_mem_map(r, (void *)MEMTEST_ALICE_RO_VA, RW), ERR_OK);
	memcpy((void *)MEMTEST_ALICE_RO_VA, MEMTEST_RO_TEXT, sizeof(MEMTEST_RO_TEXT));
	/* the capability itself moves: the mapping keeps the frames here */
	CHECK("alice", "share read-only", keel_memory_share(mem, r, true, &token), ERR_OK);
	CHECK("alice", "token read-only", token, 2);
	CHECK("alice", "attach read-only writable", keel_memory_attach(mem, 2, &r),
	      KEEL_MEMORY_ERROR_READ_ONLY);
	CHECK("alice", "unshare unknown", keel_memory_unshare(mem, 99),
	      KEEL_MEMORY_ERROR_NO_SUCH_REGION);
}

int main(uintptr_t arg)
{
	struct keel_memory_client mem = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.memory.Memory"),
	    .timeout_us = 1000000};
	cap_t m, wait = sys_notify_create();
	uint32_t bits;

	(void)arg;
	check_usage(&mem, 0, 0);
	m = alloc_and_use(&mem);
	check_usage(&mem, 18, 0); /* 16 pages and 2 frames of the kernel's list of them */
	refused(&mem);
	publish(&mem, m);
	check_usage(&mem, 21, 2);
	uprintf("alice: %d failed; waiting to be crashed\n", check_failed);
	sys_notify_wait(wait, &bits, IPC_WAIT_FOREVER);
	return 1;
}
