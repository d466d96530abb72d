/*
 * Interrupt-line objects, named by CAP_TYPE_IRQ capabilities: the root task's IRQ control
 * object (binds lines), and one binding per bound line, which signals a notification with
 * chosen bits when the line fires. The line is masked at interrupt time (the kernel EOIs it
 * at once) and unmasked when the driver acknowledges (irq_line_ack), so a level-triggered or
 * chatty device cannot storm the CPU before its driver ran. The kernel keeps line 0 (timer)
 * and the PIC cascade for itself.
 */
#ifndef KERNEL_IRQ_LINE_H
#define KERNEL_IRQ_LINE_H

#include <kernel/kobj.h>
#include <kernel/types.h>

#define IRQ_LINE_MAX 20 /* control objects and bindings; the PIC has 16 lines */
#define IRQ_LINE_CONTROL 0xffffffffu /* `line` of the control object */

struct notification;

struct irq_line {
	struct kobj kobj;	     /* first: the pool and capabilities name it by this */
	uint32_t line;		     /* the bound line, or IRQ_LINE_CONTROL */
	struct notification *notify; /* bindings: signalled; holds one reference on it */
	uint32_t bits;		     /* bindings: ORed into notify per interrupt */
	uint64_t fired;		     /* bindings: interrupts delivered */
};

/* The IRQ control object (the root task's CAP_ROOT_IRQ), or NULL when the pool is empty. */
struct irq_line *irq_line_create_control(void);

/*
 * Binds interrupt `line` to notification n with `bits` (non-zero): takes a reference on n,
 * registers the handler, routes the line to this CPU and unmasks it. *out = the new binding, which has no capability
 * yet. ERR_INVALID (no such line, the cascade, bits 0), ERR_BUSY (the kernel's timer line or
 * a line already bound), ERR_NOMEM (pool empty); nothing changes on error.
 */
int irq_line_bind(uint32_t line, struct notification *n, uint32_t bits, struct irq_line **out);

/* The driver is done with the last interrupt: unmasks the line. ERR_INVALID for control. */
int irq_line_ack(struct irq_line *l);

/* The line's interrupts go to CPU `cpu` (bindings start on the binder's). ERR_INVALID for
 * control, a CPU that is not up, or one the interrupt controller cannot reach. */
int irq_line_set_cpu(struct irq_line *l, uint32_t cpu);

/*
 * kobj_release's entry: a binding masks its line, unregisters the handler and drops its
 * reference on the notification; kobj_release then frees the object.
 */
void irq_line_release(struct kobj *obj);

#endif /* KERNEL_IRQ_LINE_H */
