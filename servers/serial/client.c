/* Client helpers of the serial server (client.h). */
#include "servers/serial/client.h"

#include <keel/syscall.h>
#include <keel/ulib.h>

/* Writes one piece of at most CHUNK_MAX bytes; *taken says how many went in. */
static int32_t write_piece(const struct keel_serial_client *c, const uint8_t *p, size_t n,
			   uint8_t *taken)
{
	struct keel_serial_chunk_max_bytes chunk;

	*taken = 0;
	if (n > KEEL_SERIAL_CHUNK_MAX)
		n = KEEL_SERIAL_CHUNK_MAX;
	chunk.len = (uint8_t)n;
	memset(chunk.data, 0, sizeof(chunk.data));
	memcpy(chunk.data, p, n);
	return keel_serial_write(c, &chunk, taken);
}

int32_t serial_write_all(const struct keel_serial_client *c, const void *data, size_t len,
			 uint64_t stall_us, size_t *written)
{
	const uint8_t *p = data;
	size_t done = 0;
	uint64_t last_progress = 0, now = 0;
	int32_t r = ERR_OK;

	(void)sys_get_time_us(&last_progress);
	while (done < len) {
		uint8_t taken;

		r = write_piece(c, p + done, len - done, &taken);
		if (r != ERR_OK && r != KEEL_SERIAL_ERROR_FULL)
			break;
		(void)sys_get_time_us(&now);
		if (taken > 0) {
			done += taken;
			last_progress = now;
		} else if (now - last_progress >= stall_us) {
			r = KEEL_SERIAL_ERROR_FULL;
			break;
		} else {
			(void)
			    sys_yield(); /* let equal-priority threads run while the UART drains */
		}
		r = ERR_OK;
	}
	if (written != NULL)
		*written = done;
	return r;
}
