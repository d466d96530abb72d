/* Host tests of the runtime's string and memory functions (built as ulib_host_*). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <keel/abi.h>
#include <keel/ulib.h>

static void test_memcpy_copies_exactly_n_bytes(void **state)
{
	unsigned char dst[8] = {9, 9, 9, 9, 9, 9, 9, 9};
	const unsigned char src[5] = {1, 2, 3, 4, 5};

	(void)state;
	assert_ptr_equal(memcpy(dst + 1, src, 5), dst + 1);
	assert_int_equal(dst[0], 9);
	assert_memory_equal(dst + 1, src, 5);
	assert_int_equal(dst[6], 9);
	assert_ptr_equal(memcpy(dst, src, 0), dst);
	assert_int_equal(dst[0], 9);
}

static void test_memset_fills_with_low_byte(void **state)
{
	unsigned char buf[6] = {0};

	(void)state;
	assert_ptr_equal(memset(buf + 1, 0x1ab, 4), buf + 1);
	assert_int_equal(buf[0], 0);
	for (int i = 1; i <= 4; i++)
		assert_int_equal(buf[i], 0xab);
	assert_int_equal(buf[5], 0);
}

/* memmove must be right for every overlap: compare against a copy through a temporary. */
static void test_memmove_handles_all_overlaps(void **state)
{
	(void)state;
	for (int dst = 0; dst < 12; dst++) {
		for (int src = 0; src < 12; src++) {
			char buf[24];
			char want[24];
			char tmp[12];
			int n = 12 - (dst > src ? dst : src);

			for (int i = 0; i < 24; i++)
				buf[i] = want[i] = (char)('a' + i);
			for (int i = 0; i < n; i++)
				tmp[i] = want[src + i];
			for (int i = 0; i < n; i++)
				want[dst + i] = tmp[i];
			assert_ptr_equal(memmove(buf + dst, buf + src, (size_t)n), buf + dst);
			assert_memory_equal(buf, want, sizeof(buf));
		}
	}
}

static void test_memcmp_orders_as_unsigned(void **state)
{
	const unsigned char a[3] = {1, 2, 0x80};
	const unsigned char b[3] = {1, 2, 0x7f};

	(void)state;
	assert_int_equal(memcmp(a, a, 3), 0);
	assert_true(memcmp(a, b, 3) > 0);
	assert_true(memcmp(b, a, 3) < 0);
	assert_int_equal(memcmp(a, b, 2), 0);
	assert_int_equal(memcmp(a, b, 0), 0);
}

static void test_strlen_and_strnlen(void **state)
{
	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("keel"), 4);
	assert_int_equal(strnlen("keel", 10), 4);
	assert_int_equal(strnlen("keel", 2), 2);
	assert_int_equal(strnlen("keel", 0), 0);
}

/* strnlen must not read past max: the buffer has no NUL. */
static void test_strnlen_stops_at_max(void **state)
{
	const char unterminated[3] = {'a', 'b', 'c'};

	(void)state;
	assert_int_equal(strnlen(unterminated, sizeof(unterminated)), 3);
}

static void test_strcmp_and_strncmp(void **state)
{
	(void)state;
	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abd", "abc") > 0);
	assert_true(strcmp("ab", "abc") < 0);
	assert_true(strcmp("abc", "ab") > 0);
	assert_true(strcmp("\x80", "\x7f") > 0);
	assert_int_equal(strncmp("abcx", "abcy", 3), 0);
	assert_true(strncmp("abcx", "abcy", 4) < 0);
	assert_int_equal(strncmp("a", "b", 0), 0);
	assert_int_equal(strncmp("ab", "ab", 100), 0);
}

/* Every error code has its own words; anything else is "unknown error". */
static void test_strerror_names_every_code(void **state)
{
	(void)state;
	assert_string_equal(keel_strerror(ERR_OK), "ok");
	assert_string_equal(keel_strerror(ERR_TIMEOUT), "timed out");
	assert_string_equal(keel_strerror(ERR_PROTOCOL), "protocol error (malformed message)");
	for (int e = ERR_INVALID; e >= ERR_PROTOCOL; e--) {
		assert_string_not_equal(keel_strerror(e), "unknown error");
		assert_string_not_equal(keel_strerror(e), keel_strerror(e + 1));
	}
	assert_string_equal(keel_strerror(ERR_PROTOCOL - 1), "unknown error");
	assert_string_equal(keel_strerror(1), "unknown error");
	assert_string_equal(keel_strerror(-1000000), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_memcpy_copies_exactly_n_bytes),
	    cmocka_unit_test(test_memset_fills_with_low_byte),
	    cmocka_unit_test(test_memmove_handles_all_overlaps),
	    cmocka_unit_test(test_memcmp_orders_as_unsigned),
	    cmocka_unit_test(test_strlen_and_strnlen),
	    cmocka_unit_test(test_strnlen_stops_at_max),
	    cmocka_unit_test(test_strcmp_and_strncmp),
	    cmocka_unit_test(test_strerror_names_every_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
