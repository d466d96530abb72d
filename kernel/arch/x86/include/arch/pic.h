/* The two cascaded 8259 PICs, remapped to vectors TRAP_IRQ_BASE..TRAP_IRQ_BASE+15. */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H

#include <kernel/types.h>

#define PIC_CASCADE_IRQ 2 /* the slave PIC is wired to master line 2 */

void pic_init(void); /* remaps both PICs and masks every line */
void pic_mask(unsigned irq);
void pic_unmask(unsigned irq);
uint16_t pic_disable(void); /* masks every line for good; the mask bits it had (1: masked) */
void pic_eoi(unsigned irq); /* acknowledges a real interrupt on `irq` */
/*
 * For lines 7 and 15: true if the interrupt was spurious (its in-service bit is clear). A
 * spurious slave interrupt still needs an EOI to the master; this function sends it.
 */
bool pic_is_spurious(unsigned irq);

#endif
