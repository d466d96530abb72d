/*
 * The shell's `mem`, second part: what the memory server has handed out, per client unit
 * (its report, which needs ADMIN), named through the supervisor.
 */
#include <keel/ulib.h>

#include "clients/shell/shell.h"

/* Words for an error from the memory server: its declared errors, else the kernel's. */
static const char *mem_error(int32_t r)
{
	return r > 0 ? "the memory server refused" : keel_strerror(r);
}

/* A client's name from its badge (1 + its index in init's table), or "unit N". */
static void unit_name(struct shell *sh, uint8_t badge, char *buf, size_t size)
{
	struct keel_supervisor_unit_status st;

	if (badge > 0 && sh->sup.ep != CAP_NULL &&
	    keel_supervisor_status(&sh->sup, (uint8_t)(badge - 1), &st) == ERR_OK)
		snprintf(buf, size, "%.*s", st.name.len, st.name.data);
	else
		snprintf(buf, size, "unit %u", badge);
}

static void print_account(struct shell *sh, const struct keel_memory_client_account *a)
{
	char name[KEEL_SUPERVISOR_NAME_MAX + 1];

	unit_name(sh, a->unit, name, sizeof(name));
	shell_printf(sh, "%-10s %8u %8u %8u\n", name, (unsigned)a->quota_pages * 4u,
		     (unsigned)a->used_pages * 4u, a->shared);
}

void shell_mem_quotas(struct shell *sh)
{
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];
	uint8_t count = KEEL_MEMORY_REPORT_MAX;
	unsigned first = 0;
	int32_t r = ERR_OK;

	if (sh->memory.ep == CAP_NULL)
		return; /* a system without a memory server: the budgets above are all there is */
	shell_printf(sh, "memory server clients:\n%-10s %8s %8s %8s\n", "UNIT", "QUOTA", "USED",
		     "SHARED");
	while (r == ERR_OK && count == KEEL_MEMORY_REPORT_MAX && first < 256) {
		r = keel_memory_report(&sh->memory, (uint8_t)first, &count, acc);
		for (uint8_t i = 0; r == ERR_OK && i < count; i++)
			print_account(sh, &acc[i]);
		first += count;
	}
	if (r != ERR_OK)
		shell_printf(sh, "mem: the memory server did not answer: %s\n", mem_error(r));
	else if (first == 0)
		shell_printf(sh, "(none: no unit holds memory from the memory server)\n");
}
