/*
 * What the keyboard service needs from the machine: the i8042 controller's ports and a
 * clock. ps2.c implements them with in/out on ports 0x60 and 0x64 (after SYS_IOPORT_ENABLE)
 * and SYS_GET_TIME; a host test may supply its own.
 */
#ifndef KEYBOARD_PS2_H
#define KEYBOARD_PS2_H

#include <stdbool.h>
#include <stdint.h>

#define KBD_PS2_DATA	  0x60u
#define KBD_PS2_STATUS	  0x64u	  /* read: status; write: controller command */
#define KBD_PS2_OBF	  0x01u	  /* status: a byte waits in the output buffer */
#define KBD_PS2_IBF	  0x02u	  /* status: the controller has not taken our last byte yet */
#define KBD_PS2_AUX	  0x20u	  /* status: the waiting byte is the mouse's */
#define KBD_PS2_POLLS	  100000u /* status polls before a wait counts as failed */
#define KBD_PS2_DRAIN_MAX 16u	  /* bytes one interrupt reads at most */

/*
 * Takes the next byte of the output buffer: true and *byte if one was there; *aux tells
 * whether it came from the mouse port.
 */
bool kbd_ps2_read(uint8_t *byte, bool *aux);
/* Writes a byte for the keyboard to the data port; false if the controller never took it. */
bool kbd_ps2_write(uint8_t byte);
/*
 * Prepares the controller: drains stale bytes, turns the keyboard interrupt and the
 * translation to set 1 on and the keyboard clock on. False (naming the step) if it does
 * not answer.
 */
bool kbd_ps2_init(void);
/* Microseconds since boot. */
uint64_t kbd_clock_us(void);

#endif /* KEYBOARD_PS2_H */
