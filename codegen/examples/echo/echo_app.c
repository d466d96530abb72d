/* The client app of the walkthrough: two calls through the generated client stubs. */
#include "echo_app.h"

#define ECHO_TIMEOUT_US 100000u

int32_t echo_app_run(cap_t ep, struct idl_string_64 *out, uint32_t *calls)
{
	struct idl_string_64 text;

	IDL_TRY(IDL_STRING_SET(text, "hello, keel"));
	IDL_TRY(keel_echo_echo(ep, ECHO_TIMEOUT_US, &text, out));
	return keel_echo_count(ep, ECHO_TIMEOUT_US, calls);
}
