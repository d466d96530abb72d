/* Host tests of the runtime's bounded snprintf (built as ulib_host_snprintf). */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <keel/ulib.h>

/* Formats into a large buffer and checks both the text and the returned length. */
#define CHECK_FMT(want, ...)                                                                       \
	do {                                                                                       \
		char buf_[128];                                                                    \
		int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__);                                \
		assert_string_equal(buf_, want);                                                   \
		assert_int_equal(n_, (int)strlen(want));                                           \
	} while (0)

static void test_integers(void **state)
{
	(void)state;
	CHECK_FMT("0 42 -42", "%d %i %d", 0, 42, -42);
	CHECK_FMT("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
	CHECK_FMT("4294967295", "%u", UINT_MAX);
	CHECK_FMT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	CHECK_FMT("-7 7", "%ld %lu", -7l, 7ul);
	CHECK_FMT("12345 -3", "%zu %zd", (size_t)12345, (ptrdiff_t)-3);
}

static void test_width_and_flags(void **state)
{
	(void)state;
	CHECK_FMT("[   42]", "[%5d]", 42);
	CHECK_FMT("[42   ]", "[%-5d]", 42);
	CHECK_FMT("[00042]", "[%05d]", 42);
	CHECK_FMT("[-0042]", "[%05d]", -42);
	CHECK_FMT("[  -42]", "[%5d]", -42);
	CHECK_FMT("[000000ff]", "[%08x]", 0xffu);
	CHECK_FMT("[123456]", "[%3d]", 123456);
	CHECK_FMT("[  ab]", "[%4s]", "ab");
	CHECK_FMT("[ab  ]", "[%-4s]", "ab");
	CHECK_FMT("[  x]", "[%3c]", 'x');
	CHECK_FMT("[x  ]", "[%-3c]", 'x');
	CHECK_FMT("[   7|7   ]", "[%*d|%*d]", 4, 7, -4, 7);
	CHECK_FMT("[ab]", "[%.*s]", 2, "abcd");
	CHECK_FMT("[abcd]", "[%.*s]", -1, "abcd");
}

static void test_strings_chars_pointers(void **state)
{
	(void)state;
	CHECK_FMT("hello world", "%s %s", "hello", "world");
	CHECK_FMT("kee", "%.3s", "keel");
	CHECK_FMT("[  ke]", "[%4.2s]", "keel");
	CHECK_FMT("a%b", "%c%%%c", 'a', 'b');
	CHECK_FMT("0x1234", "%p", (void *)(uintptr_t)0x1234);
	CHECK_FMT("0x0", "%p", (void *)NULL);
	CHECK_FMT("[    0xff]", "[%8p]", (void *)(uintptr_t)0xff);
}

/* Deliberately malformed formats and a NULL %s: silence gcc's printf checks for them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void test_malformed_conversions(void **state)
{
	(void)state;
	CHECK_FMT("a %q b", "a %q b");
	CHECK_FMT("%-5w 3", "%-5w %d", 3);
	CHECK_FMT("end %", "end %");
	CHECK_FMT("end %08l", "end %08l");
	CHECK_FMT("[-42  ]", "[%-05d]", -42); /* '-' wins over '0' */
	CHECK_FMT("[0x0000ff]", "[%08p]", (void *)(uintptr_t)0xff);
	CHECK_FMT("(null)", "%s", (const char *)NULL);
}

#pragma GCC diagnostic pop

/* Truncation: output is cut, always NUL-terminated, and the full length is returned. */
static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, sizeof(buf), "%s-%d", "abcdef", 12345), 12);
	assert_string_equal(buf, "abcdef-");

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'z');

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, 0, "abc%d", 7), 4);
	assert_int_equal(buf[0], 'z');
	assert_int_equal(snprintf(NULL, 0, "%05d", 1), 5);

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, 4, "abc"), 3);
	assert_string_equal(buf, "abc");
}

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_vsnprintf(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%s=%x", "id", 0x2au), 5);
	assert_string_equal(buf, "id=2a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_integers),
	    cmocka_unit_test(test_width_and_flags),
	    cmocka_unit_test(test_strings_chars_pointers),
	    cmocka_unit_test(test_malformed_conversions),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_vsnprintf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
