/*
 * Interrupt-line diagnostics beyond the arch contract (arch.h has registration and masking):
 * how often each line fired and how many spurious interrupts the controller raised.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <kernel/types.h>

#define IRQ_MAX_LINES 16 /* size of the fixed handler table */

uint64_t irq_count(unsigned irq);  /* interrupts taken on a line (0 for unknown lines) */
uint32_t irq_spurious_count(void); /* spurious interrupts seen and dropped */

#endif
