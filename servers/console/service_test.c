/*
 * Host test of the console's handlers behind the generated dispatch, called through the
 * generated client over the fake transport: badges keep lines apart, rights are checked,
 * read_line, cursor, size, clear and stats answer as the IDL says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "idl/console_client.h"
#include "servers/console/service.h"
#include "servers/console/test_rows.h"

#define RW (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

static struct keel_console_server server;
static struct console con;
static uint32_t mirrored;

static int32_t fake_send(void *ctx, const uint8_t *buf, uint8_t len, uint8_t *accepted)
{
	(void)ctx;
	(void)buf;
	mirrored += len;
	*accepted = len;
	return ERR_OK;
}

static struct keel_console_client client(uint64_t badge, uint32_t rights)
{
	struct keel_console_client c = {.timeout_us = 100000};

	c.ep = fake_endpoint_new(keel_console_dispatch_untyped, &server, badge, rights);
	return c;
}

static int setup(void **unused)
{
	(void)unused;
	fake_reset();
	console_init(&con, NULL, NULL, NULL);
	mirror_init(&con.mirror, fake_send, NULL, NULL);
	mirrored = 0;
	keel_console_server_init(&server, CAP_NULL, &console_handlers, &con);
	return 0;
}

static int32_t put(const struct keel_console_client *c, const char *text, bool now)
{
	struct keel_console_line_max_string s;
	uint8_t accepted = 0;
	int32_t r;

	assert_int_equal(IDL_STRING_SET(s, text), ERR_OK);
	r = now ? keel_console_write_now(c, &s, &accepted) : keel_console_write(c, &s, &accepted);
	if (r == ERR_OK)
		assert_int_equal(accepted, s.len);
	return r;
}

static void test_badges_keep_lines_apart(void **unused)
{
	struct keel_console_client a = client(1, CAP_RIGHT_WRITE), b = client(2, CAP_RIGHT_WRITE);

	(void)unused;
	assert_int_equal(put(&a, "a1 ", false), ERR_OK);
	assert_int_equal(put(&b, "b1 ", false), ERR_OK);
	assert_int_equal(put(&a, "a2\n", false), ERR_OK);
	assert_int_equal(put(&b, "b2\n", false), ERR_OK);
	assert_string_equal(test_row_text(&con.screen, 0), "a1 a2");
	assert_string_equal(test_row_text(&con.screen, 1), "b1 b2");
}

static void test_read_methods(void **unused)
{
	struct keel_console_client c = client(1, RW);
	struct keel_console_position pos;
	struct keel_console_counters n;
	uint8_t chars[KEEL_CONSOLE_COLS], attrs[KEEL_CONSOLE_COLS], rows, cols;

	(void)unused;
	assert_int_equal(keel_console_set_color(&c, KEEL_CONSOLE_COLOR_RED, KEEL_CONSOLE_COLOR_WHITE),
			 ERR_OK);
	assert_int_equal(put(&c, "$ ", true), ERR_OK);
	assert_int_equal(keel_console_read_line(&c, 0, chars, attrs), ERR_OK);
	assert_memory_equal(chars, "$ ", 2);
	assert_int_equal(attrs[0], 0xf4);
	assert_int_equal(keel_console_cursor(&c, &pos), ERR_OK);
	assert_int_equal(pos.row * 100 + pos.col, 2);
	assert_int_equal(keel_console_size(&c, &rows, &cols), ERR_OK);
	assert_int_equal(rows * 100 + cols, 2580);
	assert_int_equal(keel_console_stats(&c, &n), ERR_OK);
	assert_int_equal(n.shown, 2);
	assert_int_equal(n.serial_sent, 2);
	assert_int_equal(mirrored, 2);
	assert_int_equal(keel_console_read_line(&c, 25, chars, attrs),
			 KEEL_CONSOLE_ERROR_OUT_OF_SCREEN);
}

static void test_rights_and_bounds(void **unused)
{
	struct keel_console_client w = client(1, CAP_RIGHT_WRITE), r = client(2, CAP_RIGHT_READ);
	struct keel_console_position far = {.row = 3, .col = 80}, ok = {.row = 3, .col = 79};
	uint8_t chars[KEEL_CONSOLE_COLS], attrs[KEEL_CONSOLE_COLS];

	(void)unused;
	assert_int_equal(put(&r, "x\n", false), ERR_RIGHTS);
	assert_int_equal(put(&r, "x", true), ERR_RIGHTS);
	assert_int_equal(keel_console_read_line(&w, 0, chars, attrs), ERR_RIGHTS);
	assert_int_equal(keel_console_move_to(&w, &far), KEEL_CONSOLE_ERROR_OUT_OF_SCREEN);
	assert_int_equal(keel_console_move_to(&w, &ok), ERR_OK);
	assert_int_equal(con.screen.row * 100 + con.screen.col, 379);
	assert_int_equal(con.screen.shown, 0);
}

static void test_clear(void **unused)
{
	struct keel_console_client c = client(1, CAP_RIGHT_WRITE);

	(void)unused;
	assert_int_equal(put(&c, "gone\n", false), ERR_OK);
	assert_int_equal(keel_console_clear(&c), ERR_OK);
	assert_string_equal(test_row_text(&con.screen, 0), "");
	assert_int_equal(con.screen.row + con.screen.col, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_badges_keep_lines_apart, setup),
	    cmocka_unit_test_setup(test_read_methods, setup),
	    cmocka_unit_test_setup(test_rights_and_bounds, setup),
	    cmocka_unit_test_setup(test_clear, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
