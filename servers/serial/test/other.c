/*
 * The serial QEMU test's second client (//servers/serial:serial_qemu_test): it runs below the
 * test app, so only once the app subscribed and waits for input, and its subscription is
 * refused (one subscriber at a time). The harness types the app's first line only after this
 * check's line. Its exit status, which init logs, is its failure count.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/serial_client.h"
#include <tests/check.h>

int main(uintptr_t arg)
{
	struct keel_serial_client serial = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, "keel.serial.Serial"),
	    .timeout_us = 1000000,
	};
	cap_t ch = sys_channel_create(1);

	(void)arg;
	CHECK("other", "subscribe taken",
	      keel_serial_subscribe(&serial, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0)),
	      KEEL_SERIAL_ERROR_TAKEN);
	return check_failed;
}
