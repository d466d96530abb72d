/*
 * Host tests for I/O-port objects (ioport.c): range containment at the edges of the port
 * space, enabling (recorded once per unit, bounded), and release withdrawing the ports from
 * the live units that enabled the object but not from a unit whose slot was reused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/ioport.h>
#include <kernel/pool.h>
#include <kernel/unit.h>
#include <arch/host_fake.h>

static struct unit units[IOPORT_ENABLERS_MAX + 1];

static int reset(void **state)
{
	(void)state;
	pool_init(&ioport_pool);
	host_io_reset();
	for (unsigned i = 0; i < IOPORT_ENABLERS_MAX + 1; i++)
		units[i].id = 0x10000u + i;
	return 0;
}

static void test_contains(void **state)
{
	(void)state;
	struct ioport *all = ioport_create(0, IOPORT_SPACE);
	struct ioport *rtc = ioport_create(0x70, 2);

	assert_true(ioport_contains(all, 0, IOPORT_SPACE));
	assert_true(ioport_contains(all, 0xffff, 1));
	assert_false(ioport_contains(all, 0xffff, 2));
	assert_false(ioport_contains(all, 0x10000, 1));
	assert_false(ioport_contains(all, 0x10, 0));
	assert_true(ioport_contains(rtc, 0x70, 2));
	assert_true(ioport_contains(rtc, 0x71, 1));
	assert_false(ioport_contains(rtc, 0x6f, 2));
	assert_false(ioport_contains(rtc, 0x71, 2));
	assert_false(ioport_contains(rtc, 0x72, 1));
	assert_false(ioport_contains(rtc, 0x71, UINT32_MAX)); /* no wrap-around */
}

static void test_enable_grants_exactly_the_range(void **state)
{
	(void)state;
	struct ioport *rtc = ioport_create(0x70, 2);

	assert_int_equal(ioport_enable(rtc, &units[0]), ERR_OK);
	assert_false(host_io_allowed(&units[0], 0x6f));
	assert_true(host_io_allowed(&units[0], 0x70));
	assert_true(host_io_allowed(&units[0], 0x71));
	assert_false(host_io_allowed(&units[0], 0x72));
	assert_false(host_io_allowed(&units[1], 0x70));
}

static void test_enablers_are_bounded(void **state)
{
	(void)state;
	struct ioport *p = ioport_create(0x60, 1);

	for (unsigned i = 0; i < IOPORT_ENABLERS_MAX; i++)
		assert_int_equal(ioport_enable(p, &units[i]), ERR_OK);
	assert_int_equal(ioport_enable(p, &units[0]), ERR_OK); /* again: no new entry */
	assert_int_equal(ioport_enable(p, &units[IOPORT_ENABLERS_MAX]), ERR_BUSY);
	units[1].id += 0x10000; /* unit 1's slot was reused: its entry is free again */
	assert_int_equal(ioport_enable(p, &units[IOPORT_ENABLERS_MAX]), ERR_OK);
}

static void test_release_withdraws_from_live_enablers(void **state)
{
	(void)state;
	struct ioport *p = ioport_create(0x70, 2);
	struct ioport *other = ioport_create(0x60, 1);

	assert_int_equal(ioport_enable(p, &units[0]), ERR_OK);
	assert_int_equal(ioport_enable(p, &units[1]), ERR_OK);
	assert_int_equal(ioport_enable(other, &units[0]), ERR_OK);
	units[1].id += 0x10000; /* unit 1 ended, its slot holds another unit now */
	ioport_release(&p->kobj);
	assert_false(host_io_allowed(&units[0], 0x70));
	assert_false(host_io_allowed(&units[0], 0x71));
	assert_true(host_io_allowed(&units[0], 0x60)); /* the other object's port stays */
	assert_true(host_io_allowed(&units[1], 0x70)); /* not touched: not that unit any more */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_contains, reset),
	    cmocka_unit_test_setup(test_enable_grants_exactly_the_range, reset),
	    cmocka_unit_test_setup(test_enablers_are_bounded, reset),
	    cmocka_unit_test_setup(test_release_withdraws_from_live_enablers, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
