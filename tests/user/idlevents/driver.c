/*
 * The driver side of the generated-events test: keel_keyboard_send_key (generated from
 * idl/keyboard.idl) pushes key events to the subscriber's channel without waiting; the fifth
 * finds the 4-event channel full. A raw message of an unknown ordinal then waits for the room
 * the app's first receive makes, and the app's generated receiver must reject it. Then the
 * driver exits.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/keyboard_server.h"

int main(uintptr_t arg)
{
	struct keel_keyboard_subscriber sub;
	struct keel_keyboard_key_event ev = {.scancode = 0x1e, .modifiers = 0, .pressed = true};

	(void)arg;
	keel_keyboard_subscriber_init(&sub, CAP_START(0));
	for (unsigned i = 0; i < 4; i++) {
		ev.ascii = (uint8_t)('a' + i);
		ev.time_us = 1000u * i;
		CHECK("driver", "send_key", keel_keyboard_send_key(&sub, &ev), ERR_OK);
	}
	ev.ascii = 'e';
	CHECK("driver", "send_key full", keel_keyboard_send_key(&sub, &ev), ERR_BUSY);
	CHECK("driver", "sent", sub.stats.sent, 4);
	CHECK("driver", "dropped", sub.stats.dropped, 1);
	/* Not an event of Keyboard: waits for room (the app's first receive makes it). */
	struct ipc_message raw = {.type = IPC_TYPE(0x0011, 99), .length = 0};

	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		raw.caps[i] = CAP_NULL;
	CHECK("driver", "raw unknown ordinal", ipc_send(CAP_START(0), &raw, IPC_WAIT_FOREVER),
	      ERR_OK);
	return check_failed;
}
