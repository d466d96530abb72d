/*
 * Host tests of the line buffers: whole lines per client, a full buffer shown as a line of its
 * own, write_now, colours per client, callers beyond the table, and the mirror's bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "servers/console/console.h"
#include "servers/console/test_rows.h"

static struct console con;
static char sent[4096]; /* what reached the fake serial server */
static size_t nsent;

static int32_t fake_send(void *ctx, const uint8_t *buf, uint8_t len, uint8_t *accepted)
{
	(void)ctx;
	memcpy(sent + nsent, buf, len);
	nsent += len;
	*accepted = len;
	return 0;
}

static int setup(void **unused)
{
	(void)unused;
	console_init(&con, NULL, NULL, NULL);
	mirror_init(&con.mirror, fake_send, NULL, NULL);
	nsent = 0;
	memset(sent, 0, sizeof(sent));
	return 0;
}

static void write_str(uint64_t badge, const char *text)
{
	console_write(&con, badge, (const uint8_t *)text, strlen(text));
	console_sync(&con);
}

static void test_partial_lines_do_not_interleave(void **unused)
{
	(void)unused;
	write_str(1, "one: a");
	write_str(2, "two: x");
	assert_string_equal(test_row_text(&con.screen, 0), "");
	write_str(1, "b\none: ");
	write_str(2, "y\n");
	write_str(1, "c\n");
	assert_string_equal(test_row_text(&con.screen, 0), "one: ab");
	assert_string_equal(test_row_text(&con.screen, 1), "two: xy");
	assert_string_equal(test_row_text(&con.screen, 2), "one: c");
	assert_string_equal(sent, "one: ab\ntwo: xy\none: c\n");
	assert_int_equal(con.screen.shown, strlen(sent));
}

static void test_full_buffer_is_a_line_of_its_own(void **unused)
{
	char big[CONSOLE_LINE_BUF + 4];

	(void)unused;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[CONSOLE_LINE_BUF] = 'E'; /* the first byte that does not fit */
	write_str(3, big);
	assert_int_equal(con.buffer_full_flushes, 1);
	assert_int_equal(strlen(test_row_text(&con.screen, 0)), 80);
	assert_int_equal(strlen(test_row_text(&con.screen, 1)), 80); /* 160 bytes fill two rows exactly */
	assert_string_equal(test_row_text(&con.screen, 2), "");	   /* the rest waits for its '\n' */
	write_str(3, "\n");
	assert_string_equal(test_row_text(&con.screen, 2), "Ezz");
	assert_int_equal(nsent, CONSOLE_LINE_BUF + 1 + 4);
	assert_string_equal(sent + CONSOLE_LINE_BUF + 1, "Ezz\n");
}

static void test_exactly_full_then_newline_adds_no_line(void **unused)
{
	char full[CONSOLE_LINE_BUF + 2];

	(void)unused;
	memset(full, 'q', CONSOLE_LINE_BUF);
	full[CONSOLE_LINE_BUF] = '\n';
	full[CONSOLE_LINE_BUF + 1] = '\0';
	write_str(4, full);
	assert_int_equal(con.buffer_full_flushes, 0);
	assert_int_equal(nsent, CONSOLE_LINE_BUF + 1);
}

static void test_write_now_shows_buffer_then_text(void **unused)
{
	(void)unused;
	write_str(1, "$ ");
	console_write_now(&con, 1, (const uint8_t *)"ls", 2);
	console_sync(&con);
	assert_string_equal(test_row_text(&con.screen, 0), "$ ls");
	console_write_now(&con, 1, (const uint8_t *)"\b", 1);
	console_sync(&con);
	assert_string_equal(test_row_text(&con.screen, 0), "$ l");
	assert_string_equal(sent, "$ ls\b \b");
}

static void test_colours_per_client(void **unused)
{
	uint8_t chars[SCREEN_COLS], attrs[SCREEN_COLS];

	(void)unused;
	console_set_color(&con, 1, 12, 1);
	write_str(1, "a");
	write_str(2, "b\n");
	write_str(1, "\n");
	assert_true(screen_read_row(&con.screen, 0, chars, attrs));
	assert_int_equal(chars[0], 'b');
	assert_int_equal(attrs[0], SCREEN_ATTR_DEFAULT);
	assert_true(screen_read_row(&con.screen, 1, chars, attrs));
	assert_int_equal(chars[0], 'a');
	assert_int_equal(attrs[0], 0x1c);
}

static void test_callers_beyond_the_table_are_shown_at_once(void **unused)
{
	char text[4];

	(void)unused;
	for (unsigned i = 0; i < CONSOLE_CLIENTS; i++) {
		snprintf(text, sizeof(text), "%c", 'a' + i);
		write_str(100 + i, text);
	}
	assert_string_equal(test_row_text(&con.screen, 0), "");
	console_set_color(&con, 999, 2, 0);
	write_str(999, "late");
	assert_int_equal(con.untracked_writes, 1);
	assert_string_equal(test_row_text(&con.screen, 0), "late");
	assert_int_equal(con.screen.cells[0] >> 8, 2);
	write_str(100, "\n");
	assert_string_equal(test_row_text(&con.screen, 0), "latea");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_partial_lines_do_not_interleave, setup),
	    cmocka_unit_test_setup(test_full_buffer_is_a_line_of_its_own, setup),
	    cmocka_unit_test_setup(test_exactly_full_then_newline_adds_no_line, setup),
	    cmocka_unit_test_setup(test_write_now_shows_buffer_then_text, setup),
	    cmocka_unit_test_setup(test_colours_per_client, setup),
	    cmocka_unit_test_setup(test_callers_beyond_the_table_are_shown_at_once, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
