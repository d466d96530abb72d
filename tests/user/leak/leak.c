/*
 * The leak check's stress program (tools/leakcheck, docs/tools.md): the root task of
 * //tests/user/leak:leak_image. Each scenario takes kernel objects and frames and must give
 * every one back: units started that exit or are killed, threads, endpoints, channels,
 * notifications, capabilities derived, revoked, deleted and passed in IPC, memory allocated,
 * mapped and unmapped, a server unit that faults and is started again, and a unit killed
 * while it starts units (its kill lands in a load's preemption window). One warm-up round
 * of everything first (what the kernel keeps once made, such as a page table, exists then),
 * then "leak: baseline" and a quiet pause in which tools/leakcheck records every kernel object
 * and the free frames (and may set the rounds, ROUNDS_AT); then the rounds, each phase announced,
 * "leak: check", and it blocks for good: tools/leakcheck compares there. With LEAK_ON_PURPOSE
 * (leaky_image) it keeps one endpoint and one memory object past the check, a leak the tool must
 * report.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "leak.h"

#ifndef ROUNDS
#define ROUNDS 20
#endif
#define MODULE_CHILD 1
#define MODULE_BIG   2
#define CHILD_PRIO   150 /* above the root task: a child runs until it blocks or ends */
#define STARTER_PRIO 50	 /* below it: the root task's wake-up preempts the starter */
#define STARTING_US  20000ull
#define THREAD_PRIO  120
#define WAIT_US	     5000000ull
#define QUIET_US     1000000ull /* the baseline's pause (the machine is stopped while read) */
#define MAP_AT	     0x30000000u
#define MEM_PAGES    4
#define END_BIT	     1u
/*
 * A page of its own mapped here for good before the baseline: tools/leakcheck --rounds writes
 * the rounds wanted into its first word while the program pauses at the baseline (0: ROUNDS).
 */
#define ROUNDS_AT 0x3f000000u

static _Alignas(16) uint8_t thread_stack[2048];
static cap_t note; /* signalled by threads and by the end of a watched unit */
static int failed;

static void expect(const char *what, int32_t got, int32_t want)
{
	if (got != want) {
		uprintf("leak: %s: got %d want %d FAIL\n", what, (int)got, (int)want);
		failed++;
	}
}

/* Waits for `unit` to end (watched), checks how, and drops the capability. */
static void wait_end(cap_t unit, uint32_t how, int32_t status)
{
	struct keel_unit_info ui;
	uint32_t bits = 0;

	expect("watch", sys_unit_watch(unit, note, END_BIT), ERR_OK);
	expect("unit ended", sys_notify_wait(note, &bits, WAIT_US), ERR_OK);
	expect("unit info", sys_unit_info(unit, &ui), ERR_OK);
	expect("how it ended", (int32_t)ui.state, (int32_t)how);
	if (how == UNIT_EXITED)
		expect("exit status", ui.status, status);
	expect("delete unit", cap_delete(unit), ERR_OK);
}

/* A unit that exits, and one that is killed. */
static void units(void)
{
	int32_t u =
	    sys_unit_start(CAP_ROOT_MODULE(MODULE_CHILD), CHILD_PRIO, CHILD_PRIO, NULL, 0, 7);

	expect("start exiting child", u > 0, 1);
	wait_end(u, UNIT_EXITED, 7);
	u = sys_unit_start(CAP_ROOT_MODULE(MODULE_CHILD), CHILD_PRIO, CHILD_PRIO, NULL, 0,
			   CHILD_BLOCK);
	expect("start blocking child", u > 0, 1);
	expect("kill it", sys_unit_kill(u), ERR_OK);
	wait_end(u, UNIT_KILLED, 0);
}

static void thread_main(uintptr_t arg)
{
	sys_notify_signal(note, (uint32_t)arg);
}

/* A thread that runs, signals and exits; its capability deleted. */
static void threads(void)
{
	uint32_t bits = 0;
	int32_t t =
	    sys_thread_create(thread_main, thread_stack + sizeof(thread_stack), 2, THREAD_PRIO);

	expect("thread", t > 0, 1);
	expect("thread ran", sys_notify_wait(note, &bits, WAIT_US), ERR_OK);
	expect("delete thread", cap_delete(t), ERR_OK);
}

/* No capabilities in m (CAP_NULL in every slot; 0 is a handle). */
static void no_caps(struct ipc_message *m)
{
	for (int i = 0; i < IPC_MAX_CAPS; i++)
		m->caps[i] = CAP_NULL;
}

/* Endpoints, channels and notifications, with children derived, revoked and deleted. */
static void objects(void)
{
	int32_t ep = sys_endpoint_create(), ch = sys_channel_create(4), n = sys_notify_create();
	struct ipc_message m = {.type = 1, .length = 4};
	struct ipc_recv_info info;

	no_caps(&m);
	expect("objects", ep > 0 && ch > 0 && n > 0, 1);
	int32_t d1 = cap_derive(ep, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 5);
	int32_t d2 = cap_derive(d1, CAP_RIGHT_WRITE, 0); /* a badge is set once */
	int32_t d3 = cap_derive(n, CAP_RIGHT_WRITE, 0);

	expect("derived", d1 > 0 && d2 > 0 && d3 > 0, 1);
	expect("revoke endpoint", cap_revoke(ep), ERR_OK);
	expect("derived gone", cap_identify(d2), ERR_BAD_CAP);
	expect("signal derived", sys_notify_signal(d3, 1), ERR_OK);
	expect("send on channel", ipc_send(ch, &m, IPC_NO_WAIT), ERR_OK);
	expect("recv on channel", ipc_recv(ch, &m, &info, IPC_NO_WAIT), ERR_OK);
	expect("queued message left", ipc_send(ch, &m, IPC_NO_WAIT), ERR_OK);
	expect("delete derived note", cap_delete(d3), ERR_OK);
	expect("delete endpoint", cap_delete(ep), ERR_OK);
	expect("delete channel", cap_delete(ch), ERR_OK);
	expect("delete notification", cap_delete(n), ERR_OK);
}

/*
 * Memory: mapped, written, unmapped, deleted; and deleted while mapped (the unit loses the
 * mapping with its last capability: nothing left to unmap).
 */
static void memory(void)
{
	volatile uint32_t *p = (volatile uint32_t *)MAP_AT;

	for (int way = 0; way < 2; way++) {
		int32_t mem = sys_mem_alloc(CAP_ROOT_BUDGET, MEM_PAGES);

		expect("alloc", mem > 0, 1);
		expect("map", sys_mem_map(mem, (void *)p, MEM_MAP_READ | MEM_MAP_WRITE), ERR_OK);
		p[0] = 1;
		p[MEM_PAGES * 1024 - 1] = 2;
		if (way == 1)
			expect("delete mapped", cap_delete(mem), ERR_OK);
		expect("unmap", sys_mem_unmap((void *)p), way == 0 ? ERR_OK : ERR_NOT_FOUND);
		if (way == 0)
			expect("delete", cap_delete(mem), ERR_OK);
	}
}

/* One call to the server with a capability passed; its result. */
static int32_t call(cap_t ep, uint8_t what)
{
	struct ipc_message m = {.type = 2, .length = 1};
	struct ipc_recv_info info;
	int32_t n = sys_notify_create();

	no_caps(&m);
	m.data[0] = what;
	m.caps[0] = n;
	int32_t r = ipc_call(ep, &m, &info, WAIT_US);

	cap_delete(n); /* moved to the server if the call went through: then ERR_BAD_CAP */
	return r;
}

/* Starts the server unit on a derived capability to ep. */
static int32_t start_server(cap_t ep)
{
	cap_t caps[1] = {cap_derive(ep, CAP_RIGHTS_ALL, 0)};

	expect("server's capability", caps[0] > 0, 1);
	return sys_unit_start(CAP_ROOT_MODULE(MODULE_CHILD), CHILD_PRIO, CHILD_PRIO, caps, 1,
			      CHILD_SERVER);
}

/* A server that takes a capability in IPC, faults, is started again and killed. */
static void server(void)
{
	int32_t ep = sys_endpoint_create(), u = start_server(ep);

	expect("server started", u > 0, 1);
	expect("call with a capability", call(ep, 0), ERR_OK);
	expect("call that crashes it", call(ep, CHILD_CRASH) != ERR_OK, 1);
	wait_end(u, UNIT_FAULTED, 0);
	u = start_server(ep);
	expect("server restarted", u > 0, 1);
	expect("call the restarted server", call(ep, 0), ERR_OK);
	expect("kill it", sys_unit_kill(u), ERR_OK);
	wait_end(u, UNIT_KILLED, 0);
	expect("delete its endpoint", cap_delete(ep), ERR_OK);
}

/*
 * A unit that starts big.c's units (each runs and exits), killed itself after STARTING_US:
 * almost always inside a start, where the kernel must tear the half-loaded unit down.
 */
static void starting(void)
{
	cap_t caps[1] = {cap_derive(CAP_ROOT_MODULE(MODULE_BIG),
				    CAP_RIGHT_READ | CAP_RIGHT_EXECUTE | CAP_RIGHT_GRANT, 0)};
	int32_t u = sys_unit_start(CAP_ROOT_MODULE(MODULE_CHILD), STARTER_PRIO, BIG_PRIO, caps,
				   1, CHILD_STARTER);

	expect("start the starter", u > 0, 1);
	sys_sleep_us(STARTING_US);
	expect("kill the starter", sys_unit_kill(u), ERR_OK);
	wait_end(u, UNIT_KILLED, 0);
}

static void (*const phases[])(void) = {units, threads, objects, memory, server, starting};
static const char *const names[] = {"units",  "threads", "objects",
				    "memory", "server",	 "starting"};
#define PHASES (int)(sizeof(phases) / sizeof(phases[0]))

static struct keel_budget settled(void)
{
	struct keel_budget b = {0};

	sys_budget_info(CAP_ROOT_BUDGET, &b); /* reaps dead threads and frees dying objects */
	return b;
}

static void rounds(void)
{
	uint32_t n = *(volatile uint32_t *)ROUNDS_AT ? *(volatile uint32_t *)ROUNDS_AT : ROUNDS;

	for (int p = 0; p < PHASES; p++) {
		for (uint32_t i = 0; i < n; i++)
			phases[p]();
		uprintf("leak: %s done (%u rounds)\n", names[p], (unsigned)n);
	}
}

int main(uintptr_t arg)
{
	(void)arg;
	note = sys_notify_create();
	expect("rounds page",
	       sys_mem_map(sys_mem_alloc(CAP_ROOT_BUDGET, 1), (void *)ROUNDS_AT,
			   MEM_MAP_READ | MEM_MAP_WRITE),
	       ERR_OK);
	for (int p = 0; p < PHASES; p++)
		phases[p]();
	struct keel_budget before = settled(), after;

	uprintf("leak: baseline\n");
	sys_sleep_us(QUIET_US);
	rounds();
#ifdef LEAK_ON_PURPOSE
	int32_t kept_ep = sys_endpoint_create(), kept_mem = sys_mem_alloc(CAP_ROOT_BUDGET, 2);

	uprintf("leak: kept endpoint 0x%08x and memory 0x%08x on purpose\n", (unsigned)kept_ep,
		(unsigned)kept_mem);
#endif
	after = settled();
	CHECK("leak", "budget frames back", after.frames, before.frames);
	CHECK("leak", "machine's free frames back", after.system_free_frames,
	      before.system_free_frames);
	uprintf("leak: %d failed\n", failed + check_failed);
	uprintf("leak: check\n");
	for (;;)
		sys_sleep_us(UINT64_MAX);
}
