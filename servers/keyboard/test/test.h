/* What the keyboard QEMU test's programs share: module order, priorities and messages. */
#ifndef KEYBOARD_TEST_H
#define KEYBOARD_TEST_H

#include <keel/syscall.h>
#include <keel/ulib.h>

/* Module indexes: the order of `modules` in //servers/keyboard:keyboard_image. */
#define MODULE_SERVER	1
#define MODULE_CLIENT	2
#define MODULE_INJECTOR 3

/* Below init (the root task), above each other: each interrupt is served, and each event
 * received, before the injector types the next byte. */
#define PRIO_SERVER   60
#define PRIO_CLIENT   50
#define PRIO_INJECTOR 40

#define CLIENT_BADGE 2 /* the client's unit number in a manifest of server, client */

/* The client's reports to init (data[0]); data[1] is its failed check count. */
#define REPORT_READY 1
#define REPORT_DONE  2

static inline void report(cap_t to, uint8_t what, uint8_t failed)
{
	struct ipc_message m = {.length = 2};

	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	m.data[0] = what;
	m.data[1] = failed;
	ipc_send(to, &m, IPC_WAIT_FOREVER);
}

#endif /* KEYBOARD_TEST_H */
