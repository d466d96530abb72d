/* The shell's commands (shell.h). Every failure is a sentence, never a bare number. */
#include <stdarg.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "clients/shell/line.h"
#include "clients/shell/shell.h"

#define ARGS_MAX 8

struct command {
	const char *name;
	const char *args;
	const char *help;
	void (*run)(struct shell *sh, int argc, char **argv);
};

static const struct command commands[];

void shell_printf(struct shell *sh, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf)) { /* never cut silently: say so */
		n = (int)sizeof(buf) - 1;
		memcpy(buf + n - 5, "...\n", 5);
		n--;
	}
	if (n > 0)
		sh->out(sh->ctx, buf, (uint32_t)n);
}

/* Words for an error from the supervisor: its declared errors, else the kernel's. */
static const char *sup_error(int32_t r)
{
	if (r == KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT)
		return "no such unit";
	if (r == KEEL_SUPERVISOR_ERROR_NOT_RUNNING)
		return "the unit is not running";
	return keel_strerror(r);
}

static bool have_supervisor(struct shell *sh, const char *cmd)
{
	if (sh->sup.ep != CAP_NULL)
		return true;
	shell_printf(sh, "%s: this system gives the shell no supervisor capability\n", cmd);
	return false;
}

static void cmd_help(struct shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	shell_printf(sh, "commands:\n");
	for (const struct command *c = commands; c->name != NULL; c++)
		shell_printf(sh, "  %-8s %-10s %s\n", c->name, c->args, c->help);
}

static void cmd_echo(struct shell *sh, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		shell_printf(sh, "%s%s", argv[i], i + 1 < argc ? " " : "");
	shell_printf(sh, "\n");
}

static void cmd_uptime(struct shell *sh, int argc, char **argv)
{
	uint64_t us = 0;

	(void)argc;
	(void)argv;
	sys_get_time_us(&us);
	shell_printf(sh, "up %u.%03u s\n", (unsigned)(us / 1000000u),
		     (unsigned)(us / 1000u % 1000u));
}

/* What each CPU counted (SYS_CPU_INFO): load, switches, IPIs, interrupts (of them from
 * devices), time idle. */
static void cmd_cpus(struct shell *sh, int argc, char **argv)
{
	struct keel_cpu_info c;

	(void)argc;
	(void)argv;
	shell_printf(sh, "CPU LOAD SWITCHES  IPIS-OUT  IPIS-IN   INTERRUPTS DEVICE    IDLE-MS\n");
	for (uint32_t i = 0; sys_cpu_info(i, &c) == ERR_OK; i++)
		shell_printf(sh, "%-3u %-4u %-9llu %-9llu %-9llu %-10llu %-9llu %llu%s\n",
			     (unsigned)i, (unsigned)c.load, (unsigned long long)c.switches,
			     (unsigned long long)c.ipis_sent, (unsigned long long)c.ipis_received,
			     (unsigned long long)c.interrupts, (unsigned long long)c.device_irqs,
			     (unsigned long long)(c.idle_us / 1000u),
			     c.caller_cpu == i ? "  (this shell)" : "");
}

static const char *const state_names[] = {
    [KEEL_SUPERVISOR_UNIT_STATE_RUNNING] = "running",
    [KEEL_SUPERVISOR_UNIT_STATE_RESTARTING] = "restarting",
    [KEEL_SUPERVISOR_UNIT_STATE_STOPPED] = "stopped",
    [KEEL_SUPERVISOR_UNIT_STATE_GAVE_UP] = "gave-up",
};

static const char *state_name(uint8_t s)
{
	return s < sizeof(state_names) / sizeof(state_names[0]) && state_names[s] ? state_names[s]
										   : "?";
}

/* Calls fn for every unit's status; false (after saying why) if the supervisor failed. */
static bool each_unit(struct shell *sh, const char *cmd,
		      void (*fn)(struct shell *, uint8_t, const struct keel_supervisor_unit_status *))
{
	struct keel_supervisor_unit_status st;
	uint8_t n = 0;
	int32_t r;

	if (!have_supervisor(sh, cmd))
		return false;
	r = keel_supervisor_count(&sh->sup, &n);
	for (uint8_t i = 0; r == ERR_OK && i < n; i++) {
		r = keel_supervisor_status(&sh->sup, i, &st);
		if (r == ERR_OK)
			fn(sh, i, &st);
	}
	if (r != ERR_OK)
		shell_printf(sh, "%s: the supervisor did not answer: %s\n", cmd, sup_error(r));
	return r == ERR_OK;
}

static void ps_line(struct shell *sh, uint8_t i, const struct keel_supervisor_unit_status *st)
{
	(void)i;
	shell_printf(sh, "%-10.*s %-10s %4u %7u %8u\n", st->name.len, st->name.data,
		     state_name(st->state), st->priority, st->threads, (unsigned)st->restarts);
}

static void cmd_ps(struct shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	shell_printf(sh, "%-10s %-10s %4s %7s %8s\n", "UNIT", "STATE", "PRIO", "THREADS",
		     "RESTARTS");
	each_unit(sh, "ps", ps_line);
}

static void mem_line(struct shell *sh, uint8_t i, const struct keel_supervisor_unit_status *st)
{
	(void)i;
	shell_printf(sh, "%-10.*s %8u %8u %8u %10u\n", st->name.len, st->name.data,
		     (unsigned)st->frames_total * 4u, (unsigned)(st->frames_total - st->frames_free) * 4u,
		     (unsigned)st->frames_image * 4u, (unsigned)st->threads_free);
}

static void cmd_mem(struct shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	shell_printf(sh, "%-10s %8s %8s %8s %10s\n", "UNIT", "BUDGET", "USED", "IMAGE",
		     "THREADS-LEFT");
	if (each_unit(sh, "mem", mem_line))
		shell_printf(sh, "(KiB; IMAGE is the part of USED that holds its program and page tables)\n");
	shell_mem_quotas(sh);
}

/* The index of the unit called name, or -1 (after saying why). */
static int find_unit(struct shell *sh, const char *cmd, const char *name)
{
	struct keel_supervisor_unit_status st;
	uint8_t n = 0;
	int32_t r = keel_supervisor_count(&sh->sup, &n);

	for (uint8_t i = 0; r == ERR_OK && i < n; i++) {
		r = keel_supervisor_status(&sh->sup, i, &st);
		if (r == ERR_OK && st.name.len == strlen(name) &&
		    memcmp(st.name.data, name, st.name.len) == 0)
			return i;
	}
	if (r != ERR_OK)
		shell_printf(sh, "%s: the supervisor did not answer: %s\n", cmd, sup_error(r));
	else
		shell_printf(sh, "%s: no unit called '%s' (try 'ps')\n", cmd, name);
	return -1;
}

static const char *const type_names[] = {
    [CAP_TYPE_ENDPOINT] = "endpoint",	  [CAP_TYPE_CHANNEL] = "channel",
    [CAP_TYPE_MEMORY] = "memory",	  [CAP_TYPE_IRQ] = "irq",
    [CAP_TYPE_IOPORT] = "ioport",	  [CAP_TYPE_UNIT] = "unit",
    [CAP_TYPE_THREAD] = "thread",	  [CAP_TYPE_NOTIFICATION] = "notification",
};

/*
 * One line of `caps`: FROM is where it was derived from (unit id:slot), "-" for a root,
 * "queued" while its parent waits in a channel's queue.
 */
static void print_cap(struct shell *sh, const struct keel_supervisor_cap_info *c)
{
	static const char letters[] = "RWXGA";
	char rights[6], from[24] = "-";

	for (unsigned b = 0; b < 5; b++)
		rights[b] = (c->rights & (1u << b)) ? letters[b] : '-';
	rights[5] = 0;
	if (c->parent_unit != 0)
		snprintf(from, sizeof(from), "%u:%u", (unsigned)c->parent_unit, c->parent_slot);
	else if (c->parent_slot == KEEL_SUPERVISOR_PARENT_QUEUED)
		snprintf(from, sizeof(from), "queued");
	shell_printf(sh, "%4u  %-12s %s  %-7u %-12s %s0x%x\n", c->slot,
		     c->type < CAP_TYPE_COUNT && type_names[c->type] ? type_names[c->type] : "?",
		     rights, (unsigned)c->object, from, c->badge > 0xffffffffu ? "(high) " : "",
		     (unsigned)c->badge);
}

/*
 * Calls fn for each capability of unit `unit` (an index, or KEEL_SUPERVISOR_INIT), CAPS_MAX
 * per request; the supervisor's answer if one failed.
 */
static int32_t each_cap(struct shell *sh, uint8_t unit, unsigned *count,
			void (*fn)(struct shell *sh, uint8_t unit,
				   const struct keel_supervisor_cap_info *c))
{
	struct keel_supervisor_cap_info caps[KEEL_SUPERVISOR_CAPS_MAX];
	uint8_t n = KEEL_SUPERVISOR_CAPS_MAX;
	uint16_t first = 0;
	int32_t r = ERR_OK;

	while (n == KEEL_SUPERVISOR_CAPS_MAX && r == ERR_OK) {
		r = keel_supervisor_caps(&sh->sup, unit, first, &n, caps);
		for (uint8_t i = 0; r == ERR_OK && i < n; i++) {
			fn(sh, unit, &caps[i]);
			first = (uint16_t)(caps[i].slot + 1);
			(*count)++;
		}
	}
	return r;
}

static void caps_line(struct shell *sh, uint8_t unit, const struct keel_supervisor_cap_info *c)
{
	(void)unit;
	print_cap(sh, c);
}

static void cmd_caps(struct shell *sh, int argc, char **argv)
{
	unsigned count = 0;
	int unit;
	int32_t r;

	if (argc != 2) {
		shell_printf(sh, "usage: caps <unit>\n");
		return;
	}
	if (!have_supervisor(sh, "caps"))
		return;
	unit = strcmp(argv[1], "init") == 0 ? KEEL_SUPERVISOR_INIT : find_unit(sh, "caps", argv[1]);
	if (unit < 0)
		return;
	shell_printf(sh, "SLOT  TYPE         RIGHTS OBJECT  FROM         BADGE\n");
	r = each_cap(sh, (uint8_t)unit, &count, caps_line);
	if (r != ERR_OK)
		shell_printf(sh, "caps: %s: %s\n", argv[1], sup_error(r));
}

static void snap_line(struct shell *sh, uint8_t unit, const struct keel_supervisor_cap_info *c)
{
	shell_printf(sh, "capsnap: cap %u %u %u 0x%x %u 0x%llx %u %u 0x%x 0x%x\n", unit, c->slot,
		     c->type, c->rights, (unsigned)c->object, (unsigned long long)c->badge,
		     (unsigned)c->parent_unit, c->parent_slot, (unsigned)c->detail[0],
		     (unsigned)c->detail[1]);
}

/*
 * Every unit's capabilities, init's first, one line each for a program to read
 * (tools/capgraph, docs/tools.md): "capsnap: unit INDEX NAME STATE" (init's INDEX is
 * KEEL_SUPERVISOR_INIT), "capsnap: cap INDEX SLOT TYPE RIGHTS OBJECT BADGE PARENT-UNIT
 * PARENT-SLOT DETAIL0 DETAIL1" (SYS_CAP_LIST's numbers), then "capsnap: end N units, M
 * capabilities".
 */
static void cmd_capsnap(struct shell *sh, int argc, char **argv)
{
	struct keel_supervisor_unit_status st;
	unsigned count = 0;
	uint8_t n = 0;
	int32_t r;

	(void)argc;
	(void)argv;
	if (!have_supervisor(sh, "capsnap"))
		return;
	shell_printf(sh, "capsnap: unit %u init running\n", KEEL_SUPERVISOR_INIT);
	r = each_cap(sh, KEEL_SUPERVISOR_INIT, &count, snap_line);
	if (r == ERR_OK)
		r = keel_supervisor_count(&sh->sup, &n);
	for (uint8_t i = 0; r == ERR_OK && i < n; i++) {
		r = keel_supervisor_status(&sh->sup, i, &st);
		if (r != ERR_OK)
			break;
		shell_printf(sh, "capsnap: unit %u %.*s %s\n", i, st.name.len, st.name.data,
			     state_name(st.state));
		if (st.state == KEEL_SUPERVISOR_UNIT_STATE_RUNNING &&
		    each_cap(sh, i, &count, snap_line) == KEEL_SUPERVISOR_ERROR_NOT_RUNNING)
			shell_printf(sh, "capsnap: unit %u ended meanwhile\n", i);
	}
	if (r != ERR_OK)
		shell_printf(sh, "capsnap: the supervisor did not answer: %s\n", sup_error(r));
	else
		shell_printf(sh, "capsnap: end %u units, %u capabilities\n", n + 1u, count);
}

static void cmd_crash(struct shell *sh, int argc, char **argv)
{
	struct keel_supervisor_name_max_string name;
	size_t len;
	int32_t r;

	if (argc != 2) {
		shell_printf(sh, "usage: crash <server>\n");
		return;
	}
	len = strlen(argv[1]);
	if (!have_supervisor(sh, "crash"))
		return;
	if (len > KEEL_SUPERVISOR_NAME_MAX) {
		shell_printf(sh, "crash: no unit called '%s' (names are at most %u bytes)\n",
			     argv[1], (unsigned)KEEL_SUPERVISOR_NAME_MAX);
		return;
	}
	name.len = (uint8_t)len;
	memcpy(name.data, argv[1], len);
	r = keel_supervisor_crash(&sh->sup, &name);
	if (r == ERR_OK)
		shell_printf(sh, "crash: %s crashed; the supervisor restarts it\n", argv[1]);
	else
		shell_printf(sh, "crash: %s: %s\n", argv[1], sup_error(r));
}

#define IPCBENCH_CALLS 1000u

static void cmd_ipcbench(struct shell *sh, int argc, char **argv)
{
	uint64_t t0 = 0, t1 = 0;
	uint8_t n;
	int32_t r = ERR_OK;
	uint32_t i;

	(void)argc;
	(void)argv;
	if (!have_supervisor(sh, "ipcbench"))
		return;
	sys_get_time_us(&t0);
	for (i = 0; i < IPCBENCH_CALLS && r == ERR_OK; i++)
		r = keel_supervisor_count(&sh->sup, &n);
	sys_get_time_us(&t1);
	if (r != ERR_OK) {
		shell_printf(sh, "ipcbench: call %u failed: %s\n", (unsigned)i, sup_error(r));
		return;
	}
	shell_printf(sh, "ipcbench: %u calls to the supervisor in %u us: %u.%02u us per round trip\n",
		     IPCBENCH_CALLS, (unsigned)(t1 - t0), (unsigned)((t1 - t0) / IPCBENCH_CALLS),
		     (unsigned)((t1 - t0) % IPCBENCH_CALLS / 10u));
}

static const struct command commands[] = {
    {"help", "", "list the commands", cmd_help},
    {"echo", "[text]", "print the text", cmd_echo},
    {"ps", "", "units: state, priority, threads, restarts", cmd_ps},
    {"caps", "<unit>", "a unit's (or init's) capabilities: object, origin", cmd_caps},
    {"capsnap", "", "every unit's capabilities, for tools/capgraph", cmd_capsnap},
    {"mem", "", "memory budget and use per unit", cmd_mem},
    {"uptime", "", "time since boot", cmd_uptime},
    {"cpus", "", "per CPU: load, switches, IPIs, interrupts, idle", cmd_cpus},
    {"crash", "<server>", "crash a server to watch the supervisor restart it", cmd_crash},
    {"ipcbench", "", "time 1000 IPC round trips to the supervisor", cmd_ipcbench},
    {"lspci", "", "PCI devices, from the device manager", shell_lspci},
    {NULL, NULL, NULL, NULL},
};

void shell_run(struct shell *sh, char *line)
{
	char *argv[ARGS_MAX];
	int argc = line_split(line, argv, ARGS_MAX);

	if (argc == 0)
		return;
	if (argc < 0) {
		shell_printf(sh, "too many words (at most %d)\n", ARGS_MAX);
		return;
	}
	for (const struct command *c = commands; c->name != NULL; c++)
		if (strcmp(c->name, argv[0]) == 0) {
			c->run(sh, argc, argv);
			return;
		}
	shell_printf(sh, "unknown command '%s'; type 'help' for the list\n", argv[0]);
}
