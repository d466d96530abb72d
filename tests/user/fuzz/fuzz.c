/*
 * Syscall fuzzer: FUZZ_CALLS pseudo-random syscalls (fixed seed, so a failure replays) with
 * numbers from the whole 32-bit range and arguments drawn from hostile values (NULL, kernel,
 * unmapped, straddling, wrapping, read-only, misaligned) through both entry paths. Every result
 * must be success or a defined ERR_* code, SYS_NULL must return 0, unknown numbers ERR_NOSYS.
 * Calls that would end or stall this unit (exit, long sleeps and IPC waits) get bounded
 * arguments instead. With more CPUs, a fuzzer thread pinned to each other CPU (its own seed)
 * fuzzes at the same time on the same capability table and address space.
 */
#include <stdint.h>

#include <keel/abi.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#define FUZZ_CALLS 20000
#define FUZZ_SEED 0x2545f491u
#define FUZZ_CPUS 8
#define ERR_LOWEST ERR_PROTOCOL /* the most negative ERR_* the ABI defines */
/*
 * Scratch (and scratch + 1) is a buffer calls may write: it must hold the largest structure
 * any syscall writes, or a call that succeeds writes past it into the fuzzer's own data
 * (it did, when struct keel_cpu_info grew past 64 bytes).
 */
#define SCRATCH_BYTES 512
_Static_assert(sizeof(struct ipc_message) + 1 <= SCRATCH_BYTES, "scratch holds a message");
_Static_assert(sizeof(struct keel_cpu_info) + 1 <= SCRATCH_BYTES, "scratch holds CPU info");
_Static_assert(sizeof(struct keel_unit_info) + 1 <= SCRATCH_BYTES, "scratch holds unit info");

/* One fuzzer: its generator and what it found. */
struct fuzzer {
	uint32_t rng;
	unsigned violations, errors;
};

static uint8_t scratch[SCRATCH_BYTES] __attribute__((aligned(8)));
static _Alignas(16) uint8_t worker_stacks[FUZZ_CPUS][4096];
static struct fuzzer workers[FUZZ_CPUS];
static volatile uint32_t workers_done;
static const char text[] = "fuzz payload";
static uint8_t thread_stack[256] __attribute__((aligned(16)));

#define STR(x) #x
#define XSTR(x) STR(x)
/* Entry of the fuzzer's real threads: exits at once without touching its stack, so any number
 * of them may share thread_stack. */
void fuzz_exit_stub(void);
__asm__(".text\n"
	".globl fuzz_exit_stub\n"
	"fuzz_exit_stub:\n"
	"\tmovl $" XSTR(SYS_EXIT_THREAD) ", %eax\n"
	"\tint $0x80\n"
	"\tud2\n");

static uint32_t rng_next(struct fuzzer *f)
{
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 17;
	f->rng ^= f->rng << 5;
	return f->rng;
}

/* A hostile or harmless argument word: pointers that must be refused, and ones that may work. */
static uint32_t fuzz_arg(struct fuzzer *f)
{
	const uint32_t values[] = {
	    0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0xc0000000u, 0xc0100000u, 0xbffffff0u,
	    0xbffff000u, 0xfffffff0u, 0x10000000u, 0x00001000u, 0x003ff000u,
	    (uint32_t)(uintptr_t)scratch, (uint32_t)(uintptr_t)scratch + 1,
	    (uint32_t)(uintptr_t)text, (uint32_t)(uintptr_t)rng_next /* own code: read-only */,
	    16, 255, 4096, 4097,
	    /* handles: this unit's own, the first slots its endpoints and derivations take */
	    (uint32_t)CAP_SELF, (uint32_t)CAP_HANDLE(1, 1), (uint32_t)CAP_HANDLE(1, 2),
	    (uint32_t)CAP_HANDLE(2, 1), (uint32_t)CAP_HANDLE(1, 3), (uint32_t)CAP_RIGHTS_ALL,
	};
	uint32_t r = rng_next(f);

	return (r & 3) == 0 ? rng_next(f) : values[r % (sizeof(values) / sizeof(values[0]))];
}

/* Keeps the calls that would end or stall the fuzzer harmless; returns 0 to skip the call. */
static int fuzz_tame(struct fuzzer *f, uint32_t num, uint32_t a[5])
{
	switch (num) {
	case SYS_EXIT_THREAD:
	case SYS_EXIT_UNIT:
		return 0;
	case SYS_SLEEP:
		a[0] %= 2000; /* at most 2 ms */
		a[1] = 0;
		return 1;
	case SYS_IPC_CALL:
	case SYS_IPC_SEND:
	case SYS_IPC_RECV:
	case SYS_IPC_REPLY_RECV:
		a[3] %= 2000; /* timeouts of at most 2 ms: the fuzzer is its only partner */
		a[4] = 0;
		return 1;
	case SYS_NOTIFY_WAIT:
		a[2] %= 2000; /* likewise: no one else signals */
		a[3] = 0;
		return 1;
	case SYS_THREAD_CREATE:
		if (rng_next(f) & 1) { /* a real thread that exits at once on its own stack */
			a[0] = (uint32_t)(uintptr_t)fuzz_exit_stub;
			a[1] = (uint32_t)(uintptr_t)(thread_stack + sizeof(thread_stack));
			a[4] = (uint32_t)CAP_SELF;
		} else if (a[0] >= 0x400000u && a[0] < 0xc0000000u) {
			a[0] = 0xc0000000u; /* never run random code of ours */
		}
		a[3] &= 0x00ff00ffu; /* a priority, and any CPU field (THREAD_PRIORITY) */
		return 1;
	case SYS_DEBUG_PRINT:
		if (a[0] >= 0x400000u && a[0] < 0xbfff0000u) { /* our own memory: print only text */
			a[0] = (uint32_t)(uintptr_t)text;
			a[1] %= sizeof(text);
		}
		return 1;
	default:
		return 1;
	}
}

static uint32_t fuzz_number(struct fuzzer *f)
{
	uint32_t r = rng_next(f);

	return (r & 7) == 0 ? rng_next(f) : r % (SYS_COUNT + 4);
}

/* Returns 1 if the result is one the ABI allows for this call. */
static int fuzz_result_ok(uint32_t num, int32_t got)
{
	if (num == SYS_NULL)
		return got == 0;
	if (num == 0 || num >= SYS_COUNT)
		return got == ERR_NOSYS;
	return got >= 0 || got >= ERR_LOWEST;
}

/* FUZZ_CALLS calls from f's generator; violations are reported as they happen. */
static void fuzz_run(struct fuzzer *f, unsigned who)
{
	for (unsigned i = 0; i < FUZZ_CALLS; i++) {
		uint32_t num = fuzz_number(f);
		uint32_t a[5] = {fuzz_arg(f), fuzz_arg(f), fuzz_arg(f), fuzz_arg(f), fuzz_arg(f)};
		int sysenter = rng_next(f) & 1;
		int32_t got;

		if (!fuzz_tame(f, num, a))
			continue;
		got = sysenter ? syscall_sysenter(num, a[0], a[1], a[2], a[3], a[4])
			       : syscall_int80(num, a[0], a[1], a[2], a[3], a[4]);
		f->errors += got < 0;
		if (!fuzz_result_ok(num, got)) {
			f->violations++;
			uprintf("fuzz: CPU %u call %u: num %u args %x %x %x %x %x via %s returned %d: "
				"FAIL\n",
				who, i, num, a[0], a[1], a[2], a[3], a[4],
				sysenter ? "sysenter" : "int80", (int)got);
		}
	}
}

static void worker(uintptr_t cpu)
{
	fuzz_run(&workers[cpu], (unsigned)cpu);
	__atomic_add_fetch(&workers_done, 1, __ATOMIC_SEQ_CST);
}

/* Starts a fuzzer pinned to each other CPU; how many started. */
static unsigned start_workers(void)
{
	struct keel_cpu_info info;
	unsigned n = 0;

	for (uint32_t cpu = 1; cpu < FUZZ_CPUS && sys_cpu_info(cpu, &info) == ERR_OK; cpu++) {
		workers[cpu].rng = FUZZ_SEED * (cpu + 1);
		if (sys_thread_create(worker, worker_stacks[cpu] + sizeof(worker_stacks[cpu]), cpu,
				      THREAD_PRIORITY(10, cpu)) > 0)
			n++;
	}
	return n;
}

int main(uintptr_t arg)
{
	struct fuzzer *me = &workers[0];
	unsigned n, violations = 0, errors = 0;

	(void)arg;
	/* Its own image is the only module: without the capability no call can start a second
	 * fuzzer, while SYS_UNIT_START is still fuzzed with every other handle. */
	if (cap_delete(CAP_ROOT_MODULE(0)) != ERR_OK)
		return 1;
	n = start_workers();
	uprintf("fuzz: %u calls, seed 0x%08x\n", FUZZ_CALLS, FUZZ_SEED);
	if (n > 0)
		uprintf("fuzz: as many on each of %u more CPUs at the same time\n", n);
	me->rng = FUZZ_SEED;
	fuzz_run(me, 0);
	for (unsigned i = 0; i < 100000 && workers_done < n; i++)
		sys_sleep_us(1000); /* the others, at priority 10 on their CPUs, finish on their own */
	for (unsigned i = 0; i < FUZZ_CPUS; i++) {
		violations += workers[i].violations;
		errors += workers[i].errors;
	}
	uprintf("\nfuzz: done, %u errors returned, %u violations, %u of %u CPUs finished\n", errors,
		violations, 1 + workers_done, 1 + n);
	return violations == 0 && workers_done == n ? 0 : 1;
}
