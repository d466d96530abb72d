/* The i8042 keyboard controller through port I/O, and the clock (ps2.h). */
#include "ps2.h"

#include <keel/port.h>
#include <keel/syscall.h>
#include <keel/ulib.h>


#define CMD_READ_CONFIG	 0x20u
#define CMD_WRITE_CONFIG 0x60u
#define CONFIG_KBD_IRQ	 0x01u /* the keyboard's byte raises IRQ 1 */
#define CONFIG_KBD_CLOCK 0x10u /* set: keyboard clock off */
#define CONFIG_XLATE	 0x40u /* translate the keyboard's set 2 to set 1 */

bool kbd_ps2_read(uint8_t *byte, bool *aux)
{
	uint8_t status = inb(KBD_PS2_STATUS);

	if (!(status & KBD_PS2_OBF))
		return false;
	*aux = (status & KBD_PS2_AUX) != 0;
	*byte = inb(KBD_PS2_DATA);
	return true;
}

/* Waits until the controller takes a byte (input buffer empty). */
static bool wait_writable(void)
{
	for (uint32_t i = 0; i < KBD_PS2_POLLS; i++)
		if (!(inb(KBD_PS2_STATUS) & KBD_PS2_IBF))
			return true;
	return false;
}

bool kbd_ps2_write(uint8_t byte)
{
	if (!wait_writable())
		return false;
	outb(KBD_PS2_DATA, byte);
	return true;
}

static bool command(uint8_t cmd)
{
	if (!wait_writable())
		return false;
	outb(KBD_PS2_STATUS, cmd);
	return true;
}

/* The controller's answer to a command, polled (before interrupts are served). */
static bool read_answer(uint8_t *byte)
{
	bool aux;

	for (uint32_t i = 0; i < KBD_PS2_POLLS; i++)
		if (kbd_ps2_read(byte, &aux))
			return true;
	return false;
}

bool kbd_ps2_init(void)
{
	uint8_t byte, config;
	bool aux;

	for (unsigned i = 0; i < KBD_PS2_DRAIN_MAX && kbd_ps2_read(&byte, &aux); i++)
		continue;
	if (!command(CMD_READ_CONFIG) || !read_answer(&config)) {
		uprintf("keyboard: the i8042 does not answer command 0x%x\n", CMD_READ_CONFIG);
		return false;
	}
	config = (uint8_t)((config | CONFIG_KBD_IRQ | CONFIG_XLATE) & ~CONFIG_KBD_CLOCK);
	if (!command(CMD_WRITE_CONFIG) || !kbd_ps2_write(config)) {
		uprintf("keyboard: the i8042 does not take command 0x%x\n", CMD_WRITE_CONFIG);
		return false;
	}
	return true;
}

uint64_t kbd_clock_us(void)
{
	uint64_t now = 0;

	sys_get_time_us(&now);
	return now;
}
