/*
 * Register cases of the bad-input matrix, run once: int 0x80 preserves every register but
 * eax (the ABI comment in <keel/abi.h>); sysenter with a bad return frame (ebp NULL, in the
 * kernel, or straddling into it) kills only the calling thread, never the kernel; and the
 * shared sysexit landing page cannot be written.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "badsys.h"

#define BAD_EBP_PRIORITY 200 /* above init: the thread runs (and dies) as soon as it exists */

static _Alignas(16) uint8_t bad_ebp_stack[2048];
static volatile uint32_t sysenter_came_back;

/* int 0x80 with `num` and marked values in every other register; 1 if they all survived. */
static int int80_preserves(uint32_t num, int32_t *result)
{
	uint32_t b = 0x11111111u, c = 0x22222222u, d = 0x33333333u, s = 0x44444444u;
	uint32_t di = 0x55555555u;
	int32_t r = (int32_t)num;

	__asm__ volatile("int $0x80"
			 : "+a"(r), "+b"(b), "+c"(c), "+d"(d), "+S"(s), "+D"(di)
			 :
			 : "memory", "cc");
	*result = r;
	return b == 0x11111111u && c == 0x22222222u && d == 0x33333333u && s == 0x44444444u &&
	       di == 0x55555555u;
}

static void cases_int80_registers(void)
{
	int32_t r;
	int ok;

	ok = int80_preserves(SYS_COUNT, &r);
	badsys_report("int80_regs_nosys", r, "-4, registers kept", ok && r == ERR_NOSYS);
	ok = int80_preserves(SYS_YIELD, &r);
	badsys_report("int80_regs_yield", r, ">=0, registers kept", ok && r >= 0);
}

/*
 * Enters with sysenter and ebp = arg, an unreadable return frame: the landing `ret` must fault
 * in user mode and the thread die. Coming back to the next instruction would be a kernel bug:
 * it is flagged and the thread then kills itself with ud2.
 */
static void bad_ebp_thread(uintptr_t bad_ebp)
{
	__asm__ volatile("movl %1, %%ebp\n\t"
			 "sysenter\n\t"
			 "movl $1, %0\n\t"
			 "ud2"
			 : "=m"(sysenter_came_back)
			 : "r"((uint32_t)bad_ebp), "a"((uint32_t)SYS_COUNT)
			 : "memory");
}

static void case_sysenter_bad_ebp(const char *name, uint32_t bad_ebp)
{
	int32_t tid;

	sysenter_came_back = 0;
	tid = sys_thread_create(bad_ebp_thread, bad_ebp_stack + sizeof(bad_ebp_stack), bad_ebp,
				BAD_EBP_PRIORITY);
	sys_yield(); /* the thread has run by now: it is higher than init */
	badsys_report(name, tid, ">0, thread killed", tid > 0 && sysenter_came_back == 0);
}

/*
 * Writes to the landing page, which every unit shares: it is mapped read-only, so the write
 * must fault and the thread die (the flag stays 0).
 */
static void landing_write_thread(uintptr_t arg)
{
	(void)arg;
	*(volatile uint8_t *)SYSENTER_LANDING_ADDR = 0x90; /* nop over the ret */
	sysenter_came_back = 1;
	__asm__ volatile("ud2");
}

static void case_landing_read_only(void)
{
	int32_t tid;

	sysenter_came_back = 0;
	tid = sys_thread_create(landing_write_thread, bad_ebp_stack + sizeof(bad_ebp_stack), 0,
				BAD_EBP_PRIORITY);
	sys_yield();
	badsys_report("sysenter_landing_write", tid, ">0, thread killed",
		      tid > 0 && sysenter_came_back == 0);
}

void badsys_run_register_cases(void)
{
	cases_int80_registers();
	case_sysenter_bad_ebp("sysenter_ebp_null", 0);
	case_sysenter_bad_ebp("sysenter_ebp_kernel", ADDR_KERNEL_IMAGE);
	case_sysenter_bad_ebp("sysenter_ebp_straddle", 0xbffffffeu);
	case_landing_read_only();
}
