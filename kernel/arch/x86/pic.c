/*
 * The cascaded 8259A PICs: remapped away from the exception vectors to TRAP_IRQ_BASE, all
 * lines masked until a handler is registered, EOI and spurious IRQ 7/15 detection.
 */
#include <arch/pic.h>
#include <arch/trap.h>
#include <arch/x86.h>

#define PIC_MASTER_CMD	   0x20
#define PIC_MASTER_DATA	   0x21
#define PIC_SLAVE_CMD	   0xa0
#define PIC_SLAVE_DATA	   0xa1
#define PIC_ICW1_INIT_ICW4 0x11 /* edge triggered, cascade, ICW4 follows */
#define PIC_ICW4_8086	   0x01
#define PIC_OCW3_READ_ISR  0x0b
#define PIC_EOI		   0x20
#define PIC_LINES_PER_CHIP 8
#define PIC_SPURIOUS_LINE  7 /* the lowest-priority line of each chip */

static uint16_t pic_mask_bits = 0xffff; /* bit n set: line n masked */

static void pic_write_masks(void)
{
	outb(PIC_MASTER_DATA, pic_mask_bits & 0xff);
	outb(PIC_SLAVE_DATA, pic_mask_bits >> 8);
}

void pic_init(void)
{
	static const uint8_t sequence[][2] = {
	    {PIC_MASTER_CMD, PIC_ICW1_INIT_ICW4},
	    {PIC_SLAVE_CMD, PIC_ICW1_INIT_ICW4},
	    {PIC_MASTER_DATA, TRAP_IRQ_BASE}, /* ICW2: vector base */
	    {PIC_SLAVE_DATA, TRAP_IRQ_BASE + PIC_LINES_PER_CHIP},
	    {PIC_MASTER_DATA, 1u << PIC_CASCADE_IRQ}, /* ICW3: slave on line 2 */
	    {PIC_SLAVE_DATA, PIC_CASCADE_IRQ},	      /* ICW3: slave identity */
	    {PIC_MASTER_DATA, PIC_ICW4_8086},
	    {PIC_SLAVE_DATA, PIC_ICW4_8086},
	};

	for (unsigned i = 0; i < sizeof(sequence) / sizeof(sequence[0]); i++) {
		outb(sequence[i][0], sequence[i][1]);
		io_wait();
	}
	pic_mask_bits = (uint16_t) ~(1u << PIC_CASCADE_IRQ); /* everything but the cascade */
	pic_write_masks();
}

void pic_mask(unsigned irq)
{
	pic_mask_bits |= (uint16_t)(1u << irq);
	pic_write_masks();
}

void pic_unmask(unsigned irq)
{
	pic_mask_bits &= (uint16_t) ~(1u << irq);
	pic_write_masks();
}

uint16_t pic_disable(void)
{
	uint16_t was = pic_mask_bits;

	pic_mask_bits = 0xffff;
	pic_write_masks();
	return was;
}

void pic_eoi(unsigned irq)
{
	if (irq >= PIC_LINES_PER_CHIP)
		outb(PIC_SLAVE_CMD, PIC_EOI);
	outb(PIC_MASTER_CMD, PIC_EOI);
}

static uint8_t pic_read_isr(uint16_t cmd_port)
{
	outb(cmd_port, PIC_OCW3_READ_ISR);
	return inb(cmd_port);
}

bool pic_is_spurious(unsigned irq)
{
	bool slave = irq >= PIC_LINES_PER_CHIP;

	if (irq % PIC_LINES_PER_CHIP != PIC_SPURIOUS_LINE)
		return false;
	if (pic_read_isr(slave ? PIC_SLAVE_CMD : PIC_MASTER_CMD) & (1u << PIC_SPURIOUS_LINE))
		return false;
	if (slave)
		outb(PIC_MASTER_CMD, PIC_EOI); /* the master did see the cascade line */
	return true;
}
