/* The client app of the walkthrough: two calls through the generated client stubs. */
#include "echo_app.h"

int32_t echo_app_run(const struct keel_echo_client *echo, struct keel_echo_text_max_string *out,
		     uint32_t *calls)
{
	struct keel_echo_text_max_string text;

	IDL_TRY(IDL_STRING_SET(text, "hello, keel"));
	IDL_TRY(keel_echo_echo(echo, &text, out));
	return keel_echo_count(echo, calls);
}
