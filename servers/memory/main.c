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

#include "servers/ended/ended.h"
#include "servers/log/log.h"
#include "servers/memory/service.h"

#define INTERFACE    "keel.memory.Memory"

static cap_t serve_cap, self_cap;
static struct mem_service service;
static uint32_t start_free; /* the server's free frames once it serves, for the log */

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

/* Unit `unit` ended (`how`): releases its share and logs it. */
static void unit_ended(uint8_t unit, uint8_t how)
{
	struct mem_release r = mem_service_ended(&service, unit);

	uprintf("memory: unit %u ended (how %u): %u regions withdrawn, %s; %u frames free "
		"(%u at start)\n",
		(unsigned)unit, (unsigned)how, (unsigned)r.regions,
		r.budget ? "its budget released" : "it had no budget", (unsigned)frames_free(),
		(unsigned)start_free);
}

int main(uintptr_t arg)
{
	struct keel_memory_server srv;
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
	if (!keel_ended_start(self_cap, KEEL_MEMORY_IFACE_ID, "memory"))
		return 1;
	start_free = frames_free();
	uprintf("memory: serving %s, %u frames free, default quota %u frames\n", INTERFACE,
		(unsigned)start_free, MEM_DEFAULT_QUOTA);
	rc = keel_ended_serve(serve_cap, keel_memory_dispatch_untyped, &srv, unit_ended);
	uprintf("memory: receive failed: %s\n", keel_strerror(rc));
	return 1;
}
