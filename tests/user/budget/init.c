/*
 * Root task of the budget test: a child budget takes exactly its share out of the root
 * budget; a unit charged to it ("greedy", module 1) gets exactly the threads, endpoints and
 * mappings it pays for and no more, while the root can still create its own; everything comes
 * back when that unit ends; a budget too small to load a unit refuses it with nothing moved;
 * and a thousand units ("quick", module 2) started and ended leave the root budget and the
 * machine's free frame count exactly as they were. Supervision: a watched unit's end
 * (exit or fault) signals the watcher's notification, and SYS_UNIT_INFO tells how it ended.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <tests/check.h>

/* This test's units rely on one CPU's priority order: all start on CPU 0, however many CPUs
 * are up (docs/smp.md, "Tests"). */
#define ONE_CPU UNIT_START_CPU(0)

#define MODULE_GREEDY  1
#define MODULE_QUICK   2
#define MODULE_HOARDER 3
#define MODULE_KILLER  4
#define HOARD_PAGES    65536u /* 256 MiB: its teardown takes a few ms of guest time */
#define KILLER_PRIO    50     /* below init: it runs while init sleeps */
#define CHILD_PRIO     150    /* above init: each runs until it blocks or ends */
#define LOOP_UNITS     1000
#define FOREVER_US     0xffffffffffffffffull
#define QUICK_FAULT    0xdeadu /* quick.c: fault instead of returning */
#define QUICK_SPIN     0x5b1u  /* quick.c: signal, then compute forever */
#define SPIN_PRIO      40     /* below init: with one CPU it waits behind init */
#define WATCH_BIT      0x10u

/* Above init: it runs and ends at once, so it is reaped before the next figures. */
static _Alignas(16) uint8_t own_stack[1024];

static void own_thread(uintptr_t arg)
{
	(void)arg;
}

/* True if a and b hold the same frames, objects and machine figure. */
static int same(const struct keel_budget *a, const struct keel_budget *b)
{
	int eq = a->frames == b->frames && a->system_free_frames == b->system_free_frames;

	for (unsigned k = 0; k < CAP_TYPE_COUNT; k++)
		eq = eq && a->objects[k] == b->objects[k];
	return eq;
}

static struct keel_budget info(void)
{
	struct keel_budget b = {0};

	CHECK("init", "info", sys_budget_info(CAP_ROOT_BUDGET, &b), ERR_OK);
	return b;
}

/*
 * The number of capabilities `unit` holds, read 4 at a time (the paging), with the first two
 * entries in first[].
 */
static int list_caps(cap_t unit, struct keel_cap_entry first[2])
{
	struct keel_cap_entry e[4];
	uint32_t slot = 0;
	int total = 0, n;

	while ((n = sys_cap_list(unit, e, 4, slot)) > 0) {
		for (int i = 0; i < n && total + i < 2; i++)
			first[total + i] = e[i];
		total += n;
		slot = ((uint32_t)e[n - 1].handle & 0xfffu) + 1;
	}
	return n < 0 ? n : total;
}

/* Greedy's table, listed from outside: itself, its budget and notification, 3 threads, 3
 * endpoints, 1 memory object. */
static void check_greedy_caps(cap_t unit)
{
	struct keel_cap_entry first[2];

	CHECK("init", "greedy's capabilities", list_caps(unit, first), 10);
	CHECK("init", "first: itself",
	      first[0].handle == CAP_SELF && first[0].type == CAP_TYPE_UNIT, 1);
	CHECK("init", "second: its budget",
	      first[1].type == CAP_TYPE_MEMORY &&
		  first[1].rights == (CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT),
	      1);
}

/* What greedy's budget holds: 4 threads (its first one too), 3 endpoints, 1 mapping each... */
static struct keel_budget greedy_share(void)
{
	struct keel_budget w = {.frames = 64};

	w.objects[CAP_TYPE_UNIT] = 1;
	w.objects[CAP_TYPE_THREAD] = 4;
	w.objects[CAP_TYPE_ENDPOINT] = 3;
	w.objects[CAP_TYPE_MEMORY] = 1;
	w.objects[BUDGET_MAPPINGS] = 2;
	return w;
}

static void case_greedy(void)
{
	struct keel_budget before = info(), want = greedy_share(), after;
	cap_t go = sys_notify_create(), caps[2];
	int32_t unit;

	caps[0] = sys_budget_create(CAP_ROOT_BUDGET, &want);
	caps[1] = cap_derive(go, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	CHECK("init", "child budget", caps[0] > 0 && caps[1] > 0, 1);
	CHECK("init", "child budget without ADMIN",
	      cap_restrict(caps[0], CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT), ERR_OK);
	after = info();
	CHECK("init", "frames taken", before.frames - after.frames, 64);
	CHECK("init", "threads taken",
	      before.objects[CAP_TYPE_THREAD] - after.objects[CAP_TYPE_THREAD], 4);
	CHECK("init", "memory taken (the budget too)",
	      before.objects[CAP_TYPE_MEMORY] - after.objects[CAP_TYPE_MEMORY], 2);
	unit = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_GREEDY), CHILD_PRIO, CHILD_PRIO,
				    UNIT_START_BUDGET | ONE_CPU, caps, 2, 3u | 3u << 8 | 2u << 16);
	CHECK("init", "greedy started", unit > 0, 1);
	struct keel_unit_info ui;
	uint32_t bits = 0;

	CHECK("init", "watch greedy", sys_unit_watch(unit, go, WATCH_BIT), ERR_OK);
	CHECK("init", "greedy info", sys_unit_info(unit, &ui), ERR_OK);
	CHECK("init", "greedy running", ui.state, UNIT_RUNNING);
	CHECK("init", "greedy threads", ui.threads, 4);
	check_greedy_caps(unit);
	int32_t own = sys_thread_create(own_thread, own_stack + sizeof(own_stack), 0, 120);

	CHECK("init", "own thread while greedy is full", own > 0, 1);
	CHECK("init", "a thread capability", cap_identify(own),
	      CAP_IDENTIFY(CAP_TYPE_THREAD, CAP_RIGHTS_ALL));
	CHECK("init", "delete it", cap_delete(own), ERR_OK);
	CHECK("init", "go", sys_notify_signal(go, 1), ERR_OK);
	CHECK("init", "greedy's end signalled", sys_notify_wait(go, &bits, FOREVER_US), ERR_OK);
	CHECK("init", "the watch bit", bits & WATCH_BIT, WATCH_BIT);
	CHECK("init", "greedy info after", sys_unit_info(unit, &ui), ERR_OK);
	CHECK("init", "greedy exited", ui.state, UNIT_EXITED);
	CHECK("init", "greedy's status", ui.status, 0);
	CHECK("init", "greedy has no thread", ui.threads, 0);
	CHECK("init", "delete unit cap", cap_delete(unit), ERR_OK);
	CHECK("init", "delete go", cap_delete(go), ERR_OK);
	after = info();
	CHECK("init", "all back after greedy", same(&before, &after), 1);
}

/*
 * A kill ends a unit with all its threads (sleeping, waiting) and its mapping; its watcher
 * learns, and its budget's whole share is back when the call returns.
 */
static void case_kill(void)
{
	struct keel_budget before = info(), want = greedy_share(), after;
	cap_t note = sys_notify_create(), caps[2], weak;
	struct keel_unit_info ui;
	uint32_t bits = 0;
	int32_t unit;

	caps[0] = sys_budget_create(CAP_ROOT_BUDGET, &want);
	caps[1] = cap_derive(note, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	cap_restrict(caps[0], CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	unit = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_GREEDY), CHILD_PRIO, CHILD_PRIO,
				    UNIT_START_BUDGET | ONE_CPU, caps, 2, 3u | 3u << 8 | 2u << 16);
	CHECK("init", "greedy again", unit > 0, 1);
	CHECK("init", "watch it", sys_unit_watch(unit, note, WATCH_BIT), ERR_OK);
	weak = cap_derive(unit, CAP_RIGHT_READ, 0);
	CHECK("init", "kill without ADMIN", sys_unit_kill(weak), ERR_RIGHTS);
	CHECK("init", "kill oneself", sys_unit_kill(CAP_SELF), ERR_INVALID);
	CHECK("init", "kill", sys_unit_kill(unit), ERR_OK);
	CHECK("init", "its end signalled", sys_notify_wait(note, &bits, IPC_NO_WAIT), ERR_OK);
	CHECK("init", "the watch bit", bits, WATCH_BIT);
	CHECK("init", "info after the kill", sys_unit_info(unit, &ui), ERR_OK);
	CHECK("init", "greedy killed", ui.state, UNIT_KILLED);
	CHECK("init", "no thread left", ui.threads, 0);
	CHECK("init", "kill again", sys_unit_kill(unit), ERR_OK);
	(void)info(); /* SYS_BUDGET_INFO reaps the dead threads first: the unit has gone now */
	CHECK("init", "info once reaped (the capability keeps it)", sys_unit_info(unit, &ui),
	      ERR_OK);
	CHECK("init", "still killed", ui.state, UNIT_KILLED);
	cap_delete(weak);
	cap_delete(unit);
	cap_delete(note);
	after = info();
	CHECK("init", "all back after the kill", same(&before, &after), 1);
}

/*
 * A unit killed while its thread runs on another CPU (with 4 CPUs: the spinner, started on
 * CPU 1) is gone when the kill returns: its thread has left that CPU and its unit and thread
 * are back in the budget at once, so a restart right after finds them. With one CPU the
 * spinner waits behind init and is only ready when killed.
 */
static void case_kill_running(void)
{
	cap_t note = sys_notify_create();
	cap_t signal = cap_derive(note, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	struct keel_budget before = info(), after;
	uint32_t bits = 0;
	int32_t unit = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), SPIN_PRIO, SPIN_PRIO,
					    UNIT_START_CPU(1), &signal, 1, QUICK_SPIN);

	CHECK("init", "spinner started", unit > 0, 1);
	CHECK("init", "the spinner runs", sys_notify_wait(note, &bits, FOREVER_US), ERR_OK);
	CHECK("init", "kill it while it runs", sys_unit_kill(unit), ERR_OK);
	after = info(); /* nothing between: the other CPU has had no time to switch */
	CHECK("init", "its thread back when the kill returns",
	      after.objects[CAP_TYPE_THREAD] - before.objects[CAP_TYPE_THREAD], 0);
	cap_delete(unit); /* a unit capability keeps the unit's record */
	after = info();
	CHECK("init", "all back after the running kill", same(&before, &after), 1);
	cap_delete(note);
}

/*
 * The killer (below init) kills the hoarder, whose 256 MiB mapping takes its kill several
 * milliseconds to tear down; init, woken by the next tick in the middle, kills the killer.
 * The killer's kill never returns (it is UNIT_KILLED, not exited), init finishes the
 * hoarder's teardown it left, the hoarder's watch fires and everything comes back.
 */
static void case_orphaned_teardown(void)
{
	struct keel_budget before = info(), want = {.frames = HOARD_PAGES + 256}, after;
	cap_t note = sys_notify_create(), b, victim, for_killer;
	struct keel_unit_info ui;
	uint32_t bits = 0;
	int32_t killer;

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 1;
	want.objects[CAP_TYPE_MEMORY] = 1;
	want.objects[BUDGET_MAPPINGS] = 1;
	b = sys_budget_create(CAP_ROOT_BUDGET, &want);
	victim = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_HOARDER), CHILD_PRIO, CHILD_PRIO,
				      UNIT_START_BUDGET | ONE_CPU, &b, 1, HOARD_PAGES);
	CHECK("init", "hoarder started", victim > 0, 1);
	CHECK("init", "watch the hoarder", sys_unit_watch(victim, note, WATCH_BIT), ERR_OK);
	for_killer = cap_derive(victim, CAP_RIGHTS_ALL, 0);
	killer = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_KILLER), KILLER_PRIO, KILLER_PRIO,
				      ONE_CPU, &for_killer, 1, 0);
	CHECK("init", "killer started", killer > 0, 1);
	sys_sleep_us(1); /* the killer runs until the next tick wakes init */
	CHECK("init", "hoarder not gone yet", sys_notify_wait(note, &bits, IPC_NO_WAIT),
	      ERR_TIMEOUT);
	CHECK("init", "kill the killer", sys_unit_kill(killer), ERR_OK);
	CHECK("init", "killer info", sys_unit_info(killer, &ui), ERR_OK);
	CHECK("init", "killer killed in its kill", ui.state, UNIT_KILLED);
	CHECK("init", "hoarder's end signalled", sys_notify_wait(note, &bits, IPC_NO_WAIT), ERR_OK);
	CHECK("init", "hoarder info", sys_unit_info(victim, &ui), ERR_OK);
	CHECK("init", "hoarder killed", ui.state, UNIT_KILLED);
	cap_delete(victim);
	cap_delete(killer);
	cap_delete(note);
	after = info();
	CHECK("init", "all back after the orphaned teardown", same(&before, &after), 1);
}

/* A unit that ended before it was watched signals at once; a fault is told apart. */
static void case_supervise(void)
{
	cap_t note = sys_notify_create();
	struct keel_unit_info ui;
	uint32_t bits = 0;
	int32_t u = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), CHILD_PRIO, CHILD_PRIO,
					 ONE_CPU, NULL, 0, 7);

	CHECK("init", "watch an ended unit", sys_unit_watch(u, note, WATCH_BIT), ERR_OK);
	CHECK("init", "signalled at once", sys_notify_wait(note, &bits, IPC_NO_WAIT), ERR_OK);
	CHECK("init", "its bit", bits, WATCH_BIT);
	CHECK("init", "quick info", sys_unit_info(u, &ui), ERR_OK);
	CHECK("init", "quick exited with 7", ui.state == UNIT_EXITED && ui.status == 7, 1);
	CHECK("init", "quick's name", ui.name[0] == 'q' && ui.name[4] == 'k' && !ui.name[5], 1);
	cap_delete(u);
	u = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), CHILD_PRIO, CHILD_PRIO, ONE_CPU,
				 NULL, 0, QUICK_FAULT);
	CHECK("init", "quick info after a fault", sys_unit_info(u, &ui), ERR_OK);
	CHECK("init", "quick faulted", ui.state, UNIT_FAULTED);
	CHECK("init", "watch without a notification", sys_unit_watch(u, u, 1), ERR_BAD_CAP);
	CHECK("init", "watch with no bits", sys_unit_watch(u, note, 0), ERR_INVALID);
	cap_delete(u);
	cap_delete(note);
}

static void case_too_small(void)
{
	struct keel_budget before = info(), want = {.frames = 2}, after;
	cap_t b;

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 1;
	b = sys_budget_create(CAP_ROOT_BUDGET, &want);
	CHECK("init", "too small: start",
	      sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), CHILD_PRIO, CHILD_PRIO,
				   UNIT_START_BUDGET | ONE_CPU, &b, 1, 0),
	      ERR_NOMEM);
	CHECK("init", "too small: budget still ours", sys_mem_info(b), 2);
	CHECK("init", "too small: no unit",
	      sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), CHILD_PRIO, CHILD_PRIO,
				   UNIT_START_BUDGET | ONE_CPU, &b, 0, 0),
	      ERR_INVALID);
	CHECK("init", "too small: delete", cap_delete(b), ERR_OK);
	after = info();
	CHECK("init", "too small: all back", same(&before, &after), 1);
	want.frames = before.frames + 1;
	CHECK("init", "more than we hold", sys_budget_create(CAP_ROOT_BUDGET, &want), ERR_NOMEM);
	CHECK("init", "bad pointer", sys_budget_create(CAP_ROOT_BUDGET, (void *)0xC0000000u),
	      ERR_FAULT);
	CHECK("init", "not a budget", sys_budget_info(CAP_ROOT_VGA, &after), ERR_INVALID);
}

static void case_thousand_units(void)
{
	struct keel_budget before = info(), want = {.frames = 32}, after;
	int started = 0;

	want.objects[CAP_TYPE_UNIT] = 1;
	want.objects[CAP_TYPE_THREAD] = 1;
	for (int i = 0; i < LOOP_UNITS; i++) {
		cap_t b = sys_budget_create(CAP_ROOT_BUDGET, &want);
		int32_t u = sys_unit_start_flags(CAP_ROOT_MODULE(MODULE_QUICK), CHILD_PRIO,
						 CHILD_PRIO, UNIT_START_BUDGET | ONE_CPU, &b, 1, 0);

		started += b > 0 && u > 0 && cap_delete(u) == ERR_OK;
	}
	after = info();
	CHECK("init", "units started and ended", started, LOOP_UNITS);
	CHECK("init", "free frames after 1000 units", after.system_free_frames,
	      before.system_free_frames);
	CHECK("init", "budget after 1000 units", same(&before, &after), 1);
}

int main(uintptr_t arg)
{
	struct keel_budget b = info();

	(void)arg;
	CHECK("init", "root budget has frames", b.frames > 0, 1);
	CHECK("init", "root budget has threads", b.objects[CAP_TYPE_THREAD] > 0, 1);
	CHECK("init", "machine figure with ADMIN", b.system_free_frames >= b.frames, 1);
	case_greedy();
	case_supervise();
	case_kill();
	case_kill_running();
	case_orphaned_teardown();
	case_too_small();
	case_thousand_units();
	uprintf("budget test: %d failed\n", check_failed);
	return check_failed;
}
