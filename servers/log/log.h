/*
 * A server's log (docs/system.md, "Logs"): its uprintf lines go to the serial server, which
 * carries the system log (the serial server's own lines go into its transmit ring). In test images (SYS_DEBUG_PRINT allowed) nothing changes: lines
 * keep going straight to the serial line, in order with the test programs' own.
 */
#ifndef KEEL_SERVERS_LOG_LOG_H
#define KEEL_SERVERS_LOG_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>

#define KEEL_LOG_SERIAL	     "keel.serial.Serial" /* the interface the log goes to */
#define KEEL_LOG_TIMEOUT_US  20000u /* a write the serial server does not take by then waits */
#define KEEL_LOG_PENDING_MAX 2048u  /* bytes kept while the serial server is away */

/*
 * For a unit started from a manifest: from now on uprintf goes through the unit's
 * KEEL_STARTUP_CLIENT capability to KEEL_LOG_SERIAL (manifest: `uses serial
 * keel.serial.Serial rights WRITE`). Without one, and in test images, uprintf is left alone.
 * While the serial server does not take a line, it waits in a bounded buffer
 * (KEEL_LOG_PENDING_MAX); what does not fit is counted, and the next line that gets through
 * is followed by one saying how many bytes were lost. Call once, before the unit's threads
 * print (the buffer has no lock). Returns whether the log now goes to the serial server.
 */
bool keel_log_start(void);

/*
 * The same with the serial endpoint `serial` (WRITE) given: for init, which serves no table
 * of its own. `ready`, if not NULL, says whether the serial server runs now (while it does
 * not, lines wait without a call); `who` names the unit in the lost-bytes line.
 */
bool keel_log_start_to(cap_t serial, const char *who, bool (*ready)(void));

/*
 * The same for the serial server itself, which cannot call its own endpoint: lines go to
 * `write`, which takes what it can of buf now (the server's transmit ring) and returns how
 * many of its first bytes it took. The rest waits in the bounded buffer, counted as lost past
 * it, as above; the server calls keel_log_flush when its ring drained.
 */
bool keel_log_start_local(uint32_t (*write)(const char *buf, uint32_t len), const char *who);

/* Writes what waits in the buffer now (and the lost-bytes line after it, if due). */
void keel_log_flush(void);

#endif /* KEEL_SERVERS_LOG_LOG_H */
