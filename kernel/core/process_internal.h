/* Between process.c (starting units and threads) and unit_end.c (how they end). */
#ifndef KERNEL_CORE_PROCESS_INTERNAL_H
#define KERNEL_CORE_PROCESS_INTERNAL_H

#include <kernel/types.h>

struct unit;

/* Frees a unit that has no threads left: its memory if still there, then its slot. */
void unit_teardown(struct unit *u);

/*
 * u has ended (its memory went back): for the root task, says so on a line of its own
 * (`tools/run --exit` stops there) and with `debug_exit` ends the emulator (0 for an exit
 * with status 0, else 1). Nothing for other units.
 */
void process_unit_gone(struct unit *u, bool faulted, int status);

#endif
