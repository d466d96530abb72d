/* The I/O APIC (arch/ioapic.h): one, through its MMIO page at IOAPIC_VA. */
#include <arch/ioapic.h>
#include <arch/pic.h>
#include <arch/lapic.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>

#include "acpi.h"

#define REG_WINDOW	 0x10u /* byte offset of the data window; the select register is at 0 */
#define REG_VERSION	 0x01u /* bits 16-23: the last input's number */
#define REG_ENTRY(pin)	 (0x10u + 2u * (pin)) /* an input's entry, low half; the high follows */
#define ENTRY_ACTIVE_LOW (1u << 13)
#define ENTRY_LEVEL	 (1u << 15)
#define ENTRY_MASKED	 (1u << 16)
#define ENTRY_DEST_SHIFT 24u /* in the high half: the CPU's physical APIC id */
#define NOT_WIRED	 0xffu

struct ioapic_line {
	uint8_t pin;  /* its input, NOT_WIRED for the cascade and lines outside the I/O APIC */
	uint8_t dest; /* the APIC id of the CPU it is delivered to */
	bool level, active_low;
	bool masked; /* by arch_irq_mask (for an edge line: in software) */
	bool held;   /* an edge line's interrupt that came while masked */
};

bool ioapic_on;
static struct ioapic_line lines[ACPI_ISA_IRQS];

static void write_reg(uint32_t reg, uint32_t value)
{
	*(volatile uint32_t *)IOAPIC_VA = reg;
	*(volatile uint32_t *)(IOAPIC_VA + REG_WINDOW) = value;
}

static uint32_t read_reg(uint32_t reg)
{
	*(volatile uint32_t *)IOAPIC_VA = reg;
	return *(volatile uint32_t *)(IOAPIC_VA + REG_WINDOW);
}

/* Writes the line's entry: CPU, vector, signalling, and the input's mask. */
static void program(unsigned line)
{
	const struct ioapic_line *l = &lines[line];
	bool masked = l->masked && (l->level || l->held);

	write_reg(REG_ENTRY(l->pin) + 1, (uint32_t)l->dest << ENTRY_DEST_SHIFT);
	write_reg(REG_ENTRY(l->pin), (TRAP_IRQ_BASE + line) | (l->level ? ENTRY_LEVEL : 0) |
					 (l->active_low ? ENTRY_ACTIVE_LOW : 0) |
					 (masked ? ENTRY_MASKED : 0));
}

bool ioapic_init(const struct acpi_madt *m)
{
	struct acpi_isa_input in;

	if (!m->have_ioapic || mmu_map_page(mmu_kernel_space(), m->ioapic_phys, IOAPIC_VA,
					    MMU_WRITABLE | MMU_NOCACHE) != ERR_OK)
		return false;
	uint32_t pins = (read_reg(REG_VERSION) >> 16 & 0xffu) + 1;

	for (uint32_t pin = 0; pin < pins; pin++)
		write_reg(REG_ENTRY(pin), ENTRY_MASKED);
	uint16_t pic_masked = pic_disable();

	for (unsigned line = 0; line < ACPI_ISA_IRQS; line++) {
		lines[line].pin = NOT_WIRED;
		if (line == PIC_CASCADE_IRQ || acpi_isa_input(m, line, &in) != ERR_OK ||
		    in.pin >= pins)
			continue;
		lines[line] = (struct ioapic_line){(uint8_t)in.pin, this_cpu()->arch_id, in.level,
						   in.active_low, (pic_masked >> line & 1) != 0, false};
		program(line);
	}
	ioapic_on = true;
	return true;
}

bool ioapic_wired(unsigned line)
{
	return line < ACPI_ISA_IRQS && lines[line].pin != NOT_WIRED;
}

void ioapic_mask(unsigned line)
{
	if (!ioapic_wired(line))
		return;
	lines[line].masked = true;
	if (lines[line].level)
		program(line);
}

void ioapic_unmask(unsigned line)
{
	struct ioapic_line *l = &lines[line];

	if (!ioapic_wired(line))
		return;
	bool resend = l->held;

	l->masked = l->held = false;
	program(line);
	if (resend)
		lapic_send_fixed(l->dest, (uint8_t)(TRAP_IRQ_BASE + line));
}

bool ioapic_hold(unsigned line)
{
	struct ioapic_line *l = &lines[line];

	if (!ioapic_wired(line) || !l->masked)
		return false;
	if (!l->level && !l->held) {
		l->held = true; /* one is all the 8259 would have held too */
		program(line);
	}
	return true;
}

void ioapic_route(unsigned line, uint8_t apic_id)
{
	if (!ioapic_wired(line))
		return;
	lines[line].dest = apic_id;
	program(line);
}
