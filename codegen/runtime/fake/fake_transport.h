/*
 * Host fake of the kernel's IPC and capability calls for tests of generated code: ipc_call and
 * ipc_send on an endpoint hand the message straight to a registered server's dispatch
 * function; ipc_send and ipc_recv on a channel queue and dequeue messages (events); a small
 * capability table records every cap_restrict and cap_delete so tests can prove nothing leaks.
 */
#ifndef KEEL_FAKE_TRANSPORT_H
#define KEEL_FAKE_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>

#define FAKE_MAX_CAPS 256
#define FAKE_MAX_CHANNELS 8
#define FAKE_CHANNEL_DEPTH 16 /* the most messages one channel holds */

/* A server's dispatch-one-message function, e.g. keel_console_dispatch wrapped to void *. */
typedef bool (*fake_dispatch_fn)(void *server, struct ipc_message *msg,
				 const struct ipc_recv_info *info);

/* Changes a reply (and its info) after the server produced it, before the client sees it. */
typedef void (*fake_reply_hook_fn)(struct ipc_message *reply, struct ipc_recv_info *info);

/* Forgets every capability, endpoint, queued message, hook and counter. */
void fake_reset(void);

/* A new live capability of the given type and rights (never CAP_NULL; asserts on overflow). */
cap_t fake_cap_new(uint8_t type, uint32_t rights);

/* A new endpoint capability whose messages go to dispatch(server, ...) with this badge. */
cap_t fake_endpoint_new(fake_dispatch_fn dispatch, void *server, uint64_t badge,
			uint32_t rights);

/*
 * A bounded asynchronous channel holding up to `capacity` messages (1..FAKE_CHANNEL_DEPTH):
 * *send gets a capability with WRITE for ipc_send, *recv one with READ for ipc_recv. A send to
 * a full channel fails at once with ERR_BUSY when it may not wait (IPC_NO_WAIT) and with
 * ERR_TIMEOUT otherwise (nothing else runs to drain it); once *recv is deleted, sends fail
 * with ERR_PEER_DIED. Messages carry the send capability's badge.
 */
void fake_channel_new(uint32_t capacity, uint64_t badge, cap_t *send, cap_t *recv);
uint32_t fake_channel_pending(cap_t cap); /* messages queued on the channel behind cap */

bool fake_cap_alive(cap_t cap);
uint8_t fake_cap_type(cap_t cap);
uint32_t fake_cap_rights(cap_t cap);
uint32_t fake_cap_delete_count(cap_t cap);   /* cap_delete calls that hit this cap */
uint32_t fake_deletes(void);                 /* successful cap_delete calls in total */
uint32_t fake_bad_deletes(void);             /* cap_delete on a dead or unknown cap */
uint32_t fake_restricts(void);               /* successful cap_restrict calls in total */

/* The next ipc_call/ipc_send fails with err (e.g. ERR_PEER_DIED) without reaching the server. */
void fake_fail_next(int32_t err);
void fake_set_reply_hook(fake_reply_hook_fn hook);

/* Queues a message for ipc_recv/ipc_reply_recv; when the queue is empty they return ERR_TIMEOUT. */
void fake_queue_push(const struct ipc_message *msg, const struct ipc_recv_info *info);

/* The replies ipc_reply_recv sent, oldest first. */
uint32_t fake_reply_count(void);
const struct ipc_message *fake_reply(uint32_t index);

#endif /* KEEL_FAKE_TRANSPORT_H */
