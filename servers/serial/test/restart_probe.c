/*
 * //servers/serial:serial_restart_test: once the serial server has sent everything queued
 * (its start-up line and init's), crashes it through init's supervisor and calls it again,
 * which the restarted instance answers. Its exit status is the verdict, which init logs
 * (bit 0: the line never drained, 1: the crash was refused, 2: no answer after it).
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_client.h"
#include "idl/supervisor_client.h"

#define TIMEOUT_US  2000000u
#define DRAIN_TRIES 2000 /* stats calls, 1 ms apart: what the server queued goes out first */

static struct keel_serial_client serial = {.timeout_us = TIMEOUT_US};
static struct keel_supervisor_client sup = {.timeout_us = TIMEOUT_US};

/* Waits (bounded) until the server's transmit ring is empty. */
static bool drained(void)
{
	struct keel_serial_counters c;

	for (unsigned tries = 0; tries < DRAIN_TRIES; tries++) {
		if (keel_serial_stats(&serial, &c) == ERR_OK && c.tx_pending == 0)
			return true;
		sys_sleep_us(1000);
	}
	return false;
}

int main(uintptr_t arg)
{
	struct keel_supervisor_name_max_string name = {.len = 6, .data = "serial"};
	struct keel_serial_counters c;
	int status = 0;

	(void)arg;
	serial.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial");
	sup.ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.supervisor.Supervisor");
	if (!drained())
		status |= 1;
	if (keel_supervisor_crash(&sup, &name) != ERR_OK)
		status |= 2;
	if (keel_serial_stats(&serial, &c) != ERR_OK)
		status |= 4;
	return status;
}
