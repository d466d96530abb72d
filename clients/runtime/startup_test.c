/* Host tests of the startup table: what init writes is what a unit finds, and no more. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <keel/startup.h>
#include <keel/ulib.h>

static struct keel_startup table;

static void test_entries_get_consecutive_start_slots(void **state)
{
	const struct keel_startup_entry *e;

	(void)state;
	assert_true(keel_startup_init(&table, "serial", 2));
	assert_true(keel_startup_add(&table, KEEL_STARTUP_SERVE, "keel.serial.Serial",
				     CAP_RIGHT_READ, 0, 0));
	assert_true(keel_startup_add(&table, KEEL_STARTUP_IOPORT, "com1", CAP_RIGHT_READ, 0x3f8, 8));
	assert_true(keel_startup_add(&table, KEEL_STARTUP_IRQ, "com1", CAP_RIGHT_WRITE, 4, 0));
	e = keel_startup_find(&table, KEEL_STARTUP_IOPORT, "com1");
	assert_non_null(e);
	assert_int_equal(e->cap, CAP_START(KEEL_STARTUP_FIRST + 1));
	assert_int_equal(e->arg0, 0x3f8);
	assert_int_equal(e->arg1, 8);
	/* The same name under another kind is another entry. */
	assert_int_equal(keel_startup_find(&table, KEEL_STARTUP_IRQ, "com1")->cap,
			 CAP_START(KEEL_STARTUP_FIRST + 2));
	assert_int_equal(keel_startup_find(&table, KEEL_STARTUP_SERVE, "keel.serial.Serial")->cap,
			 CAP_START(KEEL_STARTUP_FIRST));
	assert_null(keel_startup_find(&table, KEEL_STARTUP_CLIENT, "keel.serial.Serial"));
	assert_null(keel_startup_find(&table, KEEL_STARTUP_IOPORT, "com"));
	assert_string_equal(table.unit, "serial");
	assert_int_equal(table.restarts, 2);
}

static void test_full_table_and_bad_names_add_nothing(void **state)
{
	char name[KEEL_STARTUP_NAME_MAX + 1];

	(void)state;
	assert_true(keel_startup_init(&table, "u", 0));
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	assert_false(keel_startup_add(&table, KEEL_STARTUP_OTHER, name, 0, 0, 0));
	assert_false(keel_startup_add(&table, KEEL_STARTUP_OTHER, "", 0, 0, 0));
	assert_int_equal(table.count, 0);
	name[KEEL_STARTUP_NAME_MAX - 1] = 0; /* 31 bytes: fits */
	assert_true(keel_startup_add(&table, KEEL_STARTUP_OTHER, name, 0, 0, 0));
	for (uint32_t i = 1; i < KEEL_STARTUP_ENTRIES_MAX; i++)
		assert_true(keel_startup_add(&table, KEEL_STARTUP_OTHER, "x", 0, i, 0));
	assert_false(keel_startup_add(&table, KEEL_STARTUP_OTHER, "y", 0, 0, 0));
	assert_int_equal(table.count, KEEL_STARTUP_ENTRIES_MAX);
	assert_int_equal(table.entries[KEEL_STARTUP_ENTRIES_MAX - 1].cap,
			 CAP_START(UNIT_START_CAPS_MAX - 1));
}

static void test_unit_name_must_fit(void **state)
{
	(void)state;
	assert_false(keel_startup_init(&table, "", 0));
	assert_false(keel_startup_init(&table, "a-unit-name-of-exactly-32-bytes!", 0));
	assert_null(keel_startup_find(&table, KEEL_STARTUP_OTHER, "x"));
}

static void test_table_without_magic_has_no_entries(void **state)
{
	(void)state;
	assert_true(keel_startup_init(&table, "u", 0));
	assert_true(keel_startup_add(&table, KEEL_STARTUP_OTHER, "x", 0, 0, 0));
	table.magic = 0;
	assert_null(keel_startup_find(&table, KEEL_STARTUP_OTHER, "x"));
	assert_null(keel_startup_find(NULL, KEEL_STARTUP_OTHER, "x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entries_get_consecutive_start_slots),
	    cmocka_unit_test(test_full_table_and_bad_names_add_nothing),
	    cmocka_unit_test(test_unit_name_must_fit),
	    cmocka_unit_test(test_table_without_magic_has_no_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
