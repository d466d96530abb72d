/* Shared by the IPC test programs: message types and the client's badge (CHECK: <tests/check.h>).
 */
#ifndef IPC_TEST_H
#define IPC_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>
#include <tests/check.h>

#define IPC_TEST_IFACE 0x77
#define MSG_ECHO       IPC_TYPE(IPC_TEST_IFACE, 1) /* reply: the data reversed */
#define MSG_TAKE_CAP   IPC_TYPE(IPC_TEST_IFACE, 2) /* carries an endpoint capability */
#define MSG_GIVE_CAP   IPC_TYPE(IPC_TEST_IFACE, 3) /* reply carries a new endpoint capability */
#define MSG_ONEWAY     IPC_TYPE(IPC_TEST_IFACE, 4) /* sent, not called */
#define MSG_DIE	       IPC_TYPE(IPC_TEST_IFACE, 5) /* the server exits without replying */
#define MSG_REPORT     IPC_TYPE(IPC_TEST_IFACE, 6) /* client -> init: data[0] = failures */
#define CLIENT_BADGE   0x1234abcdull

static inline void msg_set(struct ipc_message *m, uint32_t type, const char *text)
{
	m->type = type;
	m->length = text ? (uint32_t)strlen(text) + 1 : 0;
	if (text)
		memcpy(m->data, text, m->length);
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m->caps[i] = CAP_NULL;
}

#endif
