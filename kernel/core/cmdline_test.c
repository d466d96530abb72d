/* Unit tests for boot_cmdline_value: "key=value" words, whole keys only, bounded copies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/boot.h>

static struct boot_info bi;

static void set_cmdline(const char *s)
{
	memset(&bi, 0, sizeof(bi));
	strncpy(bi.cmdline, s, sizeof(bi.cmdline) - 1);
}

static void test_finds_value(void **state)
{
	char v[16];

	(void)state;
	set_cmdline("quiet test=pf debug_exit");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "pf");
	set_cmdline("test=timer");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "timer");
	set_cmdline("test=");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "");
}

static void test_first_match_wins(void **state)
{
	char v[16];

	(void)state;
	set_cmdline("test=de test=ud");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "de");
}

static void test_whole_key_only(void **state)
{
	char v[16] = "unchanged";

	(void)state;
	set_cmdline("mytest=pf tests=ud test debug");
	assert_false(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "unchanged");
	set_cmdline("xtest=1 test=2");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "2");
}

static void test_truncates_value(void **state)
{
	char v[4];

	(void)state;
	set_cmdline("test=abcdefgh next");
	assert_true(boot_cmdline_value(&bi, "test", v, sizeof(v)));
	assert_string_equal(v, "abc");
}

static void test_bad_arguments(void **state)
{
	char v[4];

	(void)state;
	set_cmdline("test=pf");
	assert_false(boot_cmdline_value(&bi, "", v, sizeof(v)));
	assert_false(boot_cmdline_value(&bi, NULL, v, sizeof(v)));
	assert_false(boot_cmdline_value(&bi, "test", v, 0));
}

static void test_unterminated_buffer_is_bounded(void **state)
{
	char v[8];

	(void)state;
	memset(&bi, 0, sizeof(bi));
	memset(bi.cmdline, 'a', sizeof(bi.cmdline));
	memcpy(bi.cmdline + sizeof(bi.cmdline) - 6, " k=xy", 5); /* no NUL anywhere */
	bi.cmdline[sizeof(bi.cmdline) - 1] = 'z';
	assert_true(boot_cmdline_value(&bi, "k", v, sizeof(v)));
	assert_string_equal(v, "xyz");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_finds_value),
	    cmocka_unit_test(test_first_match_wins),
	    cmocka_unit_test(test_whole_key_only),
	    cmocka_unit_test(test_truncates_value),
	    cmocka_unit_test(test_bad_arguments),
	    cmocka_unit_test(test_unterminated_buffer_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
