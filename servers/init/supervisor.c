/*
 * Init's supervisor service (idl/supervisor.idl) and its loop. One thread owns all of init's
 * records: it serves the supervisor interface, and unit ends reach it as calls from the
 * forwarder thread on the KEEL_BADGE_SELF capability (docs/system.md, "Servers with
 * interrupts"), so nothing needs a lock.
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/supervisor_server.h"
#include "servers/init/init.h"

static int32_t find_unit(uint8_t index, struct slot **out)
{
	if (index >= init_nslots)
		return KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT;
	*out = &init_slots[index];
	return ERR_OK;
}

static int32_t sup_count(void *ctx, const struct idl_caller *caller, uint8_t *units)
{
	(void)ctx;
	(void)caller;
	*units = (uint8_t)init_nslots;
	return ERR_OK;
}

static const uint8_t state_of[] = {
    [SLOT_NEW] = KEEL_SUPERVISOR_UNIT_STATE_GAVE_UP, /* never started: it could not be */
    [SLOT_RUNNING] = KEEL_SUPERVISOR_UNIT_STATE_RUNNING,
    [SLOT_WAITING] = KEEL_SUPERVISOR_UNIT_STATE_RESTARTING,
    [SLOT_STOPPED] = KEEL_SUPERVISOR_UNIT_STATE_STOPPED,
    [SLOT_GAVE_UP] = KEEL_SUPERVISOR_UNIT_STATE_GAVE_UP,
};

static int32_t sup_status(void *ctx, const struct idl_caller *caller, uint8_t index,
			  struct keel_supervisor_unit_status *st)
{
	struct slot *s;
	struct keel_unit_info info = {0};
	struct keel_budget b = {0};
	int32_t r = find_unit(index, &s);

	(void)ctx;
	(void)caller;
	if (r != ERR_OK)
		return r;
	memset(st, 0, sizeof(*st));
	st->name.len = (uint8_t)strnlen(s->m->name, KEEL_SUPERVISOR_NAME_MAX);
	memcpy(st->name.data, s->m->name, st->name.len);
	st->state = state_of[s->state];
	st->priority = (uint8_t)s->m->priority;
	st->restarts = s->restarts;
	if (s->state == SLOT_RUNNING && sys_unit_info(s->unit, &info) == ERR_OK) {
		st->threads = (uint8_t)info.threads;
		st->frames_image = info.frames;
	}
	if (s->budget >= 0 && sys_budget_info(s->budget, &b) == ERR_OK) {
		st->frames_free = b.frames;
		st->threads_free = b.objects[CAP_TYPE_THREAD];
	}
	st->frames_total = s->m->memory_frames;
	st->last_end = (uint8_t)s->last_end;
	st->last_status = s->last_status;
	return ERR_OK;
}

static int32_t sup_caps(void *ctx, const struct idl_caller *caller, uint8_t index, uint16_t first,
			uint8_t *count, struct keel_supervisor_cap_info caps[KEEL_SUPERVISOR_CAPS_MAX])
{
	struct keel_cap_entry e[KEEL_SUPERVISOR_CAPS_MAX];
	struct slot *s = NULL;
	int32_t r = index == KEEL_SUPERVISOR_INIT ? ERR_OK : find_unit(index, &s);

	(void)ctx;
	(void)caller;
	if (r != ERR_OK)
		return r;
	if (s != NULL && s->state != SLOT_RUNNING)
		return KEEL_SUPERVISOR_ERROR_NOT_RUNNING;
	r = sys_cap_list(s != NULL ? s->unit : CAP_SELF, e, KEEL_SUPERVISOR_CAPS_MAX, first);
	if (r < 0)
		return r;
	*count = (uint8_t)r;
	for (int32_t i = 0; i < r; i++) {
		caps[i] = (struct keel_supervisor_cap_info){
		    .slot = (uint16_t)(e[i].handle & 0xfff),
		    .type = (uint8_t)e[i].type,
		    .rights = (uint8_t)e[i].rights,
		    .object = e[i].object,
		    .badge = e[i].badge,
		    .parent_unit = e[i].parent_unit,
		    .parent_slot = e[i].parent_unit ? (uint16_t)(e[i].parent & 0xfff) : 0,
		    .detail = {e[i].detail[0], e[i].detail[1]},
		};
		if (e[i].parent == CAP_PARENT_QUEUED)
			caps[i].parent_slot = KEEL_SUPERVISOR_PARENT_QUEUED;
	}
	return ERR_OK;
}

static int32_t sup_crash(void *ctx, const struct idl_caller *caller,
			 const struct keel_supervisor_name_max_string *name)
{
	(void)ctx;
	for (uint32_t i = 0; i < init_nslots; i++) {
		struct slot *s = &init_slots[i];

		if (strnlen(s->m->name, KEEL_STARTUP_NAME_MAX) != name->len ||
		    memcmp(s->m->name, name->data, name->len) != 0)
			continue;
		if (s->state != SLOT_RUNNING)
			return KEEL_SUPERVISOR_ERROR_NOT_RUNNING;
		uprintf("init: crashing %s as asked by unit %u\n", s->m->name,
			(unsigned)caller->badge);
		return sys_unit_kill(s->unit);
	}
	return KEEL_SUPERVISOR_ERROR_NO_SUCH_UNIT;
}

/* Units subscribed to `ended` events, by badge (0: free). */
static struct {
	uint64_t badge;
	struct keel_supervisor_subscriber sub;
} subscribers[KEEL_SUPERVISOR_SUBSCRIBERS_MAX];
static uint32_t ended_dropped; /* events lost to full channels */

static int32_t sup_subscribe(void *ctx, const struct idl_caller *caller, cap_t events)
{
	int free_slot = -1;

	(void)ctx;
	for (unsigned i = 0; i < KEEL_SUPERVISOR_SUBSCRIBERS_MAX; i++) {
		if (subscribers[i].badge == caller->badge && caller->badge != 0) {
			cap_delete(subscribers[i].sub.channel); /* a restarted client: replace */
			keel_supervisor_subscriber_init(&subscribers[i].sub, events);
			return ERR_OK;
		}
		if (subscribers[i].badge == 0 && free_slot < 0)
			free_slot = (int)i;
	}
	if (free_slot < 0 || caller->badge == 0) {
		cap_delete(events);
		return KEEL_SUPERVISOR_ERROR_FULL;
	}
	subscribers[free_slot].badge = caller->badge;
	keel_supervisor_subscriber_init(&subscribers[free_slot].sub, events);
	return ERR_OK;
}

void init_publish_end(uint32_t index, uint32_t how)
{
	for (unsigned i = 0; i < KEEL_SUPERVISOR_SUBSCRIBERS_MAX; i++) {
		int32_t r;

		if (subscribers[i].badge == 0)
			continue;
		r = keel_supervisor_send_ended(&subscribers[i].sub, (uint8_t)(index + 1),
					       (uint8_t)how);
		if (r == ERR_BUSY && ++ended_dropped % 64 == 1)
			uprintf("init: a subscriber's channel is full: %u ended events lost so far\n",
				(unsigned)ended_dropped);
		if (r == ERR_PEER_DIED || r == ERR_BAD_CAP) {
			cap_delete(subscribers[i].sub.channel);
			subscribers[i].badge = 0;
		}
	}
}

static const struct keel_supervisor_handlers handlers = {
    .count = sup_count,
    .status = sup_status,
    .caps = sup_caps,
    .crash = sup_crash,
    .subscribe = sup_subscribe,
};

/* Serves the supervisor and the forwarded unit ends; restarts units when their time comes. */
void init_serve(cap_t endpoint, cap_t watch)
{
	struct keel_supervisor_server srv;
	struct ipc_message msg;
	struct ipc_recv_info info;
	bool reply = false;

	keel_supervisor_server_init(&srv, endpoint, &handlers, NULL);
	for (;;) {
		uint64_t next = init_restart_due(watch), now = init_now_us();
		uint64_t timeout = next > now ? next - now : IPC_NO_WAIT;

		init_klog_drain(); /* on every wake, and at least every init_poll_us */
		init_trace_drain();
		if (timeout > init_poll_us)
			timeout = init_poll_us;
		int32_t r = reply ? ipc_reply_recv(endpoint, &msg, &info, timeout)
				  : ipc_recv(endpoint, &msg, &info, timeout);

		reply = false;
		if (r != ERR_OK)
			continue;
		if (info.badge == KEEL_BADGE_SELF && msg.length == sizeof(uint32_t)) {
			uint32_t bits;

			memcpy(&bits, msg.data, sizeof(bits));
			init_klog_drain(); /* the kernel's report of an end comes before init's */
			init_units_ended(bits);
			msg.type |= IPC_TYPE_REPLY;
			msg.length = 0;
			reply = (info.flags & IPC_RECV_CALL) != 0;
			continue;
		}
		reply = keel_supervisor_dispatch(&srv, &msg, &info);
	}
}
