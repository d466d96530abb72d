/* Host tests of the serial mirror: chunks, partial accepts and retries, a failing server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <keel/abi.h>

#include "servers/console/mirror.h"

static struct mirror m;
static int32_t script_rc[8];	 /* status of call i */
static uint8_t script_take[8];	 /* bytes call i takes (when status is 0) */
static uint8_t call_len[8];	 /* bytes offered to call i */
static uint8_t got[1024];
static unsigned calls, pauses;
static size_t ngot;

static int32_t fake_send(void *ctx, const uint8_t *buf, uint8_t len, uint8_t *accepted)
{
	unsigned i = calls < 8 ? calls : 7;
	uint8_t take = script_take[i] < len ? script_take[i] : len;

	(void)ctx;
	call_len[i] = len;
	calls++;
	if (script_rc[i] != 0)
		return script_rc[i];
	memcpy(got + ngot, buf, take);
	ngot += take;
	*accepted = take;
	return 0;
}

static void fake_pause(void *ctx)
{
	(void)ctx;
	pauses++;
}

static int setup(void **unused)
{
	(void)unused;
	mirror_init(&m, fake_send, fake_pause, NULL);
	memset(script_rc, 0, sizeof(script_rc));
	memset(script_take, 255, sizeof(script_take));
	calls = pauses = 0;
	ngot = 0;
	return 0;
}

static void put_str(const char *s)
{
	mirror_put(&m, (const uint8_t *)s, strlen(s));
}

static void test_queued_until_flush(void **unused)
{
	(void)unused;
	put_str("hello");
	assert_int_equal(calls, 0);
	mirror_flush(&m);
	assert_int_equal(calls, 1);
	assert_memory_equal(got, "hello", 5);
	assert_int_equal(m.sent, 5);
	mirror_flush(&m);
	assert_int_equal(calls, 1);
}

static void test_full_chunks_go_at_once(void **unused)
{
	uint8_t data[300];

	(void)unused;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)i;
	mirror_put(&m, data, sizeof(data));
	assert_int_equal(calls, 2);
	assert_int_equal(call_len[0], MIRROR_CHUNK);
	mirror_flush(&m);
	assert_int_equal(call_len[2], 300 - 2 * MIRROR_CHUNK);
	assert_memory_equal(got, data, sizeof(data));
	assert_int_equal(m.dropped, 0);
}

static void test_partial_accept_retries_the_rest(void **unused)
{
	(void)unused;
	script_take[0] = 3;
	script_rc[1] = 1; /* FULL: nothing taken */
	put_str("abcdefgh");
	mirror_flush(&m);
	assert_int_equal(calls, 3);
	assert_int_equal(call_len[1], 5);
	assert_int_equal(call_len[2], 5);
	assert_int_equal(pauses, 2);
	assert_memory_equal(got, "abcdefgh", 8);
	assert_int_equal(m.sent, 8);
	assert_int_equal(m.dropped, 0);
	assert_int_equal(m.failures, 0);
}

static void test_retries_are_bounded_and_drops_counted(void **unused)
{
	(void)unused;
	for (int i = 0; i < 8; i++)
		script_take[i] = 1;
	put_str("abcdefgh");
	mirror_flush(&m);
	assert_int_equal(calls, MIRROR_TRIES);
	assert_int_equal(m.sent, MIRROR_TRIES);
	assert_int_equal(m.dropped, 8 - MIRROR_TRIES);
}

static void test_dead_or_slow_server_counted(void **unused)
{
	(void)unused;
	script_rc[0] = ERR_PEER_DIED;
	script_rc[1] = ERR_TIMEOUT;
	put_str("abc");
	mirror_flush(&m);
	put_str("de");
	mirror_flush(&m);
	assert_int_equal(calls, 2);
	assert_int_equal(m.failures, 2);
	assert_int_equal(m.dropped, 5);
	assert_int_equal(m.last_error, ERR_TIMEOUT);
	put_str("f");
	mirror_flush(&m);
	assert_int_equal(m.sent, 1);
}

static void test_no_server_counts_nothing(void **unused)
{
	(void)unused;
	mirror_init(&m, NULL, NULL, NULL);
	put_str("abc");
	mirror_flush(&m);
	assert_int_equal(m.dropped + m.sent + m.failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_queued_until_flush, setup),
	    cmocka_unit_test_setup(test_full_chunks_go_at_once, setup),
	    cmocka_unit_test_setup(test_partial_accept_retries_the_rest, setup),
	    cmocka_unit_test_setup(test_retries_are_bounded_and_drops_counted, setup),
	    cmocka_unit_test_setup(test_dead_or_slow_server_counted, setup),
	    cmocka_unit_test_setup(test_no_server_counts_nothing, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
