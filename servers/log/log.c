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
static uint32_t (*log_write)(const char *buf, uint32_t len);
static const char *log_who = "unit";
static const char *lost_while = "while the serial server was away";
static uint32_t lost_bytes;
static char pending[KEEL_LOG_PENDING_MAX];
static uint32_t pending_len;

/* Writes buf through the serial server; returns how many of its first bytes it took. */
static uint32_t serial_write_all(const char *buf, uint32_t len)
{
	struct keel_serial_chunk_max_bytes chunk;
	uint32_t done = 0, stalls = 0;

	if (serial.ep == CAP_NULL || (serial_ready != NULL && !serial_ready()))
		return 0;
	while (done < len && stalls < 3) {
		uint8_t accepted = 0;

		chunk.len = (uint8_t)(len - done < KEEL_SERIAL_CHUNK_MAX ? len - done
									 : KEEL_SERIAL_CHUNK_MAX);
		memcpy(chunk.data, buf + done, chunk.len);
		if (keel_serial_write(&serial, &chunk, &accepted) < 0)
			return done;
		done += accepted;
		stalls = accepted == 0 ? stalls + 1 : 0;
	}
	return done;
}

/* Writes what waits in `pending` (what is taken leaves it); true once it is empty. */
static bool flush_pending(void)
{
	uint32_t n;

	if (pending_len == 0)
		return true;
	n = log_write(pending, pending_len);
	memmove(pending, pending + n, pending_len - n);
	pending_len -= n;
	return pending_len == 0;
}

/* Once everything before it went out: the line saying how many bytes were lost. */
static void report_lost(void)
{
	uint32_t lost = lost_bytes;

	if (lost == 0 || pending_len > 0)
		return;
	lost_bytes = 0;
	uprintf("%s: %u bytes of log were lost %s\n", log_who, (unsigned)lost, lost_while);
}

static int32_t log_sink(const char *buf, uint32_t len)
{
	uint32_t n = flush_pending() ? log_write(buf, len) : 0;

	buf += n;
	len -= n;
	if (len == 0)
		report_lost();
	else if (len <= KEEL_LOG_PENDING_MAX - pending_len) {
		memcpy(pending + pending_len, buf, len);
		pending_len += len;
	} else {
		lost_bytes += len;
	}
	return 0;
}

/* Sends uprintf to `write` unless this is a test image; false if it stays there. */
static bool start(uint32_t (*write)(const char *, uint32_t), const char *who)
{
	/*
	 * A test image (debug right) keeps SYS_DEBUG_PRINT: its lines then stay in order with
	 * the test programs' own and survive a serial server that a test crashes mid-line.
	 */
	if (sys_debug_print("", 0) == ERR_OK)
		return false;
	log_write = write;
	log_who = who;
	uprintf_sink = log_sink;
	return true;
}

bool keel_log_start_to(cap_t ep, const char *who, bool (*ready)(void))
{
	if (ep < 0 || !start(serial_write_all, who))
		return false;
	serial.ep = ep;
	serial_ready = ready;
	return true;
}

bool keel_log_start_local(uint32_t (*write)(const char *buf, uint32_t len), const char *who)
{
	if (!start(write, who))
		return false;
	lost_while = "while the transmit ring was full";
	return true;
}

void keel_log_flush(void)
{
	if (log_write != NULL && flush_pending())
		report_lost();
}

bool keel_log_start(void)
{
	const struct keel_startup *t = keel_startup();

	return keel_log_start_to(keel_startup_cap(KEEL_STARTUP_CLIENT, KEEL_LOG_SERIAL),
				 t != NULL ? t->unit : "unit", NULL);
}
