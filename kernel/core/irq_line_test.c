/*
 * Host tests for interrupt-line objects (irq_line.c) on the fake arch: binding refuses bad
 * requests and busy lines, an interrupt masks its line and signals the notification with the
 * binding's bits, an acknowledgement unmasks, and release masks, unbinds and drops the
 * notification reference. The object layer (kobj_ref/unref, notification_signal) is faked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/irq_line.h>
#include <kernel/notification.h>
#include <kernel/pool.h>
#include <arch/host_fake.h>

#define LINE 8

static struct notification notif;

static uint32_t signalled, signals;
static int refs;

void notification_signal(struct notification *n, uint32_t bits)
{
	assert_ptr_equal(n, &notif);
	signalled |= bits;
	signals++;
}

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	assert_ptr_equal(obj, &notif.kobj);
	(void)rights;
	refs++;
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	assert_ptr_equal(obj, &notif.kobj);
	(void)rights;
	refs--;
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
}

static void busy_handler(unsigned irq, void *ctx)
{
	(void)irq, (void)ctx;
}

static int reset(void **state)
{
	(void)state;
	pool_init(&irq_line_pool);
	for (unsigned i = 0; i < 16; i++)
		arch_irq_unregister(i);
	signalled = signals = 0;
	refs = 0;
	return 0;
}

static void test_bind_refusals(void **state)
{
	(void)state;
	struct irq_line *l;

	assert_int_equal(irq_line_bind(LINE, &notif, 0, &l), ERR_INVALID);
	assert_int_equal(irq_line_bind(IRQ_LINE_CONTROL, &notif, 1, &l), ERR_INVALID);
	assert_int_equal(arch_irq_register(0, busy_handler, NULL), ERR_OK); /* "the timer" */
	assert_int_equal(irq_line_bind(0, &notif, 1, &l), ERR_BUSY);
	assert_int_equal(irq_line_bind(LINE, &notif, 1, &l), ERR_OK);
	struct irq_line *again;

	assert_int_equal(irq_line_bind(LINE, &notif, 1, &again), ERR_BUSY);
	assert_int_equal(refs, 1); /* only the binding that succeeded holds a reference */
}

static void test_interrupt_masks_and_signals_ack_unmasks(void **state)
{
	(void)state;
	struct irq_line *l;

	assert_int_equal(irq_line_bind(LINE, &notif, 0x4, &l), ERR_OK);
	assert_false(host_irq_masked(LINE));
	assert_true(host_irq_fire(LINE));
	assert_true(host_irq_masked(LINE));
	assert_int_equal(signalled, 0x4);
	assert_int_equal(signals, 1);
	assert_int_equal(l->fired, 1);
	assert_int_equal(irq_line_ack(l), ERR_OK);
	assert_false(host_irq_masked(LINE));
}

/* SYS_IRQ_SET_CPU's layer: a binding's line goes to a CPU that is up; control has no line. */
static void test_route(void **state)
{
	(void)state;
	struct irq_line *l, *ctl = irq_line_create_control();

	host_set_irq_cpus(3);
	assert_int_equal(arch_irq_route(LINE, 1), ERR_OK); /* where an earlier binding left it */
	assert_int_equal(irq_line_bind(LINE, &notif, 1, &l), ERR_OK);
	assert_int_equal(host_irq_cpu(LINE), 0); /* the binder's CPU (the host's is CPU 0) */
	assert_int_equal(irq_line_set_cpu(l, 2), ERR_OK);
	assert_int_equal(host_irq_cpu(LINE), 2);
	assert_int_equal(irq_line_set_cpu(l, 3), ERR_INVALID); /* not up */
	assert_int_equal(host_irq_cpu(LINE), 2);
	assert_int_equal(irq_line_set_cpu(ctl, 0), ERR_INVALID);
	irq_line_release(&l->kobj);
	irq_line_release(&ctl->kobj);
}

static void test_release_unbinds(void **state)
{
	(void)state;
	struct irq_line *l, *ctl = irq_line_create_control();

	assert_int_equal(irq_line_ack(ctl), ERR_INVALID);
	assert_int_equal(irq_line_bind(LINE, &notif, 1, &l), ERR_OK);
	assert_int_equal(refs, 1);
	irq_line_release(&l->kobj);
	assert_true(host_irq_masked(LINE));
	assert_false(host_irq_fire(LINE)); /* no handler any more */
	assert_int_equal(refs, 0);
	assert_int_equal(irq_line_bind(LINE, &notif, 1, &l), ERR_OK); /* free to bind again */
	irq_line_release(&ctl->kobj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_bind_refusals, reset),
	    cmocka_unit_test_setup(test_interrupt_masks_and_signals_ack_unmasks, reset),
	    cmocka_unit_test_setup(test_route, reset),
	    cmocka_unit_test_setup(test_release_unbinds, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
