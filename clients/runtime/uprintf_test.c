/* Host tests of uprintf's chunked printing, with a fake sys_debug_print that records chunks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define MAX_CHUNKS 16

/* What the fake kernel saw, and what it answers. */
static struct {
	char text[MAX_CHUNKS * UPRINTF_CHUNK + 1];
	size_t text_len;
	uint32_t chunk_len[MAX_CHUNKS];
	int calls;
	int fail_on_call; /* 1-based call that returns ERR_FAULT; 0: never */
} fake;

int32_t sys_debug_print(const char *buf, uint32_t len)
{
	assert_true(fake.calls < MAX_CHUNKS);
	fake.chunk_len[fake.calls++] = len;
	if (fake.calls == fake.fail_on_call)
		return ERR_FAULT;
	memcpy(fake.text + fake.text_len, buf, len);
	fake.text_len += len;
	fake.text[fake.text_len] = '\0';
	return (int32_t)len;
}

static int reset_fake(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	return 0;
}

static void test_short_output_is_one_print(void **state)
{
	(void)state;
	assert_int_equal(uprintf("hello %s %d\n", "user", 3), 13);
	assert_int_equal(fake.calls, 1);
	assert_string_equal(fake.text, "hello user 3\n");
}

static void test_empty_output_prints_nothing(void **state)
{
	(void)state;
	assert_int_equal(uprintf("%s", ""), 0);
	assert_int_equal(fake.calls, 0);
}

/* Output of exactly one chunk is one print, not a full chunk and an empty one. */
static void test_exactly_one_chunk(void **state)
{
	(void)state;
	assert_int_equal(uprintf("%0*d", UPRINTF_CHUNK, 7), UPRINTF_CHUNK);
	assert_int_equal(fake.calls, 1);
	assert_int_equal(fake.chunk_len[0], UPRINTF_CHUNK);
}

/* Long output is printed whole, in full chunks and a remainder, in order. */
static void test_long_output_is_printed_in_chunks(void **state)
{
	char want[2 * UPRINTF_CHUNK + 45];
	size_t len = sizeof(want) - 1;

	(void)state;
	for (size_t i = 0; i < len; i++)
		want[i] = (char)('a' + i % 26);
	want[len] = '\0';
	assert_int_equal(uprintf("%s", want), (int)len);
	assert_int_equal(fake.calls, 3);
	assert_int_equal(fake.chunk_len[0], UPRINTF_CHUNK);
	assert_int_equal(fake.chunk_len[1], UPRINTF_CHUNK);
	assert_int_equal(fake.chunk_len[2], len - 2 * UPRINTF_CHUNK);
	assert_string_equal(fake.text, want);
}

/* A failing print stops the output and its error is returned. */
static void test_print_error_is_returned(void **state)
{
	char big[3 * UPRINTF_CHUNK + 1];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fake.fail_on_call = 2;
	assert_int_equal(uprintf("%s", big), ERR_FAULT);
	assert_int_equal(fake.calls, 2);
	assert_int_equal(fake.text_len, UPRINTF_CHUNK);
}

/* A program's own sink replaces SYS_DEBUG_PRINT; its error is uprintf's. */
static int32_t sink_calls;
static char sink_text[64];

static int32_t test_sink(const char *buf, uint32_t len)
{
	sink_calls++;
	memcpy(sink_text, buf, len);
	sink_text[len] = 0;
	return sink_calls > 1 ? ERR_TIMEOUT : 0;
}

static void test_sink_replaces_the_debug_print(void **state)
{
	(void)state;
	uprintf_sink = test_sink;
	assert_int_equal(uprintf("log %d\n", 1), 6);
	assert_string_equal(sink_text, "log 1\n");
	assert_int_equal(uprintf("again\n"), ERR_TIMEOUT);
	uprintf_sink = NULL;
	assert_int_equal(fake.calls, 0);
	assert_int_equal(sink_calls, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_short_output_is_one_print, reset_fake),
	    cmocka_unit_test_setup(test_empty_output_prints_nothing, reset_fake),
	    cmocka_unit_test_setup(test_exactly_one_chunk, reset_fake),
	    cmocka_unit_test_setup(test_long_output_is_printed_in_chunks, reset_fake),
	    cmocka_unit_test_setup(test_print_error_is_returned, reset_fake),
	    cmocka_unit_test_setup(test_sink_replaces_the_debug_print, reset_fake),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
