/*
 * A stand-in for the serial server in the console's QEMU test: it serves keel.serial.Serial
 * (its startup table's SERVE entry), takes at most TAKE_MAX bytes per write, so the console's
 * mirror must retry the rest, and prints every complete line it received as "serial| <line>".
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_server.h"

#define TAKE_MAX 50u
#define LINE_MAX 256u

struct fake {
	char line[LINE_MAX];
	uint32_t len;
	uint32_t partial; /* writes taken only in part */
};

static void take_byte(struct fake *f, char c)
{
	if (c == '\n' || f->len == LINE_MAX - 1) {
		f->line[f->len] = '\0';
		uprintf("serial| %s\n", f->line);
		f->len = 0;
		if (c == '\n')
			return;
	}
	f->line[f->len++] = c;
}

static int32_t fake_write(void *ctx, const struct idl_caller *caller,
			  const struct keel_serial_chunk_max_bytes *data, uint8_t *accepted)
{
	struct fake *f = ctx;
	uint8_t n = data->len < TAKE_MAX ? data->len : TAKE_MAX;

	(void)caller;
	for (uint8_t i = 0; i < n; i++)
		take_byte(f, (char)data->data[i]);
	f->partial += n < data->len;
	*accepted = n;
	return ERR_OK;
}

static const struct keel_serial_handlers handlers = {.write = fake_write};

int main(uintptr_t arg)
{
	static struct fake f;
	struct keel_serial_server server;

	(void)arg;
	keel_serial_server_init(&server, keel_startup_cap(KEEL_STARTUP_SERVE, "keel.serial.Serial"),
				&handlers, &f);
	uprintf("fake serial: loop ended with %d\n", (int)keel_serial_serve(&server));
	return 0;
}
