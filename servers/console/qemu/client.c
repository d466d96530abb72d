/*
 * A console client of the QEMU test, run by units `a` and `b` (console_test.manifest; init
 * gives each its own badge): it writes LINES lines starting with its unit's name in capitals,
 * each in three writes with a yield after each, so the two clients' partial lines arrive
 * interleaved. `a` writes yellow on blue. Its exit status is its failure count (init logs it).
 */
#include <keel/startup.h>
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
	struct keel_console_client con = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.console.Console"),
	    .timeout_us = 1000000};
	const struct keel_startup *t = keel_startup();
	char me =
	    t != NULL && t->unit[0] >= 'a' && t->unit[0] <= 'z' ? (char)(t->unit[0] - 32) : '?';
	char part[24];

	(void)arg;
	if (con.ep == CAP_NULL) {
		uprintf("client: no keel.console.Console capability: FAIL\n");
		return 1;
	}
	if (me == 'A' && keel_console_set_color(&con, KEEL_CONSOLE_COLOR_YELLOW,
						KEEL_CONSOLE_COLOR_BLUE) != ERR_OK)
		failed++;
	for (int i = 0; i < LINES; i++) {
		snprintf(part, sizeof(part), "%c%d alpha ", me, i);
		put(&con, part);
		put(&con, "beta ");
		put(&con, "gamma\n");
	}
	return failed;
}
