/*
 * Per-unit I/O permission maps (iomap.c, behind the arch_io_* hooks of <kernel/arch.h>): the
 * context switch's half.
 */
#ifndef ARCH_IOMAP_H
#define ARCH_IOMAP_H

#include <kernel/types.h>

struct unit;

/* Units with a map (iomap.c); while 0 the TSS bitmap is off and switches skip it. */
extern unsigned iomap_units;

/* iomap_switch's work when some unit has a map. */
void iomap_switch_slow(struct unit *u);

/* This CPU's TSS takes the current bits of the map it holds (dropped if that map went). */
void iomap_resync(void);

/*
 * Makes the TSS I/O bitmap match unit u: its map's bits (copied only when another map was in
 * the TSS), or no bitmap at all (every user port access faults) for a unit without one.
 * NULL (a kernel thread) leaves the TSS as it is. Interrupts disabled. Inline, so a system
 * where no unit has ports pays one load and branch per switch between units.
 */
static inline void iomap_switch(struct unit *u)
{
	if (u != NULL && iomap_units != 0)
		iomap_switch_slow(u);
}

#endif /* ARCH_IOMAP_H */
