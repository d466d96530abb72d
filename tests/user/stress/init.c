/*
 * The SMP stress test (//tests:smp_stress_test, docs/smp.md), the root task of an image
 * booted with 4 CPUs. Seven workers pinned to each CPU run at the same time: an IPC server, a
 * client calling it (same CPU), a client calling the next CPU's server, a channel producer
 * and consumer (half the messages cross to the next CPU), a thread creator (children on its
 * CPU and the next, each reaped before the next starts) and a mapper (map, check, write,
 * unmap; each unmap a TLB shootdown on the CPUs running this unit's other threads). At the
 * end every count matches what was sent or asked for, the operations add up to at least
 * 10^5, and the root budget and the machine's free frames are what they were before.
 */
#include "stress.h"

#define KINDS	   7
#define WORKERS	   (KINDS * CPUS)
#define MIN_OPS	   100000u
#define SUM(field) sum_of(__builtin_offsetof(struct stress_counts, field))

volatile struct stress_counts counts[CPUS];
cap_t endpoints[CPUS], channels[CPUS], child_notes[CPUS];

/* Worker i runs kind i / CPUS on CPU i % CPUS (the servers are created first). */
static const struct {
	void (*run)(uint32_t cpu);
	uint32_t priority;
} kinds[KINDS] = {
    {ipc_server, SERVER_PRIO},	     /* answers its CPU's and the previous CPU's client */
    {ipc_local_client, WORKER_PRIO}, /* calls its CPU's server */
    {ipc_cross_client, WORKER_PRIO}, /* calls the next CPU's server */
    {chan_producer, WORKER_PRIO},    /* to its CPU's consumer and the next CPU's */
    {chan_consumer, WORKER_PRIO},    /* from its CPU's producer and the previous CPU's */
    {thread_creator, WORKER_PRIO},   /* threads on its CPU and the next, one at a time */
    {mapper, WORKER_PRIO},	     /* maps and unmaps its own objects */
};

static _Alignas(16) uint8_t stacks[WORKERS][STACK];
static volatile uint32_t ran_on[WORKERS], finished;
static cap_t workers[WORKERS], done;
static uint64_t ipis[CPUS];   /* IPIs each CPU took while the workers ran */
static uint64_t shared[CPUS]; /* fast-path IPC syscalls it did on the big lock's shared side */

uint32_t my_cpu(void)
{
	struct keel_cpu_info info = {0};

	sys_cpu_info(0, &info);
	return info.caller_cpu;
}

static uint32_t sum_of(uint32_t offset)
{
	uint32_t sum = 0;

	for (uint32_t c = 0; c < CPUS; c++)
		sum += *(const volatile uint32_t *)((const volatile uint8_t *)&counts[c] + offset);
	return sum;
}

static void worker(uintptr_t i)
{
	ran_on[i] = my_cpu();
	kinds[i / CPUS].run(i % CPUS);
	if (__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST) == WORKERS)
		sys_notify_signal(done, 1);
}

/*
 * The page table the mappers' mappings need, made before the budget is read: a page mapped
 * once where they map (page tables stay until the unit ends).
 */
static uint32_t page_table(void)
{
	cap_t page = (cap_t)sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	uint32_t ok = sys_mem_map(page, (void *)0x30000000u, MEM_MAP_READ) == ERR_OK;

	ok += sys_mem_unmap((void *)0x30000000u) == ERR_OK;
	return ok + (cap_delete(page) == ERR_OK);
}

/* The objects the workers share: how many were made. */
static uint32_t setup(void)
{
	uint32_t made = (done = (cap_t)sys_notify_create()) > 0;

	for (uint32_t c = 0; c < CPUS; c++) {
		made += (endpoints[c] = (cap_t)sys_endpoint_create()) > 0;
		made += (channels[c] = (cap_t)sys_channel_create(8)) > 0;
		made += (child_notes[c] = (cap_t)sys_notify_create()) > 0;
	}
	return made;
}

/* Starts every worker and waits for all to finish; how many did. */
static uint32_t run_workers(void)
{
	struct keel_cpu_info info;
	uint32_t bits;

	for (uint32_t c = 0; c < CPUS; c++) {
		ipis[c] = sys_cpu_info(c, &info) == ERR_OK ? info.ipis_received : 0;
		shared[c] = info.shared_ipc;
	}
	for (uint32_t i = 0; i < WORKERS; i++) {
		workers[i] =
		    (cap_t)sys_thread_create(worker, stacks[i] + STACK, i,
					     THREAD_PRIORITY(kinds[i / CPUS].priority, i % CPUS));
		if (workers[i] < 0)
			uprintf(WHO ": worker %u: %d\n", (unsigned)i, (int)workers[i]);
	}
	for (uint32_t w = 0; w < 30 && finished < WORKERS; w++)
		sys_notify_wait(done, &bits, WAIT_US);
	for (uint32_t c = 0; c < CPUS; c++) {
		ipis[c] = sys_cpu_info(c, &info) == ERR_OK ? info.ipis_received - ipis[c] : 0;
		shared[c] = info.shared_ipc - shared[c];
	}
	return finished;
}

static uint32_t report_ipc(void)
{
	CHECK(WHO, "ipc calls to the same CPU", SUM(local_sent), CPUS * LOCAL_CALLS);
	CHECK(WHO, "ipc calls to the same CPU answered with their data", SUM(local_answered),
	      SUM(local_sent));
	CHECK(WHO, "ipc calls to the next CPU", SUM(cross_sent), CPUS * CROSS_CALLS);
	CHECK(WHO, "ipc calls to the next CPU answered with their data", SUM(cross_answered),
	      SUM(cross_sent));
	CHECK(WHO, "ipc calls the servers answered", SUM(server_took),
	      SUM(local_sent) + SUM(cross_sent));
	return SUM(local_answered) + SUM(cross_answered);
}

static uint32_t report_channels(void)
{
	CHECK(WHO, "channel messages sent", SUM(chan_sent), CPUS * CHAN_MSGS);
	CHECK(WHO, "channel messages received", SUM(chan_got), SUM(chan_sent));
	CHECK(WHO, "channel messages in order with their data", SUM(chan_good), SUM(chan_sent));
	return SUM(chan_good);
}

static uint32_t report_threads(void)
{
	CHECK(WHO, "threads created", SUM(created), CPUS * THREADS);
	CHECK(WHO, "threads that ran on the CPU asked for", SUM(child_ran), SUM(created));
	CHECK(WHO, "threads that exited and were reaped", SUM(reaped), SUM(created));
	return SUM(reaped);
}

static uint32_t report_maps(void)
{
	CHECK(WHO, "maps", SUM(maps), CPUS * MAPS);
	CHECK(WHO, "unmaps", SUM(unmaps), SUM(maps));
	CHECK(WHO, "memory objects allocated", SUM(allocs),
	      CPUS * ((MAPS + MAPS_PER_OBJ - 1) / MAPS_PER_OBJ));
	CHECK(WHO, "memory objects deleted", SUM(frees), SUM(allocs));
	CHECK(WHO, "fresh objects read as zeros", SUM(zeroed), SUM(allocs));
	CHECK(WHO, "maps that found the previous map's words", SUM(kept), SUM(maps) - SUM(allocs));
	return SUM(unmaps);
}

/* Once every worker is reaped and every object deleted, the budget is what it was. */
static void leak_check(const struct keel_budget *before)
{
	struct keel_budget after;
	struct keel_unit_info u = {0};
	uint64_t now = 0, until;
	uint32_t same = 0;

	sys_get_time_us(&now);
	for (until = now + 1000000u; now < until; sys_get_time_us(&now)) {
		sys_budget_info(CAP_ROOT_BUDGET, &after); /* reaps the dead */
		if (sys_unit_info(CAP_SELF, &u) != ERR_OK || u.threads == 1)
			break;
		sys_sleep_us(1000); /* the last workers' CPUs are still switching away */
	}
	CHECK(WHO, "threads left besides this one", u.threads - 1, 0);
	for (uint32_t i = 0; i < WORKERS; i++)
		cap_delete(workers[i]);
	for (uint32_t c = 0; c < CPUS; c++)
		same += (cap_delete(endpoints[c]) == ERR_OK) + (cap_delete(channels[c]) == ERR_OK) +
			(cap_delete(child_notes[c]) == ERR_OK);
	same += cap_delete(done) == ERR_OK;
	CHECK(WHO, "shared objects deleted", same, 3 * CPUS + 1);
	sys_budget_info(CAP_ROOT_BUDGET, &after);
	CHECK(WHO, "budget frames back", after.frames, before->frames);
	CHECK(WHO, "machine's free frames back", after.system_free_frames,
	      before->system_free_frames);
	same = 0;
	for (uint32_t k = 0; k < CAP_TYPE_COUNT; k++)
		same += after.objects[k] == before->objects[k];
	CHECK(WHO, "budget object counts back", same, CAP_TYPE_COUNT);
}

static void report(uint64_t us)
{
	uint32_t ops = report_ipc(), placed = 0, took = 0;

	ops += report_channels(); /* one at a time: their lines in this order */
	ops += report_threads();
	ops += report_maps();
	for (uint32_t i = 0; i < WORKERS; i++)
		placed += ran_on[i] == i % CPUS;
	CHECK(WHO, "workers that ran on their CPU", placed, WORKERS);
	for (uint32_t c = 0; c < CPUS; c++)
		took += ipis[c] != 0;
	CHECK(WHO, "CPUs that took IPIs meanwhile", took, CPUS);
	CHECK(WHO, "operations", ops,
	      CPUS * (LOCAL_CALLS + CROSS_CALLS + CHAN_MSGS + THREADS + MAPS));
	CHECK(WHO, "at least 10^5 operations", ops >= MIN_OPS, 1);
	uprintf(WHO ": %u operations on %u CPUs in %u ms of guest time; IPIs taken %u %u %u %u; "
		"fast-path IPC syscalls without the big lock %u %u %u %u\n",
		(unsigned)ops, (unsigned)CPUS, (unsigned)(us / 1000), (unsigned)ipis[0],
		(unsigned)ipis[1], (unsigned)ipis[2], (unsigned)ipis[3], (unsigned)shared[0],
		(unsigned)shared[1], (unsigned)shared[2], (unsigned)shared[3]);
}

int main(uintptr_t arg)
{
	struct keel_budget before;
	uint64_t start = 0, end = 0;
	uint32_t n = 0;

	(void)arg;
	while (n < 16 && sys_cpu_info(n, &(struct keel_cpu_info){0}) == ERR_OK)
		n++;
	CHECK(WHO, "CPUs", n, CPUS);
	CHECK(WHO, "page table for the mappers", page_table(), 3);
	sys_budget_info(CAP_ROOT_BUDGET, &before);
	CHECK(WHO, "shared objects made", setup(), 3 * CPUS + 1);
	sys_get_time_us(&start);
	CHECK(WHO, "workers finished", run_workers(), WORKERS);
	sys_get_time_us(&end);
	report(end - start);
	leak_check(&before);
	uprintf(WHO ": %d failed\n", check_failed);
	return check_failed != 0;
}
