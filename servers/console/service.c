/* The keel.console.Console handlers (service.h). Dispatch has checked rights and arguments. */
#include "servers/console/service.h"

/* Both writes take every byte: a full line buffer is shown, never refused. */
static int32_t take(struct console *c, const struct idl_caller *caller,
		    const struct keel_console_line_max_string *text, uint8_t *accepted, bool now)
{
	if (now)
		console_write_now(c, caller->badge, (const uint8_t *)text->data, text->len);
	else
		console_write(c, caller->badge, (const uint8_t *)text->data, text->len);
	console_sync(c);
	*accepted = text->len;
	return ERR_OK;
}

static int32_t h_write(void *ctx, const struct idl_caller *caller,
		       const struct keel_console_line_max_string *text, uint8_t *accepted)
{
	return take(ctx, caller, text, accepted, false);
}

static int32_t h_write_now(void *ctx, const struct idl_caller *caller,
			   const struct keel_console_line_max_string *text, uint8_t *accepted)
{
	return take(ctx, caller, text, accepted, true);
}

static int32_t h_set_color(void *ctx, const struct idl_caller *caller, uint8_t fg, uint8_t bg)
{
	console_set_color(ctx, caller->badge, fg, bg);
	return ERR_OK;
}

static int32_t h_move_to(void *ctx, const struct idl_caller *caller,
			 const struct keel_console_position *pos)
{
	struct console *c = ctx;

	(void)caller;
	if (!screen_move(&c->screen, pos->row, pos->col))
		return KEEL_CONSOLE_ERROR_OUT_OF_SCREEN;
	console_sync(c);
	return ERR_OK;
}

static void h_clear(void *ctx, const struct idl_caller *caller)
{
	struct console *c = ctx;

	(void)caller;
	screen_clear(&c->screen);
	console_sync(c);
}

static int32_t h_size(void *ctx, const struct idl_caller *caller, uint8_t *rows, uint8_t *cols)
{
	(void)ctx;
	(void)caller;
	*rows = SCREEN_ROWS;
	*cols = SCREEN_COLS;
	return ERR_OK;
}

static int32_t h_read_line(void *ctx, const struct idl_caller *caller, uint8_t row,
			   uint8_t chars[KEEL_CONSOLE_COLS], uint8_t attrs[KEEL_CONSOLE_COLS])
{
	const struct console *c = ctx;

	(void)caller;
	return screen_read_row(&c->screen, row, chars, attrs) ? ERR_OK
							      : KEEL_CONSOLE_ERROR_OUT_OF_SCREEN;
}

static int32_t h_cursor(void *ctx, const struct idl_caller *caller,
			struct keel_console_position *pos)
{
	const struct console *c = ctx;

	(void)caller;
	pos->row = c->screen.row;
	pos->col = c->screen.col;
	return ERR_OK;
}

static int32_t h_stats(void *ctx, const struct idl_caller *caller,
		       struct keel_console_counters *out)
{
	const struct console *c = ctx;

	(void)caller;
	*out = (struct keel_console_counters){
	    .shown = c->screen.shown,
	    .buffer_full_flushes = c->buffer_full_flushes,
	    .untracked_writes = c->untracked_writes,
	    .serial_sent = c->mirror.sent,
	    .serial_dropped = c->mirror.dropped,
	    .serial_failures = c->mirror.failures,
	};
	return ERR_OK;
}

_Static_assert(KEEL_CONSOLE_COLS == SCREEN_COLS && KEEL_CONSOLE_ROWS == SCREEN_ROWS,
	       "the IDL's screen size is the model's");

const struct keel_console_handlers console_handlers = {
    .write = h_write,
    .set_color = h_set_color,
    .move_to = h_move_to,
    .clear = h_clear,
    .size = h_size,
    .write_now = h_write_now,
    .read_line = h_read_line,
    .cursor = h_cursor,
    .stats = h_stats,
};

int32_t console_service_run(cap_t endpoint, struct console *c)
{
	struct keel_console_server server;

	keel_console_server_init(&server, endpoint, &console_handlers, c);
	return keel_console_serve(&server);
}
