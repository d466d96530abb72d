/*
 * The 8254 PIT: channel 0 drives the periodic tick (IRQ 0); channel 2, gated through port
 * 0x61, serves as a one-shot reference for calibrating the TSC at boot.
 */
#ifndef ARCH_PIT_H
#define ARCH_PIT_H

#include <kernel/types.h>

#define PIT_BASE_HZ 1193182u /* input clock of every PIT channel */
#define PIT_IRQ	    0

/* Calibrates the TSC, installs the generic timer and starts the 1000 Hz tick (IRQ 0). */
void pit_timer_init(void);

#endif
