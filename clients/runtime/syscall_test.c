/*
 * Host tests of the typed syscall wrappers against fake raw entries: each wrapper must use its
 * <keel/abi.h> number and pack its arguments as <keel/syscall.h> documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <keel/abi.h>
#include <keel/syscall.h>

/* The last raw call the fakes saw. */
static struct {
	enum syscall_path path;
	uint32_t num;
	uint32_t a[5];
	int calls;
	int32_t result;
	jmp_buf *escape; /* if set, the fake leaves through it: exits never return */
} last;

static int32_t fake_entry(enum syscall_path path, uint32_t num, uint32_t a1, uint32_t a2,
			  uint32_t a3, uint32_t a4, uint32_t a5)
{
	last.path = path;
	last.num = num;
	last.a[0] = a1;
	last.a[1] = a2;
	last.a[2] = a3;
	last.a[3] = a4;
	last.a[4] = a5;
	last.calls++;
	if (last.escape != NULL)
		longjmp(*last.escape, 1);
	return last.result;
}

int32_t syscall_int80(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	return fake_entry(SYSCALL_PATH_INT80, num, a1, a2, a3, a4, a5);
}

int32_t syscall_sysenter(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			 uint32_t a5)
{
	return fake_entry(SYSCALL_PATH_SYSENTER, num, a1, a2, a3, a4, a5);
}

/* What the fake CPUID leaf 1 reports (SYSCALL_PATH_AUTO reads it). */
static struct {
	uint32_t signature, features;
	int reads;
} cpu;

void syscall_cpuid1(uint32_t *signature, uint32_t *features)
{
	*signature = cpu.signature;
	*features = cpu.features;
	cpu.reads++;
}

void keel_thread_start(void)
{
}

static void thread_fn(uintptr_t arg)
{
	(void)arg;
}

static uint32_t ptr32(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static void expect_call(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			uint32_t a5)
{
	const uint32_t want[5] = {a1, a2, a3, a4, a5};

	assert_int_equal(last.calls, 1);
	assert_int_equal(last.num, num);
	for (int i = 0; i < 5; i++)
		assert_int_equal(last.a[i], want[i]);
}

static int reset(void **state)
{
	(void)state;
	memset(&last, 0, sizeof(last));
	last.path = SYSCALL_PATH_INT80; /* not the default: a sysenter call must overwrite it */
	last.result = 5;
	syscall_set_path(SYSCALL_PATH_SYSENTER);
	return 0;
}

#define CPU_SEP		(1u << 11)
#define SIG_PENTIUM2	0x00000652u /* family 6 model 5 stepping 2 */
#define SIG_PPRO_EARLY	0x00000611u /* family 6 model 1 stepping 1: reports SEP falsely */
#define SIG_PPRO_MODEL3 0x00000633u /* family 6 model 3 stepping 3: sysenter works */
#define SIG_EXT_MODEL	0x00010600u /* family 6 model 0x10 stepping 0: not a Pentium Pro */

/* AUTO picks at the first call (once), from CPUID: each case gives the path it must take. */
static void test_auto_path_follows_cpuid(void **state)
{
	static const struct {
		uint32_t signature, features;
		enum syscall_path want;
	} cases[] = {
	    {SIG_PENTIUM2, CPU_SEP, SYSCALL_PATH_SYSENTER},
	    {SIG_PENTIUM2, 0, SYSCALL_PATH_INT80},
	    {SIG_PPRO_EARLY, CPU_SEP, SYSCALL_PATH_INT80},
	    {SIG_PPRO_MODEL3, CPU_SEP, SYSCALL_PATH_SYSENTER},
	    {SIG_EXT_MODEL, CPU_SEP, SYSCALL_PATH_SYSENTER},
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cpu.signature = cases[i].signature;
		cpu.features = cases[i].features;
		cpu.reads = 0;
		syscall_set_path(SYSCALL_PATH_AUTO);
		last.calls = 0;
		assert_int_equal(sys_yield(), 5);
		assert_int_equal(last.path, cases[i].want);
		expect_call(SYS_YIELD, 0, 0, 0, 0, 0);
		assert_int_equal(sys_null(), 5);
		assert_int_equal(syscall_get_path(), cases[i].want);
		assert_int_equal(cpu.reads, 1);
	}
}

/* syscall_get_path resolves AUTO without making a call. */
static void test_get_path_resolves_auto(void **state)
{
	(void)state;
	cpu.signature = SIG_PENTIUM2;
	cpu.features = 0;
	syscall_set_path(SYSCALL_PATH_AUTO);
	assert_int_equal(syscall_get_path(), SYSCALL_PATH_INT80);
	assert_int_equal(last.calls, 0);
}

static void test_path_is_switchable(void **state)
{
	(void)state;
	assert_int_equal(syscall_get_path(), SYSCALL_PATH_SYSENTER);
	assert_int_equal(sys_yield(), 5);
	assert_int_equal(last.path, SYSCALL_PATH_SYSENTER);
	syscall_set_path(SYSCALL_PATH_INT80);
	assert_int_equal(syscall_get_path(), SYSCALL_PATH_INT80);
	last.calls = 0;
	assert_int_equal(sys_yield(), 5);
	assert_int_equal(last.path, SYSCALL_PATH_INT80);
	expect_call(SYS_YIELD, 0, 0, 0, 0, 0);
}

static void test_simple_calls(void **state)
{
	static const char text[] = "hi";
	uint64_t now;

	(void)state;
	sys_yield();
	expect_call(SYS_YIELD, 0, 0, 0, 0, 0);
	last.calls = 0;
	sys_debug_print(text, 2);
	expect_call(SYS_DEBUG_PRINT, ptr32(text), 2, 0, 0, 0);
	last.calls = 0;
	sys_get_time_us(&now);
	expect_call(SYS_GET_TIME, ptr32(&now), 0, 0, 0, 0);
	last.calls = 0;
	sys_module_start(3, 200);
	expect_call(SYS_UNIT_START, (uint32_t)CAP_ROOT_MODULE(3), UNIT_PRIORITY(200, 200), 0, 0, 0);
	last.calls = 0;
	cap_t caps[2] = {CAP_START(0), CAP_START(1)};

	sys_unit_start(CAP_ROOT_MODULE(1), 7, 9, caps, 2, 0x55);
	expect_call(SYS_UNIT_START, (uint32_t)CAP_ROOT_MODULE(1), UNIT_PRIORITY(7, 9), ptr32(caps),
		    2, 0x55);
	last.calls = 0;
	assert_int_equal(sys_unit_start(CAP_ROOT_MODULE(1), 256, 256, caps, 2, 0), ERR_INVALID);
	assert_int_equal(last.calls, 0);
	last.calls = 0;
	sys_endpoint_create();
	expect_call(SYS_ENDPOINT_CREATE, 0, 0, 0, 0, 0);
	last.calls = 0;
	cap_derive(9, CAP_RIGHT_READ, 0x0000000300000004ull);
	expect_call(SYS_CAP_DERIVE, 9, CAP_RIGHT_READ, 4, 3, 0);
	last.calls = 0;
	cap_revoke(9);
	expect_call(SYS_CAP_REVOKE, 9, 0, 0, 0, 0);
	last.calls = 0;
	cap_identify(9);
	expect_call(SYS_CAP_IDENTIFY, 9, 0, 0, 0, 0);
	last.calls = 0;
	sys_null();
	expect_call(SYS_NULL, 0, 0, 0, 0, 0);
}

/* Channels and notifications: the capacity, bits and 64-bit timeout reach the kernel. */
static void test_channel_and_notification_calls(void **state)
{
	uint32_t bits;

	(void)state;
	sys_channel_create(16);
	expect_call(SYS_CHANNEL_CREATE, 16, 0, 0, 0, 0);
	last.calls = 0;
	sys_notify_create();
	expect_call(SYS_NOTIFY_CREATE, 0, 0, 0, 0, 0);
	last.calls = 0;
	sys_notify_signal(9, 0x80000001u);
	expect_call(SYS_NOTIFY_SIGNAL, 9, 0x80000001u, 0, 0, 0);
	last.calls = 0;
	sys_notify_wait(9, &bits, 0x0000000500000006ull);
	expect_call(SYS_NOTIFY_WAIT, 9, ptr32(&bits), 6, 5, 0);
}

/* 64-bit values go low word first. */
static void test_sleep_splits_64_bit_time(void **state)
{
	(void)state;
	sys_sleep_us(0x0000000700000009ull);
	expect_call(SYS_SLEEP, 9, 7, 0, 0, 0);
}

static void test_exits_pass_status(void **state)
{
	jmp_buf escape;

	(void)state;
	last.escape = &escape;
	if (setjmp(escape) == 0)
		sys_exit_unit(-3);
	expect_call(SYS_EXIT_UNIT, (uint32_t)-3, 0, 0, 0, 0);
	last.calls = 0;
	if (setjmp(escape) == 0)
		sys_exit_thread();
	expect_call(SYS_EXIT_THREAD, 0, 0, 0, 0, 0);
}

static void test_errors_pass_through(void **state)
{
	(void)state;
	last.result = ERR_FAULT;
	assert_int_equal(sys_debug_print(NULL, 1), ERR_FAULT);
}

/*
 * The wrapper starts the trampoline with esp = a 16-byte frame just below the aligned-down
 * stack top, holding fn, and with eax = arg.
 */
static void test_thread_create_builds_trampoline_frame(void **state)
{
	_Alignas(16) uintptr_t stack[16];
	char *end = (char *)(stack + 16);
	uintptr_t *frame;

	(void)state;
	for (int misalign = 0; misalign < 16; misalign += 4) {
		last.calls = 0;
		frame = (uintptr_t *)(end - (misalign == 0 ? 16 : 32));
		assert_int_equal(sys_thread_create(thread_fn, end - misalign, 0x1234, 77), 5);
		expect_call(SYS_THREAD_CREATE, (uint32_t)(uintptr_t)keel_thread_start, ptr32(frame),
			    0x1234, 77, (uint32_t)CAP_SELF);
		assert_true(frame[0] == (uintptr_t)thread_fn);
	}
}

static void test_thread_create_rejects_bad_arguments(void **state)
{
	char stack[64];

	(void)state;
	assert_int_equal(sys_thread_create(NULL, stack + sizeof(stack), 0, 1), ERR_INVALID);
	assert_int_equal(sys_thread_create(thread_fn, NULL, 0, 1), ERR_INVALID);
	assert_int_equal(last.calls, 0);
}

static void test_ipc_calls_put_timeout_in_a4_a5(void **state)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	const uint64_t t = 0x89abcdef01234567ull;

	(void)state;
	ipc_call(4, &msg, &info, t);
	expect_call(SYS_IPC_CALL, 4, ptr32(&msg), ptr32(&info), 0x01234567u, 0x89abcdefu);
	last.calls = 0;
	ipc_send(5, &msg, IPC_WAIT_FOREVER);
	expect_call(SYS_IPC_SEND, 5, ptr32(&msg), 0, UINT32_MAX, UINT32_MAX);
	last.calls = 0;
	ipc_recv(6, &msg, &info, IPC_NO_WAIT);
	expect_call(SYS_IPC_RECV, 6, ptr32(&msg), ptr32(&info), 0, 0);
	last.calls = 0;
	ipc_reply_recv(7, &msg, &info, t);
	expect_call(SYS_IPC_REPLY_RECV, 7, ptr32(&msg), ptr32(&info), 0x01234567u, 0x89abcdefu);
}

static void test_cap_calls(void **state)
{
	(void)state;
	cap_restrict(9, CAP_RIGHT_READ);
	expect_call(SYS_CAP_RESTRICT, 9, CAP_RIGHT_READ, 0, 0, 0);
	last.calls = 0;
	cap_delete(CAP_NULL);
	expect_call(SYS_CAP_DELETE, (uint32_t)CAP_NULL, 0, 0, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_auto_path_follows_cpuid, reset),
	    cmocka_unit_test_setup(test_get_path_resolves_auto, reset),
	    cmocka_unit_test_setup(test_path_is_switchable, reset),
	    cmocka_unit_test_setup(test_simple_calls, reset),
	    cmocka_unit_test_setup(test_channel_and_notification_calls, reset),
	    cmocka_unit_test_setup(test_sleep_splits_64_bit_time, reset),
	    cmocka_unit_test_setup(test_exits_pass_status, reset),
	    cmocka_unit_test_setup(test_errors_pass_through, reset),
	    cmocka_unit_test_setup(test_thread_create_builds_trampoline_frame, reset),
	    cmocka_unit_test_setup(test_thread_create_rejects_bad_arguments, reset),
	    cmocka_unit_test_setup(test_ipc_calls_put_timeout_in_a4_a5, reset),
	    cmocka_unit_test_setup(test_cap_calls, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
