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
	int channel; /* channels only: index into channels[] */
};

struct fake_channel {
	uint32_t capacity;
	uint32_t head;
	uint32_t len;
	cap_t recv; /* the receiving end: sends fail with ERR_PEER_DIED once it is gone */
	struct ipc_message msgs[FAKE_CHANNEL_DEPTH];
	struct ipc_recv_info infos[FAKE_CHANNEL_DEPTH];
};

static struct fake_cap caps[FAKE_MAX_CAPS];
static struct fake_channel channels[FAKE_MAX_CHANNELS];
static uint32_t channel_count;
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
	memset(channels, 0, sizeof(channels));
	channel_count = 0;
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
						     .rights = rights, .channel = -1 };
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

void fake_channel_new(uint32_t capacity, uint64_t badge, cap_t *send, cap_t *recv)
{
	struct fake_channel *ch;

	assert(capacity >= 1 && capacity <= FAKE_CHANNEL_DEPTH);
	assert(channel_count < FAKE_MAX_CHANNELS);
	ch = &channels[channel_count];
	memset(ch, 0, sizeof(*ch));
	ch->capacity = capacity;
	*send = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT);
	*recv = fake_cap_new(CAP_TYPE_CHANNEL, CAP_RIGHT_READ);
	caps[*send].channel = caps[*recv].channel = (int)channel_count;
	caps[*send].badge = badge;
	ch->recv = *recv;
	channel_count++;
}

uint32_t fake_channel_pending(cap_t cap)
{
	struct fake_cap *c = lookup(cap);

	return c != NULL && c->type == CAP_TYPE_CHANNEL ? channels[c->channel].len : 0;
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

/* A send on a channel capability: queue the message for the receiving end, never block. */
static int32_t channel_send(struct fake_cap *c, const struct ipc_message *msg, uint64_t timeout_us)
{
	struct fake_channel *ch = &channels[c->channel];
	uint32_t slot = (ch->head + ch->len) % FAKE_CHANNEL_DEPTH;
	int32_t err = fail_next;

	fail_next = ERR_OK;
	if (err != ERR_OK)
		return err;
	if ((c->rights & CAP_RIGHT_WRITE) == 0)
		return ERR_RIGHTS;
	if (!fake_cap_alive(ch->recv))
		return ERR_PEER_DIED;
	if (msg->length > IPC_DATA_BYTES)
		return ERR_INVALID;
	if (ch->len == ch->capacity)
		return timeout_us == IPC_NO_WAIT ? ERR_BUSY : ERR_TIMEOUT;
	memset(&ch->infos[slot], 0, sizeof(ch->infos[slot]));
	if (describe_caps(msg, &ch->infos[slot]) != ERR_OK)
		return ERR_BAD_CAP;
	ch->infos[slot].badge = c->badge;
	ch->infos[slot].rights = c->rights;
	ch->msgs[slot] = *msg;
	ch->len++;
	return ERR_OK;
}

int32_t ipc_send(cap_t endpoint, const struct ipc_message *msg, uint64_t timeout_us)
{
	struct ipc_message copy;
	struct ipc_recv_info info;
	struct fake_cap *c = lookup(endpoint);
	int32_t rc;

	if (c != NULL && c->alive && c->type == CAP_TYPE_CHANNEL)
		return channel_send(c, msg, timeout_us);
	rc = deliver(endpoint, msg, false, &copy, &info);
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

/* A receive on a channel capability: the oldest queued message, or ERR_TIMEOUT. */
static int32_t channel_recv(struct fake_cap *c, struct ipc_message *msg,
			    struct ipc_recv_info *info)
{
	struct fake_channel *ch = &channels[c->channel];

	if ((c->rights & CAP_RIGHT_READ) == 0)
		return ERR_RIGHTS;
	if (ch->len == 0)
		return ERR_TIMEOUT;
	*msg = ch->msgs[ch->head];
	*info = ch->infos[ch->head];
	ch->head = (ch->head + 1) % FAKE_CHANNEL_DEPTH;
	ch->len--;
	return ERR_OK;
}

int32_t ipc_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		 uint64_t timeout_us)
{
	struct fake_cap *c = lookup(endpoint);

	(void)timeout_us;
	if (c != NULL && c->alive && c->type == CAP_TYPE_CHANNEL)
		return channel_recv(c, msg, info);
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
