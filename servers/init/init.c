/*
 * Init's main loop: start every unit of the manifest in order, then supervise. A unit that
 * ends is logged and, by its restart policy, started again with the same capabilities
 * (docs/system.md, "Supervision").
 */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"

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

/* Slot i's unit ended (or its watch bit is stale): log it and apply its restart policy. */
static void unit_ended(uint32_t i)
{
	struct slot *s = &init_slots[i];
	struct keel_unit_info info = {0};
	uint64_t now = init_now_us(), when = now;
	enum policy_decision d;

	if (s->state != SLOT_RUNNING || sys_unit_info(s->unit, &info) != ERR_OK ||
	    info.state == UNIT_RUNNING)
		return;
	cap_delete(s->unit);
	s->unit = CAP_NULL;
	log_end(s, &info);
	d = policy_decide(&s->policy, s->m->restart, s->m->restart_limit,
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

/* Starts what is due; returns the earliest later restart time (UINT64_MAX: none). */
static uint64_t restart_due(cap_t watch)
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
		unit_ended(i); /* a failed start counts as an end */
	}
	return next;
}

static void supervise(cap_t watch)
{
	for (;;) {
		uint64_t next = restart_due(watch), now = init_now_us();
		uint64_t timeout = next == UINT64_MAX ? IPC_WAIT_FOREVER
				   : next > now	  ? next - now
						  : IPC_NO_WAIT;
		uint32_t bits = 0;

		if (sys_notify_wait(watch, &bits, timeout) != ERR_OK)
			continue;
		for (uint32_t i = 0; i < init_nslots; i++)
			if (bits & (1u << i))
				unit_ended(i);
	}
}

static void start_all(cap_t watch)
{
	char names[256];
	int len = 0;

	for (uint32_t i = 0; i < init_nslots; i++) {
		struct slot *s = &init_slots[i];

		if (init_prepare(s, i) != ERR_OK || init_start(i, watch) != ERR_OK) {
			s->state = SLOT_GAVE_UP;
			continue;
		}
		uprintf("init: started %s (priority %u, %u capabilities)\n", s->m->name,
			(unsigned)s->m->priority, (unsigned)s->m->ncaps + 2u);
		if (len < (int)sizeof(names))
			len += snprintf(names + len, sizeof(names) - (size_t)len, " %s", s->m->name);
	}
	uprintf("init: running:%s\n", len > 0 ? names : " nothing");
}

int main(uintptr_t arg)
{
	cap_t watch = sys_notify_create();

	(void)arg;
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
	start_all(watch);
	supervise(watch);
	return 0;
}
