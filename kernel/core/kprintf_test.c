/*
 * Unit tests for the kernel formatter (kprintf.c): every conversion and size, flags, widths,
 * ksnprintf truncation and return value, extreme values, and kprintf reaching the console.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/kprintf.h>

static char buf[128];

/* Formats into buf and checks both the text and the returned length. */
#define CHECK(expected, ...)                                                                       \
	do {                                                                                       \
		int n_ = ksnprintf(buf, sizeof(buf), __VA_ARGS__);                                 \
		assert_string_equal(buf, expected);                                                \
		assert_int_equal(n_, (int)strlen(expected));                                       \
	} while (0)

/* Formats without compile-time format checking, for formats printf would warn about. */
static int format_unchecked(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);

	va_end(ap);
	return n;
}

static void test_signed_decimal(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42 -42", "%d %i", 42, -42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-1", "%ld", -1L);
	CHECK("-32768", "%hd", (short)SHRT_MIN);
	CHECK("-128", "%hhd", (signed char)-128);
	CHECK("-1", "%hhd", 255); /* converted to signed char like printf */
	CHECK("-5", "%zd", (ptrdiff_t)-5);
}

static void test_unsigned_and_hex(void **state)
{
	(void)state;
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("ffffffffffffffff FFFFFFFFFFFFFFFF", "%llx %llX", ULLONG_MAX, ULLONG_MAX);
	CHECK("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK("0", "%x", 0u);
	CHECK("123456789abc", "%llx", 0x123456789abcull);
	CHECK("65535 255", "%hu %hhu", 0x1ffff, 0x1ff);
	CHECK("ff", "%hhx", 0xfff);
	CHECK("12345", "%zu", (size_t)12345);
	CHECK("4294967296", "%llu", 4294967296ull); /* just past 32 bits */
}

static void test_pointer(void **state)
{
	char expected[32];

	(void)state;
	CHECK(sizeof(void *) == 8 ? "0x0000000000001234" : "0x00001234", "%p", (void *)0x1234);
	snprintf(expected, sizeof(expected), "0x%0*llx", (int)(2 * sizeof(void *)),
		 (unsigned long long)(uintptr_t)&buf);
	CHECK(expected, "%p", (void *)&buf);
}

static void test_strings_and_chars(void **state)
{
	(void)state;
	CHECK("hello world", "%s %s", "hello", "world");
	assert_int_equal(format_unchecked("%s", (char *)NULL), 6);
	assert_string_equal(buf, "(null)");
	CHECK("", "%s", "");
	CHECK("x", "%c", 'x');
	CHECK("a-b", "%c%c%c", 'a', '-', 'b');
	CHECK("100%", "%d%%", 100);
	CHECK("plain text", "plain text");
}

static void test_width_and_flags(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("  -42", "%5d", -42);
	assert_int_equal(format_unchecked("%-05d|", -42), 6); /* '-' wins over '0' */
	assert_string_equal(buf, "-42  |");
	CHECK("0000beef", "%08x", 0xbeefu);
	CHECK("42", "%1d", 42); /* width smaller than the number */
	CHECK("   ab|ab   |", "%5s|%-5s|", "ab", "ab");
	CHECK("    x|x    |", "%5c|%-5c|", 'x', 'x');
	if (sizeof(void *) == 8)
		CHECK("  0x0000000000001234", "%20p", (void *)0x1234);
	else
		CHECK("  0x00001234", "%12p", (void *)0x1234);
	CHECK("   7|7   |", "%*d|%*d|", 4, 7, -4, 7);
	CHECK("0000000000000000000000000000000000000000000000000000000000000001", "%064d", 1);
}

static void test_unknown_conversion_is_literal(void **state)
{
	(void)state;
	assert_int_equal(format_unchecked("%q"), 2);
	assert_string_equal(buf, "%q");
	assert_int_equal(format_unchecked("50%"), 3); /* a lone trailing '%' */
	assert_string_equal(buf, "50%");
}

static void test_truncation(void **state)
{
	char small[8];

	(void)state;
	memset(small, 'Z', sizeof(small));
	assert_int_equal(ksnprintf(small, sizeof(small), "%s", "abcdefghij"), 10);
	assert_string_equal(small, "abcdefg");
	assert_int_equal(ksnprintf(small, sizeof(small), "%d", INT_MIN), 11);
	assert_string_equal(small, "-214748");
	assert_int_equal(ksnprintf(small, 1, "abc"), 3);
	assert_int_equal(small[0], '\0');
	small[0] = 'Z';
	assert_int_equal(ksnprintf(small, 0, "abc%d", 12), 5); /* size 0: nothing written */
	assert_int_equal(small[0], 'Z');
	assert_int_equal(ksnprintf(NULL, 0, "%llu", ULLONG_MAX), 20);
	assert_int_equal(ksnprintf(small, sizeof(small), "1234567"), 7); /* exactly fits */
	assert_string_equal(small, "1234567");
}

static void test_kprintf_reaches_console(void **state)
{
	(void)state;
	host_console_reset();
	assert_int_equal(kprintf("CR2=0x%08x %s\n", 0xdead0000u, "ok"), 18);
	assert_string_equal(host_console_output(), "CR2=0xdead0000 ok\n");
	assert_false(host_irq_enabled());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signed_decimal),
	    cmocka_unit_test(test_unsigned_and_hex),
	    cmocka_unit_test(test_pointer),
	    cmocka_unit_test(test_strings_and_chars),
	    cmocka_unit_test(test_width_and_flags),
	    cmocka_unit_test(test_unknown_conversion_is_literal),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_kprintf_reaches_console),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
