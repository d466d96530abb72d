/*
 * The I/O APIC (docs/smp.md). Once up it delivers ISA lines 0-15, through the MADT's
 * overrides, as vectors TRAP_IRQ_BASE + line, each line to one CPU (the boot CPU until
 * routed), and the 8259s stay masked. A level line masks at the I/O APIC. An edge that comes
 * while its input is masked would be lost there (the 8259 held it), so an edge line masks in
 * software: the first interrupt while masked is held (and the input masked), and sent again
 * to the line's CPU as an IPI when the line is unmasked.
 */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <arch/memory.h>
#include <kernel/types.h>

#define IOAPIC_VA (KERNEL_RESERVED_BASE + 0x2000u) /* after the local APIC's page */

struct acpi_madt;
extern bool ioapic_on; /* the I/O APIC delivers the ISA lines, not the 8259s */

/*
 * Maps m's I/O APIC, masks all its inputs, wires every ISA line but the cascade masked or
 * not as the 8259 had it, and masks the 8259s. False (the 8259s keep delivering) without an
 * I/O APIC or the memory to map it. Boot CPU, once, its local APIC enabled.
 */
bool ioapic_init(const struct acpi_madt *m);
bool ioapic_wired(unsigned line); /* whether the line reaches the I/O APIC */
void ioapic_mask(unsigned line);
void ioapic_unmask(unsigned line);
/* In its interrupt: true if the line is masked (the interrupt is held for the unmask). */
bool ioapic_hold(unsigned line);
void ioapic_route(unsigned line, uint8_t apic_id); /* the line's interrupts go to that CPU */

#endif /* ARCH_IOAPIC_H */
