/*
 * Shared by the benchmark programs: sample counts, rdtsc (one tick per guest instruction under
 * QEMU -icount shift=0) and the bare syscall instructions, inlined so the figures contain the
 * kernel path and as little user code as the ABI allows.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#include <keel/abi.h>

#define BENCH_WARMUP 16 /* iterations run before the samples */
#define BENCH_RUNS   64 /* samples per benchmark */
#define BENCH_ITERS  16 /* iterations per sample */
/* Yields the partner thread or unit makes: one per yield of the measuring side. */
#define BENCH_YIELD_ROUNDS (BENCH_WARMUP + BENCH_RUNS * BENCH_ITERS)

static inline uint64_t bench_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Syscall `num` with no arguments through int 0x80 (the kernel keeps all but eax). */
static inline int32_t bench_int80(uint32_t num)
{
	int32_t r = (int32_t)num;

	__asm__ volatile("int $0x80" : "+a"(r) : : "memory", "cc");
	return r;
}

/*
 * Syscall `num` with no arguments through sysenter: ebp = user esp with the return address
 * on top, as <keel/abi.h> says; the kernel sysexits to label 1 with esp = ebp + 4 and
 * clobbers ecx and edx.
 */
static inline int32_t bench_sysenter(uint32_t num)
{
	int32_t r = (int32_t)num;

	__asm__ volatile("pushl %%ebp\n\t"
			 "pushl $1f\n\t"
			 "movl %%esp, %%ebp\n\t"
			 "sysenter\n"
			 "1:\n\t"
			 "popl %%ebp"
			 : "+a"(r)
			 :
			 : "ecx", "edx", "memory", "cc");
	return r;
}

/*
 * Syscall `num` with five arguments through sysenter (the IPC calls: cap, msg, info, timeout
 * low, high), as bench_sysenter. ebx, esi and edi carry arguments and are preserved.
 */
static inline int32_t bench_sysenter5(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3,
				      uint32_t a4, uint32_t a5)
{
	int32_t r = (int32_t)num;

	__asm__ volatile("pushl %%ebp\n\t"
			 "pushl $1f\n\t"
			 "movl %%esp, %%ebp\n\t"
			 "sysenter\n"
			 "1:\n\t"
			 "popl %%ebp"
			 : "+a"(r), "+c"(a2), "+d"(a3)
			 : "b"(a1), "S"(a4), "D"(a5)
			 : "memory", "cc");
	return r;
}

/* The IPC partner's roles (its main's argument). */
#define PEER_YIELD      0 /* yields as often as bench does in its yield benchmark */
#define PEER_IPC_SERVER 1 /* receives on CAP_START(0) and replies with the same message */
#define PEER_YIELD_PORTS 2 /* enables the ports of CAP_START(0), then as PEER_YIELD */

#endif /* BENCH_H */
