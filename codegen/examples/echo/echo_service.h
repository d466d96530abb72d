/* The echo server of the walkthrough: its state and its handler table for keel_echo_serve. */
#ifndef ECHO_SERVICE_H
#define ECHO_SERVICE_H

#include "codegen/examples/echo/echo_server.h"

/* Per-server state, passed to every handler as ctx. */
struct echo_state {
	uint32_t calls; /* echoes answered */
};

/* The handler table: what the generated dispatch loop calls after validating a request. */
extern const struct keel_echo_handlers echo_handlers;

/* Serves endpoint until the receive fails (on the kernel: forever); returns that error. */
int32_t echo_service_run(cap_t endpoint, struct echo_state *state);

#endif /* ECHO_SERVICE_H */
