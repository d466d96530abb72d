/*
 * The SMP test (//tests:smp_test, docs/smp.md), the root task of an image booted with 4
 * CPUs: every CPU schedules; a thread pinned to each CPU runs there and counts while the
 * others count too (its CPU switches to no other thread meanwhile, yet it sees the others
 * advance: they run at the same time); a server pinned to another CPU answers calls with
 * data and a capability as it would on one CPU; a high-priority thread woken from another
 * CPU preempts a thread that never enters the kernel there (a reschedule IPI); a thread on
 * another CPU loses a page this CPU unmaps (TLB shootdown: its next read faults); a unit
 * whose threads spin on all four CPUs is killed (module 1, spinner.c); a running thread
 * moves from CPU 1 to CPU 2 through its capability; IPC pairs on CPUs 1-3 call and reply
 * without the big lock (its shared side) at the same time, on their own endpoints and on one.
 */
#include <stdbool.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define WHO	     "smp"
#define CPUS	     4
#define COUNT	     400000u
#define MAIN_PRIO    100 /* the root task's; the threads below are under it unless said */
#define WAIT_US	     10000000ull
#define STACK	     2048
#define CALLS	     200
#define VICTIM_PAGE  ((volatile uint32_t *)0x20000000u)

static _Alignas(16) uint8_t stacks[CPUS + 4 + 2 * (CPUS - 1)][STACK];
static volatile uint32_t ran_on[CPUS], counted[CPUS], saw_others[CPUS], switched[CPUS];
static volatile uint32_t started, seen, finished;
static cap_t done;

static struct keel_cpu_info cpu_info(uint32_t cpu)
{
	struct keel_cpu_info info = {0};

	sys_cpu_info(cpu, &info);
	return info;
}

static uint32_t others(uint32_t me)
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < CPUS; i++)
		sum += i == me ? 0 : counted[i];
	return sum;
}

/*
 * Once every counter has started, counts to COUNT on its CPU and on until every counter has
 * seen the others' counts move between two of its own looks while its CPU switched to no
 * other thread: they count at the same time. The last to finish signals.
 */
static void counter(uintptr_t i)
{
	struct keel_cpu_info start = cpu_info((uint32_t)i);
	uint32_t last;

	ran_on[i] = start.caller_cpu;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	while (started < CPUS)
		;
	last = others((uint32_t)i);
	for (uint32_t c = 0; c < COUNT || (seen < CPUS && c < 100 * COUNT); c++) {
		counted[i] = c + 1;
		if ((c & 1023) != 0 || saw_others[i])
			continue;
		if (others((uint32_t)i) != last) {
			saw_others[i] = 1;
			__atomic_add_fetch(&seen, 1, __ATOMIC_SEQ_CST);
		}
	}
	switched[i] = cpu_info((uint32_t)i).switches != start.switches;
	if (__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST) == CPUS)
		sys_notify_signal(done, 1);
}

/* Waits until every bit of `want` was signalled on `n`; the bits seen. */
static uint32_t wait_bits(cap_t n, uint32_t want)
{
	uint32_t seen = 0, bits;

	while ((seen & want) != want && sys_notify_wait(n, &bits, WAIT_US) == ERR_OK)
		seen |= bits;
	return seen;
}

static void pinned_counters(void)
{
	for (uint32_t i = 0; i < CPUS; i++)
		CHECK(WHO, "counter thread created",
		      sys_thread_create(counter, stacks[i] + STACK, i, THREAD_PRIORITY(50, i)) > 0, 1);
	CHECK(WHO, "every counter done", wait_bits(done, 1), 1);
	for (uint32_t i = 0; i < CPUS; i++) {
		uprintf("smp: counter pinned to CPU %u ran on CPU %u, counted %s %u, saw the others "
			"count %s, its CPU switched meanwhile %s\n",
			(unsigned)i, (unsigned)ran_on[i], counted[i] >= COUNT ? "at least" : "only",
			(unsigned)COUNT, saw_others[i] ? "yes" : "no", switched[i] ? "yes" : "no");
		check_failed += ran_on[i] != i || counted[i] < COUNT || !saw_others[i] || switched[i];
	}
}

static cap_t endpoint;
static volatile uint32_t server_cpu;

/* Pinned to CPU 1: answers each call with its bytes + 1 and, last, a new notification. */
static void server(uintptr_t arg)
{
	struct ipc_message m;
	struct ipc_recv_info info;
	int32_t r = ipc_recv(endpoint, &m, &info, WAIT_US);

	(void)arg;
	server_cpu = cpu_info(0).caller_cpu;
	if (r != ERR_OK)
		uprintf("smp: server: receive error %d\n", (int)r);
	while (r == ERR_OK) {
		for (uint32_t i = 0; i < m.length; i++)
			m.data[i]++;
		if (m.type == 2) {
			m.caps[0] = (cap_t)sys_notify_create();
			m.type = 2 | IPC_TYPE_REPLY;
			ipc_reply_recv(endpoint, &m, &info, IPC_NO_WAIT);
			return;
		}
		m.type |= IPC_TYPE_REPLY;
		r = ipc_reply_recv(endpoint, &m, &info, WAIT_US);
	}
}

static void cross_cpu_calls(void)
{
	struct keel_cpu_info before = cpu_info(1);
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t good = 0;

	endpoint = (cap_t)sys_endpoint_create();
	CHECK(WHO, "server thread created",
	      sys_thread_create(server, stacks[CPUS] + STACK, 0, THREAD_PRIORITY(60, 1)) > 0, 1);
	for (uint32_t k = 0; k < CALLS; k++) {
		m = (struct ipc_message){.type = k + 1 == CALLS ? 2 : 1, .length = IPC_DATA_BYTES,
					 .caps = {CAP_NULL, CAP_NULL, CAP_NULL, CAP_NULL}};
		for (uint32_t i = 0; i < IPC_DATA_BYTES; i++)
			m.data[i] = (uint8_t)(i + k);
		int32_t r = ipc_call(endpoint, &m, &info, WAIT_US);

		if (r == ERR_OK && m.length == IPC_DATA_BYTES && m.data[7] == (uint8_t)(8 + k))
			good++;
		else if (good == k)
			uprintf("smp: call %u: error %d, length %u\n", (unsigned)k, (int)r,
				(unsigned)m.length);
	}
	CHECK(WHO, "calls answered from CPU 1 with their data", good, CALLS);
	CHECK(WHO, "the server ran on CPU", server_cpu, 1);
	CHECK(WHO, "the last reply carried a notification", info.cap_type[0], CAP_TYPE_NOTIFICATION);
	CHECK(WHO, "which works", sys_notify_signal(m.caps[0], 1), ERR_OK);
	CHECK(WHO, "CPU 1 took IPIs", cpu_info(1).ipis_received > before.ipis_received, 1);
}

static volatile uint32_t spins, spins_when_woken;
static volatile int high_ran;
static cap_t wake;

static void high(uintptr_t arg)
{
	uint32_t bits;

	(void)arg;
	if (sys_notify_wait(wake, &bits, WAIT_US) == ERR_OK)
		spins_when_woken = spins;
	high_ran = 1;
}

/* Never enters the kernel: only an interrupt can take its CPU from it. */
static void spinner(uintptr_t arg)
{
	(void)arg;
	while (!high_ran && spins < 0x7fffffffu)
		spins = spins + 1;
	sys_notify_signal(done, 1);
}

static void ipi_preemption(void)
{
	struct keel_cpu_info before;
	uint32_t bits;

	wake = (cap_t)sys_notify_create();
	sys_notify_wait(done, &bits, IPC_NO_WAIT);
	sys_thread_create(high, stacks[CPUS + 1] + STACK, 0, THREAD_PRIORITY(150, 2));
	sys_thread_create(spinner, stacks[CPUS + 2] + STACK, 0, THREAD_PRIORITY(40, 2));
	while (spins < 100000)
		sys_yield();
	before = cpu_info(2);
	sys_notify_signal(wake, 1);
	CHECK(WHO, "spinner stopped after the wake-up", wait_bits(done, 1), 1);
	CHECK(WHO, "high woken on CPU 2 while the spinner spun", spins_when_woken >= 100000, 1);
	CHECK(WHO, "CPU 2 took an IPI", cpu_info(2).ipis_received > before.ipis_received, 1);
}

static volatile uint32_t reads;

/* On CPU 3: reads the page until it is gone; the read after the unmap faults (killed). */
static void reader(uintptr_t arg)
{
	(void)arg;
	for (;;)
		reads = reads + *VICTIM_PAGE;
}

static void shootdown(void)
{
	struct keel_unit_info u;
	cap_t m = (cap_t)sys_mem_alloc(CAP_ROOT_BUDGET, 1);

	CHECK(WHO, "map the page", sys_mem_map(m, (void *)VICTIM_PAGE, MEM_MAP_READ | MEM_MAP_WRITE),
	      ERR_OK);
	*VICTIM_PAGE = 1;
	sys_thread_create(reader, stacks[CPUS + 3] + STACK, 0, THREAD_PRIORITY(40, 3));
	while (reads < 1000)
		sys_yield();
	CHECK(WHO, "unmap the page the reader on CPU 3 reads", sys_mem_unmap((void *)VICTIM_PAGE),
	      ERR_OK);
	for (uint32_t i = 0; i < 100000 && sys_unit_info(CAP_SELF, &u) == ERR_OK && u.threads > 1;
	     i++)
		sys_yield();
	CHECK(WHO, "the reader died at its next read", u.threads, 1);
}

/*
 * Starts the spinner unit (module 1) on CPU 0 below us; once its four threads spin on the
 * four CPUs, kills it: it ends as killed with every thread gone and the memory it held back
 * in our budget, and every CPU is idle again.
 */
static void destruction(void)
{
	cap_t ready = (cap_t)sys_notify_create(), caps[1];
	struct keel_budget before, after;
	struct keel_unit_info u;
	int32_t unit;

	sys_budget_info(CAP_ROOT_BUDGET, &before);
	caps[0] = (cap_t)cap_derive(ready, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	unit = sys_unit_start_flags(CAP_ROOT_MODULE(1), 30, 30, UNIT_START_CPU(0), caps, 1, 0);
	CHECK(WHO, "spinner started", unit > 0, 1);
	CHECK(WHO, "its threads spin on the 4 CPUs", wait_bits(ready, 0xf), 0xf);
	CHECK(WHO, "kill the spinner", sys_unit_kill((cap_t)unit), ERR_OK);
	CHECK(WHO, "it ended killed", sys_unit_info((cap_t)unit, &u) == ERR_OK ? u.state : 99,
	      UNIT_KILLED);
	CHECK(WHO, "with no thread left", u.threads, 0);
	cap_delete((cap_t)unit);
	for (uint32_t i = 0; i < 100000 && cpu_info(1).load + cpu_info(2).load +
						 cpu_info(3).load != 0; i++)
		sys_yield();
	CHECK(WHO, "CPUs 1-3 idle again", cpu_info(1).load + cpu_info(2).load + cpu_info(3).load, 0);
	sys_budget_info(CAP_ROOT_BUDGET, &after);
	CHECK(WHO, "its memory back", after.frames, before.frames);
}

static volatile uint32_t mover_cpu, mover_stop;

/* Enters the kernel often (a yield), noting the CPU it runs on, until told to stop. */
static void mover(uintptr_t arg)
{
	(void)arg;
	while (!mover_stop) {
		mover_cpu = cpu_info(0).caller_cpu;
		sys_yield();
	}
	mover_cpu = 99;
}

/* A running thread pinned to CPU 1 moves to CPU 2 through its capability. */
static void affinity(void)
{
	int32_t t = sys_thread_create(mover, stacks[CPUS + 1] + STACK, 0, THREAD_PRIORITY(40, 1));
	uint32_t i;

	for (i = 0; i < 100000 && mover_cpu != 1; i++)
		sys_yield();
	CHECK(WHO, "the mover runs on CPU", mover_cpu, 1);
	CHECK(WHO, "move it to a CPU that is not up", sys_thread_set_cpu((cap_t)t, 9), ERR_INVALID);
	CHECK(WHO, "move it to CPU 2", sys_thread_set_cpu((cap_t)t, 2), ERR_OK);
	for (i = 0; i < 100000 && mover_cpu != 2; i++)
		sys_yield();
	CHECK(WHO, "the mover runs on CPU", mover_cpu, 2);
	mover_stop = 1;
	for (i = 0; i < 100000 && mover_cpu != 99; i++)
		sys_yield();
	CHECK(WHO, "move it once it ended", sys_thread_set_cpu((cap_t)t, 1), ERR_BAD_CAP);
	cap_delete((cap_t)t);
}

#define PAIR_CALLS  3000
#define PAIR_STACK  (CPUS + 4) /* the IPC pairs' first stack */

static cap_t pair_ep[CPUS];
static volatile uint32_t pair_good[CPUS], pair_local[CPUS];

/* Each thread's message and info in its own 512 bytes: never across a page, where the IPC
 * fast path would not take them (docs/ipc.md). Servers [cpu], clients [CPUS + cpu]. */
static struct pair_buffers {
	_Alignas(512) struct ipc_message m;
	struct ipc_recv_info info;
} pair_buf[2 * CPUS];
_Static_assert(sizeof(struct pair_buffers) == 512, "one buffer pair per 512 bytes");

/* On CPU arg: answers calls on pair_ep[arg] with their 8 bytes + 1 and its CPU; type 3 ends
 * it. No timeouts: the IPC fast path may serve it. */
static void pair_server(uintptr_t arg)
{
	struct ipc_message *m = &pair_buf[arg].m;
	struct ipc_recv_info *info = &pair_buf[arg].info;
	int32_t r = ipc_recv(pair_ep[arg], m, info, IPC_WAIT_FOREVER);

	while (r == ERR_OK) {
		uint32_t type = m->type;

		for (uint32_t i = 0; i < 8; i++)
			m->data[i]++;
		memcpy(&m->data[8], &(uint32_t){(uint32_t)arg}, 4);
		m->length = 12;
		m->type = type | IPC_TYPE_REPLY;
		r = ipc_reply_recv(pair_ep[arg], m, info, type == 3 ? IPC_NO_WAIT : IPC_WAIT_FOREVER);
		if (type == 3)
			return;
	}
	uprintf("smp: server on CPU %u: error %d\n", (unsigned)arg, (int)r);
}

/* On CPU arg: PAIR_CALLS calls on pair_ep[arg], each checked (its bytes + 1, CPU 1-3). */
static void pair_client(uintptr_t arg)
{
	struct ipc_message *m = &pair_buf[CPUS + arg].m;

	for (uint32_t k = 0; k < PAIR_CALLS; k++) {
		uint32_t cpu = 0;
		uint8_t want[8];

		*m = (struct ipc_message){.type = 1, .length = 8,
					  .caps = {CAP_NULL, CAP_NULL, CAP_NULL, CAP_NULL}};
		memcpy(m->data, (uint32_t[2]){(uint32_t)arg, k}, 8);
		for (uint32_t i = 0; i < 8; i++)
			want[i] = (uint8_t)(m->data[i] + 1);
		if (ipc_call(pair_ep[arg], m, &pair_buf[CPUS + arg].info, IPC_WAIT_FOREVER) !=
			ERR_OK ||
		    m->length != 12)
			break;
		memcpy(&cpu, &m->data[8], 4);
		if (memcmp(m->data, want, 8) != 0 || cpu < 1 || cpu >= CPUS)
			break;
		pair_good[arg]++;
		pair_local[arg] += cpu == arg;
	}
	sys_notify_signal(done, 1u << arg);
}

/*
 * A server and a client on each of CPUs 1-3, each pair on its own endpoint while this thread
 * (CPU 0) waits, or (`one`) all on one endpoint while this thread takes the big lock again
 * and again (a system call at a time): every call answered with its data. The least count
 * of CPUs 1-3's fast-path IPC on the lock's shared side, or 0 if a call went wrong.
 */
static uint64_t ipc_pairs(const char *what, bool one)
{
	uint64_t before[CPUS], least = UINT64_MAX, good = 0;
	struct ipc_message m;
	struct ipc_recv_info info;
	uint32_t bits = 0;

	sys_notify_wait(done, &bits, IPC_NO_WAIT);
	for (uint32_t c = 1; c < CPUS; c++) {
		pair_ep[c] = one && c > 1 ? pair_ep[1] : (cap_t)sys_endpoint_create();
		pair_good[c] = pair_local[c] = 0;
		before[c] = cpu_info(c).shared_ipc;
		sys_thread_create(pair_server, stacks[PAIR_STACK + c - 1] + STACK, c,
				  THREAD_PRIORITY(60, c));
		sys_thread_create(pair_client, stacks[PAIR_STACK + CPUS - 2 + c] + STACK, c,
				  THREAD_PRIORITY(50, c));
	}
	if (!one)
		wait_bits(done, 0xe);
	for (bits = 0; one && (bits & 0xe) != 0xe;) /* the lock taken by the thousand meanwhile */
		for (uint32_t got = 0; sys_notify_wait(done, &got, IPC_NO_WAIT) == ERR_OK;)
			bits |= got;
	for (uint32_t c = 1; c < CPUS; c++) {
		uint64_t n = cpu_info(c).shared_ipc - before[c];

		uprintf("smp: %s: CPU %u: %u calls answered, %u by its own CPU's server, %u IPC "
			"syscalls on the shared side\n", what, (unsigned)c, (unsigned)pair_good[c],
			(unsigned)pair_local[c], (unsigned)n);
		good += pair_good[c];
		least = n < least ? n : least;
	}
	for (uint32_t c = 1; c < CPUS; c++) {
		m = (struct ipc_message){.type = 3, .caps = {CAP_NULL, CAP_NULL, CAP_NULL, CAP_NULL}};
		CHECK(WHO, "a server ended", ipc_call(pair_ep[c], &m, &info, WAIT_US), ERR_OK);
	}
	for (uint32_t c = 1; c < CPUS; c++)
		if (!one || c == 1)
			cap_delete(pair_ep[c]);
	CHECK(WHO, "calls answered with their data", good, 3 * PAIR_CALLS);
	return good == 3 * PAIR_CALLS ? least : 0;
}

/*
 * Three IPC pairs, one on each of CPUs 1-3, each on its own endpoint: their calls and
 * replies go through the fast path without the big lock (its shared side), on the three
 * CPUs at once. Then the six threads share one endpoint while this CPU takes the lock by the
 * thousand: the shared side, the lock's holders and the general path mix on one queue (the
 * shared side under the endpoint's own lock); calls go to whichever server waits first.
 */
static void shared_side(void)
{
	uint64_t least = ipc_pairs("own endpoints", false);

	CHECK(WHO, "each pair's round trips on the shared side", least >= PAIR_CALLS, 1);
	ipc_pairs("one endpoint", true);
}

int main(uintptr_t arg)
{
	uint32_t n = 0;

	(void)arg;
	while (n < 16 && sys_cpu_info(n, &(struct keel_cpu_info){0}) == ERR_OK)
		n++;
	CHECK(WHO, "CPUs scheduling", n, CPUS);
	done = (cap_t)sys_notify_create();
	pinned_counters();
	cross_cpu_calls();
	ipi_preemption();
	shootdown();
	destruction();
	affinity(); /* after the kill: every CPU still takes its timer and IPIs */
	shared_side();
	uprintf(WHO ": %d failed\n", check_failed);
	return check_failed != 0;
}
