/*
 * The local APIC of each CPU (one MMIO page at the same physical address for all of them,
 * each CPU seeing its own): its id, enabling it, and inter-processor interrupts.
 */
#ifndef ARCH_LAPIC_H
#define ARCH_LAPIC_H

#include <arch/memory.h>
#include <kernel/types.h>

#define LAPIC_VA (KERNEL_RESERVED_BASE + 0x1000u) /* after the kmap window */

/* Maps the local APIC page at LAPIC_VA (uncached). ERR_* from the mapping. Boot CPU, once. */
int lapic_map(uint32_t phys);
/* Enables this CPU's local APIC (spurious vector LAPIC_SPURIOUS_VECTOR); its LVT unchanged. */
void lapic_enable(void);
/* This CPU's local APIC id. */
uint8_t lapic_id(void);
/* INIT, then the start-up IPI that starts the CPU `apic_id` at physical page `page` << 12. */
void lapic_send_init(uint8_t apic_id);
void lapic_send_startup(uint8_t apic_id, uint8_t page);
/*
 * A fixed interrupt `vector` to the CPU `apic_id`; an NMI to every CPU but this one; the
 * end of the interrupt this CPU's APIC delivered. A send waits until the previous one left.
 */
void lapic_send_fixed(uint8_t apic_id, uint8_t vector);
void lapic_send_nmi_others(void);
void lapic_eoi(void);

/*
 * The local APIC timer: measured against the TSC on the boot CPU (counts per millisecond at
 * divide-by-16; 0 if it does not count), then run periodic at 1000 Hz on an AP, each tick
 * counted in its struct percpu (local_ticks), acknowledged, and driving its clock and run
 * queue (timer_tick).
 */
uint32_t lapic_timer_calibrate(void);
void lapic_timer_start(uint32_t counts_per_ms);
struct trap_frame;
void lapic_timer_tick(const struct trap_frame *frame);

#define LAPIC_SPURIOUS_VECTOR 0xff

#endif /* ARCH_LAPIC_H */
