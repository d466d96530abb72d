/*
 * FPU test: the main thread and a peer at the same priority alternate with SYS_YIELD, each
 * holding its own values in the x87 stack and control word (and, where the CPU has SSE, in
 * xmm0 and MXCSR) across every yield. The kernel switches FPU state with fxsave or, without
 * FXSR, fnsave: either way each thread must get its own state back. Then a thread that never
 * used the FPU, started while main holds its own control word in the registers, must find the
 * clean state on its first FPU instruction (its first use traps and loads its own state).
 * Prints which registers were checked and "fpu test: <n> failed"; returns 0 only if nothing
 * failed.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define ROUNDS		 200
#define PEER_PRIORITY	 100 /* init's own: the two threads alternate on every yield */
#define CPUID_1_EDX_FXSR (1u << 24)
#define CPUID_1_EDX_SSE	 (1u << 25)
#define X87_CW_MAIN	 0x037fu /* fninit default: round to nearest */
#define X87_CW_PEER	 0x0f7fu /* round toward zero */
#define MXCSR_MAIN	 0x1f80u /* all masked, round to nearest */
#define MXCSR_PEER	 0x7f80u /* all masked, round toward zero */

static _Alignas(16) uint8_t peer_stack[4096];
static volatile int peer_done;

/* SSE is usable if CPUID has it and FXSR (the kernel enables SSE only with fxsave). */
static int cpu_has_sse(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (edx & CPUID_1_EDX_SSE) && (edx & CPUID_1_EDX_FXSR);
}

/* Loads `value` into st(0) and `cw` into the x87 control word, yields, checks both. */
static int x87_kept(int64_t value, uint16_t cw)
{
	int64_t got = 0;
	uint16_t got_cw = 0, old_cw;
	int32_t r = SYS_YIELD;

	__asm__ volatile("fnstcw %[old]\n\t"
			 "fldcw %[cw]\n\t"
			 "fildll %[value]\n\t"
			 "int $0x80\n\t"
			 "fistpll %[got]\n\t"
			 "fnstcw %[got_cw]\n\t"
			 "fldcw %[old]"
			 : [got] "=m"(got), [got_cw] "=m"(got_cw), [old] "=m"(old_cw), "+a"(r)
			 : [value] "m"(value), [cw] "m"(cw)
			 : "memory");
	return r == 0 && got == value && got_cw == cw;
}

/* Loads four words into xmm0 and `mxcsr` into MXCSR, yields, checks both. */
static int sse_kept(uint32_t seed, uint32_t mxcsr)
{
	_Alignas(16) uint32_t in[4] = {seed, ~seed, seed * 3u, seed ^ 0x5a5a5a5au};
	_Alignas(16) uint32_t out[4] = {0, 0, 0, 0};
	uint32_t got_mxcsr = 0, old_mxcsr;
	int32_t r = SYS_YIELD;

	__asm__ volatile("stmxcsr %[old]\n\t"
			 "ldmxcsr %[mxcsr]\n\t"
			 "movdqa %[in], %%xmm0\n\t"
			 "int $0x80\n\t"
			 "movdqa %%xmm0, %[out]\n\t"
			 "stmxcsr %[got_mxcsr]\n\t"
			 "ldmxcsr %[old]"
			 : [out] "=m"(out), [got_mxcsr] "=m"(got_mxcsr), [old] "=m"(old_mxcsr),
			   "+a"(r)
			 : [in] "m"(in), [mxcsr] "m"(mxcsr)
			 : "memory");
	return r == 0 && got_mxcsr == mxcsr && memcmp(in, out, sizeof(in)) == 0;
}

/* Failed checks of one thread. */
struct failures {
	uint32_t x87, sse;
};

/* ROUNDS yields holding x87 state, then (with SSE) as many holding SSE state. */
static struct failures run_rounds(int64_t base, uint16_t cw, uint32_t mxcsr, int sse)
{
	struct failures f = {0, 0};

	for (uint32_t i = 0; i < ROUNDS; i++)
		f.x87 += !x87_kept(base + i, cw);
	for (uint32_t i = 0; sse && i < ROUNDS; i++)
		f.sse += !sse_kept((uint32_t)base + i, mxcsr);
	return f;
}

static volatile struct failures peer_failures;
static _Alignas(16) uint8_t fresh_stack[4096];
static volatile uint16_t fresh_cw;
static volatile int fresh_done;

/* Its first FPU instruction: the control word it finds. */
static void fresh(uintptr_t arg)
{
	uint16_t cw = 0;

	(void)arg;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	fresh_cw = cw;
	fresh_done = 1;
}

/*
 * Main loads the peer's control word, starts a fresh thread above itself (it runs at once)
 * and checks what that thread saw: 0 on success.
 */
static int fresh_thread_sees_clean_state(void)
{
	uint16_t cw = X87_CW_PEER, old;

	__asm__ volatile("fnstcw %0\n\tfldcw %1" : "=m"(old) : "m"(cw));
	if (sys_thread_create(fresh, fresh_stack + sizeof(fresh_stack), 0, PEER_PRIORITY + 1) <= 0)
		return 1;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	__asm__ volatile("fldcw %0" : : "m"(old));
	uprintf("fpu: a new thread's first FPU use finds the clean control word 0x%x, main keeps "
		"0x%x: %s\n",
		(unsigned)fresh_cw, (unsigned)cw,
		fresh_done && fresh_cw == X87_CW_MAIN && cw == X87_CW_PEER ? "ok" : "FAIL");
	return !(fresh_done && fresh_cw == X87_CW_MAIN && cw == X87_CW_PEER);
}

static void peer(uintptr_t sse)
{
	struct failures f = run_rounds(-0x123456789abcdefll, X87_CW_PEER, MXCSR_PEER, (int)sse);

	peer_failures.x87 = f.x87;
	peer_failures.sse = f.sse;
	peer_done = 1;
}

int main(uintptr_t arg)
{
	int sse = cpu_has_sse();
	struct failures f;
	int32_t tid;

	(void)arg;
	tid =
	    sys_thread_create(peer, peer_stack + sizeof(peer_stack), (uintptr_t)sse, PEER_PRIORITY);
	if (tid <= 0) {
		uprintf("fpu: thread create failed: %d FAIL\n", (int)tid);
		return 1;
	}
	f = run_rounds(0x0123456789abcdefll, X87_CW_MAIN, MXCSR_MAIN, sse);
	while (!peer_done)
		sys_yield();
	f.x87 += peer_failures.x87;
	f.sse += peer_failures.sse;
	uprintf("fpu: x87 stack and control word kept across %u yields in 2 threads: %s\n", ROUNDS,
		f.x87 ? "FAIL" : "ok");
	if (sse)
		uprintf("fpu: xmm0 and MXCSR kept across %u yields in 2 threads: %s\n", ROUNDS,
			f.sse ? "FAIL" : "ok");
	else
		uprintf("fpu: no SSE on this CPU, xmm0 not checked\n");
	f.x87 += (uint32_t)fresh_thread_sees_clean_state();
	uprintf("fpu test: %u failed\n", (unsigned)(f.x87 + f.sse));
	return f.x87 + f.sse ? 1 : 0;
}
