/*
 * The keyboard test's typist: with its own capabilities to ports 0x60 and 0x64 it makes the
 * i8042 deliver scancode set 1 bytes as if the keyboard had sent them (command 0xD2, then the
 * byte), which raises IRQ 1. It runs below the server and the client, so each byte is
 * decoded and its event received before the next is typed.
 */
#include <keel/port.h>

#include "test.h"


#define KBC_DATA       0x60u
#define KBC_COMMAND    0x64u
#define KBC_WRITE_OBUF 0xd2u
#define KBC_BUSY       0x03u /* status: output or input buffer full */
#define POLLS	       100000u

/* "Hi!" with shift held, caps lock on and off, ctrl+c, the up arrow, a key repeating, an
 * unknown code, and escape to end. */
static const uint8_t typing[] = {
    0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x97, 0x2a, 0x02, 0x82, 0xaa,		    /* Hi! */
    0x3a, 0xba, 0x1e, 0x9e, 0x2a, 0x1e, 0x9e, 0xaa, 0x3a, 0xba, 0x1e, 0x9e, /* Aaa */
    0x1d, 0x2e, 0xae, 0x9d,						    /* ^C */
    0xe0, 0x48, 0xe0, 0xc8,						    /* up */
    0x1e, 0x1e, 0x1e, 0x9e,						    /* aaa */
    0x59,								    /* ? */
    0x01, 0x81,								    /* esc */
};

int main(uintptr_t arg)
{
	(void)arg;
	if (sys_ioport_enable(CAP_START(0)) != ERR_OK ||
	    sys_ioport_enable(CAP_START(1)) != ERR_OK) {
		uprintf("injector: ports FAIL\n");
		return 1;
	}
	for (unsigned i = 0; i < sizeof(typing); i++) {
		unsigned polls = 0;

		while ((inb(KBC_COMMAND) & KBC_BUSY) && polls < POLLS)
			polls++;
		if (polls == POLLS) {
			uprintf("injector: controller busy before byte %u FAIL\n", i);
			return 1;
		}
		outb(KBC_COMMAND, KBC_WRITE_OBUF);
		outb(KBC_DATA, typing[i]);
	}
	uprintf("injector: typed %u bytes\n", (unsigned)sizeof(typing));
	return 0;
}
