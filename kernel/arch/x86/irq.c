/*
 * Interrupt lines: a fixed table of handlers (no allocation), dispatch with spurious-IRQ
 * filtering and EOI, and the mask/unmask/EOI hooks. Handlers run with interrupts disabled.
 */
#include <arch/ioapic.h>
#include <arch/lapic.h>
#include <arch/pic.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/trace.h>

struct irq_slot {
	irq_handler_fn handler; /* NULL: line unclaimed */
	void *ctx;
};

static struct irq_slot irq_slots[TRAP_IRQ_COUNT]; /* one per ISA line */

int arch_irq_register(unsigned irq, irq_handler_fn handler, void *ctx)
{
	/* Through the I/O APIC, a line the MADT moved off its inputs could never fire. */
	if (irq >= TRAP_IRQ_COUNT || irq == PIC_CASCADE_IRQ || handler == NULL ||
	    (ioapic_on && !ioapic_wired(irq)))
		return ERR_INVALID;
	bool enabled = arch_irq_save();
	int result = irq_slots[irq].handler == NULL ? ERR_OK : ERR_BUSY;

	if (result == ERR_OK)
		irq_slots[irq] = (struct irq_slot){.handler = handler, .ctx = ctx};
	arch_irq_restore(enabled);
	return result;
}

/* Interrupts off, so a handler never runs half-removed. */
void arch_irq_unregister(unsigned irq)
{
	if (irq >= TRAP_IRQ_COUNT)
		return;
	bool enabled = arch_irq_save();

	irq_slots[irq] = (struct irq_slot){.handler = NULL, .ctx = NULL};
	arch_irq_restore(enabled);
}

/*
 * Masks or unmasks irq through whichever controller delivers it (the I/O APIC's operation or
 * the 8259's). Their mask state is read-modify-written: interrupts off around it.
 */
static void irq_set_mask(unsigned irq, void (*by_ioapic)(unsigned), void (*by_pic)(unsigned))
{
	bool enabled = arch_irq_save();

	(ioapic_on ? by_ioapic : by_pic)(irq);
	arch_irq_restore(enabled);
}

void arch_irq_unmask(unsigned irq)
{
	if (irq < TRAP_IRQ_COUNT)
		irq_set_mask(irq, ioapic_unmask, pic_unmask);
}

void arch_irq_mask(unsigned irq)
{
	/* Never the cascade: masking it would silence the whole slave chip. */
	if (irq < TRAP_IRQ_COUNT && irq != PIC_CASCADE_IRQ)
		irq_set_mask(irq, ioapic_mask, pic_mask);
}

void arch_irq_eoi(unsigned irq)
{
	if (irq < TRAP_IRQ_COUNT && ioapic_on)
		lapic_eoi();
	else if (irq < TRAP_IRQ_COUNT)
		pic_eoi(irq);
}

/* The I/O APIC delivers to one CPU: an APIC id (CPU 0 only without it). */
int arch_irq_route(unsigned irq, unsigned cpu)
{
	const struct percpu *c = percpu_of(cpu);

	if (irq >= TRAP_IRQ_COUNT || c == NULL || (!ioapic_on && cpu != 0))
		return ERR_INVALID;
	if (ioapic_on)
		ioapic_route(irq, (uint8_t)c->arch_id);
	return ERR_OK;
}

void irq_dispatch(unsigned irq)
{
	struct irq_slot *slot = &irq_slots[irq];

	if (ioapic_on && ioapic_hold(irq)) {
		lapic_eoi(); /* it came as the line was masked: held for the unmask */
		return;
	}
	if (!ioapic_on && pic_is_spurious(irq))
		return; /* spurious, no EOI: the line was never in service */
	this_cpu()->counters.device_irqs++;
	TRACE(TRACE_EV_IRQ, irq, 0, 0, 0);
	if (slot->handler != NULL) {
		slot->handler(irq, slot->ctx);
	} else {
		arch_irq_mask(irq); /* unmasked without a handler: silence it */
		kprintf("irq: line %u fired without a handler; masked\n", irq);
	}
	arch_irq_eoi(irq); /* after the handler, which may have masked a deferred line */
}
