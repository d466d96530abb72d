/*
 * The shell: reads keys from the serial line and the PS/2 keyboard (both as events on one
 * channel), edits a line, runs commands. It holds only client capabilities from its startup
 * table and uses only generated client libraries (docs/system.md, "The shell").
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "clients/shell/line.h"
#include "clients/shell/shell.h"
#include "idl/console_client.h"
#include "idl/keyboard_client.h"
#include "servers/serial/client.h"

#define PROMPT "keel> "
#define CALL_TIMEOUT_US 1000000u
#define STALL_US 500000u

static struct keel_serial_client serial;
static struct keel_console_client console;
static struct shell sh;
static struct line line;

static void out_serial(void *ctx, const char *text, uint32_t len)
{
	(void)ctx;
	serial_write_all(&serial, text, len, STALL_US, NULL);
}

/*
 * Through the console (which shows it on the screen and mirrors it to the serial line): a
 * piece that ends a line is line-buffered like any client's, anything else (a prompt, an
 * echoed key) is shown at once. Falls back to the serial line if the console fails.
 */
static void out_console(void *ctx, const char *text, uint32_t len)
{
	struct keel_console_line_max_string piece;

	(void)ctx;
	while (len > 0) {
		uint8_t n = (uint8_t)(len < KEEL_CONSOLE_LINE_MAX ? len : KEEL_CONSOLE_LINE_MAX);
		uint8_t accepted = 0;
		bool line_end = text[n - 1] == '\n';
		int32_t r;

		piece.len = n;
		memcpy(piece.data, text, n);
		r = line_end ? keel_console_write(&console, &piece, &accepted)
			     : keel_console_write_now(&console, &piece, &accepted);
		if (r != ERR_OK) {
			out_serial(ctx, text, len);
			return;
		}
		text += n;
		len -= n;
	}
}

static void feed(char c)
{
	char echo[LINE_ECHO_MAX];
	enum line_result r = line_feed(&line, c, echo, sizeof(echo));

	if (echo[0] != 0)
		sh.out(sh.ctx, echo, (uint32_t)strlen(echo));
	if (r == LINE_MORE)
		return;
	if (r == LINE_DONE) {
		if (line.overflowed)
			shell_printf(&sh, "line too long: at most %u characters\n",
				     (unsigned)LINE_MAX_CHARS);
		else
			shell_run(&sh, line.buf);
	}
	line_reset(&line);
	shell_printf(&sh, PROMPT);
}

static void on_serial(void *ctx, const struct idl_caller *from,
		      const struct keel_serial_chunk_max_bytes *data, uint32_t lost)
{
	(void)ctx;
	(void)from;
	if (lost > 0)
		shell_printf(&sh, "\n(%u typed characters were lost)\n", (unsigned)lost);
	for (uint8_t i = 0; i < data->len; i++)
		feed((char)data->data[i]);
}

static void on_key(void *ctx, const struct idl_caller *from, const struct keel_keyboard_key_event *ev)
{
	(void)ctx;
	(void)from;
	if (ev->pressed && ev->ascii != 0)
		feed((char)ev->ascii);
}

/* Subscribes to both input sources on one channel; says which could not be had. */
static cap_t subscribe_inputs(const struct keel_keyboard_client *kbd)
{
	cap_t chan = sys_channel_create(CHANNEL_CAPACITY_MAX);
	int32_t r;

	if (chan < 0)
		return chan;
	r = keel_serial_subscribe(&serial, cap_derive(chan, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0));
	if (r != ERR_OK)
		shell_printf(&sh, "shell: no input from the serial line: %s\n", keel_strerror(r));
	if (kbd->ep == CAP_NULL)
		return chan;
	r = keel_keyboard_subscribe(kbd, cap_derive(chan, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0));
	if (r != ERR_OK)
		shell_printf(&sh, "shell: no input from the keyboard: %s\n", keel_strerror(r));
	return chan;
}

int main(uintptr_t arg)
{
	static const struct keel_serial_event_handlers serial_on = {.received = on_serial};
	static const struct keel_keyboard_event_handlers kbd_on = {.key = on_key};
	struct keel_keyboard_client kbd = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.keyboard.Keyboard"),
	    .timeout_us = CALL_TIMEOUT_US};
	struct keel_serial_events sev;
	struct keel_keyboard_events kev;
	struct ipc_message msg;
	struct ipc_recv_info info;
	cap_t chan;

	(void)arg;
	serial.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial");
	serial.timeout_us = CALL_TIMEOUT_US;
	sh.sup.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor");
	sh.sup.timeout_us = CALL_TIMEOUT_US;
	sh.devmgr.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.devmgr.DeviceManager");
	sh.devmgr.timeout_us = CALL_TIMEOUT_US;
	sh.memory.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.memory.Memory");
	sh.memory.timeout_us = CALL_TIMEOUT_US;
	console.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.console.Console");
	console.timeout_us = CALL_TIMEOUT_US;
	sh.out = console.ep != CAP_NULL ? out_console : out_serial;
	if (serial.ep == CAP_NULL)
		return 1; /* nowhere to talk: nothing a shell can do */
	line_reset(&line);
	chan = subscribe_inputs(&kbd);
	keel_serial_events_init(&sev, chan, &serial_on, NULL);
	keel_keyboard_events_init(&kev, chan, &kbd_on, NULL);
	shell_printf(&sh, "Keel shell: type 'help' for the commands\n" PROMPT);
	for (;;) {
		if (ipc_recv(chan, &msg, &info, IPC_WAIT_FOREVER) != ERR_OK)
			continue;
		if (IPC_TYPE_IFACE(msg.type) == KEEL_KEYBOARD_IFACE_ID)
			keel_keyboard_events_dispatch(&kev, &msg, &info);
		else
			keel_serial_events_dispatch(&sev, &msg, &info);
	}
}
