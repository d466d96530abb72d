/*
 * Init's tracer (docs/tools.md, "Trace viewer"): while the kernel traces (the kernel command
 * line's `trace` or `profile`), init copies the kernel's trace rings (CAP_ROOT_TRACE,
 * <keel/abi.h>) out as servers/tracer/trace_stream.h lays out, whenever it wakes and at least
 * every INIT_TRACE_POLL_US: into the memory it shares with the host if QEMU has the device
 * (trace_shm.c), else to QEMU's debug console, port 0xe9. Copying costs init a few traced
 * syscalls per round, never an event per event, so the trace does not feed itself; what the
 * channel cannot take yet stays in the kernel's rings for the next round.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"
#include "servers/tracer/trace_stream.h"

#define DEBUGCON_PORT 0xe9u

static struct keel_trace *rings; /* mapped read-write; NULL when not tracing */
static struct trace_shm *shm;	 /* the shared-memory channel, or NULL: the debug console */
static uint32_t blocks, last_dropped[32];

uint32_t init_poll_us = INIT_KLOG_POLL_US;

/* Bytes the channel takes now: the debug console any number, the shared ring its room. */
static uint32_t room(void)
{
	uint32_t used = shm ? shm->head - shm->tail : 0;

	return shm == NULL ? UINT32_MAX : used > shm->size ? 0 : shm->size - used;
}

static void put_bytes(const void *p, uint32_t n)
{
	if (shm == NULL) {
		__asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(DEBUGCON_PORT) : "memory");
		return;
	}
	uint8_t *data = (uint8_t *)shm + shm->data_offset;
	uint32_t head = shm->head, at = head % shm->size;
	uint32_t first = n < shm->size - at ? n : shm->size - at;

	memcpy(data + at, p, first);
	memcpy(data, (const uint8_t *)p + first, n - first);
	__asm__ volatile("" ::: "memory"); /* the bytes are there before the host counts them */
	shm->head = head + n;
}

/* Maps the rings and takes the debug console's port, if the kernel traces. */
void init_trace_start(void)
{
	struct keel_trace *t = (struct keel_trace *)INIT_TRACE_VA;
	int32_t r = sys_trace(CAP_ROOT_TRACE, TRACE_QUERY), port = ERR_OK;

	if (r <= 0)
		return; /* nothing recorded, or no capability: nothing to copy */
	r = sys_mem_map(CAP_ROOT_TRACE, t, MEM_MAP_READ | MEM_MAP_WRITE);
	shm = r == ERR_OK ? init_trace_shm() : NULL;
	if (r == ERR_OK && shm == NULL &&
	    (port = sys_ioport_create(CAP_ROOT_IOPORT, DEBUGCON_PORT, 1)) >= 0)
		r = sys_ioport_enable(port);
	if (r == ERR_OK && port < 0)
		r = port;
	if (r != ERR_OK || t->magic != KEEL_TRACE_MAGIC || t->cpus > 32) {
		uprintf("init: the kernel traces, but init cannot copy it out: %s\n",
			r != ERR_OK ? keel_strerror(r) : "bad trace header");
		return;
	}
	rings = t;
	init_poll_us = INIT_TRACE_POLL_US;
	uprintf("init: tracing: %u CPUs x %u events to %s\n", (unsigned)t->cpus,
		(unsigned)t->slots, shm ? "memory shared with the host (ivshmem)"
				       : "the debug console (port 0xe9)");
}

/* One CPU's events not yet taken, as one block (as many as the channel takes now); then
 * they are taken. */
static void drain_cpu(uint32_t c)
{
	struct keel_trace_cpu *cpu = &rings->cpu[c];
	uint32_t head = cpu->head, tail = cpu->tail, slots = rings->slots;
	const struct keel_trace_event *ev =
	    (const struct keel_trace_event *)((const uint8_t *)rings + rings->events_offset) +
	    c * slots;
	struct trace_block b = {.magic = TRACE_BLOCK_MAGIC, .version = TRACE_STREAM_VERSION,
				.cpu = (uint16_t)c, .count = head - tail, .dropped = cpu->dropped,
				.cycle_hz = rings->cycle_hz, .seq = blocks};

	uint32_t fit = room() / sizeof(*ev);

	if (b.count > slots) /* never, unless init wrote tail wrong: take what the ring holds */
		b.count = slots, tail = head - slots;
	if (fit == 0 || (b.count == 0 && b.dropped == last_dropped[c]))
		return;
	if (b.count > fit - 1)
		b.count = fit - 1; /* the rest next round */
	uint32_t first = tail % slots, n1 = b.count < slots - first ? b.count : slots - first;

	put_bytes(&b, sizeof(b));
	put_bytes(ev + first, n1 * (uint32_t)sizeof(*ev));
	put_bytes(ev, (b.count - n1) * (uint32_t)sizeof(*ev));
	__asm__ volatile("" ::: "memory"); /* copied before the kernel may reuse the slots */
	cpu->tail = tail + b.count;
	last_dropped[c] = b.dropped;
	blocks++;
}

void init_trace_drain(void)
{
	for (uint32_t c = 0; rings != NULL && c < rings->cpus; c++)
		drain_cpu(c);
}
