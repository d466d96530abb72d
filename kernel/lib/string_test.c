/*
 * Host tests of the kernel's memory functions (kernel/lib/string.c, built here under other
 * names): every destination and source alignment and every length up to a few words, against
 * a byte-by-byte reference, so the word-wise paths and their byte tails are both checked, and
 * nothing outside the range is touched; memmove with overlap both ways; memset's value taken
 * as an unsigned char; memcmp's sign from the first differing byte, compared unsigned.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

void *kstring_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *kstring_memmove(void *dst, const void *src, size_t n);
void *kstring_memset(void *dst, int c, size_t n);
int kstring_memcmp(const void *a, const void *b, size_t n);

#define SIZE  64
#define GUARD 0xa5
#define MAX_N 40

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + 3);
}

static void fill(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = pattern(i);
}

static void guard(unsigned char *buf)
{
	for (size_t i = 0; i < SIZE; i++)
		buf[i] = GUARD;
}

/* buf holds `want` at [at, at + n) and the guard everywhere else. */
static void assert_region(const unsigned char *buf, size_t at, size_t n,
			  const unsigned char *want)
{
	for (size_t i = 0; i < SIZE; i++)
		assert_int_equal(buf[i], i >= at && i < at + n ? want[i - at] : GUARD);
}

static void test_memcpy_every_alignment(void **state)
{
	_Alignas(4) unsigned char src[SIZE], dst[SIZE];

	(void)state;
	fill(src, SIZE);
	for (size_t d = 0; d < 4; d++)
		for (size_t s = 0; s < 4; s++)
			for (size_t n = 0; n <= MAX_N; n++) {
				guard(dst);
				assert_ptr_equal(kstring_memcpy(dst + d, src + s, n), dst + d);
				assert_region(dst, d, n, src + s);
			}
}

static void test_memset_every_alignment(void **state)
{
	_Alignas(4) unsigned char buf[SIZE], want[SIZE];

	(void)state;
	for (size_t i = 0; i < SIZE; i++)
		want[i] = 0x3c;
	for (size_t d = 0; d < 4; d++)
		for (size_t n = 0; n <= MAX_N; n++) {
			guard(buf);
			assert_ptr_equal(kstring_memset(buf + d, 0x13c, n), buf + d); /* as 0x3c */
			assert_region(buf, d, n, want);
		}
}

/* memmove(buf + to, buf + from, n) against a copy through a separate buffer. */
static void check_move(size_t to, size_t from, size_t n)
{
	unsigned char buf[SIZE], want[SIZE], moved[SIZE];

	fill(buf, SIZE);
	fill(want, SIZE);
	for (size_t i = 0; i < n; i++)
		moved[i] = want[from + i];
	for (size_t i = 0; i < n; i++)
		want[to + i] = moved[i];
	assert_ptr_equal(kstring_memmove(buf + to, buf + from, n), buf + to);
	assert_memory_equal(buf, want, SIZE);
}

static void test_memmove_overlaps(void **state)
{
	(void)state;
	for (size_t n = 0; n <= 24; n++)
		for (size_t shift = 0; shift <= 8; shift++) {
			check_move(16 + shift, 16, n); /* forward over itself: copied from the end */
			check_move(16, 16 + shift, n); /* backward over itself: from the start */
		}
	check_move(0, 40, 20); /* apart */
	check_move(40, 0, 20);
}

static void test_memcmp(void **state)
{
	unsigned char a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8] = {1, 2, 3, 4, 5, 6, 7, 8};

	(void)state;
	assert_int_equal(kstring_memcmp(a, b, 8), 0);
	assert_int_equal(kstring_memcmp(a, b, 0), 0);
	b[5] = 9;
	assert_int_equal(kstring_memcmp(a, b, 8), -1);
	assert_int_equal(kstring_memcmp(b, a, 8), 1);
	assert_int_equal(kstring_memcmp(a, b, 5), 0); /* the difference is past n */
	b[0] = 0x80; /* unsigned: 0x80 is above 0x01 */
	assert_int_equal(kstring_memcmp(b, a, 8), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_memcpy_every_alignment),
	    cmocka_unit_test(test_memset_every_alignment),
	    cmocka_unit_test(test_memmove_overlaps),
	    cmocka_unit_test(test_memcmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
