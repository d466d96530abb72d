/*
 * Interrupt-line objects (<kernel/irq_line.h>): the control object, bindings of a line to a
 * notification, the interrupt-time handler (mask, signal) and the acknowledgement (unmask).
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/irq_line.h>
#include <kernel/list.h>
#include <kernel/notification.h>
#include <kernel/pool.h>
#include <kernel/trace.h>

POOL_DEFINE(irq_line_pool, struct irq_line, IRQ_LINE_MAX, CAP_TYPE_IRQ, KOBJ_COUNTED);

/*
 * A new object for `line`, counted, with no binding yet (pool_alloc zeroed the rest); NULL
 * when the pool is empty.
 */
static struct irq_line *irq_line_alloc(uint32_t line)
{
	struct irq_line *l = pool_alloc(&irq_line_pool);

	if (l != NULL)
		l->line = line;
	return l;
}

struct irq_line *irq_line_create_control(void)
{
	return irq_line_alloc(IRQ_LINE_CONTROL);
}

/*
 * Interrupt context (interrupts disabled): keeps the device quiet until its driver
 * acknowledges, then tells the driver. The dispatcher EOIs after this returns.
 */
static void irq_line_handler(unsigned irq, void *ctx)
{
	struct irq_line *l = ctx;

	arch_irq_mask(irq);
	l->fired++;
	TRACE(TRACE_EV_IRQ_NOTIFY, irq, l->notify, l->bits, 0);
	notification_signal(l->notify, l->bits);
}

int irq_line_bind(uint32_t line, struct notification *n, uint32_t bits, struct irq_line **out)
{
	if (line >= IRQ_LINE_CONTROL || bits == 0 || n == NULL)
		return ERR_INVALID;
	struct irq_line *l = irq_line_alloc(line);

	if (l == NULL)
		return ERR_NOMEM;
	l->notify = n;
	l->bits = bits;
	/* ERR_INVALID: no such line, or the cascade; ERR_BUSY: the timer's, or bound already. */
	int err = arch_irq_register(line, irq_line_handler, l);

	if (err != ERR_OK) {
		pool_free(&irq_line_pool, l);
		return err;
	}
	kobj_ref(&n->kobj, 0); /* the binding keeps the notification alive */
	/* To the binder's CPU before the unmask, so that an interrupt held meanwhile goes there
	 * too (fails only without an I/O APIC: then the boot CPU takes them all). */
	(void)arch_irq_route(line, arch_cpu_id());
	arch_irq_unmask(line);
	*out = l;
	return ERR_OK;
}

int irq_line_ack(struct irq_line *l)
{
	if (l->line == IRQ_LINE_CONTROL)
		return ERR_INVALID;
	arch_irq_unmask(l->line);
	return ERR_OK;
}

int irq_line_set_cpu(struct irq_line *l, uint32_t cpu)
{
	return l->line == IRQ_LINE_CONTROL ? ERR_INVALID : arch_irq_route(l->line, cpu);
}

void irq_line_release(struct kobj *obj)
{
	struct irq_line *l = container_of(obj, struct irq_line, kobj);

	if (l->line != IRQ_LINE_CONTROL) {
		arch_irq_mask(l->line);
		arch_irq_unregister(l->line);
		kobj_unref(&l->notify->kobj, 0);
	}
}
