/*
 * An echo server that misbehaves on request, for the supervision test: it serves
 * keel.echo.Echo on the endpoint its startup table names, faults (a write to address 0) when
 * asked to echo "crash" and exits with status 3 on "exit".
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "codegen/examples/echo/echo_server.h"

static uint32_t calls;

static int32_t crasher_echo(void *ctx, const struct idl_caller *caller,
			    const struct keel_echo_text_max_string *text,
			    struct keel_echo_text_max_string *reply)
{
	(void)ctx;
	(void)caller;
	if (text->len == 5 && memcmp(text->data, "crash", 5) == 0)
		*(volatile uint32_t *)0 = 1;
	if (text->len == 4 && memcmp(text->data, "exit", 4) == 0)
		sys_exit_unit(3);
	*reply = *text;
	calls++;
	return ERR_OK;
}

static int32_t crasher_count(void *ctx, const struct idl_caller *caller, uint32_t *out)
{
	(void)ctx;
	(void)caller;
	*out = calls;
	return ERR_OK;
}

static const struct keel_echo_handlers handlers = {
    .echo = crasher_echo,
    .count = crasher_count,
};

int main(uintptr_t arg)
{
	struct keel_echo_server server;
	const struct keel_startup *t = keel_startup();
	cap_t ep = keel_startup_cap(KEEL_STARTUP_SERVE, "keel.echo.Echo");

	(void)arg;
	if (t == NULL || ep == CAP_NULL) {
		uprintf("crasher: no startup table or no endpoint\n");
		return 1;
	}
	uprintf("crasher: serving (start %u)\n", (unsigned)t->restarts);
	keel_echo_server_init(&server, ep, &handlers, NULL);
	return keel_echo_serve(&server);
}
