/*
 * The harness's sendkey check (qemu_test `sendkey`, //servers/serial:harness_sendkey_test):
 * the root task polls the i8042 through I/O-port capabilities for 0x60 and 0x64 and prints
 * every scancode the keys typed through QEMU's monitor produce, up to Enter's release.
 * No keyboard driver: only what reaches the controller.
 */
#include <keel/port.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#define I8042_DATA	0x60
#define I8042_STATUS	0x64
#define STATUS_OUT_FULL 0x01 /* a byte waits in the data port */
#define STATUS_AUX	0x20 /* that byte is the mouse's */
#define ENTER_RELEASE	0x9c
#define CODES_MAX	32
#define WAIT_US		20000000u

/* The next keyboard byte, or -1 once WAIT_US passed since start. */
static int next_code(uint64_t start)
{
	uint64_t now = start;

	while (now - start < WAIT_US) {
		uint8_t s = inb(I8042_STATUS);

		if ((s & STATUS_OUT_FULL) && !(s & STATUS_AUX))
			return inb(I8042_DATA);
		if (s & STATUS_OUT_FULL)
			(void)inb(I8042_DATA);
		(void)sys_get_time_us(&now);
	}
	return -1;
}

int main(uintptr_t arg)
{
	cap_t data = sys_ioport_create(CAP_ROOT_IOPORT, I8042_DATA, 1);
	cap_t status = sys_ioport_create(CAP_ROOT_IOPORT, I8042_STATUS, 1);
	char line[CODES_MAX * 3 + 1] = "";
	uint64_t start = 0;
	int n = 0, code = 0;

	(void)arg;
	if (sys_ioport_enable(data) != ERR_OK || sys_ioport_enable(status) != ERR_OK) {
		uprintf("kbd: ports 0x60/0x64 unusable\n");
		return 1;
	}
	while (inb(I8042_STATUS) & STATUS_OUT_FULL) /* whatever the firmware left */
		(void)inb(I8042_DATA);
	uprintf("kbd: ready\n");
	(void)sys_get_time_us(&start);
	while (n < CODES_MAX && code != ENTER_RELEASE && (code = next_code(start)) >= 0) {
		snprintf(line + 3 * n, sizeof(line) - 3 * (size_t)n, " %02x", (unsigned)code);
		n++;
	}
	uprintf("kbd: codes%s\n", line);
	return code == ENTER_RELEASE ? 0 : 1;
}
