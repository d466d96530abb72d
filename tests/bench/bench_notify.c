/*
 * Benchmarks of the asynchronous objects: a channel send + receive by one thread, a
 * notification signal + wait by one thread, and the wake-up of a higher-priority waiter by a
 * signal, for waiters at several priorities above the signaller (a flat line is the evidence
 * of the O(1) scheduler). Part of the bench program (bench.c).
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "bench.h"
#include "bench_internal.h"

#define WAKE_WAITERS 5

static cap_t chan, note;
static struct ipc_message chan_msg;
static struct ipc_recv_info chan_info;
static uint32_t bits;
static const uint32_t wake_prios[WAKE_WAITERS] = {1, 64, 128, 192, 255};
static cap_t wake_note[WAKE_WAITERS], done_note, current_wake;
static _Alignas(16) uint8_t waiter_stacks[WAKE_WAITERS][2048];
static _Alignas(16) uint8_t signaller_stack[4096];

/* 64 bytes into the channel and out again, no thread switch. */
static __attribute__((noinline)) void op_channel_send_recv(void)
{
	bench_sysenter5(SYS_IPC_SEND, (uint32_t)chan, (uint32_t)&chan_msg, 0, 0, 0);
	bench_sysenter5(SYS_IPC_RECV, (uint32_t)chan, (uint32_t)&chan_msg, (uint32_t)&chan_info,
			0, 0);
	chan_msg.length = 64;
}

static __attribute__((noinline)) void op_notify_signal_wait(void)
{
	bench_sysenter5(SYS_NOTIFY_SIGNAL, (uint32_t)note, 1, 0, 0, 0);
	bench_sysenter5(SYS_NOTIFY_WAIT, (uint32_t)note, (uint32_t)&bits, 0, 0, 0);
}

/* One signal that wakes the waiter, which runs at once and waits again. */
static __attribute__((noinline)) void op_signal_wake(void)
{
	bench_sysenter5(SYS_NOTIFY_SIGNAL, (uint32_t)current_wake, 1, 0, 0, 0);
}

/* A waiter: waits on its notification forever, one wait per signal. */
static void waiter(uintptr_t arg)
{
	uint32_t got;

	for (;;)
		bench_sysenter5(SYS_NOTIFY_WAIT, (uint32_t)wake_note[arg], (uint32_t)&got,
				UINT32_MAX, UINT32_MAX, 0);
}

/* At priority 0: measures a wake-up of each waiter, then lets main go on. */
static void signaller(uintptr_t arg)
{
	char name[48];

	(void)arg;
	for (unsigned i = 0; i < WAKE_WAITERS; i++) {
		current_wake = wake_note[i];
		snprintf(name, sizeof(name), "signal_wake_higher_prio_p%u", (unsigned)wake_prios[i]);
		bench_report(name, bench_measure(op_signal_wake, 1));
	}
	bench_sysenter5(SYS_NOTIFY_SIGNAL, (uint32_t)done_note, 1, 0, 0, 0);
}

int bench_async(void)
{
	chan = sys_channel_create(1);
	note = sys_notify_create();
	done_note = sys_notify_create();
	if (chan < 0 || note < 0 || done_note < 0)
		return uprintf("bench: channel or notification failed\n"), 1;
	chan_msg.length = 64;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		chan_msg.caps[i] = CAP_NULL;
	bench_report("channel_send_recv_64b", bench_measure(op_channel_send_recv, 1));
	bench_report("notify_signal_wait", bench_measure(op_notify_signal_wait, 1));
	for (unsigned i = 0; i < WAKE_WAITERS; i++) {
		wake_note[i] = sys_notify_create();
		if (wake_note[i] < 0 ||
		    sys_thread_create(waiter, waiter_stacks[i] + sizeof(waiter_stacks[i]), i,
				      wake_prios[i]) <= 0)
			return uprintf("bench: waiter %u failed\n", i), 1;
	}
	if (sys_thread_create(signaller, signaller_stack + sizeof(signaller_stack), 0, 0) <= 0)
		return uprintf("bench: signaller failed\n"), 1;
	/* Waits (and so lets the signaller at priority 0 run) until it is done. */
	return sys_notify_wait(done_note, &bits, IPC_WAIT_FOREVER) == ERR_OK ? 0 : 1;
}
