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

static bool echo_dispatch(void *srv, struct ipc_message *msg, const struct ipc_recv_info *info)
{
	return keel_echo_dispatch(srv, msg, info);
}

/* A running echo server and an endpoint capability with the given rights for the client. */
static cap_t start_server(uint32_t rights)
{
	fake_reset();
	state.calls = 0;
	keel_echo_server_init(&server, CAP_NULL, &echo_handlers, &state);
	return fake_endpoint_new(echo_dispatch, &server, 1, rights);
}

static void test_app_talks_to_server(void **unused)
{
	struct idl_string_64 out;
	uint32_t calls = 0;
	cap_t ep = start_server(CAP_RIGHT_WRITE);

	(void)unused;
	assert_int_equal(echo_app_run(ep, &out, &calls), ERR_OK);
	assert_int_equal(out.len, 11);
	assert_memory_equal(out.data, "hello, keel", 11);
	assert_int_equal(calls, 1);
}

static void test_declared_error_and_rights(void **unused)
{
	struct idl_string_64 empty = { 0 }, out;
	uint32_t calls;
	cap_t ep = start_server(CAP_RIGHT_WRITE);
	cap_t read_only = fake_endpoint_new(echo_dispatch, &server, 2, CAP_RIGHT_READ);

	(void)unused;
	assert_int_equal(keel_echo_echo(ep, 1000, &empty, &out), KEEL_ECHO_ECHO_ERROR_EMPTY);
	assert_int_equal(echo_app_run(read_only, &out, &calls), ERR_RIGHTS);
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
