/*
 * A bounded byte ring (FIFO) over a caller's buffer: the serial driver's receive and transmit
 * queues. Pure C, no kernel calls, so host tests cover it. Never overwrites: a push that does
 * not fit takes what fits and says how much, and the caller counts the rest.
 */
#ifndef SERVERS_SERIAL_RING_H
#define SERVERS_SERIAL_RING_H

#include <stdbool.h>
#include <stdint.h>

struct serial_ring {
	uint8_t *buf;
	uint32_t size;	/* bytes buf holds; 1..UINT16_MAX */
	uint32_t head;	/* index of the oldest byte; < size */
	uint32_t count; /* bytes queued; <= size */
};

/* Empties r over buf[0..size). */
void serial_ring_init(struct serial_ring *r, uint8_t *buf, uint32_t size);
static inline uint32_t serial_ring_count(const struct serial_ring *r)
{
	return r->count;
}
static inline uint32_t serial_ring_space(const struct serial_ring *r)
{
	return r->size - r->count;
}
/* Appends b; false (nothing changed) when the ring is full. */
bool serial_ring_push(struct serial_ring *r, uint8_t b);
/* Appends the first bytes of data[0..n) that fit; returns how many. */
uint32_t serial_ring_write(struct serial_ring *r, const uint8_t *data, uint32_t n);
/* Removes the oldest byte into *b; false when the ring is empty. */
bool serial_ring_pop(struct serial_ring *r, uint8_t *b);
/* Copies up to n of the oldest bytes to out without removing them; returns how many. */
uint32_t serial_ring_peek(const struct serial_ring *r, uint8_t *out, uint32_t n);
/* Removes the n oldest bytes (at most the count). */
void serial_ring_drop(struct serial_ring *r, uint32_t n);

#endif
