/* Shared by the I/O-port test programs: port access from ring 3, the CMOS/RTC, a check macro. */
#ifndef IOPORT_TEST_H
#define IOPORT_TEST_H

#include <stdint.h>

#include <keel/port.h>
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define CMOS_INDEX	0x70 /* write: register number (bit 7 = NMI off) */
#define CMOS_DATA	0x71 /* read/write: that register */
#define CMOS_STATUS_D	0x0d /* bit 7: RTC power valid; bits 0-6 read 0 */
#define CMOS_D_VALID	0x80
#define CHILD_PRIORITY	150  /* above init's: a started child runs until it blocks or dies */
#define MSG_REVOKE_ME	IPC_TYPE(0x78, 1)

/* Status register D through the index/data pair: CMOS_D_VALID on a working RTC. */
static inline uint8_t cmos_status_d(void)
{
	outb(CMOS_INDEX, CMOS_STATUS_D);
	return inb(CMOS_DATA);
}


#endif
