/*
 * Host tests of the shell's commands against the generated supervisor and device-manager
 * servers through the fake transport: what each command prints, and that every failure is a
 * sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "clients/shell/shell.h"
#include "fake_transport.h"
#include "idl/devmgr_server.h"
#include "idl/memory_server.h"
#include "idl/supervisor_server.h"

static char out[8192];
static size_t out_len;
static struct shell sh;
static struct keel_supervisor_server sup_srv;
static struct keel_devmgr_device_manager_server dm_srv;
static struct keel_memory_server mem_srv;
static unsigned mem_clients; /* how many clients the fake memory server reports */
static char crashed[32];

int32_t sys_get_time_us(uint64_t *us)
{
	*us = 12345678;
	return 0;
}

/* Two CPUs; the shell runs on CPU 1. */
int32_t sys_cpu_info(uint32_t cpu, struct keel_cpu_info *out)
{
	if (cpu > 1)
		return ERR_INVALID;
	*out = (struct keel_cpu_info){.cpu = cpu, .caller_cpu = 1, .load = cpu + 1,
				      .switches = 100 + cpu, .ipis_sent = 7, .ipis_received = 8,
				      .interrupts = 9000, .idle_us = 2500000,
				      .device_irqs = 40 + cpu};
	return ERR_OK;
}

static void capture(void *ctx, const char *text, uint32_t len)
{
	(void)ctx;
	assert_true(out_len + len < sizeof(out));
	memcpy(out + out_len, text, len);
	out_len += len;
	out[out_len] = 0;
}

static const char *const names[] = {"serial", "console", "shell"};

static int32_t sup_count(void *c, const struct idl_caller *k, uint8_t *n)
{
	(void)c;
	(void)k;
	*n = 3;
	return ERR_OK;
}

static int32_t sup_status(void *c, const struct idl_caller *k, uint8_t i,
			  struct keel_supervisor_unit_status *st)
{
	(void)c;
	(void)k;
	if (i >= 3)
		return KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT;
	memset(st, 0, sizeof(*st));
	st->name.len = (uint8_t)strlen(names[i]);
	memcpy(st->name.data, names[i], st->name.len);
	st->state = i == 1 ? KEEL_SUPERVISOR_UNIT_STATE_RESTARTING : KEEL_SUPERVISOR_UNIT_STATE_RUNNING;
	st->priority = (uint8_t)(200 - 50 * i);
	st->threads = i == 1 ? 0 : 2;
	st->restarts = i == 1 ? 7 : 0;
	st->frames_total = 64;
	st->frames_free = 40;
	st->frames_image = 20;
	st->threads_free = 2;
	return ERR_OK;
}

/*
 * Init (KEEL_SUPERVISOR_INIT) holds its unit and INIT_CAPS - 1 endpoints, more than one reply
 * carries; serial and shell an endpoint init derived from its slot 9 and an ioport.
 */
#define INIT_CAPS 11
_Static_assert(INIT_CAPS > KEEL_SUPERVISOR_CAPS_MAX, "init's table takes two replies");

static int32_t sup_caps(void *c, const struct idl_caller *k, uint8_t i, uint16_t first,
			uint8_t *count, struct keel_supervisor_cap_info caps[KEEL_SUPERVISOR_CAPS_MAX])
{
	(void)c;
	(void)k;
	if (i == 1)
		return KEEL_SUPERVISOR_ERROR_NOT_RUNNING;
	if (i == KEEL_SUPERVISOR_INIT) {
		*count = 0;
		for (uint16_t s = first; s < INIT_CAPS && *count < KEEL_SUPERVISOR_CAPS_MAX; s++)
			caps[(*count)++] = (struct keel_supervisor_cap_info){
			    .slot = s, .type = s == 0 ? CAP_TYPE_UNIT : CAP_TYPE_ENDPOINT,
			    .rights = CAP_RIGHTS_ALL, .object = s == 0 ? 0x10000u : 0x20000u + s};
		return ERR_OK;
	}
	*count = first == 0 ? 3 : 0;
	caps[0] = (struct keel_supervisor_cap_info){.slot = 3, .type = CAP_TYPE_ENDPOINT,
						    .rights = CAP_RIGHT_READ, .object = 0x20009,
						    .parent_unit = 0x10000, .parent_slot = 9};
	caps[1] = (struct keel_supervisor_cap_info){.slot = 4, .type = CAP_TYPE_IOPORT,
						    .rights = CAP_RIGHT_READ | CAP_RIGHT_WRITE,
						    .object = 0x10003, .badge = 5,
						    .detail = {0x3f8, 8}};
	caps[2] = (struct keel_supervisor_cap_info){.slot = 5, .type = CAP_TYPE_ENDPOINT,
						    .rights = CAP_RIGHT_WRITE, .object = 0x20009,
						    .parent_slot = KEEL_SUPERVISOR_PARENT_QUEUED};
	return ERR_OK;
}

static int32_t sup_crash(void *c, const struct idl_caller *k,
			 const struct keel_supervisor_name_max_string *name)
{
	(void)c;
	(void)k;
	memcpy(crashed, name->data, name->len);
	crashed[name->len] = 0;
	return strcmp(crashed, "console") == 0 ? KEEL_SUPERVISOR_ERROR_NOT_RUNNING : ERR_OK;
}

static const struct keel_supervisor_handlers sup_handlers = {
    .count = sup_count, .status = sup_status, .caps = sup_caps, .crash = sup_crash};

static int32_t dm_summary(void *c, const struct idl_caller *k, struct keel_devmgr_summary *s)
{
	(void)c;
	(void)k;
	*s = (struct keel_devmgr_summary){.devices = 2, .buses = 1};
	return ERR_OK;
}

static int32_t dm_device(void *c, const struct idl_caller *k, uint8_t i,
			 struct keel_devmgr_device *d)
{
	(void)c;
	(void)k;
	memset(d, 0, sizeof(*d));
	d->vendor = 0x8086;
	d->irq = 0xff;
	if (i == 0) {
		d->device = 0x1237;
		d->class = 6;
		return ERR_OK;
	}
	d->slot = 3;
	d->device = 0x100e;
	d->class = 2;
	d->irq = 11;
	d->bars[0] = (struct keel_devmgr_bar){.kind = KEEL_DEVMGR_BAR_KIND_MEMORY,
					      .base = 0xfebc0000u, .size = 0x20000};
	d->bars[1] = (struct keel_devmgr_bar){.kind = KEEL_DEVMGR_BAR_KIND_IO, .base = 0xc000,
					      .size = 64};
	return ERR_OK;
}

static const struct keel_devmgr_device_manager_handlers dm_handlers = {
    .summary = dm_summary, .device = dm_device};

/* Clients 1..mem_clients: unit i + 1 (badge; 1 is console), quota 100 + i, used i, shared 1. */
static int32_t mem_report(void *c, const struct idl_caller *k, uint8_t first, uint8_t *count,
			  struct keel_memory_client_account *out)
{
	unsigned n = 0;

	(void)c;
	assert_true(k->rights & CAP_RIGHT_ADMIN);
	for (unsigned i = first; i < mem_clients && n < KEEL_MEMORY_REPORT_MAX; i++)
		out[n++] = (struct keel_memory_client_account){
		    .unit = (uint8_t)(i + 2), .quota_pages = 100 + i, .used_pages = i, .shared = 1};
	*count = (uint8_t)n;
	return ERR_OK;
}

static const struct keel_memory_handlers mem_handlers = {.report = mem_report};

static int setup(void **state)
{
	(void)state;
	fake_reset();
	out_len = 0;
	out[0] = 0;
	keel_supervisor_server_init(&sup_srv, CAP_NULL, &sup_handlers, NULL);
	keel_devmgr_device_manager_server_init(&dm_srv, CAP_NULL, &dm_handlers, NULL);
	sh = (struct shell){.out = capture};
	sh.sup.ep = fake_endpoint_new(keel_supervisor_dispatch_untyped, &sup_srv, 5,
				      CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN);
	sh.devmgr.ep = fake_endpoint_new(keel_devmgr_device_manager_dispatch_untyped, &dm_srv, 5,
					 CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	keel_memory_server_init(&mem_srv, CAP_NULL, &mem_handlers, NULL);
	sh.memory.ep = fake_endpoint_new(keel_memory_dispatch_untyped, &mem_srv, 5,
					 CAP_RIGHT_READ | CAP_RIGHT_ADMIN);
	mem_clients = 0;
	return 0;
}

static void run(const char *line)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s", line);
	shell_run(&sh, buf);
}

static void test_help_echo_uptime_and_unknown(void **state)
{
	(void)state;
	run("help");
	assert_non_null(strstr(out, "  lspci"));
	assert_non_null(strstr(out, "  crash    <server>"));
	out_len = 0;
	run("echo  hello   world ");
	assert_string_equal(out, "hello world\n");
	out_len = 0;
	run("uptime");
	assert_string_equal(out, "up 12.345 s\n");
	out_len = 0;
	run("cpus");
	assert_string_equal(out,
			    "CPU LOAD SWITCHES  IPIS-OUT  IPIS-IN   INTERRUPTS DEVICE    IDLE-MS\n"
			    "0   1    100       7         8         9000       40        2500\n"
			    "1   2    101       7         8         9000       41        2500  (this shell)\n");
	out_len = 0;
	run("frob x");
	assert_string_equal(out, "unknown command 'frob'; type 'help' for the list\n");
	out_len = 0;
	run("echo 1 2 3 4 5 6 7 8 9");
	assert_string_equal(out, "too many words (at most 8)\n");
	out_len = 0;
	run("   ");
	assert_int_equal(out_len, 0);
}

static void test_ps_and_mem(void **state)
{
	(void)state;
	run("ps");
	assert_non_null(strstr(out, "UNIT       STATE      PRIO THREADS RESTARTS\n"));
	assert_non_null(strstr(out, "serial     running     200       2        0\n"));
	assert_non_null(strstr(out, "console    restarting  150       0        7\n"));
	out_len = 0;
	run("mem");
	assert_non_null(strstr(out, "serial          256       96       80          2\n"));
	assert_non_null(strstr(out, "memory server clients:\nUNIT          QUOTA     USED   SHARED\n"
				    "(none: no unit holds memory from the memory server)\n"));
}

/* The memory server's report comes in pages of KEEL_MEMORY_REPORT_MAX: all of them shown. */
static void test_mem_quotas(void **state)
{
	(void)state;
	mem_clients = KEEL_MEMORY_REPORT_MAX + 2;
	run("mem");
	assert_non_null(strstr(out, "console         400        0        1\n"));
	assert_non_null(strstr(out, "shell           404        4        1\n"));
	assert_non_null(strstr(out, "unit 11         436       36        1\n")); /* unnamed */
	out_len = 0;
	fake_fail_next(ERR_TIMEOUT);
	sh.sup.ep = CAP_NULL; /* only the memory server's part runs */
	run("mem");
	assert_non_null(strstr(out, "mem: the memory server did not answer: timed out\n"));
	out_len = 0;
	sh.memory.ep = CAP_NULL;
	run("mem");
	assert_null(strstr(out, "memory server"));
}

static void test_caps(void **state)
{
	(void)state;
	run("caps shell");
	assert_string_equal(out, "SLOT  TYPE         RIGHTS OBJECT  FROM         BADGE\n"
				 "   3  endpoint     R----  131081  65536:9      0x0\n"
				 "   4  ioport       RW---  65539   -            0x5\n"
				 "   5  endpoint     -W---  131081  queued       0x0\n");
	out_len = 0;
	run("caps init"); /* more than one reply's worth */
	assert_non_null(strstr(out, "   0  unit         RWXGA  65536   -            0x0\n"
				    "   1  endpoint     RWXGA  131073  -            0x0\n"));
	assert_non_null(strstr(out, "  10  endpoint     RWXGA  131082  -            0x0\n"));
	out_len = 0;
	run("caps console");
	assert_string_equal(out, "SLOT  TYPE         RIGHTS OBJECT  FROM         BADGE\n"
				 "caps: console: the unit is not running\n");
	out_len = 0;
	run("caps nobody");
	assert_string_equal(out, "caps: no unit called 'nobody' (try 'ps')\n");
	out_len = 0;
	run("caps");
	assert_string_equal(out, "usage: caps <unit>\n");
}

/* capsnap: init's table, then each unit's (none for one not running), then the count. */
static void test_capsnap(void **state)
{
	(void)state;
	run("capsnap");
	assert_non_null(strstr(out, "capsnap: unit 255 init running\n"
				    "capsnap: cap 255 0 6 0x1f 65536 0x0 0 0 0x0 0x0\n"
				    "capsnap: cap 255 1 1 0x1f 131073 0x0 0 0 0x0 0x0\n"));
	assert_non_null(strstr(out, "capsnap: cap 255 10 1 0x1f 131082 0x0 0 0 0x0 0x0\n"
				    "capsnap: unit 0 serial running\n"
				    "capsnap: cap 0 3 1 0x1 131081 0x0 65536 9 0x0 0x0\n"
				    "capsnap: cap 0 4 5 0x3 65539 0x5 0 0 0x3f8 0x8\n"
				    "capsnap: cap 0 5 1 0x2 131081 0x0 0 65535 0x0 0x0\n"
				    "capsnap: unit 1 console restarting\n"
				    "capsnap: unit 2 shell running\n"));
	assert_non_null(strstr(out, "capsnap: end 4 units, 17 capabilities\n"));
	out_len = 0;
	fake_fail_next(ERR_TIMEOUT);
	run("capsnap");
	assert_string_equal(out, "capsnap: unit 255 init running\n"
				 "capsnap: the supervisor did not answer: timed out\n");
}

static void test_crash(void **state)
{
	(void)state;
	run("crash serial");
	assert_string_equal(crashed, "serial");
	assert_string_equal(out, "crash: serial crashed; the supervisor restarts it\n");
	out_len = 0;
	run("crash console");
	assert_string_equal(out, "crash: console: the unit is not running\n");
	out_len = 0;
	run("crash a-name-longer-than-thirty-one-bytes");
	assert_non_null(strstr(out, "names are at most 31 bytes"));
}

static void test_lspci(void **state)
{
	(void)state;
	run("lspci");
	assert_string_equal(out, "00:00.0 8086:1237 host bridge\n"
				 "00:03.0 8086:100e Ethernet controller  irq 11 mem 0xfebc0000+128K "
				 "io 0xc000+64\n");
}

static void test_errors_are_sentences(void **state)
{
	(void)state;
	fake_fail_next(ERR_PEER_DIED);
	run("ps");
	assert_non_null(strstr(out, "ps: the supervisor did not answer: the other side went away\n"));
	out_len = 0;
	fake_fail_next(ERR_TIMEOUT);
	run("lspci");
	assert_string_equal(out, "lspci: the device manager did not answer: timed out\n");
	out_len = 0;
	sh.sup.ep = CAP_NULL;
	sh.devmgr.ep = CAP_NULL;
	run("ipcbench");
	assert_string_equal(out, "ipcbench: this system gives the shell no supervisor capability\n");
	out_len = 0;
	run("lspci");
	assert_string_equal(out,
			    "lspci: this system gives the shell no device manager capability\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_help_echo_uptime_and_unknown, setup),
	    cmocka_unit_test_setup(test_ps_and_mem, setup),
	    cmocka_unit_test_setup(test_mem_quotas, setup),
	    cmocka_unit_test_setup(test_caps, setup),
	    cmocka_unit_test_setup(test_capsnap, setup),
	    cmocka_unit_test_setup(test_crash, setup),
	    cmocka_unit_test_setup(test_lspci, setup),
	    cmocka_unit_test_setup(test_errors_are_sentences, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
