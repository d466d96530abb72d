/*
 * Syscall bad-input matrix: runs every case of cases.c through int 0x80 and through sysenter,
 * then the register cases of regs.c, printing one line per case and a summary
 * "badsys: <n> cases, <m> failed". Returns 0 only if every case passed.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "badsys.h"

int32_t (*badsys_raw)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
const char *badsys_path_name = "";

static unsigned case_count;
static unsigned fail_count;

int badsys_accepts(struct want w, int32_t got)
{
	switch (w.kind) {
	case WANT_CODE:
		return got == w.a;
	case WANT_EITHER:
		return got == w.a || got == w.b;
	case WANT_SUCCESS:
		return got >= 0;
	case WANT_ERROR:
		return got < 0;
	}
	return 0;
}

void badsys_format_want(char *buf, uint32_t size, struct want w)
{
	if (w.kind == WANT_CODE)
		snprintf(buf, size, "%d", (int)w.a);
	else if (w.kind == WANT_EITHER)
		snprintf(buf, size, "%d|%d", (int)w.a, (int)w.b);
	else
		snprintf(buf, size, "%s", w.kind == WANT_SUCCESS ? ">=0" : "<0");
}

void badsys_report(const char *name, int32_t got, const char *want, int ok)
{
	case_count++;
	if (!ok)
		fail_count++;
	uprintf("badsys %s%s: got %d want %s %s\n", badsys_path_name, name, (int)got, want,
		ok ? "ok" : "FAIL");
}

int32_t badsys_check(const char *name, struct call c, struct want w)
{
	char want[24];
	int32_t got = badsys_raw(c.num, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);

	badsys_format_want(want, sizeof(want), w);
	badsys_report(name, got, want, badsys_accepts(w, got));
	return got;
}

int main(uintptr_t arg)
{
	(void)arg;
	badsys_raw = syscall_int80;
	badsys_path_name = "int80/";
	syscall_set_path(SYSCALL_PATH_INT80);
	badsys_run_matrix();

	badsys_raw = syscall_sysenter;
	badsys_path_name = "sysenter/";
	syscall_set_path(SYSCALL_PATH_SYSENTER);
	badsys_run_matrix();

	badsys_path_name = "";
	badsys_run_register_cases();
	uprintf("badsys: %u cases, %u failed\n", case_count, fail_count);
	return fail_count ? 1 : 0;
}
