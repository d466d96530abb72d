/*
 * Root task of the big-memory test (QEMU -m 3000): allocates more than 1 GiB from its budget
 * in one memory object, maps it, writes a pattern into every page from user space, reads all
 * of it back, and checks the budget is whole again after unmap and delete. A watcher thread
 * above it wakes every millisecond meanwhile and reports how late it woke at worst during the
 * map, the unmap and the delete (each done in bounded interrupts-off steps): a figure for
 * docs/syscalls.md, not a pass/fail bound.
 */
#include "mem_test.h"

#define BIG_PAGES	(1100u * 256u) /* 1100 MiB */
#define BIG_VA		0x10000000u
#define STRIDE		64u /* words between two checked words: every 256 bytes */
#define WORDS		(PAGE_SIZE_BYTES / 4u)
#define PAGE_SIZE_BYTES 4096u

#define WATCH_PERIOD_US 1000u
#define WATCH_PRIORITY	150 /* above main (init's 100) */

static _Alignas(16) uint8_t watch_stack[2048];
static volatile int watching;	     /* main: 1 while a watched call runs, then 0 to end */
static volatile uint64_t worst_late; /* the watcher: the latest wake-up seen, in us */

/* Sleeps WATCH_PERIOD_US at a time while `watching`, keeping the worst lateness. */
static void watcher(uintptr_t arg)
{
	uint64_t before, after;

	(void)arg;
	while (watching) {
		sys_get_time_us(&before);
		sys_sleep_us(WATCH_PERIOD_US);
		sys_get_time_us(&after);
		if (after - before - WATCH_PERIOD_US > worst_late)
			worst_late = after - before - WATCH_PERIOD_US;
	}
}

/* The word the test writes at word w of page p. */
static uint32_t pattern(uint32_t p, uint32_t w)
{
	return (p * 2654435761u) ^ (w << 20) ^ 0x5a5a0000u;
}

/* Writes (or, when `check`, verifies) the pattern in every page; returns the bad words. */
static uint32_t sweep(volatile uint32_t *base, int check)
{
	uint32_t bad = 0;

	for (uint32_t p = 0; p < BIG_PAGES; p++) {
		volatile uint32_t *page = base + p * WORDS;

		for (uint32_t w = 0; w < WORDS; w += STRIDE) {
			if (!check)
				page[w] = pattern(p, w);
			else if (page[w] != pattern(p, w))
				bad++;
		}
		if (!check)
			page[WORDS - 1] = p;
		else if (page[WORDS - 1] != p)
			bad++;
	}
	return bad;
}

int main(uintptr_t arg)
{
	int32_t before = sys_mem_info(CAP_ROOT_BUDGET);
	cap_t big;

	(void)arg;
	uprintf("bigmem: budget %d frames (%d MiB)\n", before, before / 256);
	CHECK("bigmem", "budget above 1100 MiB", before > (int32_t)BIG_PAGES, 1);
	big = sys_mem_alloc(CAP_ROOT_BUDGET, BIG_PAGES);
	CHECK("bigmem", "alloc ok", big > 0, 1);
	CHECK("bigmem", "object pages", sys_mem_info(big), BIG_PAGES);
	CHECK("bigmem", "budget charged", sys_mem_info(CAP_ROOT_BUDGET),
	      before - FRAMES_COST(BIG_PAGES));
	watching = 1;
	CHECK("bigmem", "watcher",
	      sys_thread_create(watcher, watch_stack + sizeof(watch_stack), 0, WATCH_PRIORITY) > 0,
	      1);
	CHECK("bigmem", "map", sys_mem_map(big, (void *)BIG_VA, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	watching = 0;

	CHECK("bigmem", "fresh memory is zero",
	      ((volatile uint32_t *)BIG_VA)[(BIG_PAGES - 1) * WORDS + 5], 0);
	sweep((volatile uint32_t *)BIG_VA, 0);
	CHECK("bigmem", "bad words", sweep((volatile uint32_t *)BIG_VA, 1), 0);
	watching = 1;
	CHECK("bigmem", "watcher again",
	      sys_thread_create(watcher, watch_stack + sizeof(watch_stack), 0, WATCH_PRIORITY) > 0,
	      1);
	CHECK("bigmem", "unmap", sys_mem_unmap((void *)BIG_VA), ERR_OK);

	CHECK("bigmem", "delete", cap_delete(big), ERR_OK);
	watching = 0;
	sys_sleep_us(2 * WATCH_PERIOD_US); /* the watcher ends at its next wake-up */
	uprintf("bigmem: latest wake-up of a 1 ms sleeper during map, unmap and delete: %u us\n",
		(unsigned)worst_late);
	/* Less the page tables the mapping added: they stay with the space until the unit ends. */
	CHECK("bigmem", "budget whole again", sys_mem_info(CAP_ROOT_BUDGET),
	      before - TABLES_FOR(BIG_PAGES));
	uprintf("bigmem test: %d failed\n", check_failed);
	return check_failed;
}
