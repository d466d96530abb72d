/*
 * Host fake of the kernel IPC and capability calls (see fake_transport.h). Single-threaded:
 * a call runs the server's dispatch synchronously, as if the kernel switched to it and back.
 */
#include "fake_transport.h"

#include <assert.h>
#include <string.h>

#define FAKE_QUEUE 16
#define FAKE_REPLIES 16

struct fake_cap {
	bool used;
	bool alive;
	uint8_t type;
	uint32_t rights;
	uint32_t deletes;
	fake_dispatch_fn dispatch; /* endpoints only */
	void *server;
	uint64_t badge;
};

static struct fake_cap caps[FAKE_MAX_CAPS];
static uint32_t total_deletes, bad_deletes, total_restricts;
static int32_t fail_next;
static fake_reply_hook_fn reply_hook;
static struct ipc_message queue_msg[FAKE_QUEUE];
static struct ipc_recv_info queue_info[FAKE_QUEUE];
static uint32_t queue_head, queue_len;
static struct ipc_message replies[FAKE_REPLIES];
static uint32_t reply_count;

void fake_reset(void)
{
	memset(caps, 0, sizeof(caps));
	total_deletes = bad_deletes = total_restricts = 0;
	fail_next = ERR_OK;
	reply_hook = NULL;
	queue_head = queue_len = reply_count = 0;
}

static struct fake_cap *lookup(cap_t cap)
{
	if (cap < 0 || cap >= FAKE_MAX_CAPS || !caps[cap].used)
		return NULL;
	return &caps[cap];
}

cap_t fake_cap_new(uint8_t type, uint32_t rights)
{
	for (cap_t i = 0; i < FAKE_MAX_CAPS; i++) {
		if (!caps[i].used) {
			caps[i] = (struct fake_cap){ .used = true, .alive = true, .type = type,
						     .rights = rights };
			return i;
		}
	}
	assert(!"fake capability table full");
	return CAP_NULL;
}

cap_t fake_endpoint_new(fake_dispatch_fn dispatch, void *server, uint64_t badge,
			uint32_t rights)
{
	cap_t cap = fake_cap_new(CAP_TYPE_ENDPOINT, rights);

	caps[cap].dispatch = dispatch;
	caps[cap].server = server;
	caps[cap].badge = badge;
	return cap;
}

bool fake_cap_alive(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	return c != NULL && c->alive;
}

uint8_t fake_cap_type(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	return c != NULL && c->alive ? c->type : CAP_TYPE_NONE;
}

uint32_t fake_cap_rights(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	return c != NULL && c->alive ? c->rights : 0;
}

uint32_t fake_cap_delete_count(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	return c != NULL ? c->deletes : 0;
}

uint32_t fake_deletes(void)
{
	return total_deletes;
}

uint32_t fake_bad_deletes(void)
{
	return bad_deletes;
}

uint32_t fake_restricts(void)
{
	return total_restricts;
}

void fake_fail_next(int32_t err)
{
	fail_next = err;
}

void fake_set_reply_hook(fake_reply_hook_fn hook)
{
	reply_hook = hook;
}

int32_t cap_restrict(cap_t cap, uint32_t rights)
{
	struct fake_cap *c = lookup(cap);

	if (c == NULL || !c->alive)
		return ERR_BAD_CAP;
	c->rights &= rights;
	total_restricts++;
	return ERR_OK;
}

int32_t cap_delete(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	if (c == NULL || !c->alive) {
		bad_deletes++;
		return ERR_BAD_CAP;
	}
	c->alive = false;
	c->deletes++;
	total_deletes++;
	return ERR_OK;
}

/* Fills info from the cap table as the kernel would; ERR_BAD_CAP for a dead or unknown cap. */
static int32_t describe_caps(const struct ipc_message *msg, struct ipc_recv_info *info)
{
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++) {
		struct fake_cap *c;

		if (msg->caps[i] == CAP_NULL)
			continue;
		c = lookup(msg->caps[i]);
		if (c == NULL || !c->alive)
			return ERR_BAD_CAP;
		info->cap_type[i] = c->type;
		info->cap_rights[i] = c->rights;
	}
	return ERR_OK;
}

/* Kernel-side checks of a send: endpoint alive, length in range, transferred caps valid. */
static int32_t deliver(cap_t endpoint, const struct ipc_message *msg, bool call,
		       struct ipc_message *copy, struct ipc_recv_info *info)
{
	struct fake_cap *ep = lookup(endpoint);
	int32_t err = fail_next;

	fail_next = ERR_OK;
	if (err != ERR_OK)
		return err;
	if (ep == NULL || !ep->alive || ep->type != CAP_TYPE_ENDPOINT)
		return ERR_BAD_CAP;
	if (ep->dispatch == NULL)
		return ERR_PEER_DIED;
	if (msg->length > IPC_DATA_BYTES)
		return ERR_INVALID;
	memset(info, 0, sizeof(*info));
	*copy = *msg;
	info->badge = ep->badge;
	info->rights = ep->rights;
	info->flags = call ? IPC_RECV_CALL : 0;
	return describe_caps(msg, info);
}

int32_t ipc_call(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *reply_info,
		 uint64_t timeout_us)
{
	struct ipc_message copy;
	struct ipc_recv_info info;
	int32_t rc = deliver(endpoint, msg, true, &copy, &info);

	(void)timeout_us;
	if (rc != ERR_OK)
		return rc;
	if (!caps[endpoint].dispatch(caps[endpoint].server, &copy, &info))
		return ERR_TIMEOUT; /* the server never replied: the caller's deadline passes */
	memset(&info, 0, sizeof(info));
	if (describe_caps(&copy, &info) != ERR_OK)
		return ERR_PEER_DIED;
	if (reply_hook != NULL)
		reply_hook(&copy, &info);
	*msg = copy;
	if (reply_info != NULL)
		*reply_info = info;
	return ERR_OK;
}

int32_t ipc_send(cap_t endpoint, const struct ipc_message *msg, uint64_t timeout_us)
{
	struct ipc_message copy;
	struct ipc_recv_info info;
	int32_t rc = deliver(endpoint, msg, false, &copy, &info);

	(void)timeout_us;
	if (rc != ERR_OK)
		return rc;
	caps[endpoint].dispatch(caps[endpoint].server, &copy, &info);
	return ERR_OK;
}

void fake_queue_push(const struct ipc_message *msg, const struct ipc_recv_info *info)
{
	uint32_t slot = (queue_head + queue_len) % FAKE_QUEUE;

	assert(queue_len < FAKE_QUEUE);
	queue_msg[slot] = *msg;
	queue_info[slot] = *info;
	queue_len++;
}

int32_t ipc_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		 uint64_t timeout_us)
{
	(void)endpoint;
	(void)timeout_us;
	if (queue_len == 0)
		return ERR_TIMEOUT;
	*msg = queue_msg[queue_head];
	*info = queue_info[queue_head];
	queue_head = (queue_head + 1) % FAKE_QUEUE;
	queue_len--;
	return ERR_OK;
}

int32_t ipc_reply_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		       uint64_t timeout_us)
{
	if (reply_count < FAKE_REPLIES)
		replies[reply_count++] = *msg;
	return ipc_recv(endpoint, msg, info, timeout_us);
}

uint32_t fake_reply_count(void)
{
	return reply_count;
}

const struct ipc_message *fake_reply(uint32_t index)
{
	assert(index < reply_count);
	return &replies[index];
}
