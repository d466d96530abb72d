/* The client app of the walkthrough: greets through the echo service. */
#ifndef ECHO_APP_H
#define ECHO_APP_H

#include "codegen/examples/echo/echo_client.h"

/*
 * Echoes "hello, keel" through the service behind ep and asks how many echoes it answered.
 * Fills out (a bounded string) and *calls; returns ERR_OK or the first error.
 */
int32_t echo_app_run(cap_t ep, struct idl_string_64 *out, uint32_t *calls);

#endif /* ECHO_APP_H */
