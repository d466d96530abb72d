/*
 * A console client of the QEMU test, started twice (arg 'A' and 'B', each with its own
 * badge): it writes LINES lines, each in three writes with a yield after each, so the two
 * clients' partial lines arrive interleaved. 'A' writes yellow on blue. Then it reports on
 * CAP_START(1) with its failure count.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/console_client.h"

#define LINES 3

static int failed;

static void put(const struct keel_console_client *con, const char *text)
{
	struct keel_console_line_max_string s;
	uint8_t accepted = 0;
	int32_t r;

	if (IDL_STRING_SET(s, text) != ERR_OK)
		return;
	r = keel_console_write(con, &s, &accepted);
	if (r != ERR_OK || accepted != s.len) {
		uprintf("client: write of \"%s\" gave %d, %u accepted: FAIL\n", text, (int)r,
			(unsigned)accepted);
		failed++;
	}
	sys_yield();
}

int main(uintptr_t arg)
{
	struct keel_console_client con = {.ep = CAP_START(0), .timeout_us = 1000000};
	struct ipc_message done = {.type = 1, .length = 1};
	int32_t r;
	char part[24];

	if (arg == 'A' && keel_console_set_color(&con, KEEL_CONSOLE_COLOR_YELLOW,
						 KEEL_CONSOLE_COLOR_BLUE) != ERR_OK)
		failed++;
	for (int i = 0; i < LINES; i++) {
		snprintf(part, sizeof(part), "%c%d alpha ", (char)arg, i);
		put(&con, part);
		put(&con, "beta ");
		put(&con, "gamma\n");
	}
	done.data[0] = (uint8_t)failed;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		done.caps[i] = CAP_NULL;
	r = ipc_send(CAP_START(1), &done, IPC_WAIT_FOREVER);
	if (r != ERR_OK)
		uprintf("client %c: report failed with %d: FAIL\n", (char)arg, (int)r);
	return r == ERR_OK ? 0 : 1;
}
