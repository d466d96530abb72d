/*
 * Root task of the big-memory test (QEMU -m 3000): allocates more than 1 GiB from its budget
 * in one memory object, maps it, writes a pattern into every page from user space, reads all
 * of it back, and checks the budget is whole again after unmap and delete.
 */
#include "mem_test.h"

#define BIG_PAGES	(1100u * 256u) /* 1100 MiB */
#define BIG_VA		0x10000000u
#define STRIDE		64u /* words between two checked words: every 256 bytes */
#define WORDS		(PAGE_SIZE_BYTES / 4u)
#define PAGE_SIZE_BYTES 4096u

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
	CHECK("bigmem", "map", sys_mem_map(big, (void *)BIG_VA, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	CHECK("bigmem", "fresh memory is zero",
	      ((volatile uint32_t *)BIG_VA)[(BIG_PAGES - 1) * WORDS + 5], 0);
	sweep((volatile uint32_t *)BIG_VA, 0);
	CHECK("bigmem", "bad words", sweep((volatile uint32_t *)BIG_VA, 1), 0);
	CHECK("bigmem", "unmap", sys_mem_unmap((void *)BIG_VA), ERR_OK);
	CHECK("bigmem", "delete", cap_delete(big), ERR_OK);
	/* Less the page tables the mapping added: they stay with the space until the unit ends. */
	CHECK("bigmem", "budget whole again", sys_mem_info(CAP_ROOT_BUDGET),
	      before - TABLES_FOR(BIG_PAGES));
	uprintf("bigmem test: %d failed\n", check_failed);
	return check_failed;
}
