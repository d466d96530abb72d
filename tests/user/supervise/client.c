/*
 * The supervision test's client: calls the crasher through the capability init gave it. A
 * call the server dies in fails with ERR_PEER_DIED; the next call, made at once with the same
 * capability, waits on the endpoint until init has restarted the server and succeeds. Once
 * the server has ended more often than its limit, init leaves it stopped and calls time out.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "codegen/examples/echo/echo_client.h"

static int32_t say(const struct keel_echo_client *c, const char *text)
{
	struct keel_echo_text_max_string in = {.len = (uint8_t)strlen(text)}, out = {0};
	int32_t r;

	memcpy(in.data, text, in.len);
	r = keel_echo_echo(c, &in, &out);
	if (r == ERR_OK && (out.len != in.len || memcmp(out.data, text, in.len) != 0))
		return ERR_PROTOCOL;
	return r;
}

int main(uintptr_t arg)
{
	const struct keel_startup *t = keel_startup();
	struct keel_echo_client echo = {.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.echo.Echo"),
					.timeout_us = 2000000};

	(void)arg;
	CHECK("client", "startup table", t != NULL && strcmp(t->unit, "client") == 0, 1);
	CHECK("client", "wired to echo: WRITE, no GRANT", cap_identify(echo.ep),
	      CAP_IDENTIFY(CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE));
	CHECK("client", "not given the server's side",
	      keel_startup_cap(KEEL_STARTUP_SERVE, "keel.echo.Echo"), CAP_NULL);
	CHECK("client", "echo", say(&echo, "hello"), ERR_OK);
	for (unsigned i = 1; i <= 3; i++) {
		CHECK("client", "in flight when the server faults", say(&echo, "crash"),
		      ERR_PEER_DIED);
		CHECK("client", "served again after the restart", say(&echo, "again"), ERR_OK);
	}
	CHECK("client", "in flight when the server exits", say(&echo, "exit"), ERR_PEER_DIED);
	/* The fourth end within the window is over the limit of 3: init leaves it stopped. */
	echo.timeout_us = 300000;
	CHECK("client", "no server any more", say(&echo, "anyone?"), ERR_TIMEOUT);
	uprintf("supervise client: %d failed\n", check_failed);
	return check_failed;
}
