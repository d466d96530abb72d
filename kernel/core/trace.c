/*
 * The trace rings (<kernel/trace.h>, <keel/abi.h>): one static area the root task maps, laid
 * out once; each CPU writes only its own ring. The kernel keeps each ring's head and drop
 * count here and reads only `tail` back from the shared memory, so a reader can make it drop
 * events but never write outside its ring.
 */
#include <kernel/arch.h>
#include <kernel/percpu.h>
#include <kernel/trace.h>

#define TRACE_CPUS PERCPU_MAX_CPUS
#define TRACE_SLOTS 2048u /* events per ring */

static struct trace_area {
	struct keel_trace h;
	struct keel_trace_cpu cpu[TRACE_CPUS];
	struct keel_trace_event ev[TRACE_CPUS][TRACE_SLOTS]; /* at 64 + 64 * TRACE_CPUS */
} trace_rings __attribute__((aligned(4096)));

static struct trace_state {
	uint32_t head, dropped, running;
} trace_state[TRACE_CPUS];

volatile bool trace_enabled, trace_sampling;
void *trace_object;

void *trace_init(uint64_t cycle_hz, uint32_t *bytes)
{
	trace_rings.h = (struct keel_trace){.magic = KEEL_TRACE_MAGIC, .cpus = TRACE_CPUS,
					    .slots = TRACE_SLOTS, .cycle_hz = cycle_hz,
					    .events_offset = offsetof(struct trace_area, ev)};
	*bytes = (sizeof(trace_rings) + 4095u) & ~4095u;
	return &trace_rings;
}

void trace_put(uint32_t type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	unsigned cpu = arch_cpu_id() % TRACE_CPUS; /* below it (percpu_init): plain to see */
	struct trace_state *s = &trace_state[cpu];
	uint32_t n = s->head;

	if (n - trace_rings.cpu[cpu].tail >= TRACE_SLOTS) {
		trace_rings.cpu[cpu].dropped = ++s->dropped;
		return;
	}
	trace_rings.ev[cpu][n % TRACE_SLOTS] = (struct keel_trace_event){
	    .tsc = arch_read_cycles(), .type = (uint16_t)type, .cpu = (uint16_t)cpu,
	    .thread = s->running, .arg = {a0, a1, a2, a3}};
	if (type == TRACE_EV_SWITCH)
		s->running = a1;
	__asm__ volatile("" ::: "memory"); /* the event is there before a reader counts it */
	trace_rings.cpu[cpu].head = s->head = n + 1;
}

int trace_switch(uint32_t op, uint32_t running)
{
	int was = (trace_enabled ? TRACE_ON : 0) | (trace_sampling ? TRACE_SAMPLE : 0);

	if (op == TRACE_QUERY || op > (TRACE_ON | TRACE_SAMPLE))
		return op == TRACE_QUERY ? was : ERR_INVALID;
	trace_sampling = op & TRACE_SAMPLE;
	if ((op & TRACE_ON) && !trace_enabled) {
		trace_state[arch_cpu_id() % TRACE_CPUS].running = running;
		trace_put(TRACE_EV_ON, 0, 0, 0, 0);
	}
	trace_enabled = op & TRACE_ON;
	return was;
}
