/* The client app of the walkthrough: greets through the echo service. */
#ifndef ECHO_APP_H
#define ECHO_APP_H

#include "codegen/examples/echo/echo_client.h"

/*
 * Echoes "hello, keel" through the echo service and asks how many echoes it answered. Fills
 * out (a string of at most KEEL_ECHO_TEXT_MAX bytes) and *calls; returns ERR_OK or the first
 * error.
 */
int32_t echo_app_run(const struct keel_echo_client *echo, struct keel_echo_text_max_string *out,
		     uint32_t *calls);

#endif /* ECHO_APP_H */
