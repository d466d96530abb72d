/* Units' ends forwarded to a server's main loop (ended.h). */
#include "servers/ended/ended.h"

#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/supervisor_client.h"

#define SUPERVISOR   "keel.supervisor.Supervisor"
#define EVENTS_DEPTH 8u
#define PRIORITY_TOP 254u

static cap_t self_cap;
static uint32_t iface;
static const char *name;
static struct keel_supervisor_events events;
static _Alignas(16) uint8_t forwarder_stack[2048];

/* In the forwarder: hands the ended unit to the main loop through the SELF capability. */
static void on_ended(void *ctx, const struct idl_caller *from, uint8_t unit, uint8_t how)
{
	struct ipc_message m = {.type = IPC_TYPE(iface, KEEL_ENDED_ORDINAL), .length = 2};
	int32_t rc;

	(void)ctx;
	(void)from;
	m.data[0] = unit;
	m.data[1] = how;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	rc = ipc_call(self_cap, &m, NULL, IPC_WAIT_FOREVER);
	if (rc != ERR_OK) {
		uprintf("%s: cannot pass on the end of unit %u: %s\n", name, (unsigned)unit,
			keel_strerror(rc));
		sys_exit_unit(1);
	}
}

static const struct keel_supervisor_event_handlers event_handlers = {.ended = on_ended};

/* The forwarder: if the channel fails the unit ends, so that init restarts it. */
static void forwarder(uintptr_t arg)
{
	int32_t rc;

	(void)arg;
	do {
		rc = keel_supervisor_events_recv(&events, IPC_WAIT_FOREVER);
		if (rc != ERR_OK && rc != ERR_TIMEOUT)
			uprintf("%s: a bad supervisor event: %s\n", name, keel_strerror(rc));
	} while (rc == ERR_OK || rc == ERR_PROTOCOL || rc == ERR_TIMEOUT);
	uprintf("%s: the event forwarder stops: %s\n", name, keel_strerror(rc));
	sys_exit_unit(1);
}

bool keel_ended_start(cap_t self, uint32_t iface_id, const char *who)
{
	struct keel_supervisor_client sup = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, SUPERVISOR), .timeout_us = 1000000};
	int32_t ch = sys_channel_create(EVENTS_DEPTH), rc;

	self_cap = self;
	iface = iface_id;
	name = who;
	if (sup.ep == CAP_NULL || ch < 0) {
		uprintf("%s: %s\n", who, sup.ep == CAP_NULL ? "no " SUPERVISOR " capability"
							    : keel_strerror(ch));
		return false;
	}
	keel_supervisor_events_init(&events, ch, &event_handlers, NULL);
	rc = keel_supervisor_subscribe(&sup, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0));
	if (rc != ERR_OK) {
		uprintf("%s: subscribing to ended events failed: %s\n", who, keel_strerror(rc));
		return false;
	}
	for (uint32_t prio = PRIORITY_TOP; prio > 0; prio--) {
		rc = sys_thread_create(forwarder, forwarder_stack + sizeof(forwarder_stack), 0, prio);
		if (rc >= 0)
			return true;
		if (rc != ERR_RIGHTS)
			break;
	}
	uprintf("%s: cannot start the event forwarder: %s\n", who, keel_strerror(rc));
	return false;
}

/* Whether msg is a forwarder's call; then *unit and *how. */
static bool ended_call(const struct ipc_message *msg, const struct ipc_recv_info *info,
		       uint8_t *unit, uint8_t *how)
{
	if (info->badge != KEEL_BADGE_SELF || msg->type != IPC_TYPE(iface, KEEL_ENDED_ORDINAL) ||
	    msg->length < 2)
		return false;
	*unit = msg->data[0];
	*how = msg->data[1];
	return true;
}

int32_t keel_ended_serve(cap_t ep, keel_ended_dispatch dispatch, void *srv,
			 void (*ended)(uint8_t unit, uint8_t how))
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(ep, &msg, &info, IPC_WAIT_FOREVER);
	uint8_t unit, how;
	bool reply;

	while (rc == ERR_OK) {
		if (ended_call(&msg, &info, &unit, &how)) {
			ended(unit, how);
			msg = (struct ipc_message){.type = msg.type | IPC_TYPE_REPLY};
			for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
				msg.caps[i] = CAP_NULL;
			reply = (info.flags & IPC_RECV_CALL) != 0;
		} else {
			reply = dispatch(srv, &msg, &info);
		}
		rc = reply ? ipc_reply_recv(ep, &msg, &info, IPC_WAIT_FOREVER)
			   : ipc_recv(ep, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}
