/*
 * Unit tests for the kernel log reader (klog_read.c): new bytes in order, nothing twice,
 * wrap-around of the ring and of the 32-bit counter, a reader more than a ring behind, and
 * validation of the header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "servers/log/klog_read.h"

#define RING 16u

static union {
	struct keel_klog k;
	char bytes[sizeof(struct keel_klog) + RING];
} page;

static void setup_log(uint32_t written)
{
	memset(&page, 0, sizeof(page));
	page.k.magic = KEEL_KLOG_MAGIC;
	page.k.size = RING;
	page.k.written = written;
}

/* What the kernel does for each byte (kernel/core/klog.c). */
static void kernel_puts(const char *s)
{
	for (; *s; s++) {
		page.k.ring[page.k.written & (RING - 1)] = *s;
		page.k.written++;
	}
}

static void test_reads_what_is_new(void **state)
{
	char out[RING + 1] = {0};
	uint32_t next = 0, lost = 99;

	(void)state;
	setup_log(0);
	assert_int_equal(klog_read(&page.k, &next, out, &lost), 0);
	assert_int_equal(lost, 0);
	kernel_puts("fault\n");
	assert_int_equal(klog_read(&page.k, &next, out, &lost), 6);
	assert_memory_equal(out, "fault\n", 6);
	assert_int_equal(next, 6);
	kernel_puts("unit killed\n"); /* wraps the 16-byte ring */
	assert_int_equal(klog_read(&page.k, &next, out, &lost), 12);
	assert_memory_equal(out, "unit killed\n", 12);
	assert_int_equal(lost, 0);
	assert_int_equal(klog_read(&page.k, &next, out, &lost), 0); /* nothing twice */
}

static void test_behind_by_more_than_a_ring(void **state)
{
	char out[RING + 1] = {0};
	uint32_t next = 0, lost = 0;

	(void)state;
	setup_log(0);
	kernel_puts("0123456789abcdefGHIJ"); /* 20 bytes: the first 4 are gone */
	assert_int_equal(klog_read(&page.k, &next, out, &lost), RING);
	assert_int_equal(lost, 4);
	assert_memory_equal(out, "456789abcdefGHIJ", RING);
	assert_int_equal(next, 20);
}

static void test_counter_wraps(void **state)
{
	char out[RING + 1] = {0};
	uint32_t next = UINT32_MAX - 2, lost = 0;

	(void)state;
	setup_log(UINT32_MAX - 2);
	kernel_puts("wrapped");
	assert_int_equal(page.k.written, 4);
	assert_int_equal(klog_read(&page.k, &next, out, &lost), 7);
	assert_memory_equal(out, "wrapped", 7);
	assert_int_equal(lost, 0);
	next = UINT32_MAX - 20; /* 25 behind across the wrap: 9 lost */
	assert_int_equal(klog_read(&page.k, &next, out, &lost), RING);
	assert_int_equal(lost, 9);
	assert_int_equal(next, 4);
}

static void test_overwritten(void **state)
{
	(void)state;
	assert_int_equal(klog_overwritten(RING, 0, RING), 0);
	assert_int_equal(klog_overwritten(RING, 0, RING + 1), 1);
	assert_int_equal(klog_overwritten(RING, 10, 10), 0);
	assert_int_equal(klog_overwritten(RING, UINT32_MAX, RING), 1); /* across the wrap */
}

static void test_valid(void **state)
{
	(void)state;
	setup_log(0);
	assert_true(klog_valid(&page.k, sizeof(page)));
	assert_false(klog_valid(&page.k, sizeof(page) - 1)); /* the ring would not fit */
	page.k.size = 12;
	assert_false(klog_valid(&page.k, sizeof(page))); /* no power of two */
	page.k.size = RING;
	page.k.magic = 0;
	assert_false(klog_valid(&page.k, sizeof(page)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_what_is_new),
	    cmocka_unit_test(test_behind_by_more_than_a_ring),
	    cmocka_unit_test(test_counter_wraps),
	    cmocka_unit_test(test_overwritten),
	    cmocka_unit_test(test_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
