/*
 * The walkthrough, tested: the app calls the echo service through the generated client, the
 * fake transport hands each message to the generated dispatch, the handlers answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "codegen/examples/echo/echo_app.h"
#include "codegen/examples/echo/echo_service.h"
#include "fake_transport.h"

static struct keel_echo_server server;
static struct echo_state state;

/* A running echo server and a client whose endpoint capability has the given rights. */
static struct keel_echo_client start_server(uint32_t rights)
{
	struct keel_echo_client client = { .timeout_us = 100000 };

	fake_reset();
	state.calls = 0;
	keel_echo_server_init(&server, CAP_NULL, &echo_handlers, &state);
	client.ep = fake_endpoint_new(keel_echo_dispatch_untyped, &server, 1, rights);
	return client;
}

static void test_app_talks_to_server(void **unused)
{
	struct keel_echo_text_max_string out;
	uint32_t calls = 0;
	struct keel_echo_client echo = start_server(CAP_RIGHT_WRITE);

	(void)unused;
	assert_int_equal(echo_app_run(&echo, &out, &calls), ERR_OK);
	assert_int_equal(out.len, 11);
	assert_memory_equal(out.data, "hello, keel", 11);
	assert_int_equal(calls, 1);
}

static void test_declared_error_and_rights(void **unused)
{
	struct keel_echo_text_max_string empty = { 0 }, out;
	uint32_t calls;
	struct keel_echo_client echo = start_server(CAP_RIGHT_WRITE);
	struct keel_echo_client read_only = {
		.ep = fake_endpoint_new(keel_echo_dispatch_untyped, &server, 2, CAP_RIGHT_READ),
		.timeout_us = 100000,
	};

	(void)unused;
	assert_int_equal(keel_echo_echo(&echo, &empty, &out), KEEL_ECHO_ERROR_EMPTY);
	assert_string_equal(keel_echo_error_status_name(KEEL_ECHO_ERROR_EMPTY), "EMPTY");
	assert_int_equal(echo_app_run(&read_only, &out, &calls), ERR_RIGHTS);
	assert_string_equal(idl_status_name(ERR_RIGHTS), "ERR_RIGHTS");
	assert_int_equal(server.errors[KEEL_ECHO_ECHO_INDEX], 1);
	assert_int_equal(state.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_app_talks_to_server),
		cmocka_unit_test(test_declared_error_and_rights),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
