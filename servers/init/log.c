/*
 * Init's log: its lines go to the serial server, which carries the system log
 * (docs/system.md), except in test images, where SYS_DEBUG_PRINT is allowed and used. While no serial server runs, or it does not answer within LOG_TIMEOUT_US,
 * a line goes to SYS_DEBUG_PRINT instead (test images), else it is kept in a bounded buffer
 * (LOG_PENDING_MAX) written out once the server answers; what does not fit is counted and the
 * next line that gets through says how much was lost. Supervision never waits long on its log.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_client.h"
#include "servers/init/init.h"

#define LOG_TIMEOUT_US 20000u
#define LOG_SERIAL "keel.serial.Serial"
#define LOG_PENDING_MAX 2048u

static struct keel_serial_client serial = {.ep = CAP_NULL, .timeout_us = LOG_TIMEOUT_US};
static int32_t serial_slot = -1;
static uint32_t lost_bytes;
static char pending[LOG_PENDING_MAX];
static uint32_t pending_len;

/* Writes all of buf through the serial server; false if it is not there or stops taking it. */
static bool serial_write_all(const char *buf, uint32_t len)
{
	struct keel_serial_chunk_max_bytes chunk;
	uint32_t done = 0, stalls = 0;

	if (serial.ep == CAP_NULL || init_slots[serial_slot].state != SLOT_RUNNING)
		return false;
	while (done < len && stalls < 3) {
		uint8_t accepted = 0;

		chunk.len = (uint8_t)(len - done < KEEL_SERIAL_CHUNK_MAX ? len - done
									 : KEEL_SERIAL_CHUNK_MAX);
		memcpy(chunk.data, buf + done, chunk.len);
		int32_t r = keel_serial_write(&serial, &chunk, &accepted);

		if (r < 0)
			return false;
		done += accepted;
		stalls = accepted == 0 ? stalls + 1 : 0;
	}
	return done == len;
}

static int32_t log_sink(const char *buf, uint32_t len)
{
	if (pending_len > 0 && serial_write_all(pending, pending_len))
		pending_len = 0;
	if (pending_len == 0 && serial_write_all(buf, len)) {
		if (lost_bytes > 0) {
			uint32_t lost = lost_bytes;

			lost_bytes = 0;
			uprintf("init: %u bytes of log were lost while the serial server was away\n",
				(unsigned)lost);
		}
		return 0;
	}
	if (sys_debug_print(buf, len) == ERR_OK)
		return 0;
	if (len <= LOG_PENDING_MAX - pending_len) {
		memcpy(pending + pending_len, buf, len);
		pending_len += len;
	} else {
		lost_bytes += len;
	}
	return 0;
}

void init_log_start(void)
{
	/*
	 * A test image (debug right) keeps SYS_DEBUG_PRINT: its lines then stay in order with
	 * the test programs' own and survive a serial server that a test crashes mid-line.
	 */
	if (sys_debug_print("", 0) == ERR_OK)
		return;
	for (uint32_t i = 0; i < init_nslots && serial.ep == CAP_NULL; i++) {
		const struct manifest_unit *m = init_slots[i].m;

		for (uint32_t k = 0; k < m->ncaps; k++) {
			if (m->caps[k].kind != KEEL_STARTUP_SERVE || strcmp(m->caps[k].name, LOG_SERIAL))
				continue;
			serial.ep = cap_derive(init_slots[i].endpoints[m->caps[k].arg0],
					       CAP_RIGHT_WRITE, INIT_BADGE);
			serial_slot = (int32_t)i;
			break;
		}
	}
	if (serial.ep < 0)
		serial.ep = CAP_NULL;
	uprintf_sink = log_sink;
}
