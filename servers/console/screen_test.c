/* Host tests of the screen model: cells, attributes, control characters, scrolling, cursor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "servers/console/screen.h"
#include "servers/console/test_rows.h"

static struct screen s;
static uint16_t device[SCREEN_ROWS * SCREEN_COLS];
static uint8_t ports[16][2]; /* the port writes, in order: port - CRTC_INDEX, value */
static int nports;

static void fake_outb(void *ctx, uint16_t port, uint8_t value)
{
	(void)ctx;
	if (nports < 16) {
		ports[nports][0] = (uint8_t)(port - CRTC_INDEX);
		ports[nports][1] = value;
	}
	nports++;
}

static int setup(void **unused)
{
	(void)unused;
	memset(device, 0xee, sizeof(device));
	nports = 0;
	screen_init(&s, device, fake_outb, NULL);
	return 0;
}

static void put_str(const char *text, uint8_t attr)
{
	while (*text != '\0')
		screen_put(&s, (uint8_t)*text++, attr);
}

static void test_init_clears_device_and_homes_cursor(void **unused)
{
	(void)unused;
	for (size_t i = 0; i < SCREEN_ROWS * SCREEN_COLS; i++)
		assert_int_equal(device[i], 0x0720);
	assert_int_equal(nports, 4);
	assert_int_equal(ports[1][1], 0);
	assert_int_equal(ports[3][1], 0);
}

static void test_text_and_colour_in_cells(void **unused)
{
	(void)unused;
	put_str("hi", SCREEN_ATTR(14, 1));
	screen_sync(&s);
	assert_int_equal(device[0], 0x1e00 | 'h');
	assert_int_equal(device[1], 0x1e00 | 'i');
	assert_int_equal(s.col, 2);
	assert_int_equal(s.shown, 2);
}

static void test_hardware_cursor_follows(void **unused)
{
	(void)unused;
	nports = 0;
	assert_true(screen_move(&s, 3, 5));
	screen_sync(&s);
	assert_int_equal(nports, 4);
	assert_int_equal(ports[0][0], 0);
	assert_int_equal(ports[0][1], CRTC_CURSOR_HIGH);
	assert_int_equal(ports[1][0], 1);
	assert_int_equal(ports[1][1], (3 * 80 + 5) >> 8);
	assert_int_equal(ports[2][1], CRTC_CURSOR_LOW);
	assert_int_equal(ports[3][1], (3 * 80 + 5) & 0xff);
}

static void test_move_outside_refused(void **unused)
{
	uint8_t c[SCREEN_COLS], a[SCREEN_COLS];

	(void)unused;
	assert_false(screen_move(&s, 25, 0));
	assert_false(screen_move(&s, 0, 80));
	assert_false(screen_read_row(&s, 25, c, a));
	assert_int_equal(s.row, 0);
}

static void test_newline_return_tab(void **unused)
{
	(void)unused;
	put_str("abc\rX\tY\nZ", SCREEN_ATTR_DEFAULT);
	assert_string_equal(test_row_text(&s, 0), "Xbc     Y");
	assert_string_equal(test_row_text(&s, 1), "Z");
	assert_int_equal(s.row, 1);
	assert_int_equal(s.col, 1);
}

static void test_backspace_erases_and_crosses_rows(void **unused)
{
	(void)unused;
	put_str("ab\b", SCREEN_ATTR_DEFAULT);
	assert_string_equal(test_row_text(&s, 0), "a");
	assert_int_equal(s.col, 1);
	put_str("\b\b", SCREEN_ATTR_DEFAULT); /* at the top left it stays */
	assert_int_equal(s.col, 0);
	put_str("\nq\b\b", SCREEN_ATTR_DEFAULT);
	assert_int_equal(s.row, 0);
	assert_int_equal(s.col, 79);
}

static void test_long_line_wraps(void **unused)
{
	(void)unused;
	for (int i = 0; i < 85; i++)
		screen_put(&s, (uint8_t)('0' + i % 10), SCREEN_ATTR_DEFAULT);
	assert_int_equal(strlen(test_row_text(&s, 0)), 80);
	assert_string_equal(test_row_text(&s, 1), "01234");
}

static void test_full_row_then_newline_leaves_no_blank_row(void **unused)
{
	(void)unused;
	for (int i = 0; i < 80; i++)
		screen_put(&s, 'w', SCREEN_ATTR_DEFAULT);
	assert_int_equal(s.row, 0);
	assert_int_equal(s.col, 80);
	nports = 0;
	screen_sync(&s); /* the hardware cursor stays in the last column */
	assert_int_equal(ports[3][1], 79);
	screen_put(&s, '\n', SCREEN_ATTR_DEFAULT);
	screen_put(&s, 'n', SCREEN_ATTR_DEFAULT);
	assert_string_equal(test_row_text(&s, 1), "n");
	screen_put(&s, '\n', SCREEN_ATTR_DEFAULT);
	for (int i = 0; i < 80; i++)
		screen_put(&s, 'w', SCREEN_ATTR_DEFAULT);
	screen_put(&s, '\b', SCREEN_ATTR_DEFAULT);
	assert_int_equal(strlen(test_row_text(&s, 2)), 79);
	assert_int_equal(s.col, 79);
}

static void test_scrolls_past_last_row(void **unused)
{
	char line[8];

	(void)unused;
	for (int i = 0; i < 30; i++) {
		snprintf(line, sizeof(line), "L%d\n", i);
		put_str(line, SCREEN_ATTR(2, 0));
	}
	screen_sync(&s);
	assert_string_equal(test_row_text(&s, 0), "L6");
	assert_string_equal(test_row_text(&s, 23), "L29");
	assert_string_equal(test_row_text(&s, 24), "");
	assert_int_equal(s.row, 24);
	assert_int_equal(device[0], 0x0200 | 'L');
	assert_int_equal(device[24 * 80], 0x0720);
}

static void test_sync_repaints_foreign_writes(void **unused)
{
	(void)unused;
	put_str("x", SCREEN_ATTR_DEFAULT);
	screen_sync(&s);
	device[0] = 0x4f00 | 'K'; /* the kernel's console wrote here */
	screen_sync(&s);
	assert_int_equal(device[0], 0x0700 | 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_init_clears_device_and_homes_cursor, setup),
	    cmocka_unit_test_setup(test_text_and_colour_in_cells, setup),
	    cmocka_unit_test_setup(test_hardware_cursor_follows, setup),
	    cmocka_unit_test_setup(test_move_outside_refused, setup),
	    cmocka_unit_test_setup(test_newline_return_tab, setup),
	    cmocka_unit_test_setup(test_backspace_erases_and_crosses_rows, setup),
	    cmocka_unit_test_setup(test_long_line_wraps, setup),
	    cmocka_unit_test_setup(test_full_row_then_newline_leaves_no_blank_row, setup),
	    cmocka_unit_test_setup(test_scrolls_past_last_row, setup),
	    cmocka_unit_test_setup(test_sync_repaints_foreign_writes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
