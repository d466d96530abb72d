/* Unit tests for boot_cmdline_has: whole-word matches only, bounded by the cmdline buffer. */
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

static void test_whole_words_match(void **state)
{
	(void)state;
	set_cmdline("quiet test=pf  debug");
	assert_true(boot_cmdline_has(&bi, "quiet"));
	assert_true(boot_cmdline_has(&bi, "test=pf"));
	assert_true(boot_cmdline_has(&bi, "debug"));
}

static void test_prefixes_and_suffixes_do_not_match(void **state)
{
	(void)state;
	set_cmdline("test=pfx xquiet");
	assert_false(boot_cmdline_has(&bi, "test=pf"));
	assert_false(boot_cmdline_has(&bi, "quiet"));
	assert_false(boot_cmdline_has(&bi, "test=pfxy"));
}

static void test_empty_and_null(void **state)
{
	(void)state;
	set_cmdline("");
	assert_false(boot_cmdline_has(&bi, "quiet"));
	set_cmdline("quiet");
	assert_false(boot_cmdline_has(&bi, ""));
	assert_false(boot_cmdline_has(NULL, "quiet"));
	assert_false(boot_cmdline_has(&bi, NULL));
}

/* A cmdline filling the buffer without a NUL must not be read past its end. */
static void test_unterminated_buffer_is_bounded(void **state)
{
	(void)state;
	memset(&bi, 'a', sizeof(bi));
	memcpy(bi.cmdline + sizeof(bi.cmdline) - 3, " ab", 3);
	bi.mem_region_count = 0x63; /* 'c' right after the buffer: "abc" must not match */
	assert_true(boot_cmdline_has(&bi, "ab"));
	assert_false(boot_cmdline_has(&bi, "abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_whole_words_match),
	    cmocka_unit_test(test_prefixes_and_suffixes_do_not_match),
	    cmocka_unit_test(test_empty_and_null),
	    cmocka_unit_test(test_unterminated_buffer_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
