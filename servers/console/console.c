/* The console's line buffers (console.h). */
#include "servers/console/console.h"

static const uint8_t erase[] = {'\b', ' ', '\b'}; /* a terminal's backspace that erases */

/* One byte to the screen and to the mirror. */
static void show(struct console *c, uint8_t ch, uint8_t attr)
{
	screen_put(&c->screen, ch, attr);
	if (ch == '\b')
		mirror_put(&c->mirror, erase, sizeof(erase));
	else
		mirror_put(&c->mirror, &ch, 1);
}

/* The client's slot, a new one for a new badge, or NULL once the table is full. */
static struct console_client *client(struct console *c, uint64_t badge)
{
	struct console_client *free_slot = NULL;

	for (size_t i = 0; i < CONSOLE_CLIENTS; i++) {
		if (c->clients[i].used && c->clients[i].badge == badge)
			return &c->clients[i];
		if (!c->clients[i].used && free_slot == NULL)
			free_slot = &c->clients[i];
	}
	if (free_slot != NULL)
		*free_slot = (struct console_client){
		    .badge = badge, .used = true, .attr = SCREEN_ATTR_DEFAULT};
	return free_slot;
}

static void show_buffer(struct console *c, struct console_client *cl)
{
	for (size_t i = 0; i < cl->len; i++)
		show(c, cl->chars[i], cl->attrs[i]);
	cl->len = 0;
}

static void buffer_byte(struct console *c, struct console_client *cl, uint8_t ch)
{
	if (ch != '\n' && cl->len == CONSOLE_LINE_BUF) {
		show_buffer(c, cl);
		show(c, '\n', cl->attr);
		c->buffer_full_flushes++;
	}
	cl->chars[cl->len] = ch;
	cl->attrs[cl->len] = cl->attr;
	cl->len++;
	if (ch == '\n')
		show_buffer(c, cl);
}

void console_init(struct console *c, volatile uint16_t *device, screen_outb_fn outb,
		  void *port_ctx)
{
	for (size_t i = 0; i < CONSOLE_CLIENTS; i++)
		c->clients[i].used = false;
	c->untracked_attr = SCREEN_ATTR_DEFAULT;
	c->buffer_full_flushes = 0;
	c->untracked_writes = 0;
	mirror_init(&c->mirror, NULL, NULL, NULL);
	screen_init(&c->screen, device, outb, port_ctx);
}

void console_write(struct console *c, uint64_t badge, const uint8_t *text, size_t n)
{
	struct console_client *cl = client(c, badge);

	if (cl == NULL) {
		c->untracked_writes++;
		for (size_t i = 0; i < n; i++)
			show(c, text[i], c->untracked_attr);
		return;
	}
	for (size_t i = 0; i < n; i++)
		buffer_byte(c, cl, text[i]);
}

void console_write_now(struct console *c, uint64_t badge, const uint8_t *text, size_t n)
{
	struct console_client *cl = client(c, badge);
	uint8_t attr = c->untracked_attr;

	if (cl != NULL) {
		show_buffer(c, cl);
		attr = cl->attr;
	} else {
		c->untracked_writes++;
	}
	for (size_t i = 0; i < n; i++)
		show(c, text[i], attr);
}

void console_set_color(struct console *c, uint64_t badge, uint8_t fg, uint8_t bg)
{
	struct console_client *cl = client(c, badge);

	if (cl != NULL)
		cl->attr = SCREEN_ATTR(fg, bg);
	else
		c->untracked_attr = SCREEN_ATTR(fg, bg);
}

void console_sync(struct console *c)
{
	mirror_flush(&c->mirror); /* first: the serial server's own prints may reach the page */
	screen_sync(&c->screen);
}
