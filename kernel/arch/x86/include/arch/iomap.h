/*
 * Per-unit I/O permission maps (iomap.c, behind the arch_io_* hooks of <kernel/arch.h>): the
 * context switch's half.
 */
#ifndef ARCH_IOMAP_H
#define ARCH_IOMAP_H

struct unit;

/*
 * Makes the TSS I/O bitmap match unit u: its map's bits (copied only when another map was in
 * the TSS), or no bitmap at all (every user port access faults) for a unit without one.
 * NULL (a kernel thread) leaves the TSS as it is. Interrupts disabled.
 */
void iomap_switch(struct unit *u);

#endif /* ARCH_IOMAP_H */
