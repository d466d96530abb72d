/*
 * Init's main loop: start every unit of the manifest in order, then supervise. A unit that
 * ends is logged and, by its restart policy, started again with the same capabilities
 * (docs/system.md, "Supervision").
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "idl/supervisor_types.h"
#include "servers/init/init.h"

cap_t init_watch;
cap_t init_supervisor;

uint64_t init_now_us(void)
{
	uint64_t now = 0;

	sys_get_time_us(&now);
	return now;
}

static void log_end(const struct slot *s, const struct keel_unit_info *info)
{
	switch (info->state) {
	case UNIT_EXITED:
		uprintf("init: %s exited with status %d", s->m->name, (int)info->status);
		break;
	case UNIT_FAULTED:
		uprintf("init: %s faulted", s->m->name);
		break;
	default:
		uprintf("init: %s was killed", s->m->name);
		break;
	}
}

/* Slot s ended (or could not start) at now: its restart policy decides what comes next. */
static void apply_policy(struct slot *s, uint64_t now)
{
	uint64_t when = now;
	enum policy_decision d = policy_decide(&s->policy, s->m->restart, s->m->restart_limit,
					       (uint64_t)s->m->restart_window_ms * 1000u, now, &when);

	if (d == POLICY_STOP) {
		s->state = SLOT_STOPPED;
		uprintf("; not restarted (restart never)\n");
	} else if (d == POLICY_GIVE_UP) {
		s->state = SLOT_GAVE_UP;
		uprintf("; it ended more than %u times within %u ms: left stopped\n",
			(unsigned)s->m->restart_limit, (unsigned)s->m->restart_window_ms);
	} else {
		s->state = SLOT_WAITING;
		s->restart_at = when;
		uprintf("; restarting in %u ms\n", (unsigned)((when - now) / 1000u));
	}
}

/* Slot i's unit ended (or its watch bit is stale): log it and apply its restart policy. */
static void unit_ended(uint32_t i)
{
	struct slot *s = &init_slots[i];
	struct keel_unit_info info = {0};
	int32_t r;

	if (s->state != SLOT_RUNNING)
		return;
	r = sys_unit_info(s->unit, &info);
	if (r == ERR_OK && info.state == UNIT_RUNNING)
		return; /* a stale bit: it ended before a restart */
	cap_delete(s->unit);
	s->unit = CAP_NULL;
	s->last_end = r == ERR_OK ? info.state : UNIT_KILLED;
	s->last_status = info.status;
	if (r == ERR_OK)
		log_end(s, &info);
	else /* the kernel keeps an ended unit readable while named: not expected */
		uprintf("init: %s ended, how cannot be read (%s)", s->m->name, keel_strerror(r));
	apply_policy(s, init_now_us());
	init_publish_end(i, info.state);
}

void init_units_ended(uint32_t bits)
{
	for (uint32_t i = 0; i < init_nslots; i++)
		if (bits & (1u << i))
			unit_ended(i);
}

uint64_t init_restart_due(cap_t watch)
{
	uint64_t now = init_now_us(), next = UINT64_MAX;

	for (uint32_t i = 0; i < init_nslots; i++) {
		struct slot *s = &init_slots[i];

		if (s->state != SLOT_WAITING)
			continue;
		if (s->restart_at > now) {
			next = s->restart_at < next ? s->restart_at : next;
			continue;
		}
		s->restarts++;
		if (init_start(i, watch) == ERR_OK) {
			uprintf("init: %s restarted (restart %u)\n", s->m->name,
				(unsigned)s->restarts);
			continue;
		}
		uprintf("init: %s could not be restarted", s->m->name);
		apply_policy(s, init_now_us()); /* a failed start counts as an end */
	}
	return next;
}

/* The forwarder: turns the watch notification's signals into calls on init's endpoint. */
static void forward_ends(uintptr_t self)
{
	for (;;) {
		struct ipc_message m = {.type = IPC_TYPE(KEEL_SUPERVISOR_IFACE_ID, 0),
					.length = sizeof(uint32_t)};
		struct ipc_recv_info info;
		uint32_t bits = 0;

		for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
			m.caps[i] = CAP_NULL;
		if (sys_notify_wait(init_watch, &bits, IPC_WAIT_FOREVER) != ERR_OK)
			continue;
		memcpy(m.data, &bits, sizeof(bits));
		ipc_call((cap_t)self, &m, &info, IPC_WAIT_FOREVER);
	}
}

static void serve(uintptr_t endpoint)
{
	init_serve((cap_t)endpoint, init_watch);
}

static void start_all(cap_t watch)
{
	char names[256];
	int len = 0;

	for (uint32_t i = 0; i < init_nslots; i++)
		if (init_prepare(&init_slots[i], i) != ERR_OK)
			init_slots[i].state = SLOT_GAVE_UP;
	init_log_start(); /* every endpoint exists now, the serial server's too */
	init_trace_start();
	for (uint32_t i = 0; i < init_nslots; i++) {
		struct slot *s = &init_slots[i];

		if (s->state == SLOT_GAVE_UP || init_start(i, watch) != ERR_OK) {
			s->state = SLOT_GAVE_UP;
			continue;
		}
		init_trace_drain(); /* starting units makes many events: copy as they come */
		uprintf("init: started %s (priority %u, %u capabilities)\n", s->m->name,
			(unsigned)s->m->priority, (unsigned)s->m->ncaps + 2u);
		if (len < (int)sizeof(names))
			len += snprintf(names + len, sizeof(names) - (size_t)len, " %s", s->m->name);
	}
	uprintf("init: running:%s\n", len > 0 ? names : " nothing");
}

int main(uintptr_t arg)
{
	static _Alignas(16) uint8_t serve_stack[8192], forward_stack[4096];
	cap_t endpoint = sys_endpoint_create();
	cap_t self = cap_derive(endpoint, CAP_RIGHT_WRITE, KEEL_BADGE_SELF);

	(void)arg;
	init_watch = sys_notify_create();
	init_nslots = system_manifest.nunits;
	if (init_nslots > INIT_UNITS_MAX) {
		uprintf("init: the manifest has %u units; init supervises at most %u\n",
			(unsigned)init_nslots, (unsigned)INIT_UNITS_MAX);
		init_nslots = INIT_UNITS_MAX;
	}
	uprintf("init: system manifest %s: %u units\n", system_manifest.source,
		(unsigned)init_nslots);
	for (uint32_t i = 0; i < init_nslots; i++)
		init_slots[i].m = &system_manifest.units[i];
	init_supervisor = endpoint;
	start_all(init_watch);
	/* Supervision runs above every unit, so a busy system cannot hold a restart back. */
	if (sys_thread_create(serve, serve_stack + sizeof(serve_stack), (uintptr_t)endpoint,
			      INIT_SUPERVISOR_PRIORITY) < 0 ||
	    sys_thread_create(forward_ends, forward_stack + sizeof(forward_stack), (uintptr_t)self,
			      INIT_SUPERVISOR_PRIORITY) < 0) {
		uprintf("init: cannot start the supervisor threads\n");
		return 1;
	}
	sys_exit_thread();
	return 0;
}
