/* Host-test helper: a screen row as text. */
#ifndef CONSOLE_TEST_ROWS_H
#define CONSOLE_TEST_ROWS_H

#include "servers/console/screen.h"

/* Row `row` of s as a string without trailing blanks (a static buffer); fails the test if the
 * row is outside the screen. */
const char *test_row_text(const struct screen *s, uint8_t row);

#endif /* CONSOLE_TEST_ROWS_H */
