/*
 * The stress test's churn: threads created (on the creator's CPU and on the next one), run,
 * exit and are reaped one after another; memory objects mapped and unmapped over and over
 * while threads of the same address space run on the other CPUs (each unmap a TLB
 * shootdown there), replaced by fresh ones every MAPS_PER_OBJ maps.
 */
#include "stress.h"

#define MAP_BASE   0x30000000u /* each CPU's mapper maps at MAP_BASE + cpu * MAP_STRIDE */
#define MAP_STRIDE 0x10000u
#define PAGE_WORDS 1024u

static _Alignas(16) uint8_t child_stacks[CPUS][STACK];
static volatile uint32_t child_cpu[CPUS];

/* A child of creator `creator` (bits 0-7), meant to run on CPU arg >> 8: notes it, ends. */
static void child(uintptr_t arg)
{
	uint32_t creator = arg & 0xffu;

	child_cpu[creator] = my_cpu();
	counts[creator].child_ran += child_cpu[creator] == arg >> 8;
	sys_notify_signal(child_notes[creator], 1);
}

/*
 * Whether thread `t`, which has exited or is about to, is reaped within a second: its
 * capability then names a freed slot. SYS_BUDGET_INFO reaps the dead threads that no CPU
 * runs any more (so does any idle CPU).
 */
static int reaped(cap_t t)
{
	struct keel_budget b;
	uint64_t now = 0, until;

	sys_get_time_us(&now);
	until = now + 1000000u;
	while (cap_identify(t) != ERR_BAD_CAP) {
		sys_budget_info(CAP_ROOT_BUDGET, &b);
		if (sys_get_time_us(&now) != ERR_OK || now > until)
			return 0;
	}
	return 1;
}

/* Starts THREADS children one at a time, every other one on the next CPU; each is reaped. */
void thread_creator(uint32_t cpu)
{
	for (uint32_t k = 0; k < THREADS; k++) {
		uint32_t on = k % 2 == 0 ? cpu : (cpu + 1) % CPUS, bits;
		int32_t t = sys_thread_create(child, child_stacks[cpu] + STACK, on << 8 | cpu,
					      THREAD_PRIORITY(CHILD_PRIO, on));

		if (t < 0) {
			uprintf(WHO ": creator on CPU %u: thread %u: %d\n", (unsigned)cpu,
				(unsigned)k, (int)t);
			return;
		}
		counts[cpu].created++;
		int32_t r = sys_notify_wait(child_notes[cpu], &bits, WAIT_US);

		if (r == ERR_OK && reaped((cap_t)t))
			counts[cpu].reaped++;
		else
			uprintf(WHO ": creator on CPU %u: thread %u (CPU %u) not reaped: %d\n",
				(unsigned)cpu, (unsigned)k, (unsigned)on, (int)r);
		cap_delete((cap_t)t);
		if (r != ERR_OK)
			return; /* its stack may still be in use */
	}
}

/*
 * Whether the first and last word of each page of the mapping at p hold what
 * write_words(p, value) wrote there; with `zero`, whether they are all 0.
 */
static int words_are(volatile uint32_t *p, uint32_t value, int zero)
{
	for (uint32_t i = 0; i < OBJ_PAGES; i++) {
		uint32_t first = zero ? 0 : value ^ i, last = zero ? 0 : ~(value ^ i);

		if (p[i * PAGE_WORDS] != first || p[i * PAGE_WORDS + PAGE_WORDS - 1] != last)
			return 0;
	}
	return 1;
}

static void write_words(volatile uint32_t *p, uint32_t value)
{
	for (uint32_t i = 0; i < OBJ_PAGES; i++) {
		p[i * PAGE_WORDS] = value ^ i;
		p[i * PAGE_WORDS + PAGE_WORDS - 1] = ~(value ^ i);
	}
}

/* A fresh object in *obj (the old one deleted): whether that worked. */
static int renew(uint32_t cpu, cap_t *obj)
{
	if (*obj != CAP_NULL && cap_delete(*obj) == ERR_OK)
		counts[cpu].frees++;
	*obj = (cap_t)sys_mem_alloc(CAP_ROOT_BUDGET, OBJ_PAGES);
	if (*obj < 0) {
		uprintf(WHO ": mapper on CPU %u: alloc: %d\n", (unsigned)cpu, (int)*obj);
		return 0;
	}
	counts[cpu].allocs++;
	return 1;
}

/*
 * Maps its object, checks what it holds (zeros when fresh, else what the previous map left),
 * writes the map's number there and unmaps it, MAPS times.
 */
void mapper(uint32_t cpu)
{
	volatile uint32_t *p = (volatile uint32_t *)(MAP_BASE + cpu * MAP_STRIDE);
	cap_t obj = CAP_NULL;
	int32_t r = ERR_OK;

	for (uint32_t k = 0; k < MAPS; k++) {
		if (k % MAPS_PER_OBJ == 0 && !renew(cpu, &obj))
			return;
		if ((r = sys_mem_map(obj, (void *)p, MEM_MAP_READ | MEM_MAP_WRITE)) != ERR_OK)
			break;
		counts[cpu].maps++;
		if (k % MAPS_PER_OBJ == 0)
			counts[cpu].zeroed += words_are(p, 0, 1);
		else
			counts[cpu].kept += words_are(p, k - 1, 0);
		write_words(p, k);
		if ((r = sys_mem_unmap((void *)p)) != ERR_OK)
			break;
		counts[cpu].unmaps++;
	}
	if (counts[cpu].unmaps != MAPS)
		uprintf(WHO ": mapper on CPU %u: map %u: %d\n", (unsigned)cpu,
			(unsigned)counts[cpu].maps, (int)r);
	if (obj != CAP_NULL && cap_delete(obj) == ERR_OK)
		counts[cpu].frees++;
}
