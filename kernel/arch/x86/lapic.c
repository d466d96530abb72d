/* Local APIC access (arch/lapic.h), through its MMIO page at LAPIC_VA. */
#include <arch/lapic.h>
#include <arch/memory.h>
#include <kernel/mmu.h>

#define REG_ID		0x020u
#define REG_SVR		0x0f0u /* spurious-interrupt vector register */
#define REG_ICR_LOW	0x300u
#define REG_ICR_HIGH	0x310u
#define SVR_ENABLE	(1u << 8)
#define ICR_INIT	(5u << 8)
#define ICR_STARTUP	(6u << 8)
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_PENDING	(1u << 12) /* delivery status: send pending */

static volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(LAPIC_VA + offset);
}

int lapic_map(uint32_t phys)
{
	return mmu_map_page(mmu_kernel_space(), phys, LAPIC_VA, MMU_WRITABLE | MMU_NOCACHE);
}

/*
 * Only the enable bit: the local vector table stays as it is, on the boot CPU the firmware's
 * virtual wire (LINT0 delivers the 8259's interrupts), on an AP all masked since its INIT.
 */
void lapic_enable(void)
{
	*reg(REG_SVR) = SVR_ENABLE | LAPIC_SPURIOUS_VECTOR;
}

uint8_t lapic_id(void)
{
	return (uint8_t)(*reg(REG_ID) >> 24);
}

static void send_ipi(uint8_t apic_id, uint32_t command)
{
	*reg(REG_ICR_HIGH) = (uint32_t)apic_id << 24;
	*reg(REG_ICR_LOW) = command; /* this write sends it */
}

void lapic_send_init(uint8_t apic_id)
{
	send_ipi(apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
}

void lapic_send_startup(uint8_t apic_id, uint8_t page)
{
	send_ipi(apic_id, ICR_STARTUP | ICR_LEVEL_ASSERT | page);
}

bool lapic_ipi_idle(void)
{
	return !(*reg(REG_ICR_LOW) & ICR_PENDING);
}
