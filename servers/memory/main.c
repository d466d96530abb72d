/*
 * The memory server (docs/system.md, "Memory server"). It holds its budget (CAP_START(0)),
 * its endpoint of keel.memory.Memory (SERVE and SELF) and a READ capability to init's
 * supervisor. A forwarder thread waits for the supervisor's `ended` events and calls the
 * server's own endpoint with the SELF badge, carrying the unit; the main loop releases what
 * that unit had and dispatches every other request, so the policy's state has one thread.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/supervisor_client.h"
#include "servers/log/log.h"
#include "servers/memory/service.h"

#define INTERFACE    "keel.memory.Memory"
#define SUPERVISOR   "keel.supervisor.Supervisor"
#define EVENTS_DEPTH 8u
#define PRIORITY_TOP 254u

static cap_t serve_cap, self_cap;
static struct mem_service service;
static struct keel_supervisor_events events;
static _Alignas(16) uint8_t forwarder_stack[2048];

int32_t mem_sys_budget_create(cap_t parent, const struct keel_budget *want)
{
	return sys_budget_create(parent, want);
}

int32_t mem_sys_budget_info(cap_t budget, struct keel_budget *out)
{
	return sys_budget_info(budget, out);
}

int32_t mem_sys_alloc(cap_t budget, uint32_t pages)
{
	return sys_mem_alloc(budget, pages);
}

/* The server's free frames, for the log; 0 if its budget cannot be read. */
static uint32_t frames_free(void)
{
	struct keel_budget b;

	return sys_budget_info(CAP_START(0), &b) == ERR_OK ? b.frames : 0;
}

/* In the forwarder: hands the ended unit to the main loop through the SELF capability. */
static void on_ended(void *ctx, const struct idl_caller *from, uint8_t unit, uint8_t how)
{
	struct ipc_message m = {.type = IPC_TYPE(KEEL_MEMORY_IFACE_ID, 0), .length = 2};
	int32_t rc;

	(void)ctx;
	(void)from;
	m.data[0] = unit;
	m.data[1] = how;
	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	rc = ipc_call(self_cap, &m, NULL, IPC_WAIT_FOREVER);
	if (rc != ERR_OK) {
		uprintf("memory: cannot pass on the end of unit %u: %s\n", (unsigned)unit,
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
			uprintf("memory: a bad supervisor event: %s\n", keel_strerror(rc));
	} while (rc == ERR_OK || rc == ERR_PROTOCOL || rc == ERR_TIMEOUT);
	uprintf("memory: the event forwarder stops: %s\n", keel_strerror(rc));
	sys_exit_unit(1);
}

/* Subscribes a new channel to the supervisor's `ended` events and starts the forwarder. */
static bool start_events(void)
{
	struct keel_supervisor_client sup = {
	    .ep = keel_startup_cap(KEEL_STARTUP_CLIENT, SUPERVISOR), .timeout_us = 1000000};
	int32_t ch = sys_channel_create(EVENTS_DEPTH), rc;

	if (sup.ep == CAP_NULL || ch < 0) {
		uprintf("memory: no %s capability, or no channel (%s)\n", SUPERVISOR,
			keel_strerror(ch));
		return false;
	}
	keel_supervisor_events_init(&events, ch, &event_handlers, NULL);
	rc = keel_supervisor_subscribe(&sup, cap_derive(ch, CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0));
	if (rc != ERR_OK) {
		uprintf("memory: subscribing to ended events failed: %s\n", keel_strerror(rc));
		return false;
	}
	for (uint32_t prio = PRIORITY_TOP; prio > 0; prio--) {
		rc = sys_thread_create(forwarder, forwarder_stack + sizeof(forwarder_stack), 0, prio);
		if (rc >= 0)
			return true;
		if (rc != ERR_RIGHTS)
			break;
	}
	uprintf("memory: cannot start the event forwarder: %s\n", keel_strerror(rc));
	return false;
}

/* A SELF call: unit data[0] ended (data[1]: how); releases its share and logs it. */
static void unit_ended(const struct ipc_message *msg, uint32_t start_free)
{
	uint8_t unit = msg->length >= 2 ? msg->data[0] : 0;
	struct mem_release r = mem_service_ended(&service, unit);

	uprintf("memory: unit %u ended (how %u): %u regions withdrawn, %s; %u frames free "
		"(%u at start)\n",
		(unsigned)unit, (unsigned)msg->data[1], (unsigned)r.regions,
		r.budget ? "its budget released" : "it had no budget", (unsigned)frames_free(),
		(unsigned)start_free);
}

static int32_t serve(struct keel_memory_server *srv, uint32_t start_free)
{
	struct ipc_message msg;
	struct ipc_recv_info info;
	int32_t rc = ipc_recv(serve_cap, &msg, &info, IPC_WAIT_FOREVER);
	bool reply;

	while (rc == ERR_OK) {
		if (info.badge == KEEL_BADGE_SELF) {
			unit_ended(&msg, start_free);
			msg = (struct ipc_message){.type = msg.type | IPC_TYPE_REPLY};
			for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
				msg.caps[i] = CAP_NULL;
			reply = (info.flags & IPC_RECV_CALL) != 0;
		} else {
			reply = keel_memory_dispatch(srv, &msg, &info);
		}
		rc = reply ? ipc_reply_recv(serve_cap, &msg, &info, IPC_WAIT_FOREVER)
			   : ipc_recv(serve_cap, &msg, &info, IPC_WAIT_FOREVER);
	}
	return rc;
}

int main(uintptr_t arg)
{
	struct keel_memory_server srv;
	uint32_t start_free;
	int32_t rc;

	(void)arg;
	keel_log_start();
	serve_cap = keel_startup_cap(KEEL_STARTUP_SERVE, INTERFACE);
	self_cap = keel_startup_cap(KEEL_STARTUP_SELF, INTERFACE);
	if (serve_cap == CAP_NULL || self_cap == CAP_NULL) {
		uprintf("memory: no SERVE or SELF capability named \"%s\"\n", INTERFACE);
		return 1;
	}
	mem_service_init(&service, CAP_START(0));
	keel_memory_server_init(&srv, serve_cap, &mem_handlers, &service);
	if (!start_events())
		return 1;
	start_free = frames_free();
	uprintf("memory: serving %s, %u frames free, default quota %u frames\n", INTERFACE,
		(unsigned)start_free, MEM_DEFAULT_QUOTA);
	rc = serve(&srv, start_free);
	uprintf("memory: receive failed: %s\n", keel_strerror(rc));
	return 1;
}
