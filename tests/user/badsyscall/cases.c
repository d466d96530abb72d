/*
 * The case list of the syscall bad-input matrix: out-of-range and unassigned numbers, and
 * every pointer argument given NULL, unmapped, kernel, straddling, wrapping, read-only and
 * misaligned addresses. Expected codes follow docs/issue3-contract.tmp.
 */
#include <stddef.h>
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "badsys.h"

#define BAD_THREAD_PRIORITY  1	 /* a wrongly created thread would never run before the end */
#define GOOD_THREAD_PRIORITY 200 /* above init: a created thread runs at once */
#define MODULE_COUNT	     1	 /* //tests:badsys_image holds init only */
#define SELF		     ((uint32_t)CAP_SELF)
#define MODULE0		     ((uint32_t)CAP_ROOT_MODULE(0)) /* this program's own image */

extern char _end[]; /* user.ld: end of .bss, the last mapped byte of the data segment */

static char rw_buffer[8192];
static _Alignas(16) uint8_t thread_stacks[2][1024];
static _Alignas(8) uint8_t time_buffer[16];
static volatile int good_thread_ran;
static const char readonly_text[] = "badsys: printed from a read-only buffer\n";
static const uint64_t readonly_word = 0x0123456789abcdefull;
static struct ipc_message ipc_msg;
static struct ipc_recv_info ipc_info;

static uint32_t addr(const volatile void *p)
{
	return (uint32_t)(uintptr_t)p;
}

/* The first page after the data segment: not mapped (the kernel maps only the segments). */
static uint32_t first_unmapped_page(void)
{
	return (addr(_end) + 4095u) & ~4095u;
}

/* Out-of-range numbers, the unassigned numbers below SYS_COUNT and "negative" ones. */
static void cases_numbers(void)
{
	static const uint32_t bad[] = {0,
				       15,
				       31,
				       37,
				       SYS_COUNT - 1,
				       SYS_COUNT,
				       SYS_COUNT + 1,
				       1000,
				       0x7fffffffu,
				       0x80000000u,
				       0xffffffffu};
	char name[32];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "number_%u", (unsigned)bad[i]);
		badsys_check(name, (struct call){bad[i], {1, 2, 3, 4, 5}}, WANT(ERR_NOSYS));
	}
	for (uint32_t num = SYS_DEVMEM_CREATE + 1; num < SYS_COUNT; num++) { /* unassigned */
		if (num >= SYS_UNIT_WATCH && num <= SYS_TRACE)
			continue;
		snprintf(name, sizeof(name), "number_%u", (unsigned)num);
		badsys_check(name, (struct call){num, {1, 2, 3, 4, 5}}, WANT(ERR_NOSYS));
	}
}

/* The device calls with handles that name nothing: ERR_BAD_CAP, whatever the other words. */
static void cases_devices(void)
{
	static const uint32_t nums[] = {SYS_IOPORT_CREATE, SYS_IOPORT_ENABLE, SYS_IRQ_BIND,
					SYS_IRQ_ACK, SYS_DEVMEM_CREATE, SYS_IRQ_SET_CPU};
	char name[40];

	for (size_t n = 0; n < sizeof(nums) / sizeof(nums[0]); n++) {
		snprintf(name, sizeof(name), "device_%u_null", (unsigned)nums[n]);
		badsys_check(name, (struct call){nums[n], {(uint32_t)CAP_NULL, 0x70, 2, 1}},
			     WANT(ERR_BAD_CAP));
		snprintf(name, sizeof(name), "device_%u_1000", (unsigned)nums[n]);
		badsys_check(name, (struct call){nums[n], {1000, 0x70, 2, 1}}, WANT(ERR_BAD_CAP));
	}
}

/* Bad buffers for SYS_DEBUG_PRINT(buf, len): the kernel only reads them. */
static void cases_debug_print_bad(void)
{
	uint32_t edge = first_unmapped_page();

	badsys_check("print_null", (struct call){SYS_DEBUG_PRINT, {0, 16}}, WANT(ERR_FAULT));
	badsys_check("print_null_len0", (struct call){SYS_DEBUG_PRINT, {0, 0}}, WANT(ERR_FAULT));
	badsys_check("print_unmapped", (struct call){SYS_DEBUG_PRINT, {ADDR_UNMAPPED, 16}},
		     WANT(ERR_FAULT));
	badsys_check("print_kernel_base", (struct call){SYS_DEBUG_PRINT, {ADDR_KERNEL_BASE, 16}},
		     WANT(ERR_FAULT));
	badsys_check("print_kernel_image", (struct call){SYS_DEBUG_PRINT, {ADDR_KERNEL_IMAGE, 16}},
		     WANT(ERR_FAULT));
	badsys_check("print_top", (struct call){SYS_DEBUG_PRINT, {ADDR_TOP, 1}}, WANT(ERR_FAULT));
	badsys_check("print_straddle_kernel", (struct call){SYS_DEBUG_PRINT, {ADDR_STRADDLE, 32}},
		     WANT(ERR_FAULT));
	badsys_check("print_wrap", (struct call){SYS_DEBUG_PRINT, {ADDR_WRAP, 0x20}},
		     WANT(ERR_FAULT));
	/* Mapped bytes, then an unmapped page: nothing may be printed (the test forbids it). */
	if (edge - addr(_end) >= 8)
		memcpy((char *)(uintptr_t)(edge - 8), "BADLEAK!", 8);
	badsys_check("print_straddle_unmapped", (struct call){SYS_DEBUG_PRINT, {edge - 8, 16}},
		     WANT(ERR_FAULT));
	badsys_check("print_len_4097", (struct call){SYS_DEBUG_PRINT, {addr(rw_buffer), 4097}},
		     WANT(ERR_OVERFLOW));
	badsys_check("print_len_max",
		     (struct call){SYS_DEBUG_PRINT, {addr(rw_buffer), 0xffffffffu}},
		     WANT2(ERR_OVERFLOW, ERR_FAULT));
}

/* Valid but unusual buffers: misaligned, read-only, empty. All must be printed. */
static void cases_debug_print_good(void)
{
	static const char text[] = "badsys: printed from an odd address\n";

	memcpy(rw_buffer + 1, text, sizeof(text) - 1);
	badsys_check("print_misaligned",
		     (struct call){SYS_DEBUG_PRINT, {addr(rw_buffer + 1), sizeof(text) - 1}},
		     WANT_OK);
	badsys_check(
	    "print_readonly",
	    (struct call){SYS_DEBUG_PRINT, {addr(readonly_text), sizeof(readonly_text) - 1}},
	    WANT_OK);
	badsys_check("print_len0", (struct call){SYS_DEBUG_PRINT, {addr(rw_buffer), 0}}, WANT_OK);
}

/*
 * Runs a case that must fail without writing: `len` bytes at `p` (readable) must be the same
 * before and after the call.
 */
static void check_untouched(const char *name, struct call c, struct want w, uint32_t p,
			    uint32_t len)
{
	uint8_t before[16];
	char code[24], want[48];
	const volatile uint8_t *bytes = (const volatile uint8_t *)(uintptr_t)p;
	int32_t got;
	int same = 1;

	for (uint32_t i = 0; i < len; i++)
		before[i] = bytes[i];
	got = badsys_raw(c.num, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);
	for (uint32_t i = 0; i < len; i++)
		same &= before[i] == bytes[i];
	badsys_format_want(code, sizeof(code), w);
	snprintf(want, sizeof(want), "%s, %s", code, same ? "memory untouched" : "MEMORY CHANGED");
	badsys_report(name, got, want, badsys_accepts(w, got) && same);
}

/* SYS_GET_TIME(uint64_t *out): the kernel writes 8 bytes, so the target must be writable. */
static void cases_get_time_bad(void)
{
	uint32_t edge = first_unmapped_page();

	badsys_check("time_null", (struct call){SYS_GET_TIME, {0}}, WANT(ERR_FAULT));
	badsys_check("time_unmapped", (struct call){SYS_GET_TIME, {ADDR_UNMAPPED}},
		     WANT(ERR_FAULT));
	badsys_check("time_kernel_base", (struct call){SYS_GET_TIME, {ADDR_KERNEL_BASE}},
		     WANT(ERR_FAULT));
	badsys_check("time_kernel_image", (struct call){SYS_GET_TIME, {ADDR_KERNEL_IMAGE}},
		     WANT(ERR_FAULT));
	badsys_check("time_top", (struct call){SYS_GET_TIME, {ADDR_TOP}}, WANT(ERR_FAULT));
	badsys_check("time_wrap", (struct call){SYS_GET_TIME, {0xfffffffcu}}, WANT(ERR_FAULT));
	badsys_check("time_straddle_kernel", (struct call){SYS_GET_TIME, {0xbffffffcu}},
		     WANT(ERR_FAULT));
	check_untouched("time_straddle_unmapped", (struct call){SYS_GET_TIME, {edge - 4}},
			WANT(ERR_FAULT), edge - 4, 4);
	badsys_check("time_landing_page", (struct call){SYS_GET_TIME, {SYSENTER_LANDING_ADDR}},
		     WANT(ERR_FAULT));
	check_untouched("time_readonly_data", (struct call){SYS_GET_TIME, {addr(&readonly_word)}},
			WANT(ERR_FAULT), addr(&readonly_word), 8);
	check_untouched("time_readonly_code",
			(struct call){SYS_GET_TIME, {(uint32_t)(uintptr_t)&badsys_accepts}},
			WANT(ERR_FAULT), (uint32_t)(uintptr_t)&badsys_accepts, 8);
}

/* SYS_CPU_INFO(cpu, out): a CPU that is not up, and outputs the kernel may not write. */
static void cases_cpu_info_bad(void)
{
	static uint8_t info[sizeof(struct keel_cpu_info)];

	badsys_check("cpu_info_no_cpu", (struct call){SYS_CPU_INFO, {64, addr(info)}},
		     WANT(ERR_INVALID));
	badsys_check("cpu_info_huge_cpu", (struct call){SYS_CPU_INFO, {0xffffffffu, addr(info)}},
		     WANT(ERR_INVALID));
	badsys_check("cpu_info_null", (struct call){SYS_CPU_INFO, {0, 0}}, WANT(ERR_FAULT));
	badsys_check("cpu_info_kernel", (struct call){SYS_CPU_INFO, {0, ADDR_KERNEL_BASE}},
		     WANT(ERR_FAULT));
	check_untouched("cpu_info_readonly_code",
			(struct call){SYS_CPU_INFO, {0, (uint32_t)(uintptr_t)&badsys_accepts}},
			WANT(ERR_FAULT), (uint32_t)(uintptr_t)&badsys_accepts, 8);
	badsys_check("cpu_info_good", (struct call){SYS_CPU_INFO, {0, addr(info)}}, WANT(ERR_OK));
}

/* A misaligned output is accepted (x86 allows it) and gets a plausible time. */
static void cases_get_time_good(void)
{
	uint64_t t;
	int32_t got;

	memset(time_buffer, 0, sizeof(time_buffer));
	got = badsys_check("time_misaligned", (struct call){SYS_GET_TIME, {addr(time_buffer + 1)}},
			   WANT_OK);
	memcpy(&t, time_buffer + 1, sizeof(t));
	badsys_report("time_misaligned_value", got, "a non-zero time", got >= 0 && t != 0);
}

static void good_thread(uintptr_t arg)
{
	good_thread_ran = (int)arg;
}

/* SYS_THREAD_CREATE(entry, stack_top, arg, priority, unit cap), raw: no wrapper frame. */
static void cases_thread_create_bad(void)
{
	uint32_t entry = (uint32_t)(uintptr_t)keel_thread_start;
	uint32_t stack = addr(thread_stacks[0] + sizeof(thread_stacks[0]) - 16);
	struct want reject = WANT2(ERR_FAULT, ERR_INVALID);

	badsys_check(
	    "thread_entry_kernel_base",
	    (struct call){SYS_THREAD_CREATE, {ADDR_KERNEL_BASE, stack, 0, BAD_THREAD_PRIORITY, SELF}},
	    reject);
	badsys_check(
	    "thread_entry_kernel_image",
	    (struct call){SYS_THREAD_CREATE, {ADDR_KERNEL_IMAGE, stack, 0, BAD_THREAD_PRIORITY, SELF}},
	    reject);
	badsys_check("thread_entry_top",
		     (struct call){SYS_THREAD_CREATE, {ADDR_TOP, stack, 0, BAD_THREAD_PRIORITY, SELF}},
		     reject);
	badsys_check("thread_stack_kernel",
		     (struct call){SYS_THREAD_CREATE,
				   {entry, ADDR_KERNEL_BASE + 0x1000, 0, BAD_THREAD_PRIORITY, SELF}},
		     reject);
	badsys_check("thread_stack_top",
		     (struct call){SYS_THREAD_CREATE, {entry, ADDR_WRAP, 0, BAD_THREAD_PRIORITY, SELF}},
		     reject);
	badsys_check("thread_priority_256",
		     (struct call){SYS_THREAD_CREATE, {entry, stack, 0, 256, SELF}}, WANT(ERR_INVALID));
	badsys_check("thread_priority_max",
		     (struct call){SYS_THREAD_CREATE, {entry, stack, 0, 0xffffffffu, SELF}},
		     WANT(ERR_INVALID));
	badsys_check("thread_no_unit_cap", (struct call){SYS_THREAD_CREATE, {entry, stack, 0, 1, 0}},
		     WANT(ERR_BAD_CAP));
	badsys_check("thread_unit_cap_wrong_type",
		     (struct call){SYS_THREAD_CREATE, {entry, stack, 0, 1, MODULE0}},
		     WANT(ERR_BAD_CAP));
}

/*
 * A valid thread (through the typed wrapper on the same path) runs at once: it is higher,
 * here or on another CPU (which may take an IPI and a while in the emulator: up to 1 s).
 */
static void cases_thread_create_good(void)
{
	uint64_t start = 0, now = 0;
	int32_t got;

	good_thread_ran = 0;
	sys_get_time_us(&start);
	got = sys_thread_create(good_thread, thread_stacks[1] + sizeof(thread_stacks[1]), 7,
				GOOD_THREAD_PRIORITY);
	while (got > 0 && good_thread_ran != 7 && sys_get_time_us(&now) == 0 &&
	       now - start < 1000000)
		sys_yield();
	badsys_report("thread_create_valid", got, ">0, thread ran",
		      got > 0 && good_thread_ran == 7);
}

/* SYS_UNIT_START(image cap, priorities, caps, ncaps, arg): requests that must start nothing. */
static void cases_unit_start(void)
{
	const uint32_t prio = UNIT_PRIORITY(50, 50), self = SELF;

	badsys_check("unit_next_module",
		     (struct call){SYS_UNIT_START, {(uint32_t)CAP_ROOT_MODULE(MODULE_COUNT), prio}},
		     WANT(ERR_BAD_CAP));
	badsys_check("unit_module_1000",
		     (struct call){SYS_UNIT_START, {(uint32_t)CAP_ROOT_MODULE(1000), prio}},
		     WANT(ERR_BAD_CAP));
	badsys_check("unit_image_max", (struct call){SYS_UNIT_START, {0xffffffffu, prio}},
		     WANT(ERR_BAD_CAP));
	badsys_check("unit_image_is_a_unit", (struct call){SYS_UNIT_START, {SELF, prio}},
		     WANT(ERR_BAD_CAP));
	badsys_check("unit_priority_above_max",
		     (struct call){SYS_UNIT_START, {MODULE0, UNIT_PRIORITY(60, 50)}},
		     WANT(ERR_INVALID));
	badsys_check("unit_priority_high_bits", (struct call){SYS_UNIT_START, {MODULE0, 0x10000}},
		     WANT(ERR_INVALID));
	badsys_check("unit_priority_max", (struct call){SYS_UNIT_START, {MODULE0, 0xffffffffu}},
		     WANT(ERR_INVALID));
	badsys_check("unit_caps_17", (struct call){SYS_UNIT_START, {MODULE0, prio, addr(&self), 17}},
		     WANT(ERR_OVERFLOW));
	badsys_check("unit_caps_kernel_pointer",
		     (struct call){SYS_UNIT_START, {MODULE0, prio, ADDR_KERNEL_IMAGE, 1}},
		     WANT(ERR_FAULT));
	badsys_check("unit_caps_null_pointer",
		     (struct call){SYS_UNIT_START, {MODULE0, prio, 0, 2}}, WANT(ERR_FAULT));
	badsys_check("unit_budget_without_caps",
		     (struct call){SYS_UNIT_START, {MODULE0, prio | UNIT_START_BUDGET, 0, 0}},
		     WANT(ERR_INVALID));
	badsys_check("unit_budget_not_a_budget",
		     (struct call){SYS_UNIT_START,
				   {MODULE0, prio | UNIT_START_BUDGET, addr(&self), 1}},
		     WANT(ERR_INVALID));
	badsys_check("unit_budget_flag_and_more",
		     (struct call){SYS_UNIT_START, {MODULE0, prio | (UNIT_START_NO_GRANT << 1)}},
		     WANT(ERR_INVALID));
	badsys_check("unit_keep_grant_without_no_grant",
		     (struct call){SYS_UNIT_START,
				   {MODULE0, prio, addr(&self), UNIT_START_NCAPS(1, 1)}},
		     WANT(ERR_INVALID));
	badsys_check("unit_keep_grant_caps_17",
		     (struct call){SYS_UNIT_START, {MODULE0, prio | UNIT_START_NO_GRANT,
						    addr(&self), UNIT_START_NCAPS(17, 1)}},
		     WANT(ERR_OVERFLOW));
}

/* SYS_BUDGET_CREATE and SYS_BUDGET_INFO with bad handles, objects and pointers. */
static void cases_budget(void)
{
	const uint32_t root = (uint32_t)CAP_ROOT_BUDGET, vga = (uint32_t)CAP_ROOT_VGA;

	badsys_check("budget_info_stale", (struct call){SYS_BUDGET_INFO, {1000, 0}},
		     WANT(ERR_BAD_CAP));
	badsys_check("budget_info_unit", (struct call){SYS_BUDGET_INFO, {SELF, 0}},
		     WANT(ERR_BAD_CAP));
	badsys_check("budget_info_vga", (struct call){SYS_BUDGET_INFO, {vga, addr(&ipc_msg)}},
		     WANT(ERR_INVALID));
	badsys_check("budget_info_null", (struct call){SYS_BUDGET_INFO, {root, 0}},
		     WANT(ERR_FAULT));
	badsys_check("budget_info_kernel", (struct call){SYS_BUDGET_INFO, {root, ADDR_KERNEL_IMAGE}},
		     WANT(ERR_FAULT));
	badsys_check("budget_info_straddle", (struct call){SYS_BUDGET_INFO, {root, ADDR_STRADDLE}},
		     WANT(ERR_FAULT));
	badsys_check("budget_create_null", (struct call){SYS_BUDGET_CREATE, {root, 0}},
		     WANT(ERR_FAULT));
	badsys_check("budget_create_kernel",
		     (struct call){SYS_BUDGET_CREATE, {root, ADDR_KERNEL_IMAGE}}, WANT(ERR_FAULT));
	badsys_check("budget_create_vga", (struct call){SYS_BUDGET_CREATE, {vga, addr(&ipc_msg)}},
		     WANT(ERR_INVALID));
}

/* SYS_TRACE: only the trace rings' own capability, with ADMIN, and a known op. */
static void cases_trace(void)
{
	const uint32_t trace = (uint32_t)CAP_ROOT_TRACE;

	badsys_check("trace_stale", (struct call){SYS_TRACE, {1000, TRACE_QUERY}}, WANT(ERR_BAD_CAP));
	badsys_check("trace_unit", (struct call){SYS_TRACE, {SELF, TRACE_ON}}, WANT(ERR_BAD_CAP));
	badsys_check("trace_devmem", (struct call){SYS_TRACE, {(uint32_t)CAP_ROOT_DEVMEM, TRACE_ON}},
		     WANT(ERR_BAD_CAP));
	badsys_check("trace_klog", (struct call){SYS_TRACE, {(uint32_t)CAP_ROOT_KLOG, TRACE_ON}},
		     WANT(ERR_RIGHTS));
	badsys_check("trace_op", (struct call){SYS_TRACE, {trace, 7}}, WANT(ERR_INVALID));
	badsys_check("trace_query", (struct call){SYS_TRACE, {trace, TRACE_QUERY}}, WANT(TRACE_OFF));
}

/*
 * IPC and capability calls: this unit holds no capabilities yet, so every call must fail
 * (ERR_NOSYS until IPC exists, then ERR_BAD_CAP or ERR_FAULT), whatever the pointers are.
 * Timeouts are 0 (no wait), so nothing can block.
 */
static void cases_ipc(void)
{
	static const uint32_t ipc_nums[] = {SYS_IPC_CALL, SYS_IPC_SEND, SYS_IPC_RECV,
					    SYS_IPC_REPLY_RECV};
	const uint32_t ptrs[][2] = {{addr(&ipc_msg), addr(&ipc_info)},
				    {0, 0},
				    {ADDR_KERNEL_IMAGE, ADDR_KERNEL_IMAGE},
				    {ADDR_STRADDLE, ADDR_STRADDLE}};
	const uint32_t caps[] = {(uint32_t)CAP_NULL, 1000};
	char name[40];

	for (size_t n = 0; n < 4; n++) {
		for (size_t p = 0; p < 4; p++) {
			for (size_t c = 0; c < 2; c++) {
				snprintf(name, sizeof(name), "ipc_%u_ptrs%u_cap%d",
					 (unsigned)ipc_nums[n], (unsigned)p, (int)caps[c]);
				badsys_check(
				    name,
				    (struct call){ipc_nums[n], {caps[c], ptrs[p][0], ptrs[p][1]}},
				    WANT_ERR);
			}
		}
	}
}

static void cases_caps(void)
{
	badsys_check("cap_restrict_null", (struct call){SYS_CAP_RESTRICT, {(uint32_t)CAP_NULL, 0}},
		     WANT_ERR);
	badsys_check("cap_restrict_1000", (struct call){SYS_CAP_RESTRICT, {1000, 0}}, WANT_ERR);
	badsys_check("cap_delete_null", (struct call){SYS_CAP_DELETE, {(uint32_t)CAP_NULL}},
		     WANT_ERR);
	badsys_check("cap_delete_1000", (struct call){SYS_CAP_DELETE, {1000}}, WANT_ERR);
}

/*
 * Channel capacities out of range, and SYS_NOTIFY_WAIT's output pointer: checked before the
 * wait, so a bad one is ERR_FAULT even with bits pending (they stay for a good wait).
 */
static void cases_channel_notify(void)
{
	uint32_t note = (uint32_t)sys_notify_create(), bits = 0;
	const uint32_t bad_out[] = {0, ADDR_KERNEL_IMAGE, 0xbffffffeu, addr(&readonly_word)};
	char name[40];

	badsys_check("channel_capacity_0", (struct call){SYS_CHANNEL_CREATE, {0}},
		     WANT(ERR_INVALID));
	badsys_check("channel_capacity_17", (struct call){SYS_CHANNEL_CREATE, {17}},
		     WANT(ERR_OVERFLOW));
	badsys_check("channel_capacity_max", (struct call){SYS_CHANNEL_CREATE, {0xffffffffu}},
		     WANT(ERR_OVERFLOW));
	sys_notify_signal((cap_t)note, 0x3);
	for (size_t i = 0; i < sizeof(bad_out) / sizeof(bad_out[0]); i++) {
		snprintf(name, sizeof(name), "notify_wait_out%u", (unsigned)i);
		badsys_check(name, (struct call){SYS_NOTIFY_WAIT, {note, bad_out[i], 0, 0}},
			     WANT(ERR_FAULT));
	}
	int32_t got = sys_notify_wait((cap_t)note, &bits, IPC_NO_WAIT);

	badsys_report("notify_bits_kept", got == ERR_OK ? (int32_t)bits : got, "3",
		      got == ERR_OK && bits == 0x3);
	cap_delete((cap_t)note);
}

/* Calls without pointers ignore junk in their unused argument registers. */
static void cases_plain(void)
{
	badsys_check("yield_junk_args",
		     (struct call){SYS_YIELD, {0xdeadbeefu, ADDR_KERNEL_IMAGE, 3, 4, 5}}, WANT_OK);
	badsys_check("null_junk_args", (struct call){SYS_NULL, {1, 2, 3, 4, 5}}, WANT(ERR_OK));
	badsys_check("sleep_zero", (struct call){SYS_SLEEP, {0, 0, 0xdeadbeefu}}, WANT_OK);
}

void badsys_run_matrix(void)
{
	cases_numbers();
	cases_plain();
	cases_debug_print_bad();
	cases_debug_print_good();
	cases_get_time_bad();
	cases_get_time_good();
	cases_cpu_info_bad();
	cases_thread_create_bad();
	cases_thread_create_good();
	cases_unit_start();
	cases_budget();
	cases_trace();
	cases_ipc();
	cases_caps();
	cases_channel_notify();
	cases_devices();
}
