/*
 * The SMP benchmarks (only with more than one CPU up; docs/smp.md, docs/performance.md):
 * - ipc_rtt_cross_cpu_0b: a round trip from this thread (CPU 0) to a server pinned to CPU 1;
 * - smp_efficiency_ipc_<N>cpu: N independent IPC pairs, each a client and a server pinned to
 *   one CPU, do PAIR_CALLS round trips each. Under -icount the guest clock counts the
 *   instructions of all CPUs together, so with no SMP overhead N pairs take N times as long
 *   as one: the efficiency is N * time(1 pair) / time(N pairs), reported x 1000 in the
 *   instructions field (1000 = no overhead).
 * Each pair run also prints "WALL smp_ipc_calls_per_s_<N>cpu <calls per second>" by the
 * guest clock: meaningless under -icount (virtual time), the wall-clock figure when QEMU
 * runs each CPU on its own host thread without icount (tools/bench --mttcg). With it, as a
 * control, "WALL smp_spin_per_s_<N>cpu": N threads, one per CPU, each running a loop in user
 * mode that never enters the kernel: how far the host itself lets N CPUs run in parallel.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"
#include "bench_internal.h"

#define SMP_MAX	     8
#define PAIR_CALLS   50000
#define PAIR_QUIT    1 /* message type: reply, then end */
#define PAIR_STACK   1024
#define ROUNDS	     3 /* 1, 2 and 4 pairs */
#define CROSS_PRIO   100

static _Alignas(16) uint8_t stacks[ROUNDS][SMP_MAX][2][PAIR_STACK];
static _Alignas(16) uint8_t cross_stack[4096];
static cap_t pair_ep[SMP_MAX], cross_ep, all_done;
/*
 * Every message buffer within one page, as the IPC fast path wants (else the general path
 * serves the pair): one per 512 bytes. Packed in arrays, the pair whose buffer straddled a
 * page took the general path, and the figures jumped with the layout (0.49 to 0.91).
 */
struct msg_slot {
	_Alignas(512) struct ipc_message m;
};
static struct msg_slot client_slot[SMP_MAX], server_slot[SMP_MAX], cross_slot[2];
#define client_msg(i) (&client_slot[i].m)
#define server_msg(i) (&server_slot[i].m)
#define cross_msg     (&cross_slot[0].m)
#define cross_srv_msg (&cross_slot[1].m)
static volatile uint64_t pair_end[SMP_MAX];
static volatile uint32_t pairs_left;

#define SPIN_ITERS 5000000u
static _Alignas(16) uint8_t spin_stacks[ROUNDS][SMP_MAX][512];
static volatile uint32_t spin_sink[SMP_MAX], spins_left;

static int32_t recv(cap_t ep, struct ipc_message *m, uint32_t num)
{
	return bench_sysenter5(num, (uint32_t)ep, (uint32_t)m, 0, UINT32_MAX, UINT32_MAX);
}

/* Serves pair i (or the cross-CPU endpoint for i == SMP_MAX) until told to quit. */
static void server(uintptr_t i)
{
	cap_t ep = i == SMP_MAX ? cross_ep : pair_ep[i];
	struct ipc_message *m = i == SMP_MAX ? cross_srv_msg : server_msg(i);
	int32_t r = recv(ep, m, SYS_IPC_RECV);

	while (r == ERR_OK && m->type != PAIR_QUIT)
		r = recv(ep, m, SYS_IPC_REPLY_RECV);
	if (r == ERR_OK) /* the last reply, then no wait: the thread ends */
		bench_sysenter5(SYS_IPC_REPLY_RECV, (uint32_t)ep, (uint32_t)m, 0, 0, 0);
}

static void client(uintptr_t i)
{
	struct ipc_message *m = client_msg(i);

	for (uint32_t k = 0; k < PAIR_CALLS; k++) {
		m->type = k + 1 == PAIR_CALLS ? PAIR_QUIT : 0;
		recv(pair_ep[i], m, SYS_IPC_CALL);
	}
	pair_end[i] = bench_rdtsc();
	if (__atomic_sub_fetch(&pairs_left, 1, __ATOMIC_SEQ_CST) == 0)
		sys_notify_signal(all_done, 1);
}

static void clear_caps(struct ipc_message *m)
{
	for (unsigned c = 0; c < IPC_MAX_CAPS; c++)
		m->caps[c] = CAP_NULL;
}

/*
 * Guest instructions (all CPUs) for n pairs, one per CPU 0..n-1, to finish; 0 if one failed.
 * *us: the guest clock's microseconds for it.
 */
static uint64_t run_pairs(unsigned n, unsigned round, uint64_t *us)
{
	uint64_t start, end = 0, t0 = 0, t1 = 0;
	uint32_t bits;

	pairs_left = n;
	for (unsigned i = 0; i < n; i++) {
		pair_ep[i] = (cap_t)sys_endpoint_create();
		clear_caps(client_msg(i));
		if (sys_thread_create(server, stacks[round][i][0] + PAIR_STACK, i,
				      THREAD_PRIORITY(90, i)) <= 0)
			return 0;
	}
	sys_get_time_us(&t0);
	start = bench_rdtsc();
	for (unsigned i = 0; i < n; i++)
		if (sys_thread_create(client, stacks[round][i][1] + PAIR_STACK, i,
				      THREAD_PRIORITY(80, i)) <= 0)
			return 0;
	if (sys_notify_wait(all_done, &bits, 60000000ull) != ERR_OK)
		return 0;
	sys_get_time_us(&t1);
	*us = t1 > t0 ? t1 - t0 : 1;
	for (unsigned i = 0; i < n; i++)
		end = pair_end[i] > end ? pair_end[i] : end;
	return end - start;
}

/* SPIN_ITERS steps of a congruential generator, all in user mode; the last one signals. */
static void spinner(uintptr_t i)
{
	uint32_t x = (uint32_t)i;

	for (uint32_t k = 0; k < SPIN_ITERS; k++)
		x = x * 1664525u + 1013904223u;
	spin_sink[i] = x;
	if (__atomic_sub_fetch(&spins_left, 1, __ATOMIC_SEQ_CST) == 0)
		sys_notify_signal(all_done, 1);
}

/* The control for the WALL figures: n spinners, one per CPU 0..n-1; 0, or 1 if one failed. */
static int run_spinners(unsigned n, unsigned round)
{
	uint64_t t0 = 0, t1 = 0;
	uint32_t bits;

	spins_left = n;
	sys_get_time_us(&t0);
	for (unsigned i = 0; i < n; i++)
		if (sys_thread_create(spinner, spin_stacks[round][i] + sizeof(spin_stacks[0][0]), i,
				      THREAD_PRIORITY(80, i)) <= 0)
			return 1;
	if (sys_notify_wait(all_done, &bits, 60000000ull) != ERR_OK)
		return 1;
	sys_get_time_us(&t1);
	uprintf("WALL smp_spin_per_s_%ucpu %llu\n", n,
		(unsigned long long)((uint64_t)n * SPIN_ITERS * 1000000u / (t1 > t0 ? t1 - t0 : 1)));
	return 0;
}

static __attribute__((noinline)) void op_cross_call(void)
{
	recv(cross_ep, cross_msg, SYS_IPC_CALL);
}

/* Runs the SMP benchmarks if there is more than one CPU. 0, or 1 after saying what failed. */
int bench_smp(void)
{
	struct keel_cpu_info info;
	unsigned cpus = 1;
	uint64_t one = 0;

	while (cpus < SMP_MAX && sys_cpu_info(cpus, &info) == ERR_OK)
		cpus++;
	if (cpus == 1)
		return 0;
	cross_ep = (cap_t)sys_endpoint_create();
	clear_caps(cross_msg);
	if (sys_thread_create(server, cross_stack + sizeof(cross_stack), SMP_MAX,
			      THREAD_PRIORITY(CROSS_PRIO, 1)) <= 0)
		return uprintf("bench: cross-CPU server failed\n"), 1;
	bench_report("ipc_rtt_cross_cpu_0b", bench_measure(op_cross_call, 1));
	all_done = (cap_t)sys_notify_create();
	for (unsigned n = 1, round = 0; n <= cpus && round < ROUNDS; n *= 2, round++) {
		uint64_t us, t = run_pairs(n, round, &us);
		char name[40];

		if (t == 0 || run_spinners(n, round) != 0)
			return uprintf("bench: %u IPC pairs or spinners failed\n", n), 1;
		uprintf("WALL smp_ipc_calls_per_s_%ucpu %llu\n", n,
			(unsigned long long)((uint64_t)n * PAIR_CALLS * 1000000u / us));
		if (n == 1) {
			one = t;
			continue;
		}
		uint32_t eff = (uint32_t)(n * one * 1000 / t);

		snprintf(name, sizeof(name), "smp_efficiency_ipc_%ucpu", n);
		bench_report(name, (struct bench_stats){eff, eff, eff});
	}
	return 0;
}
