/*
 * Host tests for the syscall dispatcher (syscall.c): number validation and every handler's
 * argument checks, with the real uaccess and i386 page tables and fakes for the scheduler,
 * the clock and process_*. Nothing here may crash: bad input is an error code.
 */
#include "syscall_test.h"

static struct boot_info bi;
struct percpu cpu;
struct thread self;
struct unit me, other;
struct syscall_fx fx;

/* a5 = CAP_SELF: the unit capability thread create takes (the other calls ignore a5). */
int32_t call(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
	struct syscall_args a = {
	    .num = num, .a1 = a1, .a2 = a2, .a3 = a3, .a4 = a4, .a5 = (uint32_t)CAP_SELF};

	return syscall_dispatch(&a);
}

static void map(struct page_table *pt, uintptr_t va, uint32_t flags)
{
	phys_addr_t f;

	assert_int_equal(pmm_alloc_frame(0x10001u, &f), ERR_OK);
	memset(phys_to_virt(f), 0, PAGE_SIZE);
	assert_int_equal(mmu_map_page(pt, f, va, flags), ERR_OK);
}

uint8_t *user_bytes(uintptr_t va)
{
	phys_addr_t phys;

	assert_int_equal(mmu_query(me.aspace, va, &phys, NULL), ERR_OK);
	return phys_to_virt(phys);
}

static int group_setup(void **state)
{
	(void)state;
	host_phys_mem_init(FAKE_MEM);
	bi.kernel_start = MIB;
	bi.kernel_end = 2 * MIB;
	bi.mem_regions[0] = (struct boot_mem_region){MIB, FAKE_MEM - MIB, BOOT_MEM_AVAILABLE};
	bi.mem_region_count = 1;
	assert_int_equal(pmm_init(&bi), ERR_OK);
	assert_int_equal(mmu_init(), ERR_OK);
	me.aspace = mmu_create_address_space();
	other.aspace = mmu_create_address_space();
	assert_non_null(me.aspace);
	map(me.aspace, CODE, MMU_PRESENT | MMU_USER);
	map(me.aspace, DATA, RW);
	map(me.aspace, DATA + PAGE_SIZE, RW);
	map(me.aspace, TOP_PAGE, RW);
	map(other.aspace, CODE, MMU_PRESENT | MMU_USER);
	me.kobj = (struct kobj){.type = CAP_TYPE_UNIT, .gen = 1};
	other.kobj = (struct kobj){.type = CAP_TYPE_UNIT, .gen = 1};
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	host_phys_mem_release();
	return 0;
}

static int reset(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	cap_t h;

	self.unit = &me;
	self.rq = &cpu.rq;
	me.max_prio = PRIO_HIGHEST;
	me.debug = true;
	other.max_prio = PRIO_HIGHEST;
	cap_table_init(&me.caps);
	assert_int_equal(cap_install_at(&me.caps, 0, &me.kobj, CAP_RIGHTS_ALL, &h), ERR_OK);
	cpu.rq.current = &self;
	host_console_reset();
	return 0;
}

static void test_bad_numbers_are_nosys(void **state)
{
	static const uint32_t bad[] = {
	    0,
	    15,
	    31,
	    37,
	    SYS_COUNT - 1,
	    SYS_COUNT,
	    SYS_COUNT + 1,
	    0x80,
	    0x7fffffffu,
	    0x80000000u,
	    (uint32_t)-1,
	    (uint32_t)-SYS_YIELD,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(bad[i], DATA, 8, 0, 0), ERR_NOSYS);
	assert_int_equal(fx.yields + fx.blocks + fx.creates + fx.starts, 0);
	assert_string_equal(host_console_output(), "");
}

static void test_null_yield_and_preempt_point(void **state)
{
	(void)state;
	assert_int_equal(call(SYS_NULL, 1, 2, 3, 4), ERR_OK);
	assert_int_equal(fx.preempt_points, 1);
	assert_int_equal(call(SYS_YIELD, 0, 0, 0, 0), ERR_OK);
	assert_int_equal(fx.yields, 1);
	assert_int_equal(fx.preempt_points, 2);
}

static void test_sleep(void **state)
{
	(void)state;
	assert_int_equal(call(SYS_SLEEP, 0, 0, 0, 0), ERR_OK); /* 0: a yield */
	assert_int_equal(fx.yields, 1);
	assert_int_equal(fx.blocks, 0);
	fx.wake_result = ERR_TIMEOUT;
	assert_int_equal(call(SYS_SLEEP, 10000, 0, 0, 0), ERR_OK);
	assert_int_equal(fx.reason, BLOCK_SLEEP);
	assert_true(fx.deadline == NOW_US + 10000);
	assert_int_equal(fx.schedules, 1);
	assert_int_equal(call(SYS_SLEEP, 5, 1, 0, 0), ERR_OK); /* hi word counts */
	assert_true(fx.deadline == NOW_US + (1ull << 32) + 5);
	assert_int_equal(call(SYS_SLEEP, UINT32_MAX, UINT32_MAX, 0, 0), ERR_OK);
	assert_true(fx.deadline == NO_DEADLINE); /* saturates instead of wrapping */
	fx.wake_result = ERR_PEER_DIED;		 /* woken for another reason: passed on */
	assert_int_equal(call(SYS_SLEEP, 1, 0, 0, 0), ERR_PEER_DIED);
}

/* Without the debug right (every unit of a non-test image) nothing is printed. */
static void test_debug_print_needs_the_debug_right(void **state)
{
	(void)state;
	memcpy(user_bytes(DATA), "secret", 6);
	me.debug = false;
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, 6, 0, 0), ERR_RIGHTS);
	assert_string_equal(host_console_output(), "");
}

static void test_debug_print_writes_exact_bytes(void **state)
{
	static const char text[] = "hi\0there\n"; /* "hi", NUL at the page end, "there\n" */

	(void)state;
	memcpy(user_bytes(DATA + PAGE_SIZE - 3), text, sizeof(text));
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA + PAGE_SIZE - 3, 2, 0, 0), ERR_OK);
	assert_string_equal(host_console_output(), "hi");
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA + PAGE_SIZE, 6, 0, 0), ERR_OK);
	assert_string_equal(host_console_output(), "hithere\n");
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, 0, 0, 0), ERR_OK);
	user_bytes(CODE)[0] = 'c';
	assert_int_equal(call(SYS_DEBUG_PRINT, CODE, 1, 0, 0), ERR_OK); /* read-only is fine */
	assert_string_equal(host_console_output(), "hithere\nc");
}

static void test_debug_print_limits(void **state)
{
	(void)state;
	memset(user_bytes(DATA), 'a', PAGE_SIZE);
	memset(user_bytes(DATA + PAGE_SIZE), 'b', PAGE_SIZE);
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, SYSCALL_PRINT_MAX + 1, 0, 0), ERR_OVERFLOW);
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, UINT32_MAX, 0, 0), ERR_OVERFLOW);
	assert_string_equal(host_console_output(), "");
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA + 100, SYSCALL_PRINT_MAX, 0, 0), ERR_OK);
	const char *out = host_console_output();

	assert_int_equal(strlen(out), SYSCALL_PRINT_MAX);
	assert_int_equal(out[PAGE_SIZE - 101], 'a');
	assert_int_equal(out[PAGE_SIZE - 100], 'b');
}

/*
 * A long print goes out SYSCALL_PRINT_SECTION bytes at a time: between two sections interrupts
 * are let in (arch_irq_window) and the thread may be preempted; after the last, only the
 * dispatcher's preemption point follows.
 */
static void test_debug_print_sections(void **state)
{
	unsigned windows = host_irq_window_count();

	(void)state;
	memset(user_bytes(DATA), '\n', PAGE_SIZE);
	memset(user_bytes(DATA + PAGE_SIZE), '\n', PAGE_SIZE);
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, SYSCALL_PRINT_MAX, 0, 0), ERR_OK);
	assert_int_equal(strlen(host_console_output()), SYSCALL_PRINT_MAX);
	assert_int_equal(fx.most_between_points, SYSCALL_PRINT_SECTION);
	assert_int_equal(host_irq_window_count() - windows,
			 SYSCALL_PRINT_MAX / SYSCALL_PRINT_SECTION - 1);
	assert_int_equal(fx.preempt_points, SYSCALL_PRINT_MAX / SYSCALL_PRINT_SECTION);
	/* One section needs no window; one byte more needs one. */
	windows = host_irq_window_count();
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, SYSCALL_PRINT_SECTION, 0, 0), ERR_OK);
	assert_int_equal(host_irq_window_count(), windows);
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, SYSCALL_PRINT_SECTION + 1, 0, 0), ERR_OK);
	assert_int_equal(host_irq_window_count(), windows + 1);
}

/*
 * Without a newline the thread is preempted only after SYSCALL_PRINT_LINE bytes (interrupts
 * still get in after every section): a line that long comes out whole.
 */
static void test_debug_print_lines_whole(void **state)
{
	unsigned windows = host_irq_window_count();

	(void)state;
	memset(user_bytes(DATA), 'x', 2 * SYSCALL_PRINT_LINE + 1);
	assert_int_equal(call(SYS_DEBUG_PRINT, DATA, 2 * SYSCALL_PRINT_LINE + 1, 0, 0), ERR_OK);
	assert_int_equal(strlen(host_console_output()), 2 * SYSCALL_PRINT_LINE + 1);
	assert_int_equal(host_irq_window_count() - windows, 2 * SYSCALL_PRINT_LINE / SYSCALL_PRINT_SECTION);
	assert_int_equal(fx.preempt_points, 3); /* after each 160 bytes, then the dispatcher's */
	assert_int_equal(fx.most_between_points, SYSCALL_PRINT_LINE);
}

/*
 * The range is checked once, up front; each section is copied anew. A page that goes away
 * while the caller is switched out (at a window after a line) ends the print there with
 * ERR_FAULT.
 */
static void test_debug_print_range_lost_midway(void **state)
{
	const uintptr_t start =
	    DATA + PAGE_SIZE - SYSCALL_PRINT_SECTION; /* one section on page 1 */

	(void)state;
	memset(user_bytes(start), 'a', SYSCALL_PRINT_SECTION - 1);
	user_bytes(start)[SYSCALL_PRINT_SECTION - 1] = '\n';
	memset(user_bytes(DATA + PAGE_SIZE), 'b', SYSCALL_PRINT_SECTION);
	fx.unmap_at = 1;
	assert_int_equal(call(SYS_DEBUG_PRINT, start, 2 * SYSCALL_PRINT_SECTION, 0, 0), ERR_FAULT);
	assert_int_equal(fx.preempt_points, 2); /* the window, then the dispatcher's */
	assert_int_equal(strlen(host_console_output()), SYSCALL_PRINT_SECTION);
	assert_null(strchr(host_console_output(), 'b')); /* only the first section */
	map(me.aspace, DATA + PAGE_SIZE, RW);		 /* back for the other tests */
}

static void test_debug_print_bad_pointers(void **state)
{
	static const uint32_t bad[][2] = {
	    {0, 1},
	    {0, 0},
	    {0x00800000u, 4},
	    {KERNEL_BASE, 4},
	    {KERNEL_BASE + 0x100000u, 16},
	    {USER_SPACE_END - 2, 4},
	    {DATA + PAGE_SIZE + 8, PAGE_SIZE - 4},
	    {0xfffff000u, 16},
	    {TOP_PAGE - 1, 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(SYS_DEBUG_PRINT, bad[i][0], bad[i][1], 0, 0), ERR_FAULT);
	assert_string_equal(host_console_output(), ""); /* a bad range prints nothing */
}

static void test_get_time(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(call(SYS_GET_TIME, DATA + 8, 0, 0, 0), ERR_OK);
	memcpy(&v, user_bytes(DATA + 8), sizeof(v));
	assert_true(v == NOW_US);
	/* Misaligned, and straddling two pages. */
	assert_int_equal(call(SYS_GET_TIME, DATA + PAGE_SIZE - 3, 0, 0, 0), ERR_OK);
	memcpy(&v, user_bytes(DATA + PAGE_SIZE - 3), 3);
	memcpy((uint8_t *)&v + 3, user_bytes(DATA + PAGE_SIZE), 5);
	assert_true(v == NOW_US);
	assert_int_equal(call(SYS_GET_TIME, 0, 0, 0, 0), ERR_FAULT);
	assert_int_equal(call(SYS_GET_TIME, CODE, 0, 0, 0), ERR_FAULT); /* read-only */
	assert_int_equal(call(SYS_GET_TIME, 0x00800000u, 0, 0, 0), ERR_FAULT);
	assert_int_equal(call(SYS_GET_TIME, KERNEL_BASE + 0x100000u, 0, 0, 0), ERR_FAULT);
	assert_int_equal(call(SYS_GET_TIME, USER_SPACE_END - 4, 0, 0, 0), ERR_FAULT);
	assert_int_equal(call(SYS_GET_TIME, DATA + 2 * PAGE_SIZE - 4, 0, 0, 0), ERR_FAULT);
}

static void test_thread_create(void **state)
{
	(void)state;
	int32_t h = call(SYS_THREAD_CREATE, CODE + 5, DATA + 64, 77, 200);

	assert_true(h > 0); /* a capability to the thread */
	assert_int_equal(call(SYS_CAP_IDENTIFY, (uint32_t)h, 0, 0, 0),
			 CAP_IDENTIFY(CAP_TYPE_THREAD, CAP_RIGHTS_ALL));
	assert_int_equal(fx.creates, 1);
	assert_true(fx.entry == CODE + 5 && fx.stack == DATA + 64 && fx.arg == 77);
	assert_int_equal(fx.prio, 200);
	/* The stack may end exactly at the top of user space. */
	assert_true(call(SYS_THREAD_CREATE, CODE, USER_SPACE_END, 0, 0) > 0);
	assert_int_equal(call(SYS_THREAD_CREATE, CODE, DATA + 64, 0, 256), ERR_INVALID);
	assert_int_equal(call(SYS_THREAD_CREATE, CODE, DATA + 64, 0, UINT32_MAX), ERR_INVALID);
	assert_int_equal(fx.creates, 2);
}

static void test_thread_create_bad_pointers(void **state)
{
	static const uint32_t bad[][2] = {
	    {0, DATA + 64},
	    {0x00800000u, DATA + 64},
	    {KERNEL_BASE, DATA + 64},
	    {0xc0100000u, DATA + 64},
	    {CODE, 0},
	    {CODE, 3},
	    {CODE, 0x00800000u},
	    {CODE, CODE + 64},
	    {CODE, USER_SPACE_END + 4},
	    {CODE, KERNEL_BASE + 0x1000u},
	    {CODE, 0xffffffffu},
	    {CODE, DATA},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(SYS_THREAD_CREATE, bad[i][0], bad[i][1], 0, 10), ERR_FAULT);
	assert_int_equal(fx.creates, 0);
}

static void test_thread_create_needs_unit_cap_and_priority(void **state)
{
	struct syscall_args a = {.num = SYS_THREAD_CREATE, .a1 = CODE, .a2 = DATA + 64, .a4 = 10};
	cap_t h;

	(void)state;
	assert_int_equal(syscall_dispatch(&a), ERR_BAD_CAP); /* handle 0 names nothing */
	assert_int_equal(cap_install(&me.caps, &other.kobj, CAP_RIGHT_READ, 0, &h), ERR_OK);
	a.a5 = (uint32_t)h;
	assert_int_equal(syscall_dispatch(&a), ERR_RIGHTS); /* needs WRITE */
	assert_int_equal(cap_install(&me.caps, &other.kobj, CAP_RIGHT_WRITE, 0, &h), ERR_OK);
	a.a5 = (uint32_t)h;
	a.a2 = USER_SPACE_END;
	assert_int_equal(syscall_dispatch(&a), ERR_FAULT); /* other has no stack page there */
	me.max_prio = 100;
	assert_int_equal(call(SYS_THREAD_CREATE, CODE, DATA + 64, 0, 101), ERR_RIGHTS);
	assert_true(call(SYS_THREAD_CREATE, CODE, DATA + 64, 0, 100) > 0);
	assert_ptr_equal(fx.unit, &me);
	assert_int_equal(fx.creates, 1);
}

/* SYS_UNIT_WATCH and SYS_UNIT_INFO: handles, rights, the copy-out. */
static void test_unit_watch_and_info(void **state)
{
	struct notification n = {.kobj = {.type = CAP_TYPE_NOTIFICATION, .gen = 1}};
	const struct keel_unit_info *info = (const void *)user_bytes(DATA);
	cap_t u, nh, ro;

	(void)state;
	list_init(&other.threads); /* no threads */
	strcpy(other.name, "other");
	other.max_prio = 77;
	assert_int_equal(cap_install(&me.caps, &other.kobj, CAP_RIGHTS_ALL, 0, &u), ERR_OK);
	assert_int_equal(cap_install(&me.caps, &n.kobj, CAP_RIGHTS_ALL, 0, &nh), ERR_OK);
	assert_int_equal(cap_install(&me.caps, &n.kobj, CAP_RIGHT_READ, 0, &ro), ERR_OK);
	assert_int_equal(call(SYS_UNIT_WATCH, (uint32_t)nh, (uint32_t)nh, 1, 0), ERR_BAD_CAP);
	assert_int_equal(call(SYS_UNIT_WATCH, (uint32_t)u, (uint32_t)u, 1, 0), ERR_BAD_CAP);
	assert_int_equal(call(SYS_UNIT_WATCH, (uint32_t)u, (uint32_t)ro, 1, 0), ERR_RIGHTS);
	assert_int_equal(call(SYS_UNIT_WATCH, (uint32_t)u, (uint32_t)nh, 0, 0), ERR_INVALID);
	assert_int_equal(call(SYS_UNIT_WATCH, (uint32_t)u, (uint32_t)nh, 4, 0), ERR_OK);
	assert_ptr_equal(other.watch, &n);
	assert_int_equal(other.watch_bits, 4);
	assert_int_equal(call(SYS_UNIT_INFO, (uint32_t)u, DATA + 2 * PAGE_SIZE - 8, 0, 0),
			 ERR_FAULT);
	assert_int_equal(call(SYS_UNIT_INFO, (uint32_t)u, DATA, 0, 0), ERR_OK);
	assert_int_equal(info->state, UNIT_RUNNING);
	assert_int_equal(info->max_priority, 77);
	assert_string_equal(info->name, "other");
	other.end_state = UNIT_EXITED;
	other.end_status = -5;
	assert_int_equal(call(SYS_UNIT_INFO, (uint32_t)u, DATA, 0, 0), ERR_OK);
	assert_int_equal(info->state, UNIT_EXITED);
	assert_int_equal(info->status, -5);
	other.end_state = UNIT_RUNNING;
	other.watch = NULL;
}

static void test_unit_start(void **state)
{
	struct memobj image = {.kobj = {.type = CAP_TYPE_MEMORY, .flags = KOBJ_COUNTED, .gen = 1},
			       .flags = MEMOBJ_BOOT_MODULE, .module = 2};
	cap_t h, ro;

	(void)state;
	assert_int_equal(cap_install(&me.caps, &image.kobj,
				     CAP_RIGHT_READ | CAP_RIGHT_EXECUTE | CAP_RIGHT_GRANT, 0, &h),
			 ERR_OK);
	int32_t u = call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(150, 160), 0, 0);
	struct cap *c;

	assert_true(u > 0);
	assert_int_equal(cap_lookup(&me.caps, u, CAP_TYPE_UNIT, CAP_RIGHTS_ALL, &c), ERR_OK);
	assert_ptr_equal(c->obj, &other.kobj);
	assert_true(fx.index == 2 && fx.prio == 150);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(151, 150), 0, 0),
			 ERR_INVALID);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, 0x10000, 0, 0), ERR_INVALID);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)CAP_SELF, 1, 0, 0), ERR_BAD_CAP);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(1, 1), DATA, 17), ERR_OVERFLOW);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(1, 1), KERNEL_BASE, 1), ERR_FAULT);
	me.max_prio = 100;
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(50, 101), 0, 0),
			 ERR_RIGHTS);
	assert_int_equal(cap_derive(&me.caps, h, CAP_RIGHT_READ, 0, &ro), ERR_OK);
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)ro, UNIT_PRIORITY(1, 1), 0, 0), ERR_RIGHTS); /* EXECUTE */
	assert_int_equal(fx.starts, 1);
}

/* What the windows of a start's load do to the caller's table (fx.loading). */
static cap_t start_cap;

static void delete_start_cap(void)
{
	assert_int_equal(cap_delete(&me.caps, start_cap), ERR_OK);
}

static void fill_table(void)
{
	cap_t h;

	while (me.caps.free_count > 0)
		assert_int_equal(cap_install(&me.caps, &other.kobj, CAP_RIGHT_READ, 0, &h), ERR_OK);
}

/*
 * The image loads with preemption windows, so what the caller's table gave is looked up again
 * after it: a startup capability gone or the result's slot taken meanwhile fails the call,
 * nothing installed.
 */
static void test_unit_start_recheck(void **state)
{
	struct memobj image = {.kobj = {.type = CAP_TYPE_MEMORY, .flags = KOBJ_COUNTED, .gen = 1},
			       .flags = MEMOBJ_BOOT_MODULE, .module = 2};
	cap_t h, *arr = (cap_t *)user_bytes(DATA);

	(void)state;
	assert_int_equal(cap_install(&me.caps, &image.kobj, CAP_RIGHT_READ | CAP_RIGHT_EXECUTE, 0,
				     &h), ERR_OK);
	assert_int_equal(cap_install(&me.caps, &other.kobj, CAP_RIGHTS_ALL, 0, &start_cap), ERR_OK);
	arr[0] = start_cap;
	uint32_t free_before = me.caps.free_count;

	fx.loading = delete_start_cap;
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(1, 1), DATA, 1),
			 ERR_BAD_CAP);
	assert_int_equal(me.caps.free_count, free_before + 1); /* the deleted one, no unit cap */
	fx.loading = fill_table;
	assert_int_equal(call(SYS_UNIT_START, (uint32_t)h, UNIT_PRIORITY(1, 1), 0, 0), ERR_NOMEM);
	assert_int_equal(fx.starts, 2);
	fx.loading = NULL;
}

static void test_exits(void **state)
{
	(void)state;
	if (setjmp(fx.exit_env) == 0)
		call(SYS_EXIT_UNIT, (uint32_t)-7, 0, 0, 0);
	assert_int_equal(fx.exit_status, -7);
	if (setjmp(fx.exit_env) == 0)
		call(SYS_EXIT_THREAD, 0, 0, 0, 0);
	assert_int_equal(fx.exit_status, 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_bad_numbers_are_nosys, reset),
	    cmocka_unit_test_setup(test_null_yield_and_preempt_point, reset),
	    cmocka_unit_test_setup(test_sleep, reset),
	    cmocka_unit_test_setup(test_debug_print_needs_the_debug_right, reset),
	    cmocka_unit_test_setup(test_debug_print_writes_exact_bytes, reset),
	    cmocka_unit_test_setup(test_debug_print_limits, reset),
	    cmocka_unit_test_setup(test_debug_print_sections, reset),
	    cmocka_unit_test_setup(test_debug_print_lines_whole, reset),
	    cmocka_unit_test_setup(test_cpu_info, reset),
	    cmocka_unit_test_setup(test_thread_set_cpu, reset),
	    cmocka_unit_test_setup(test_debug_print_range_lost_midway, reset),
	    cmocka_unit_test_setup(test_debug_print_bad_pointers, reset),
	    cmocka_unit_test_setup(test_get_time, reset),
	    cmocka_unit_test_setup(test_thread_create, reset),
	    cmocka_unit_test_setup(test_thread_create_bad_pointers, reset),
	    cmocka_unit_test_setup(test_thread_create_needs_unit_cap_and_priority, reset),
	    cmocka_unit_test_setup(test_unit_start, reset),
	    cmocka_unit_test_setup(test_unit_start_recheck, reset),
	    cmocka_unit_test_setup(test_unit_watch_and_info, reset),
	    cmocka_unit_test_setup(test_cap_list, reset),
	    cmocka_unit_test_setup(test_exits, reset),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
