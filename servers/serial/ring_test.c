/* Host tests of the serial driver's byte ring (ring.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "servers/serial/ring.h"

static void test_fifo_order_and_bounds(void **unused)
{
	uint8_t buf[4], b = 0;
	struct serial_ring r;

	(void)unused;
	serial_ring_init(&r, buf, sizeof(buf));
	assert_false(serial_ring_pop(&r, &b));
	for (uint8_t i = 1; i <= 4; i++)
		assert_true(serial_ring_push(&r, i));
	assert_false(serial_ring_push(&r, 5)); /* full: never overwrites */
	assert_int_equal(serial_ring_count(&r), 4);
	assert_int_equal(serial_ring_space(&r), 0);
	for (uint8_t i = 1; i <= 4; i++) {
		assert_true(serial_ring_pop(&r, &b));
		assert_int_equal(b, i);
	}
	assert_false(serial_ring_pop(&r, &b));
}

static void test_write_takes_what_fits(void **unused)
{
	uint8_t buf[5], out[8] = {0};
	const uint8_t data[8] = {10, 11, 12, 13, 14, 15, 16, 17};
	struct serial_ring r;

	(void)unused;
	serial_ring_init(&r, buf, sizeof(buf));
	assert_int_equal(serial_ring_write(&r, data, 3), 3);
	assert_int_equal(serial_ring_write(&r, data + 3, 5), 2);
	assert_int_equal(serial_ring_write(&r, data, 1), 0);
	assert_int_equal(serial_ring_peek(&r, out, 8), 5);
	assert_memory_equal(out, data, 5);
	assert_int_equal(serial_ring_count(&r), 5); /* peek removes nothing */
}

static void test_wraps_around(void **unused)
{
	uint8_t buf[4], out[4];
	const uint8_t data[6] = {1, 2, 3, 4, 5, 6};
	struct serial_ring r;

	(void)unused;
	serial_ring_init(&r, buf, sizeof(buf));
	assert_int_equal(serial_ring_write(&r, data, 3), 3);
	serial_ring_drop(&r, 2);
	assert_int_equal(serial_ring_write(&r, data + 3, 3), 3); /* 3 4 5 6, across the end */
	assert_int_equal(serial_ring_peek(&r, out, 4), 4);
	assert_memory_equal(out, data + 2, 4);
	serial_ring_drop(&r, 9); /* more than queued: empties */
	assert_int_equal(serial_ring_count(&r), 0);
	assert_int_equal(serial_ring_peek(&r, out, 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fifo_order_and_bounds),
	    cmocka_unit_test(test_write_takes_what_fits),
	    cmocka_unit_test(test_wraps_around),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
