/* The echo server of the walkthrough: two handlers and the generated dispatch loop. */
#include "echo_service.h"

/* Dispatch has already checked the caller's WRITE right and the text's bound. */
static int32_t echo_echo(void *ctx, const struct idl_caller *caller,
			 const struct keel_echo_text_max_string *text,
			 struct keel_echo_text_max_string *reply)
{
	struct echo_state *state = ctx;

	(void)caller;
	if (text->len == 0)
		return KEEL_ECHO_ERROR_EMPTY;
	*reply = *text;
	state->calls++;
	return ERR_OK;
}

static int32_t echo_count(void *ctx, const struct idl_caller *caller, uint32_t *calls)
{
	const struct echo_state *state = ctx;

	(void)caller;
	*calls = state->calls;
	return ERR_OK;
}

const struct keel_echo_handlers echo_handlers = {
	.echo = echo_echo,
	.count = echo_count,
};

int32_t echo_service_run(cap_t endpoint, struct echo_state *state)
{
	struct keel_echo_server server;

	keel_echo_server_init(&server, endpoint, &echo_handlers, state);
	return keel_echo_serve(&server);
}
