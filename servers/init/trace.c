/*
 * Init's tracer (docs/tools.md, "Trace viewer"): while the kernel traces (the kernel command
 * line's `trace` or `profile`), init copies the kernel's trace rings (CAP_ROOT_TRACE, <keel/abi.h>) to
 * QEMU's debug console, port 0xe9, as servers/tracer/trace_stream.h lays out, whenever it
 * wakes and at least every INIT_TRACE_POLL_US. Copying costs init a few traced syscalls per
 * round, never an event per event, so the trace does not feed itself.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"
#include "servers/tracer/trace_stream.h"

#define DEBUGCON_PORT 0xe9u

static struct keel_trace *rings; /* mapped read-write; NULL when not tracing */
static uint32_t blocks, last_dropped[32];

uint32_t init_poll_us = INIT_KLOG_POLL_US;

static void put_bytes(const void *p, uint32_t n)
{
	__asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(DEBUGCON_PORT) : "memory");
}

/* Maps the rings and takes the debug console's port, if the kernel traces. */
void init_trace_start(void)
{
	struct keel_trace *t = (struct keel_trace *)INIT_TRACE_VA;
	int32_t r = sys_trace(CAP_ROOT_TRACE, TRACE_QUERY), port = ERR_OK;

	if (r <= 0)
		return; /* nothing recorded, or no capability: nothing to copy */
	r = sys_mem_map(CAP_ROOT_TRACE, t, MEM_MAP_READ | MEM_MAP_WRITE);
	if (r == ERR_OK && (port = sys_ioport_create(CAP_ROOT_IOPORT, DEBUGCON_PORT, 1)) >= 0)
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
	uprintf("init: tracing: %u CPUs x %u events to the debug console (port 0xe9)\n",
		(unsigned)t->cpus, (unsigned)t->slots);
}

/* One CPU's events not yet taken, as one block; then they are taken. */
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

	if (b.count > slots) /* never, unless init wrote tail wrong: take what the ring holds */
		b.count = slots, tail = head - slots;
	if (b.count == 0 && b.dropped == last_dropped[c])
		return;
	uint32_t first = tail % slots, n1 = b.count < slots - first ? b.count : slots - first;

	put_bytes(&b, sizeof(b));
	put_bytes(ev + first, n1 * (uint32_t)sizeof(*ev));
	put_bytes(ev, (b.count - n1) * (uint32_t)sizeof(*ev));
	__asm__ volatile("" ::: "memory"); /* copied before the kernel may reuse the slots */
	cpu->tail = head;
	last_dropped[c] = b.dropped;
	blocks++;
}

void init_trace_drain(void)
{
	for (uint32_t c = 0; rings != NULL && c < rings->cpus; c++)
		drain_cpu(c);
}
