/* The serial driver's bounded byte ring (ring.h). */
#include "servers/serial/ring.h"

void serial_ring_init(struct serial_ring *r, uint8_t *buf, uint32_t size)
{
	r->buf = buf;
	r->size = size;
	r->head = 0;
	r->count = 0;
}

bool serial_ring_push(struct serial_ring *r, uint8_t b)
{
	if (r->count == r->size)
		return false;
	r->buf[(r->head + r->count) % r->size] = b;
	r->count++;
	return true;
}

uint32_t serial_ring_write(struct serial_ring *r, const uint8_t *data, uint32_t n)
{
	uint32_t done = 0;

	while (done < n && serial_ring_push(r, data[done]))
		done++;
	return done;
}

bool serial_ring_pop(struct serial_ring *r, uint8_t *b)
{
	if (r->count == 0)
		return false;
	*b = r->buf[r->head];
	r->head = (r->head + 1) % r->size;
	r->count--;
	return true;
}

uint32_t serial_ring_peek(const struct serial_ring *r, uint8_t *out, uint32_t n)
{
	uint32_t take = n < r->count ? n : r->count;

	for (uint32_t i = 0; i < take; i++)
		out[i] = r->buf[(r->head + i) % r->size];
	return take;
}

void serial_ring_drop(struct serial_ring *r, uint32_t n)
{
	uint32_t take = n < r->count ? n : r->count;

	r->head = (r->head + take) % r->size;
	r->count -= take;
}
