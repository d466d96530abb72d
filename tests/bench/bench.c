/*
 * The benchmark program (init of //tests/bench:bench_image): measures a null syscall through
 * int 0x80 and sysenter, a thread switch by yield within this unit and between two units (also
 * with both units using I/O ports: a TSS bitmap switch), IPC round trips (sizes, a capability,
 * same unit, generated stubs), capability operations, channels and notifications, in guest
 * instructions (rdtsc under QEMU -icount shift=0). Method: docs/performance.md.
 * Prints "BENCH <name> instructions=<median> min=<min> max=<max> n=<samples>" per result.
 */
#include <stdbool.h>
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"
#include "bench_internal.h"
#include "codegen/examples/echo/echo_client.h"

#define BENCH_PRIORITY 100 /* the root task's priority: partners run at the same level */
#define MODULE_PEER    1   /* //tests/bench:bench_image module order */
#define MODULE_ECHO    2   /* the echo example's generated server */


static uint32_t samples[BENCH_RUNS];
static uint32_t overhead; /* median instructions of one sample of the empty loop */
static _Alignas(16) uint8_t partner_stack[4096];
static _Alignas(16) uint8_t server_stack[4096];

/* The IPC benchmarks' client side: the endpoint called, the message and what it carries. */
static cap_t call_ep, call_cap = CAP_NULL, derive_root;
static struct ipc_message call_msg, server_msg;
static struct ipc_recv_info server_info;
static struct keel_echo_client echo_client;

/* The measured operations, called through a pointer so the empty one costs the same call. */
static __attribute__((noinline)) void op_nothing(void)
{
	__asm__ volatile("" ::: "memory");
}

/* SYS_NULL: enter the kernel, dispatch, return 0. */
static __attribute__((noinline)) void op_null_int80(void)
{
	bench_int80(SYS_NULL);
}

static __attribute__((noinline)) void op_null_sysenter(void)
{
	bench_sysenter(SYS_NULL);
}

static __attribute__((noinline)) void op_yield(void)
{
	bench_sysenter(SYS_YIELD);
}

/* One call and its reply: call_msg with its current length, and call_cap if any (the server
 * hands it back in the reply, under a new handle). */
static __attribute__((noinline)) void op_ipc_call(void)
{
	call_msg.caps[0] = call_cap;
	bench_sysenter5(SYS_IPC_CALL, (uint32_t)call_ep, (uint32_t)&call_msg, 0, UINT32_MAX,
			UINT32_MAX);
	call_cap = call_msg.caps[0];
}

/* The echo interface's count(): a generated stub and a generated dispatch loop. */
static __attribute__((noinline)) void op_echo_count(void)
{
	uint32_t calls;

	keel_echo_count(&echo_client, &calls);
}

static __attribute__((noinline)) void op_cap_derive_delete(void)
{
	int32_t h = bench_sysenter5(SYS_CAP_DERIVE, (uint32_t)derive_root, CAP_RIGHT_READ, 0, 0, 0);

	bench_sysenter5(SYS_CAP_DELETE, (uint32_t)h, 0, 0, 0, 0);
}

/* Instructions of BENCH_ITERS calls of op, including the loop and rdtsc themselves. */
static uint32_t time_iterations(void (*op)(void))
{
	uint64_t start = bench_rdtsc();

	for (uint32_t i = 0; i < BENCH_ITERS; i++)
		op();
	return (uint32_t)(bench_rdtsc() - start);
}

static void sort(uint32_t *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = v[i], j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

#define BENCH_TRACE_VA 0x30000000u /* where the kernel's trace rings are mapped */

static struct keel_trace *trace; /* the trace rings while the kernel traces */

/* Takes every event the kernel recorded, so that a sample's events all find room. */
static void trace_take_all(void)
{
	for (uint32_t c = 0; trace != NULL && c < trace->cpus; c++)
		trace->cpu[c].tail = trace->cpu[c].head;
}

/* Warms up, then fills samples[] with the raw cost of BENCH_RUNS runs of op. */
static void take_samples(void (*op)(void))
{
	for (uint32_t i = 0; i < BENCH_WARMUP; i++)
		op();
	for (uint32_t s = 0; s < BENCH_RUNS; s++) {
		trace_take_all(); /* between samples: not timed */
		samples[s] = time_iterations(op);
	}
}

/*
 * Samples op, subtracts the empty loop's cost (`minus`) from each sample and divides by the
 * operations per sample (BENCH_ITERS * per_iter), rounding. Median, min, max over samples.
 */
static struct bench_stats measure(void (*op)(void), uint32_t minus, uint32_t per_iter)
{
	uint32_t ops = BENCH_ITERS * per_iter;

	take_samples(op);
	for (uint32_t s = 0; s < BENCH_RUNS; s++) {
		uint32_t t = samples[s] > minus ? samples[s] - minus : 0;

		samples[s] = (t + ops / 2) / ops;
	}
	sort(samples, BENCH_RUNS);
	return (struct bench_stats){samples[BENCH_RUNS / 2], samples[0], samples[BENCH_RUNS - 1]};
}

struct bench_stats bench_summarise(uint32_t *v, uint32_t n)
{
	sort(v, n);
	return (struct bench_stats){v[n / 2], v[0], v[n - 1]};
}

struct bench_stats bench_measure(void (*op)(void), uint32_t per_iter)
{
	return measure(op, overhead, per_iter);
}

void bench_report(const char *name, struct bench_stats st)
{
	uprintf("BENCH %s instructions=%u min=%u max=%u n=%u\n", name, (unsigned)st.median,
		(unsigned)st.min, (unsigned)st.max, (unsigned)BENCH_RUNS);
}

/*
 * The empty loop (call of op_nothing, loop control, rdtsc pair): its median per sample is
 * subtracted from every other benchmark. Reported per iteration for reference.
 */
static void measure_overhead(void)
{
	take_samples(op_nothing);
	sort(samples, BENCH_RUNS);
	overhead = samples[BENCH_RUNS / 2];
	bench_report("timing_overhead_per_iteration",
	       (struct bench_stats){overhead / BENCH_ITERS, samples[0] / BENCH_ITERS,
				    samples[BENCH_RUNS - 1] / BENCH_ITERS});
}

/* The partner of the same-unit yield benchmark: one yield per yield of main. */
static void yield_partner(uintptr_t arg)
{
	(void)arg;
	for (uint32_t i = 0; i < BENCH_YIELD_ROUNDS; i++)
		bench_sysenter(SYS_YIELD);
}

/*
 * One round trip is two switches (away and back), so each sample is divided by 2 per
 * iteration. The extra yield at the end lets the partner leave its last yield and exit.
 */
static void measure_yield(const char *name)
{
	struct bench_stats st = measure(op_yield, overhead, 2);

	op_yield();
	bench_report(name, st);
}

/* Starts boot module `module` on this CPU (CPU 0) at the benchmark priority. */
static int32_t start_here(uint32_t module, const cap_t *caps, uint32_t ncaps, uintptr_t arg)
{
	return sys_unit_start_flags(CAP_ROOT_MODULE(module), BENCH_PRIORITY, BENCH_PRIORITY,
				    UNIT_START_CPU(0), caps, ncaps, arg);
}

/* The same-unit server: a thread of this unit serving the endpoint `arg` names. */
static void server_thread(uintptr_t arg)
{
	int32_t r = bench_sysenter5(SYS_IPC_RECV, (uint32_t)arg, (uint32_t)&server_msg,
				    (uint32_t)&server_info, UINT32_MAX, UINT32_MAX);

	while (r == ERR_OK)
		r = bench_sysenter5(SYS_IPC_REPLY_RECV, (uint32_t)arg, (uint32_t)&server_msg,
				    (uint32_t)&server_info, UINT32_MAX, UINT32_MAX);
}

/* A new endpoint served by `start`; call_ep becomes a send capability to it. */
static int ipc_setup(cap_t *rx)
{
	cap_t ep = sys_endpoint_create();

	if (ep < 0)
		return ep;
	*rx = cap_derive(ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	call_ep = cap_derive(ep, CAP_RIGHT_WRITE, 0);
	return *rx < 0 ? *rx : call_ep < 0 ? call_ep : ERR_OK;
}

/* Call + reply round trips with `len` data bytes each way and, with a capability, one moved
 * each way. */
static void measure_ipc(const char *name, uint32_t len, bool with_cap)
{
	call_msg.length = len;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		call_msg.caps[i] = CAP_NULL;
	call_cap = with_cap ? cap_derive(derive_root, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0)
			    : CAP_NULL;
	bench_report(name, measure(op_ipc_call, overhead, 1));
}

static volatile uint32_t compute_sink;

/* 100,000 rounds of user-mode computation (about 600,000 instructions): what the profiler
 * samples. */
static __attribute__((noinline)) void op_compute(void)
{
	for (uint32_t i = 0; i < 100000; i++)
		compute_sink = compute_sink * 1103515245u + 12345u;
}

/*
 * Tracing's cost: a null syscall and the cross-unit IPC round trip again with the kernel
 * recording every event; then a computation without and with the profiler's samples (the
 * timer then interrupts 4 times a tick: with icount's one instruction a nanosecond, every
 * 250,000 instructions) (docs/performance.md). The rings are emptied between samples, so
 * every event is recorded, none dropped (checked: a dropped event costs less). Returns 0, or 1
 * after printing what failed.
 */
static int traced_benchmarks(void)
{
	uint32_t dropped = 0;

	if (sys_mem_map(CAP_ROOT_TRACE, (void *)BENCH_TRACE_VA, MEM_MAP_READ | MEM_MAP_WRITE) !=
		ERR_OK ||
	    sys_trace(CAP_ROOT_TRACE, TRACE_ON) != 0)
		return uprintf("bench: cannot switch tracing on\n"), 1;
	trace = (struct keel_trace *)BENCH_TRACE_VA;
	bench_report("null_syscall_sysenter_traced", measure(op_null_sysenter, overhead, 1));
	measure_ipc("ipc_rtt_cross_unit_0b_traced", 0, false);
	sys_trace(CAP_ROOT_TRACE, TRACE_OFF);
	bench_report("compute_loop_100k", measure(op_compute, overhead, 1));
	sys_trace(CAP_ROOT_TRACE, TRACE_SAMPLE);
	bench_report("compute_loop_100k_sampled", measure(op_compute, overhead, 1));
	sys_trace(CAP_ROOT_TRACE, TRACE_OFF);
	for (uint32_t c = 0; c < trace->cpus; c++)
		dropped += trace->cpu[c].dropped;
	trace = NULL;
	if (dropped != 0)
		return uprintf("bench: the trace dropped %u events: the traced figures are wrong\n",
			       (unsigned)dropped), 1;
	return 0;
}

/* Every IPC and capability benchmark. Returns 0, or 1 after printing what failed. */
static int ipc_benchmarks(void)
{
	cap_t rx, caps[1];

	derive_root = sys_endpoint_create();
	if (ipc_setup(&rx) != ERR_OK ||
	    sys_thread_create(server_thread, server_stack + sizeof(server_stack), (uintptr_t)rx,
			      BENCH_PRIORITY) <= 0)
		return uprintf("bench: same-unit server failed\n"), 1;
	measure_ipc("ipc_rtt_same_unit_0b", 0, false);
	if (ipc_setup(&caps[0]) != ERR_OK ||
	    start_here(MODULE_PEER, caps, 1, PEER_IPC_SERVER) <= 0)
		return uprintf("bench: cross-unit server failed\n"), 1;
	measure_ipc("ipc_rtt_cross_unit_0b", 0, false);
	measure_ipc("ipc_rtt_cross_unit_64b", 64, false);
	measure_ipc("ipc_rtt_cross_unit_256b", 256, false);
	measure_ipc("ipc_rtt_cross_unit_1cap", 0, true);
	if (traced_benchmarks() != 0)
		return 1;
	if (ipc_setup(&caps[0]) != ERR_OK ||
	    start_here(MODULE_ECHO, caps, 1, 0) <= 0)
		return uprintf("bench: echo server failed\n"), 1;
	echo_client = (struct keel_echo_client){.ep = call_ep, .timeout_us = IPC_WAIT_FOREVER};
	bench_report("ipc_rtt_generated_stub", measure(op_echo_count, overhead, 1));
	bench_report("cap_derive_delete", measure(op_cap_derive_delete, overhead, 1));
	return bench_async();
}

/*
 * Cross-unit yield where both units use I/O ports: this unit enables ports [mine, mine + n),
 * a new peer enables [its, its + m), so every switch reloads the TSS I/O bitmap (the bytes
 * either map opened). Ports accumulate in this unit's map across calls.
 */
static int32_t measure_yield_ports(const char *name, uint32_t mine, uint32_t n, uint32_t its,
				   uint32_t m)
{
	cap_t own = sys_ioport_create(CAP_ROOT_IOPORT, mine, n);
	cap_t peer = sys_ioport_create(CAP_ROOT_IOPORT, its, m);
	int32_t r = sys_ioport_enable(own);

	if (own < 0 || peer < 0 || r != ERR_OK) {
		uprintf("bench: port capabilities failed: %d %d %d\n", (int)own, (int)peer, (int)r);
		return ERR_INVALID;
	}
	r = start_here(MODULE_PEER, &peer, 1, PEER_YIELD_PORTS);
	if (r <= 0) {
		uprintf("bench: module start failed: %d\n", (int)r);
		return ERR_INVALID;
	}
	measure_yield(name);
	return ERR_OK;
}

int main(uintptr_t arg)
{
	int32_t r;

	(void)arg;
	measure_overhead();
	bench_report("null_syscall_int80", measure(op_null_int80, overhead, 1));
	bench_report("null_syscall_sysenter", measure(op_null_sysenter, overhead, 1));

	r = sys_thread_create(yield_partner, partner_stack + sizeof(partner_stack), 0,
			      BENCH_PRIORITY);
	if (r <= 0) {
		uprintf("bench: thread create failed: %d\n", (int)r);
		return 1;
	}
	measure_yield("yield_switch_same_unit");

	r = start_here(MODULE_PEER, NULL, 0, 0);
	if (r <= 0) {
		uprintf("bench: module start failed: %d\n", (int)r);
		return 1;
	}
	measure_yield("yield_switch_cross_unit");
	if (ipc_benchmarks() != 0 || bench_smp() != 0)
		return 1;
	/* Last: from here on this unit's own I/O ports are in the TSS on every switch. */
	if (measure_yield_ports("yield_switch_cross_unit_ports_3", 0x80, 1, 0x70, 2) != ERR_OK ||
	    measure_yield_ports("yield_switch_cross_unit_ports_all", 0, IOPORT_SPACE, 0,
				IOPORT_SPACE) != ERR_OK)
		return 1;
	return bench_irq() != 0 ? 1 : bench_lock_hold();
}
