/* Host-test helper: a screen row as text (test_rows.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "servers/console/test_rows.h"

const char *test_row_text(const struct screen *s, uint8_t row)
{
	static char text[SCREEN_COLS + 1];
	uint8_t chars[SCREEN_COLS], attrs[SCREEN_COLS];
	int end = SCREEN_COLS;

	assert_true(screen_read_row(s, row, chars, attrs));
	memcpy(text, chars, SCREEN_COLS);
	while (end > 0 && text[end - 1] == ' ')
		end--;
	text[end] = '\0';
	return text;
}
