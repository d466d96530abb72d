/*
 * The serial mirror: what the console shows also goes to the serial server, in chunks of
 * MIRROR_CHUNK bytes (the serial interface's CHUNK_MAX). A chunk the server takes only in part
 * is retried from where it stopped, at most MIRROR_TRIES calls in all, with a pause before each
 * retry; what is still not taken then is dropped and counted. A failed call (the server died,
 * ERR_PEER_DIED; did not answer in time, ERR_TIMEOUT; any other negative status) ends the chunk:
 * the call is counted in failures and the chunk's remaining bytes in dropped. The console keeps
 * running either way. Pure C: the sender is a function pointer, faked by the host tests.
 */
#ifndef CONSOLE_MIRROR_H
#define CONSOLE_MIRROR_H

#include <stddef.h>
#include <stdint.h>

#define MIRROR_CHUNK 128u
#define MIRROR_TRIES 4u

/*
 * Sends buf[0..len) and sets *accepted to how many bytes were taken; returns 0 (ERR_OK), a
 * positive declared error of the serial interface (FULL: nothing taken) or a negative ERR_*.
 */
typedef int32_t (*mirror_send_fn)(void *ctx, const uint8_t *buf, uint8_t len, uint8_t *accepted);
/* Called before each retry of a partly taken chunk (a short sleep on the target). */
typedef void (*mirror_pause_fn)(void *ctx);

struct mirror {
	mirror_send_fn send; /* NULL: no serial server, nothing is mirrored or counted */
	mirror_pause_fn pause;
	void *ctx;
	uint8_t buf[MIRROR_CHUNK];
	uint8_t len;
	uint32_t sent;	   /* bytes the serial server took */
	uint32_t dropped;  /* bytes given up */
	uint32_t failures; /* calls that returned a negative ERR_* */
	int32_t last_error; /* the latest failed call's status (0: none yet) */
};

void mirror_init(struct mirror *m, mirror_send_fn send, mirror_pause_fn pause, void *ctx);
/* Queues bytes; each full chunk is sent at once. */
void mirror_put(struct mirror *m, const uint8_t *data, size_t n);
/* Sends what is queued. */
void mirror_flush(struct mirror *m);

#endif /* CONSOLE_MIRROR_H */
