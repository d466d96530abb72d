/*
 * x86 port input and output for a unit that enabled the ports (SYS_IOPORT_ENABLE): the
 * server's ps2.c and the test's injector.
 */
#ifndef KEYBOARD_PORTIO_H
#define KEYBOARD_PORTIO_H

#include <stdint.h>

static inline void kbd_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t kbd_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif /* KEYBOARD_PORTIO_H */
