/*
 * Root task of the memory rules test: every refusal of SYS_MEM_MAP and SYS_MEM_ALLOC, a write
 * to a read-only mapping killing only the thread that wrote, budget exhaustion, frames going
 * back to the budget only once both the capability and the mapping are gone, and zero-copy
 * sharing with a peer unit through an IPC-passed capability (the peer exits still holding its
 * mapping: its death ends it).
 */
#include "mem_test.h"

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

#define MODULE_PEER 1
#define PAGE	    4096u
#define RO_VA	    0x28000000u
#define SPARE_VA    0x38000000u
#define WRITER_PRIO 150 /* above init's 100: runs (and dies) before thread create returns */
#define PEER_PRIO   120 /* above init's: it has exited by the time init's call returns */
#define RW	    (MEM_MAP_READ | MEM_MAP_WRITE)

static uint8_t writer_stack[4096] __attribute__((aligned(16)));

static volatile uint32_t *word(uintptr_t va, uint32_t page, uint32_t w)
{
	return (volatile uint32_t *)(va + page * PAGE) + w;
}

/* The writer thread: its store hits a read-only page, so the kernel kills it there. */
static void writer(uintptr_t va)
{
	*(volatile uint32_t *)va = 0xdeadbeefu;
	uprintf("rules: a write to a read-only mapping went through: FAIL\n");
}

static void refusals(cap_t m, cap_t ro)
{
	cap_t read_budget = cap_derive(CAP_ROOT_BUDGET, CAP_RIGHT_READ, 0);

	CHECK("rules", "misaligned", sys_mem_map(m, (void *)(SHARE_VA + 8), RW), ERR_INVALID);
	CHECK("rules", "page 0", sys_mem_map(m, (void *)0, MEM_MAP_READ), ERR_INVALID);
	CHECK("rules", "kernel address", sys_mem_map(m, (void *)0xC0000000u, MEM_MAP_READ),
	      ERR_FAULT);
	CHECK("rules", "straddles the kernel",
	      sys_mem_map(m, (void *)(0xC0000000u - PAGE), MEM_MAP_READ), ERR_FAULT);
	CHECK("rules", "landing page", sys_mem_map(m, (void *)SYSENTER_LANDING_ADDR, MEM_MAP_READ),
	      ERR_INVALID);
	CHECK("rules", "reaches the landing page",
	      sys_mem_map(m, (void *)(SYSENTER_LANDING_ADDR - 2 * PAGE), MEM_MAP_READ),
	      ERR_INVALID);
	CHECK("rules", "over the program", sys_mem_map(m, (void *)0x400000u, MEM_MAP_READ),
	      ERR_INVALID);
	CHECK("rules", "no read", sys_mem_map(m, (void *)SHARE_VA, MEM_MAP_WRITE), ERR_INVALID);
	CHECK("rules", "unknown flag", sys_mem_map(m, (void *)SHARE_VA, MEM_MAP_READ | 0x40),
	      ERR_INVALID);
	CHECK("rules", "write without the right", sys_mem_map(ro, (void *)SHARE_VA, RW),
	      ERR_RIGHTS);
	CHECK("rules", "execute without the right",
	      sys_mem_map(ro, (void *)SHARE_VA, MEM_MAP_READ | MEM_MAP_EXECUTE), ERR_RIGHTS);
	CHECK("rules", "budget is not mappable",
	      sys_mem_map(CAP_ROOT_BUDGET, (void *)SHARE_VA, MEM_MAP_READ), ERR_INVALID);
	CHECK("rules", "module image is not mappable",
	      sys_mem_map(CAP_ROOT_MODULE(0), (void *)SHARE_VA, MEM_MAP_READ), ERR_INVALID);
	CHECK("rules", "not memory", sys_mem_map(CAP_SELF, (void *)SHARE_VA, MEM_MAP_READ),
	      ERR_BAD_CAP);
	CHECK("rules", "alloc from no budget", sys_mem_alloc(m, 1), ERR_INVALID);
	CHECK("rules", "alloc 0 pages", sys_mem_alloc(CAP_ROOT_BUDGET, 0), ERR_INVALID);
	CHECK("rules", "alloc without write", sys_mem_alloc(read_budget, 1), ERR_RIGHTS);
	CHECK("rules", "info with read", sys_mem_info(read_budget) > 0, 1);
	CHECK("rules", "unmap nothing", sys_mem_unmap((void *)SHARE_VA), ERR_NOT_FOUND);
	cap_delete(read_budget);
}

/* A read-only mapping of m's frames shows m's data; a write to it kills only the writer. */
static void read_only_mapping(cap_t ro)
{
	CHECK("rules", "map read-only", sys_mem_map(ro, (void *)RO_VA, MEM_MAP_READ), ERR_OK);
	CHECK("rules", "read-only sees the data", *word(RO_VA, 3, 7), 3007);
	CHECK("rules", "writer thread",
	      sys_thread_create(writer, writer_stack + sizeof(writer_stack), RO_VA + 3 * PAGE + 28,
				WRITER_PRIO) > 0,
	      1);
	CHECK("rules", "main thread alive, data unchanged", *word(RO_VA, 3, 7), 3007);
}

/* ERR_NOMEM beyond the budget, nothing charged; frames return only when both refs are gone. */
static void budget_accounting(void)
{
	int32_t b = sys_mem_info(CAP_ROOT_BUDGET);
	cap_t m2 = sys_mem_alloc(CAP_ROOT_BUDGET, 8), m3;

	CHECK("rules", "alloc beyond the budget", sys_mem_alloc(CAP_ROOT_BUDGET, (uint32_t)b + 1),
	      ERR_NOMEM);
	CHECK("rules", "budget after ERR_NOMEM", sys_mem_info(CAP_ROOT_BUDGET), b - FRAMES_COST(8));
	CHECK("rules", "map 8 pages", sys_mem_map(m2, (void *)SPARE_VA, RW), ERR_OK);
	cap_t keep = cap_derive(m2, CAP_RIGHT_READ, 0);

	CHECK("rules", "delete while another capability stays", cap_delete(m2), ERR_OK);
	*word(SPARE_VA, 7, 0) = 1; /* still mapped: the unit holds a capability to it */
	/* The first mapping in SPARE_VA's 4 MiB region added a page table, charged for good. */
	b -= TABLES_FOR(8);
	CHECK("rules", "the mapping keeps the frames", sys_mem_info(CAP_ROOT_BUDGET),
	      b - FRAMES_COST(8));
	CHECK("rules", "delete the unit's last capability", cap_delete(keep), ERR_OK);
	CHECK("rules", "the mapping went with it", sys_mem_unmap((void *)SPARE_VA), ERR_NOT_FOUND);
	CHECK("rules", "frames back after the last capability", sys_mem_info(CAP_ROOT_BUDGET), b);
	m3 = sys_mem_alloc(CAP_ROOT_BUDGET, 2);
	CHECK("rules", "map 2 pages", sys_mem_map(m3, (void *)SPARE_VA, RW), ERR_OK);
	CHECK("rules", "unmap first", sys_mem_unmap((void *)SPARE_VA), ERR_OK);
	CHECK("rules", "the capability keeps the frames", sys_mem_info(CAP_ROOT_BUDGET),
	      b - FRAMES_COST(2));
	CHECK("rules", "delete the last reference", cap_delete(m3), ERR_OK);
	CHECK("rules", "frames back after delete", sys_mem_info(CAP_ROOT_BUDGET), b);
}

/* The peer maps what init passes it and writes into it; init sees the writes in place. */
static void share_with_peer(cap_t m)
{
	cap_t ep = sys_endpoint_create(),
	      give[1] = {cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0)};
	struct ipc_message msg = {.type = MSG_SHARE, .length = 0};
	struct ipc_recv_info info;

	CHECK("rules", "start peer",
	      sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_PEER), PEER_PRIO, PEER_PRIO, ONE_CPU,
				   give, 1, 0) > 0,
	      1);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		msg.caps[i] = CAP_NULL;
	cap_t lent = cap_derive(m, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);

	msg.caps[0] = cap_derive(lent, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	CHECK("rules", "share call", ipc_call(ep, &msg, &info, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("rules", "peer failures", msg.length == 1 ? msg.data[0] : 99, 0);
	for (uint32_t p = 0; p < SHARE_PAGES; p++)
		CHECK("rules", "peer's write seen in place", *word(SHARE_VA, p, 1), PEER_MAGIC + p);
	/* Taking the peer's capability back takes its mapping too; ours stays (we hold m). */
	CHECK("rules", "revoke what was lent", cap_revoke(lent), ERR_OK);
	msg = (struct ipc_message){.type = MSG_TOUCH, .length = 0};
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		msg.caps[i] = CAP_NULL;
	CHECK("rules", "ask the peer to touch it", ipc_send(ep, &msg, IPC_WAIT_FOREVER), ERR_OK);
	CHECK("rules", "our mapping stays", *word(SHARE_VA, 0, 1), PEER_MAGIC);
	cap_delete(lent);
	cap_delete(ep);
}

int main(uintptr_t arg)
{
	int32_t b0 = sys_mem_info(CAP_ROOT_BUDGET);
	cap_t m = sys_mem_alloc(CAP_ROOT_BUDGET, SHARE_PAGES);
	cap_t ro = cap_derive(m, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	uint32_t sum = 0;

	(void)arg;
	CHECK("rules", "alloc", m > 0, 1);
	CHECK("rules", "budget charged", sys_mem_info(CAP_ROOT_BUDGET),
	      b0 - FRAMES_COST(SHARE_PAGES));
	CHECK("rules", "vga identify", cap_identify(CAP_ROOT_VGA),
	      CAP_IDENTIFY(CAP_TYPE_MEMORY, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT));
	CHECK("rules", "vga pages", sys_mem_info(CAP_ROOT_VGA), 8);
	refusals(m, ro);
	CHECK("rules", "map", sys_mem_map(m, (void *)SHARE_VA, RW), ERR_OK);
	for (uint32_t i = 0; i < SHARE_PAGES * PAGE / 4; i++)
		sum |= *word(SHARE_VA, 0, i);
	CHECK("rules", "fresh frames are zero", sum, 0);
	for (uint32_t p = 0; p < SHARE_PAGES; p++)
		*word(SHARE_VA, p, 7) = p * 1000 + 7;
	CHECK("rules", "overlap", sys_mem_map(m, (void *)(SHARE_VA + PAGE), RW), ERR_INVALID);
	read_only_mapping(ro);
	budget_accounting();
	share_with_peer(m);
	CHECK("rules", "unmap", sys_mem_unmap((void *)SHARE_VA), ERR_OK);
	CHECK("rules", "unmap read-only", sys_mem_unmap((void *)RO_VA), ERR_OK);
	CHECK("rules", "delete ro", cap_delete(ro), ERR_OK);
	CHECK("rules", "delete", cap_delete(m), ERR_OK);
	/* Less the page tables of the three regions mapped (SHARE, RO, SPARE): they stay with the
	 * address space, and go back to the budget when this unit ends. */
	CHECK("rules", "budget whole after the peer died", sys_mem_info(CAP_ROOT_BUDGET), b0 - 3);
	uprintf("mem rules test: %d failed\n", check_failed);
	return check_failed;
}
