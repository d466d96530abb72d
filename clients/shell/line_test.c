/* Host tests of the shell's line editor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clients/shell/line.h"

static struct line l;
static char echo[LINE_ECHO_MAX];

static int setup(void **state)
{
	(void)state;
	memset(&l, 0, sizeof(l));
	line_reset(&l);
	return 0;
}

/* Feeds text; returns the last result and appends every echo to out. */
static enum line_result feed(const char *text, char *out, size_t out_size)
{
	enum line_result r = LINE_MORE;

	out[0] = 0;
	for (; *text != 0; text++) {
		r = line_feed(&l, *text, echo, sizeof(echo));
		strncat(out, echo, out_size - strlen(out) - 1);
	}
	return r;
}

static void test_typing_and_enter(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(feed("echo hi", out, sizeof(out)), LINE_MORE);
	assert_string_equal(out, "echo hi");
	assert_int_equal(feed("\r", out, sizeof(out)), LINE_DONE);
	assert_string_equal(out, "\n");
	assert_string_equal(l.buf, "echo hi");
	/* The '\n' of "\r\n" is not a second, empty line. */
	assert_int_equal(line_feed(&l, '\n', echo, sizeof(echo)), LINE_MORE);
}

static void test_backspace_edits(void **state)
{
	char out[64];

	(void)state;
	feed("helpp\b\x7f", out, sizeof(out));
	assert_string_equal(out, "helpp\b \b\b \b");
	assert_string_equal(l.buf, "hel");
	feed("\b\b\b\b\b", out, sizeof(out)); /* more than there is: the rest does nothing */
	assert_string_equal(out, "\b \b\b \b\b \b");
	assert_int_equal(l.len, 0);
	assert_int_equal(feed("\n", out, sizeof(out)), LINE_DONE);
	assert_string_equal(l.buf, "");
}

static void test_ctrl_u_and_ctrl_c(void **state)
{
	char out[64];

	(void)state;
	feed("abc\x15", out, sizeof(out));
	assert_string_equal(out, "abc\b \b\b \b\b \b");
	assert_int_equal(l.len, 0);
	assert_int_equal(feed("xy\x03", out, sizeof(out)), LINE_CANCEL);
	assert_string_equal(out, "xy^C\n");
	assert_int_equal(l.len, 0);
}

static void test_overflow_is_refused_with_a_bell(void **state)
{
	(void)state;
	for (unsigned i = 0; i < LINE_MAX_CHARS; i++)
		assert_int_equal(line_feed(&l, 'a', echo, sizeof(echo)), LINE_MORE);
	assert_false(l.overflowed);
	line_feed(&l, 'b', echo, sizeof(echo));
	assert_string_equal(echo, "\a");
	assert_true(l.overflowed);
	assert_int_equal(l.len, LINE_MAX_CHARS);
	/* Ctrl-U on a full line erases all of it. */
	line_feed(&l, 0x15, echo, sizeof(echo));
	assert_int_equal(strlen(echo), 3 * LINE_MAX_CHARS);
	assert_int_equal(l.len, 0);
}

static void test_control_characters_are_ignored(void **state)
{
	char out[64];

	(void)state;
	feed("a\x01\x1b\tb", out, sizeof(out));
	assert_string_equal(l.buf, "ab");
	assert_string_equal(out, "ab");
}

static void test_split(void **state)
{
	char buf[] = "  caps   console  ", over[] = "caps console extra";
	char *w[2];

	(void)state;
	assert_int_equal(line_split(buf, w, 2), 2);
	assert_string_equal(w[0], "caps");
	assert_string_equal(w[1], "console");
	assert_int_equal(line_split(over, w, 2), -1);
	char empty[] = "   ";
	assert_int_equal(line_split(empty, w, 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_typing_and_enter, setup),
	    cmocka_unit_test_setup(test_backspace_edits, setup),
	    cmocka_unit_test_setup(test_ctrl_u_and_ctrl_c, setup),
	    cmocka_unit_test_setup(test_overflow_is_refused_with_a_bell, setup),
	    cmocka_unit_test_setup(test_control_characters_are_ignored, setup),
	    cmocka_unit_test_setup(test_split, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
