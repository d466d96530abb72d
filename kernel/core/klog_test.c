/*
 * Unit tests for the kernel log ring (klog.c): the layout a reader finds, nothing written
 * before the ring exists, wrap-around keeping the newest bytes, and the write counter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/klog.h>

#define PAGE 64u /* a small page: 16 header bytes, 32 of ring (a power of two), 16 unused */

static _Alignas(8) unsigned char page[PAGE];

static void put(const char *s)
{
	while (*s)
		klog_putc(*s++);
}

static void test_before_attach(void **state)
{
	(void)state;
	put("dropped"); /* no ring yet: must not crash or write anywhere */
	memset(page, 0xaa, sizeof(page));
	klog_attach(page, PAGE);
	const struct keel_klog *k = (const void *)page;

	assert_int_equal(k->magic, KEEL_KLOG_MAGIC);
	assert_int_equal(k->size, 32);
	assert_int_equal(k->written, 0);
}

static void test_append(void **state)
{
	(void)state;
	klog_attach(page, PAGE);
	const struct keel_klog *k = (const void *)page;

	put("fault: x\n");
	assert_int_equal(k->written, 9);
	assert_memory_equal(k->ring, "fault: x\n", 9);
}

static void test_wraps_keeping_newest(void **state)
{
	(void)state;
	memset(page, 0xaa, sizeof(page));
	klog_attach(page, PAGE);
	const struct keel_klog *k = (const void *)page;
	char want[64];

	for (unsigned i = 0; i < 100; i++) /* 100 bytes through a 32-byte ring */
		klog_putc((char)('A' + i % 26));
	assert_int_equal(k->written, 100);
	for (uint32_t n = 100 - k->size; n < 100; n++)
		want[n % k->size] = (char)('A' + n % 26);
	assert_memory_equal(k->ring, want, k->size);
	for (unsigned i = sizeof(*k) + k->size; i < PAGE; i++)
		assert_int_equal(page[i], 0xaa); /* nothing past the ring */
}

static void test_counter_wraps(void **state)
{
	(void)state;
	klog_attach(page, PAGE);
	struct keel_klog *k = (void *)page;

	k->written = UINT32_MAX; /* as after 4 GiB of log */
	klog_putc('a');
	klog_putc('b');
	assert_int_equal(k->written, 1);
	assert_int_equal(k->ring[k->size - 1], 'a'); /* the ring's last byte, then its first */
	assert_int_equal(k->ring[0], 'b');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_before_attach),
	    cmocka_unit_test(test_append),
	    cmocka_unit_test(test_wraps_keeping_newest),
	    cmocka_unit_test(test_counter_wraps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
