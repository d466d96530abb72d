/*
 * A server's log through the serial server (log.h). uprintf hands each chunk to log_sink,
 * which writes it with bounded waits (KEEL_LOG_TIMEOUT_US per call), so a unit never waits
 * long on its log; what the serial server does not take waits in `pending`, and past that
 * is counted as lost and reported once lines get through again.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_client.h"
#include "servers/log/log.h"

static struct keel_serial_client serial = {.ep = CAP_NULL, .timeout_us = KEEL_LOG_TIMEOUT_US};
static bool (*serial_ready)(void);
static const char *log_who = "unit";
static uint32_t lost_bytes;
static char pending[KEEL_LOG_PENDING_MAX];
static uint32_t pending_len;

/* Writes all of buf through the serial server; false if it is not there or stops taking it. */
static bool serial_write_all(const char *buf, uint32_t len)
{
	struct keel_serial_chunk_max_bytes chunk;
	uint32_t done = 0, stalls = 0;

	if (serial.ep == CAP_NULL || (serial_ready != NULL && !serial_ready()))
		return false;
	while (done < len && stalls < 3) {
		uint8_t accepted = 0;

		chunk.len = (uint8_t)(len - done < KEEL_SERIAL_CHUNK_MAX ? len - done
									 : KEEL_SERIAL_CHUNK_MAX);
		memcpy(chunk.data, buf + done, chunk.len);
		if (keel_serial_write(&serial, &chunk, &accepted) < 0)
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
			uprintf("%s: %u bytes of log were lost while the serial server was away\n",
				log_who, (unsigned)lost);
		}
		return 0;
	}
	if (len <= KEEL_LOG_PENDING_MAX - pending_len) {
		memcpy(pending + pending_len, buf, len);
		pending_len += len;
	} else {
		lost_bytes += len;
	}
	return 0;
}

bool keel_log_start_to(cap_t ep, const char *who, bool (*ready)(void))
{
	/*
	 * A test image (debug right) keeps SYS_DEBUG_PRINT: its lines then stay in order with
	 * the test programs' own and survive a serial server that a test crashes mid-line.
	 */
	if (sys_debug_print("", 0) == ERR_OK || ep < 0)
		return false;
	serial.ep = ep;
	serial_ready = ready;
	log_who = who;
	uprintf_sink = log_sink;
	return true;
}

bool keel_log_start(void)
{
	const struct keel_startup *t = keel_startup();

	return keel_log_start_to(keel_startup_cap(KEEL_STARTUP_CLIENT, KEEL_LOG_SERIAL),
				 t != NULL ? t->unit : "unit", NULL);
}
