/*
 * Unit tests for the trace rings (trace.c): the layout a reader finds, nothing recorded while
 * off, events in order with the running thread and time, the ring never overwriting an event
 * not taken (dropped and counted instead), a reader's tail freeing room, a garbage tail only
 * making the kernel drop, and SYS_TRACE's switch results.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/host_fake.h>
#include <kernel/percpu.h>
#include <kernel/trace.h>

static struct keel_trace *h;

static struct keel_trace_event *event(unsigned cpu, uint32_t n)
{
	return (struct keel_trace_event *)((uint8_t *)h + h->events_offset) +
	       cpu * h->slots + n % h->slots;
}

static int setup(void **state)
{
	uint32_t bytes;

	(void)state;
	trace_switch(TRACE_OFF, 0);
	h = trace_init(1000000, &bytes);
	h->cpu[0].tail = h->cpu[0].head; /* what earlier tests left is taken */
	assert_int_equal(bytes % 4096, 0);
	assert_true(bytes >= h->events_offset + h->cpus * h->slots * sizeof(struct keel_trace_event));
	return 0;
}

static void test_layout(void **state)
{
	(void)state;
	assert_int_equal(h->magic, KEEL_TRACE_MAGIC);
	assert_int_equal(h->cpus, PERCPU_MAX_CPUS);
	assert_int_equal(h->slots, 2048);
	assert_int_equal(h->slots & (h->slots - 1), 0);
	assert_int_equal(h->cycle_hz, 1000000);
	assert_true(h->events_offset >= sizeof(*h) + h->cpus * sizeof(h->cpu[0]));
	assert_int_equal(h->events_offset % sizeof(struct keel_trace_event), 0);
}

static void test_off_records_nothing(void **state)
{
	uint32_t head = h->cpu[0].head;

	(void)state;
	TRACE(TRACE_EV_IRQ, 1, 2, 3, 4);
	assert_int_equal(h->cpu[0].head, head);
	assert_int_equal(trace_switch(TRACE_QUERY, 0), 0);
	assert_int_equal(trace_switch(7, 0), ERR_INVALID);
}

static void test_events_in_order(void **state)
{
	uint32_t head = h->cpu[0].head;

	(void)state;
	host_set_cycles(500);
	assert_int_equal(trace_switch(TRACE_ON, 42), 0);
	assert_int_equal(trace_switch(TRACE_ON, 42), 1); /* already on: no second ON event */
	host_set_cycles(600);
	TRACE(TRACE_EV_SYSCALL, 16, 0x1001, 0x2002, 0x3003);
	TRACE(TRACE_EV_SWITCH, 42, 77, TRACE_SWITCH_READY, 9);
	TRACE(TRACE_EV_IRQ, 4, 0, 0, 0);
	assert_int_equal(h->cpu[0].head, head + 4);
	const struct keel_trace_event *on = event(0, head), *sys = event(0, head + 1);

	assert_int_equal(on->type, TRACE_EV_ON);
	assert_int_equal(on->tsc, 500);
	assert_int_equal(on->thread, 42);
	assert_int_equal(sys->type, TRACE_EV_SYSCALL);
	assert_int_equal(sys->tsc, 600);
	assert_int_equal(sys->cpu, 0);
	assert_int_equal(sys->arg[0], 16);
	assert_int_equal(sys->arg[3], 0x3003);
	assert_int_equal(event(0, head + 2)->thread, 42); /* a switch is the from thread's */
	assert_int_equal(event(0, head + 3)->thread, 77); /* then the events are the new one's */
	assert_int_equal(trace_switch(TRACE_OFF, 0), 1);
	TRACE(TRACE_EV_IRQ, 4, 0, 0, 0);
	assert_int_equal(h->cpu[0].head, head + 4);
}

static void test_full_ring_drops(void **state)
{
	uint32_t head = h->cpu[0].head, dropped = h->cpu[0].dropped;

	(void)state;
	trace_switch(TRACE_ON, 1);
	for (uint32_t i = 1; i < h->slots + 10; i++)
		trace_put(TRACE_EV_IRQ, i, 0, 0, 0);
	/* The ON event and h->slots - 1 IRQs fit; ten are dropped; none overwritten. */
	assert_int_equal(h->cpu[0].head, head + h->slots);
	assert_int_equal(h->cpu[0].dropped, dropped + 10);
	assert_int_equal(event(0, head)->type, TRACE_EV_ON);
	assert_int_equal(event(0, head + h->slots - 1)->arg[0], h->slots - 1);
	/* The reader takes three: three more fit. */
	h->cpu[0].tail = head + 3;
	for (uint32_t i = 0; i < 4; i++)
		trace_put(TRACE_EV_IRQ, 0x100 + i, 0, 0, 0);
	assert_int_equal(h->cpu[0].head, head + h->slots + 3);
	assert_int_equal(h->cpu[0].dropped, dropped + 11);
	assert_int_equal(event(0, head + h->slots + 2)->arg[0], 0x102);
	assert_int_equal(event(0, head + 3)->type, TRACE_EV_IRQ); /* the 4th event, untouched */
	trace_switch(TRACE_OFF, 0);
}

static void test_garbage_tail_only_drops(void **state)
{
	uint32_t head = h->cpu[0].head, dropped = h->cpu[0].dropped;
	struct keel_trace_event before[2] = {*event(0, head), *event(0, head + 1)};

	(void)state;
	/* A tail "ahead" of the head: it looks like 2^32 - 5 events waiting. */
	h->cpu[0].tail = head + 5;
	trace_switch(TRACE_ON, 1);
	trace_put(TRACE_EV_IRQ, 1, 0, 0, 0);
	assert_int_equal(h->cpu[0].head, head);
	assert_int_equal(h->cpu[0].dropped, dropped + 2); /* the ON event and the IRQ */
	assert_memory_equal(event(0, head), before, sizeof(before));
	h->cpu[0].head = 12345; /* a reader scribbling on head changes nothing the kernel uses */
	h->cpu[0].tail = head;
	trace_put(TRACE_EV_IRQ, 2, 0, 0, 0);
	assert_int_equal(h->cpu[0].head, head + 1);
	assert_int_equal(event(0, head)->arg[0], 2);
	trace_switch(TRACE_OFF, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_layout, setup),
	    cmocka_unit_test_setup(test_off_records_nothing, setup),
	    cmocka_unit_test_setup(test_events_in_order, setup),
	    cmocka_unit_test_setup(test_full_ring_drops, setup),
	    cmocka_unit_test_setup(test_garbage_tail_only_drops, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
