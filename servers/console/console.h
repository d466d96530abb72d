/*
 * The console's state: the screen, the serial mirror and one line buffer per client.
 *
 * Clients are told apart by the badge of the capability they call with (the kernel's record;
 * init gives each client unit its own). The first CONSOLE_CLIENTS badges that write get a slot
 * for good: a line buffer of CONSOLE_LINE_BUF bytes and their own colours. A client's bytes
 * wait in its buffer until a '\n' completes the line, which is then shown whole at the cursor,
 * so lines of different clients never interleave. When a byte arrives for a full buffer, the
 * buffer is first shown as a line of its own (a '\n' is added) and counted: nothing is lost.
 * console_write_now shows the caller's buffered bytes and its text at once (prompts, echo).
 * Callers beyond the table are shown at once, unbuffered, with shared colours, and counted.
 */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "servers/console/mirror.h"
#include "servers/console/screen.h"

#define CONSOLE_CLIENTS	 16u
#define CONSOLE_LINE_BUF 160u /* two screen rows */

struct console_client {
	uint64_t badge;
	bool used;
	uint8_t attr; /* colours of this client's later bytes */
	uint16_t len;
	uint8_t chars[CONSOLE_LINE_BUF];
	uint8_t attrs[CONSOLE_LINE_BUF];
};

struct console {
	struct screen screen;
	struct mirror mirror;
	struct console_client clients[CONSOLE_CLIENTS];
	uint8_t untracked_attr;	      /* colours of callers beyond the table */
	uint32_t buffer_full_flushes; /* buffers shown because they were full */
	uint32_t untracked_writes;    /* writes of callers beyond the table */
};

/* A cleared screen and an empty table; set up c->screen's device and c->mirror afterwards. */
void console_init(struct console *c, volatile uint16_t *device, screen_outb_fn outb,
		  void *port_ctx);
/* Line-buffered text of the client with this badge (see above). */
void console_write(struct console *c, uint64_t badge, const uint8_t *text, size_t n);
/* The client's buffered bytes, then text, shown at once. */
void console_write_now(struct console *c, uint64_t badge, const uint8_t *text, size_t n);
/* Colours (0..15 each) of the client's later bytes. */
void console_set_color(struct console *c, uint64_t badge, uint8_t fg, uint8_t bg);
/* Ends a request: the device shows the model, the mirror sends what is queued. */
void console_sync(struct console *c);

#endif /* CONSOLE_CONSOLE_H */
