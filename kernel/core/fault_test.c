/*
 * Host tests for the user fault report (fault.c): the exact contract line for a page fault,
 * the variants without error decode or CR2, the sysenter stack report, truncation, and that
 * fault_user prints one line and then kills the current thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/fault.h>
#include <kernel/percpu.h>
#include <kernel/process.h>
#include <kernel/thread.h>
#include <kernel/unit.h>
#include <arch/host_fake.h>

static struct percpu cpu;
static struct thread victim;
static struct unit victim_unit;
static jmp_buf killed_env;
static unsigned kills;

struct percpu *this_cpu(void)
{
	return &cpu;
}

void process_kill_current(void)
{
	kills++;
	longjmp(killed_env, 1);
}

static const struct fault_info page_fault = {
    .kind = FAULT_EXCEPTION,
    .vector = 14,
    .mnemonic = "#PF",
    .name = "page fault",
    .error = 4,
    .decoded = "read, not-present, user",
    .ip = 0x00401234,
    .has_addr = true,
    .addr = 0,
};

static void test_page_fault_line(void **state)
{
	char buf[FAULT_LINE_MAX];

	(void)state;
	fault_format(&page_fault, "hello", 65537, buf, sizeof(buf));
	assert_string_equal(buf, "fault: unit hello thread 65537: #PF page fault (vector 14) "
				 "error=0x00000004 [read, not-present, user] EIP=0x00401234 "
				 "CR2=0x00000000; thread killed");
}

static void test_exception_without_decode_or_address(void **state)
{
	struct fault_info ud = {FAULT_EXCEPTION, 6, "#UD", "invalid opcode", 0, "", 0x400010,
				false,		 0, 0,	{0}};
	char buf[FAULT_LINE_MAX];

	(void)state;
	fault_format(&ud, "bad", 3, buf, sizeof(buf));
	assert_string_equal(buf, "fault: unit bad thread 3: #UD invalid opcode (vector 6) "
				 "error=0x00000000 EIP=0x00400010; thread killed");
}

static void test_truncates_safely(void **state)
{
	char buf[40];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	fault_format(&page_fault, "a-long-unit-name-that-fills-the-buffer", 1, buf, sizeof(buf));
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	fault_format(&page_fault, "hello", 65537, buf, 8);
	assert_string_equal(buf, "fault: ");
}

static void test_fault_user_reports_then_kills(void **state)
{
	(void)state;
	strcpy(victim_unit.name, "victim");
	victim.unit = &victim_unit;
	victim.tid = 0x20001;
	cpu.rq.current = &victim;
	host_console_reset();
	if (setjmp(killed_env) == 0)
		fault_user(&page_fault);
	assert_int_equal(kills, 1);
	assert_string_equal(host_console_output(),
			    "fault: unit victim thread 131073: #PF page fault (vector 14) "
			    "error=0x00000004 [read, not-present, user] EIP=0x00401234 "
			    "CR2=0x00000000; thread killed\n");
}

/* The callers the arch found come in a second line, innermost first. */
static void test_fault_user_reports_callers(void **state)
{
	struct fault_info f = page_fault;

	(void)state;
	f.nframes = 2;
	f.frames[0] = 0x00400123;
	f.frames[1] = 0x0040000f;
	strcpy(victim_unit.name, "victim");
	victim.unit = &victim_unit;
	victim.tid = 0x20001;
	cpu.rq.current = &victim;
	host_console_reset();
	kills = 0;
	if (setjmp(killed_env) == 0)
		fault_user(&f);
	assert_int_equal(kills, 1);
	assert_non_null(strstr(host_console_output(),
			       "; thread killed\nfault: unit victim thread 131073: user backtrace "
			       "0x00400123 0x0040000f\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_fault_line),
	    cmocka_unit_test(test_exception_without_decode_or_address),
	    cmocka_unit_test(test_truncates_safely),
	    cmocka_unit_test(test_fault_user_reports_then_kills),
	    cmocka_unit_test(test_fault_user_reports_callers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
