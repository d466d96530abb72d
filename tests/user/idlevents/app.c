/*
 * The app side of the generated-events test: keel_keyboard_events_recv (generated from
 * idl/keyboard.idl) receives the driver's key events from the channel in order, validates
 * them and runs the key handler; a message of an unknown ordinal is rejected (ERR_NOSYS);
 * once the driver has exited the receive answers ERR_PEER_DIED. Reports to init.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#include "idl/keyboard_client.h"

struct keys {
	char seen[8];
	unsigned count;
	uint32_t rights;
};

/* The generated receiver calls this with a validated event. */
static void on_key(void *ctx, const struct idl_caller *from,
		   const struct keel_keyboard_key_event *ev)
{
	struct keys *k = ctx;

	if (k->count < sizeof(k->seen) - 1)
		k->seen[k->count++] = (char)ev->ascii;
	k->rights = from->rights;
	CHECK("app", "key time", ev->time_us, 1000u * (uint64_t)(ev->ascii - 'a'));
}

int main(uintptr_t arg)
{
	static const struct keel_keyboard_event_handlers handlers = {.key = on_key};
	struct keel_keyboard_events ev;
	struct keys keys = {0};
	struct ipc_message m = {.type = 0, .length = 1};

	(void)arg;
	keel_keyboard_events_init(&ev, CAP_START(0), &handlers, &keys);
	for (unsigned i = 0; i < 4; i++)
		CHECK("app", "events_recv", keel_keyboard_events_recv(&ev, IPC_WAIT_FOREVER),
		      ERR_OK);
	CHECK("app", "in order", strcmp(keys.seen, "abcd"), 0);
	CHECK("app", "sender rights", keys.rights, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	CHECK("app", "unknown rejected", keel_keyboard_events_recv(&ev, IPC_WAIT_FOREVER),
	      ERR_NOSYS);
	CHECK("app", "rejected_unknown", ev.rejected_unknown, 1);
	CHECK("app", "driver gone", keel_keyboard_events_recv(&ev, IPC_WAIT_FOREVER),
	      ERR_PEER_DIED);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	m.data[0] = (uint8_t)check_failed;
	CHECK("app", "report", ipc_send(CAP_START(1), &m, IPC_NO_WAIT), ERR_OK);
	return check_failed;
}
