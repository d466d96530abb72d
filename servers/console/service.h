/* The keel.console.Console handlers over a struct console (console.h); idl/console.idl. */
#ifndef CONSOLE_SERVICE_H
#define CONSOLE_SERVICE_H

#include "idl/console_server.h"
#include "servers/console/console.h"

/* The handler table; its ctx is a struct console. */
extern const struct keel_console_handlers console_handlers;

/* Serves `endpoint` (READ) with c until the receive fails; returns why. */
int32_t console_service_run(cap_t endpoint, struct console *c);

#endif /* CONSOLE_SERVICE_H */
