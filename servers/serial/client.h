/*
 * Client helpers of the serial server (idl/serial.idl) for units that use it: writing a
 * whole buffer, however long, through the bounded transmit ring.
 */
#ifndef SERVERS_SERIAL_CLIENT_H
#define SERVERS_SERIAL_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "idl/serial_client.h"

/*
 * Writes data[0..len) in order, in CHUNK_MAX pieces, calling write again with the rest
 * whenever the ring took only part (it drains as the UART sends). Gives up when no byte was
 * taken for stall_us of the clock (the UART is stuck or gone): then KEEL_SERIAL_ERROR_FULL.
 * Returns ERR_OK, that, or the first other error of write; *written (may be NULL) says how
 * many bytes went in either way, so nothing is lost silently.
 */
int32_t serial_write_all(const struct keel_serial_client *c, const void *data, size_t len,
			 uint64_t stall_us, size_t *written);

#endif
