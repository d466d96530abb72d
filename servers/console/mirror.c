/* The serial mirror (mirror.h). */
#include "servers/console/mirror.h"

void mirror_init(struct mirror *m, mirror_send_fn send, mirror_pause_fn pause, void *ctx)
{
	*m = (struct mirror){.send = send, .pause = pause, .ctx = ctx};
}

void mirror_flush(struct mirror *m)
{
	uint8_t off = 0;

	for (uint32_t tries = 0; m->send != NULL && off < m->len && tries < MIRROR_TRIES; tries++) {
		uint8_t left = (uint8_t)(m->len - off), accepted = 0;
		int32_t rc;

		if (tries > 0 && m->pause != NULL)
			m->pause(m->ctx);
		rc = m->send(m->ctx, m->buf + off, left, &accepted);
		if (rc < 0) {
			m->failures++;
			m->last_error = rc;
			break;
		}
		if (rc == 0) {
			accepted = accepted < left ? accepted : left;
			off = (uint8_t)(off + accepted);
			m->sent += accepted;
		}
	}
	if (m->send != NULL)
		m->dropped += (uint32_t)(m->len - off);
	m->len = 0;
}

void mirror_put(struct mirror *m, const uint8_t *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		m->buf[m->len++] = data[i];
		if (m->len == MIRROR_CHUNK)
			mirror_flush(m);
	}
}
