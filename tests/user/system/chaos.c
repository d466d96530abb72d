/*
 * Fault recovery through init's supervisor. First each server in turn is crashed: init
 * restarts it, a call to it right after succeeds and no other unit's restart count moves.
 * Then a server that keeps crashing (the supervision test's crasher, limit 3 per 10 s) hits
 * its rate limit and is left stopped, reported as gave-up. Then SOAK_ROUNDS random crashes of
 * the drivers in one boot: every one is followed by exactly one restart of that server and a
 * successful call, and the kernel never panics (the test forbids it).
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "codegen/examples/echo/echo_client.h"
#include "idl/devmgr_client.h"
#include "idl/keyboard_client.h"
#include "idl/serial_client.h"
#include "idl/supervisor_client.h"

#ifndef SOAK_ROUNDS
#define SOAK_ROUNDS 1000
#endif
#define TIMEOUT_US 2000000u
#define UNITS_MAX 8
#define DRIVERS 3

static struct keel_supervisor_client sup;
static struct keel_serial_client serial;
static struct keel_keyboard_client keyboard;
static struct keel_devmgr_device_manager_client devmgr;
static const char *const drivers[DRIVERS] = {"serial", "keyboard", "devmgr"};
static uint8_t nunits;
static int index_of[DRIVERS];

/* A call each driver answers: proof it is serving. */
static int32_t call_driver(int d)
{
	struct keel_serial_counters sc;
	struct keel_keyboard_driver_stats ks;
	struct keel_devmgr_summary ds;

	if (d == 0)
		return keel_serial_stats(&serial, &sc);
	if (d == 1)
		return keel_keyboard_stats(&keyboard, &ks);
	return keel_devmgr_device_manager_summary(&devmgr, &ds);
}

static int32_t status(int unit, struct keel_supervisor_unit_status *st)
{
	return keel_supervisor_status(&sup, (uint8_t)unit, st);
}

/* Every unit's restart count. */
static void restarts(uint32_t out[UNITS_MAX])
{
	struct keel_supervisor_unit_status st;

	for (int i = 0; i < nunits && i < UNITS_MAX; i++)
		out[i] = status(i, &st) == ERR_OK ? st.restarts : 0xffffffffu;
}

static int32_t crash(const char *name)
{
	struct keel_supervisor_name_max_string n = {.len = (uint8_t)strlen(name)};

	memcpy(n.data, name, n.len);
	return keel_supervisor_crash(&sup, &n);
}

/* Waits (bounded) until unit is running again; its state then. */
static uint8_t wait_running(int unit)
{
	struct keel_supervisor_unit_status st = {0};

	for (unsigned tries = 0; tries < 2000; tries++) {
		if (status(unit, &st) == ERR_OK && st.state == KEEL_SUPERVISOR_UNIT_STATE_RUNNING)
			break;
		sys_sleep_us(1000); /* a restart waits out its back-off: poll, bounded */
	}
	return st.state;
}

/* Crashes driver d; ERR_OK if exactly it was restarted once and answers again. */
static int crash_and_check(int d)
{
	uint32_t before[UNITS_MAX], after[UNITS_MAX];
	int bad = 0;

	restarts(before);
	if (crash(drivers[d]) != ERR_OK ||
	    wait_running(index_of[d]) != KEEL_SUPERVISOR_UNIT_STATE_RUNNING)
		return 1;
	bad += call_driver(d) != ERR_OK;
	restarts(after);
	for (int i = 0; i < nunits && i < UNITS_MAX; i++)
		bad += after[i] != before[i] + (i == index_of[d]);
	return bad;
}

static int find_unit(const char *name)
{
	struct keel_supervisor_unit_status st;

	for (int i = 0; i < nunits; i++)
		if (status(i, &st) == ERR_OK && st.name.len == strlen(name) &&
		    memcmp(st.name.data, name, st.name.len) == 0)
			return i;
	return -1;
}

/* The crasher ends four times within its window of 10 s, over its limit of 3. */
static void crash_loop(void)
{
	struct keel_echo_client echo = {.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.echo.Echo"),
					.timeout_us = 300000};
	struct keel_echo_text_max_string in = {.len = 2, .data = "hi"}, out;
	struct keel_supervisor_unit_status st = {0};
	int crasher = find_unit("crasher");

	CHECK("chaos", "crasher answers", keel_echo_echo(&echo, &in, &out), ERR_OK);
	for (int i = 0; i < 4; i++) {
		CHECK("chaos", "crash the crasher", crash("crasher"), ERR_OK);
		if (i < 3)
			CHECK("chaos", "crasher back", wait_running(crasher),
			      KEEL_SUPERVISOR_UNIT_STATE_RUNNING);
	}
	CHECK("chaos", "crasher status", status(crasher, &st), ERR_OK);
	CHECK("chaos", "crasher left stopped", st.state, KEEL_SUPERVISOR_UNIT_STATE_GAVE_UP);
	CHECK("chaos", "crasher restarts", st.restarts, 3);
	CHECK("chaos", "crash a stopped unit", crash("crasher"),
	      KEEL_SUPERVISOR_ERROR_NOT_RUNNING);
	CHECK("chaos", "no crasher: the call times out", keel_echo_echo(&echo, &in, &out),
	      ERR_TIMEOUT);
}

static void soak(void)
{
	uint32_t seed = 0x2545f491u, count[DRIVERS] = {0}, first[UNITS_MAX], last[UNITS_MAX];
	int bad = 0;

	restarts(first);
	for (unsigned i = 0; i < SOAK_ROUNDS; i++) {
		seed ^= seed << 13; /* xorshift32: the same sequence every run */
		seed ^= seed >> 17;
		seed ^= seed << 5;
		count[seed % DRIVERS]++;
		bad += crash_and_check((int)(seed % DRIVERS));
	}
	restarts(last);
	for (int d = 0; d < DRIVERS; d++)
		bad += last[index_of[d]] - first[index_of[d]] != count[d];
	uprintf("chaos soak: %u crashes (serial %u, keyboard %u, devmgr %u), %d unaccounted\n",
		(unsigned)SOAK_ROUNDS, (unsigned)count[0], (unsigned)count[1], (unsigned)count[2],
		bad);
	CHECK("chaos", "soak: every crash restarted exactly its server", bad, 0);
}

int main(uintptr_t arg)
{
	(void)arg;
	sup.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor");
	serial.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial");
	keyboard.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.keyboard.Keyboard");
	devmgr.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.devmgr.DeviceManager");
	sup.timeout_us = serial.timeout_us = keyboard.timeout_us = devmgr.timeout_us = TIMEOUT_US;
	CHECK("chaos", "units", keel_supervisor_count(&sup, &nunits), ERR_OK);
	for (int d = 0; d < DRIVERS; d++) {
		index_of[d] = find_unit(drivers[d]);
		CHECK("chaos", "driver found", index_of[d] >= 0, 1);
	}
	for (int d = 0; d < DRIVERS; d++)
		CHECK("chaos", "crash in turn: restarted alone and answering", crash_and_check(d), 0);
	crash_loop();
	soak();
	uprintf("chaos: %d failed\n", check_failed);
	return check_failed;
}
