/*
 * Root task of the hostile test: user-controlled EFLAGS bits (NT, TF, DF), TF held back by
 * MOV SS, and segment registers across both syscall entry paths must not upset the kernel; then
 * "exiter" (module 1) fills the thread pool and exits with its threads sleeping, ready and blocked,
 * twice; then "idler" (module 2) is started until the unit pool is full, twice, with the same
 * count. Prints one line per case and "hostile: <n> failed"; returns 0 only if every case passed.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define MODULE_EXITER	1
#define MODULE_IDLER	2
#define IDLER_PRIORITY	10  /* below init: they run (and exit) only once init sleeps */
#define UNIT_LIMIT	64  /* more than the unit pool holds */
#define EXITER_PRIORITY 150 /* above init: it runs to its end before init continues */
#define EXITER_MAX_PRIORITY 200 /* its threads go up to 200 */
#define PROBE_PRIORITY	150 /* above init: runs (and dies) before its create returns */
#define EFLAGS_DF	(1u << 10)
#define EFLAGS_NT	(1u << 14)
#define NT_ROUNDS	8
#define SEGMENT_ROUNDS	2000
#define EXITER_WAIT_US	30000u /* past every deadline the exiter's threads had */

static _Alignas(16) uint8_t peer_stack[4096];
static volatile uint32_t peer_rounds;
static volatile int peer_done;
static unsigned failed;

static void report(const char *name, int ok, int32_t value)
{
	uprintf("hostile %s: %d %s\n", name, (int)value, ok ? "ok" : "FAIL");
	if (!ok)
		failed++;
}

static void eflags_or(uint32_t bits)
{
	__asm__ volatile("pushfl\n\torl %0, (%%esp)\n\tpopfl" : : "ri"(bits) : "memory", "cc");
}

static void eflags_clear(uint32_t bits)
{
	__asm__ volatile("pushfl\n\tandl %0, (%%esp)\n\tpopfl" : : "ri"(~bits) : "memory", "cc");
}

/* Yields through int 0x80 (so it is resumed by an iret) until main has finished its rounds. */
static void int80_peer(uintptr_t arg)
{
	(void)arg;
	for (uint32_t i = 0; i < NT_ROUNDS + 2; i++) {
		peer_rounds = i + 1;
		syscall_int80(SYS_YIELD, 0, 0, 0, 0, 0);
	}
	peer_done = 1;
}

/*
 * EFLAGS.NT set before sysenter (sysenter keeps it): a yield that switches to a thread which
 * returns with iret must not turn that iret into a task return (a kernel #TS).
 */
static void case_nt_sysenter(void)
{
	int32_t tid = sys_thread_create(int80_peer, peer_stack + sizeof(peer_stack), 0, 100);
	int32_t r = 0;

	for (uint32_t i = 0; i < NT_ROUNDS && r == 0; i++) {
		eflags_or(EFLAGS_NT);
		r = syscall_sysenter(SYS_YIELD, 0, 0, 0, 0, 0);
		eflags_clear(EFLAGS_NT);
	}
	for (uint32_t i = 0; i < 4 * NT_ROUNDS && !peer_done; i++)
		sys_yield(); /* the peer exits, so the exiter below finds a known pool */
	report("nt_sysenter_yield", tid > 0 && r == 0 && peer_rounds >= NT_ROUNDS && peer_done, r);
}

/*
 * EFLAGS.TF set by the instruction before sysenter: the single step traps inside the kernel's
 * stub, which must absorb it and return normally (sysexit hands back TF clear).
 */
static void case_tf_sysenter(void)
{
	int32_t r = SYS_NULL;

	__asm__ volatile("pushl %%ebp\n\t"
			 "pushl $1f\n\t"
			 "movl %%esp, %%ebp\n\t"
			 "pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
			 "sysenter\n"
			 "1:\tpopl %%ebp"
			 : "+a"(r)
			 :
			 : "ecx", "edx", "memory", "cc");
	report("tf_sysenter", r == 0, r);
}

/*
 * CVE-2018-8897 class: TF set, then MOV SS, which holds the single-step #DB back past the next
 * instruction, here sysenter. Where the CPU delivers it late, it lands in ring 0 on the first
 * instruction of the sysenter stub, which must absorb it; the syscall then returns normally.
 */
static void case_movss_tf_sysenter(void)
{
	int32_t r = SYS_NULL;

	__asm__ volatile("pushl %%ebp\n\t"
			 "pushl $1f\n\t"
			 "movl %%esp, %%ebp\n\t"
			 "movw %%ss, %%cx\n\t"
			 "pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
			 "movw %%cx, %%ss\n\t"
			 "sysenter\n"
			 "1:\tpopl %%ebp"
			 : "+a"(r)
			 :
			 : "ecx", "edx", "memory", "cc");
	report("movss_tf_sysenter", r == 0, r);
}

static volatile int32_t movss_int80_result = 1;
static volatile int movss_int80_survived;
static _Alignas(16) uint8_t movss_stack[4096];

/*
 * The same with int 0x80, in a thread of its own: a late #DB lands on the first instruction of
 * the int 0x80 stub and must be absorbed; the syscall runs and its result is stored. iret then
 * restores the thread's TF, so the instruction after that store single-steps in user mode: a
 * user #DB, which kills the thread (no debugger to report to), never the kernel.
 */
static void movss_int80_thread(uintptr_t arg)
{
	(void)arg;
	__asm__ volatile("movw %%ss, %%cx\n\t"
			 "pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
			 "movw %%cx, %%ss\n\t"
			 "int $0x80\n\t"
			 "movl %%eax, %0\n\t"
			 "nop"
			 : "=m"(movss_int80_result)
			 : "a"(SYS_NULL)
			 : "ecx", "memory", "cc");
	movss_int80_survived = 1;
}

static void case_movss_tf_int80(void)
{
	int32_t tid = sys_thread_create(movss_int80_thread, movss_stack + sizeof(movss_stack), 0,
					PROBE_PRIORITY);

	report("movss_tf_int80", tid > 0 && movss_int80_result == 0 && !movss_int80_survived,
	       movss_int80_result);
}

/* DF set on entry: the kernel's copies and prints must still run forwards. */
static void case_df(void)
{
	static const char text[] = "hostile df print\n";
	int32_t a = SYS_DEBUG_PRINT, b;

	__asm__ volatile("std\n\tint $0x80\n\tcld"
			 : "+a"(a)
			 : "b"(text), "c"(sizeof(text) - 1)
			 : "memory", "cc");
	eflags_or(EFLAGS_DF);
	b = syscall_sysenter(SYS_DEBUG_PRINT, (uint32_t)(uintptr_t)text, sizeof(text) - 1, 0, 0, 0);
	eflags_clear(EFLAGS_DF);
	report("df_int80", a == 0, a);
	report("df_sysenter", b == 0, b);
}

/*
 * Null ds/es/fs/gs across syscalls and timer interrupts: the kernel loads its own segments
 * (and the per-CPU %fs) on every entry. The user selectors come back on iret.
 */
static void case_null_segments(void)
{
	uint64_t t0 = 0, t1 = 0;
	uint32_t bad = 0;

	sys_get_time_us(&t0);
	for (uint32_t i = 0; i < SEGMENT_ROUNDS; i++) {
		int32_t r = SYS_NULL;
		uint16_t fs = 0xffff;

		__asm__ volatile("movw %%ds, %%dx\n\t"
				 "pushl %%edx\n\t"
				 "xorl %%edx, %%edx\n\t"
				 "movw %%dx, %%fs\n\tmovw %%dx, %%gs\n\tmovw %%dx, %%es\n\t"
				 "movw %%dx, %%ds\n\t"
				 "int $0x80\n\t"
				 "movw %%fs, %1\n\t"
				 "popl %%edx\n\t"
				 "movw %%dx, %%ds\n\tmovw %%dx, %%es"
				 : "+a"(r), "=m"(fs)
				 :
				 : "edx", "memory");
		bad += r != 0 || fs != 0;
	}
	sys_get_time_us(&t1);
	report("null_segments_int80", bad == 0 && t1 > t0, (int32_t)bad);
}

/* Starts the exiter, which fills the pool and exits; returns how many threads it made. */
static int32_t run_exiter(void)
{
	int32_t id = sys_unit_start(CAP_ROOT_MODULE(MODULE_EXITER), EXITER_PRIORITY,
				    EXITER_MAX_PRIORITY, NULL, 0, 0);

	if (id <= 0)
		return id;
	sys_sleep_us(EXITER_WAIT_US); /* its sleepers' deadlines all pass meanwhile */
	cap_delete(id); /* an ended unit's slot stays while a capability names it */
	return id;
}

/*
 * Starts idlers until the unit pool is full (ERR_NOMEM), lets them all exit, deletes their
 * capabilities (which keep an ended unit's slot) and returns how many started, or a negative
 * code if the loop ended some other way.
 */
static int32_t fill_unit_pool(void)
{
	static cap_t units[UNIT_LIMIT];
	int32_t n = 0, r = 0;

	while (n < UNIT_LIMIT && (r = sys_module_start(MODULE_IDLER, IDLER_PRIORITY)) > 0)
		units[n++] = r;
	sys_sleep_us(EXITER_WAIT_US);
	for (int32_t i = 0; i < n; i++)
		cap_delete(units[i]);
	return r == ERR_NOMEM ? n : r;
}

int main(uintptr_t arg)
{
	(void)arg;
	case_nt_sysenter();
	case_tf_sysenter();
	case_movss_tf_sysenter();
	case_movss_tf_int80();
	case_df();
	case_null_segments();
	int32_t first = run_exiter(), second = run_exiter();

	report("exiter_twice", first > 0 && second > 0, second);
	int32_t units = fill_unit_pool(), again = fill_unit_pool();

	report("unit_pool_full", units > 0, units);
	report("unit_pool_full_again", again == units, again);
	uprintf("hostile: %u failed\n", failed);
	return failed ? 1 : 0;
}
