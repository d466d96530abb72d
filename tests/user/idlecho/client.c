/*
 * Generated client stubs against the generated dispatch loop in another unit, through the
 * kernel: the walkthrough's app, a method error, a rights error from the server's check, a
 * and the server's capability revoked by init. CAP_START(0): WRITE to the echo endpoint;
 * CAP_START(1): a capability without WRITE; CAP_START(2): reports to init.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "codegen/examples/echo/echo_app.h"

static int failed;

static void check(const char *name, long long got, long long want)
{
	uprintf("idl client %s: got %lld want %lld %s\n", name, got, want,
		got == want ? "ok" : "FAIL");
	failed += got != want;
}

int main(uintptr_t arg)
{
	struct keel_echo_client echo = {.ep = CAP_START(0), .timeout_us = 1000000};
	struct keel_echo_client weak = {.ep = CAP_START(1), .timeout_us = 1000000};
	struct keel_echo_text_max_string out, empty = {.len = 0};
	uint32_t calls = 0;
	struct ipc_message m = {.type = 1, .length = 0};

	(void)arg;
	check("app", echo_app_run(&echo, &out, &calls), ERR_OK);
	check("reply text", memcmp(out.data, "hello, keel", 11) == 0 && out.len == 11, 1);
	check("count", calls, 1);
	check("method error", keel_echo_echo(&echo, &empty, &out), KEEL_ECHO_ERROR_EMPTY);
	check("no write right", keel_echo_echo(&weak, &empty, &out), ERR_RIGHTS);
	check("count after", keel_echo_count(&echo, &calls), ERR_OK);
	check("count value", calls, 1);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	check("report", ipc_send(CAP_START(2), &m, IPC_WAIT_FOREVER), ERR_OK);
	/* init (above us) has revoked the server's capability before we run on. */
	check("after revoke", keel_echo_count(&echo, &calls), ERR_PEER_DIED);
	m.length = 1;
	m.data[0] = (uint8_t)failed;
	ipc_send(CAP_START(2), &m, IPC_WAIT_FOREVER);
	return failed;
}
