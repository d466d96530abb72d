/*
 * Starting a unit of the manifest: the objects its capabilities derive from (made once and
 * kept by init), its startup table, and the capabilities themselves, derived afresh for every
 * start with exactly the rights the manifest gives.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"

struct slot init_slots[INIT_UNITS_MAX];
uint32_t init_nslots;

/*
 * What a unit's budget pays for besides its frames (the manifest sets frames, threads and
 * memory objects). A unit with an `admin` port range carves port objects from it to hand out
 * (the device manager): INIT_CARVED_PORTS of them.
 */
static struct keel_budget budget_want(const struct manifest_unit *m)
{
	struct keel_budget w = {.frames = m->memory_frames};

	for (uint32_t i = 0; i < m->ncaps; i++)
		if (m->caps[i].kind == KEEL_STARTUP_IOPORT && (m->caps[i].rights & CAP_RIGHT_ADMIN))
			w.objects[CAP_TYPE_IOPORT] = INIT_CARVED_PORTS;

	w.objects[CAP_TYPE_UNIT] = 1;
	w.objects[CAP_TYPE_THREAD] = m->threads;
	w.objects[CAP_TYPE_ENDPOINT] = 2;
	w.objects[CAP_TYPE_CHANNEL] = 2;
	w.objects[CAP_TYPE_NOTIFICATION] = 2;
	w.objects[CAP_TYPE_MEMORY] = m->memory_objects;
	w.objects[BUDGET_MAPPINGS] = 8;
	return w;
}

/* Init's own capability for entry i of s, the one the unit's is derived from. */
static int32_t prepare_entry(struct slot *s, uint32_t i)
{
	const struct manifest_cap *c = &s->m->caps[i];

	switch (c->kind) {
	case KEEL_STARTUP_SERVE:
	case KEEL_STARTUP_SELF:
		if (c->arg0 >= INIT_SERVES_MAX)
			return ERR_OVERFLOW;
		if (s->endpoints[c->arg0] == CAP_NULL)
			s->endpoints[c->arg0] = sys_endpoint_create();
		return s->res[i] = s->endpoints[c->arg0];
	case KEEL_STARTUP_IOPORT:
		return s->res[i] = sys_ioport_create(CAP_ROOT_IOPORT, c->arg0, c->arg1);
	case KEEL_STARTUP_IRQ:
		if (i + 1 >= s->m->ncaps || s->m->caps[i + 1].kind != KEEL_STARTUP_IRQ_NOTIFY)
			return ERR_INVALID;
		s->res[i + 1] = sys_notify_create();
		if (s->res[i + 1] < 0)
			return s->res[i + 1];
		return s->res[i] = sys_irq_bind(CAP_ROOT_IRQ, c->arg0, s->res[i + 1], 1);
	case KEEL_STARTUP_IRQ_NOTIFY:
		return s->res[i]; /* made with its IRQ */
	case KEEL_STARTUP_DEVMEM:
		return s->res[i] = sys_devmem_create(CAP_ROOT_DEVMEM, c->arg0, c->arg1);
	case KEEL_STARTUP_CLIENT:
		return ERR_OK; /* derived from the server's endpoint at each start */
	default:
		return ERR_INVALID;
	}
}

int32_t init_prepare(struct slot *s, uint32_t index)
{
	struct keel_budget want = budget_want(s->m);
	int32_t r;

	for (uint32_t k = 0; k < INIT_SERVES_MAX; k++)
		s->endpoints[k] = CAP_NULL;
	if (s->m->ncaps > KEEL_STARTUP_ENTRIES_MAX)
		return ERR_OVERFLOW;
	for (uint32_t i = 0; i < s->m->ncaps; i++) {
		r = prepare_entry(s, i);
		if (r < 0) {
			uprintf("init: %s: cannot make capability %s (manifest line %u): %s\n",
				s->m->name, s->m->caps[i].name, (unsigned)s->m->caps[i].line,
				keel_strerror(r));
			return r;
		}
	}
	s->budget = sys_budget_create(CAP_ROOT_BUDGET, &want);
	s->table = sys_mem_alloc(CAP_ROOT_BUDGET, 1);
	if (s->budget < 0 || s->table < 0) {
		r = s->budget < 0 ? s->budget : s->table;
		uprintf("init: %s: no budget of %u frames: %s\n", s->m->name,
			(unsigned)s->m->memory_frames, keel_strerror(r));
		return r;
	}
	s->table_va = (struct keel_startup *)(INIT_TABLES_VA + index * 4096u);
	return sys_mem_map(s->table, s->table_va, MEM_MAP_READ | MEM_MAP_WRITE);
}

/*
 * The capability the unit gets for entry i: derived from init's with the manifest's rights
 * and GRANT, which init needs to pass it and the kernel then strips (UNIT_START_NO_GRANT)
 * unless the manifest gives GRANT (what the unit hands on: its keep mask in init_start).
 */
static cap_t derive_entry(const struct slot *s, uint32_t index, uint32_t i)
{
	const struct manifest_cap *c = &s->m->caps[i];
	uint64_t badge = 0;
	cap_t from = s->res[i];

	if (c->kind == KEEL_STARTUP_SELF)
		badge = KEEL_BADGE_SELF;
	if (c->kind == KEEL_STARTUP_CLIENT) {
		badge = index + 1;
		if (c->arg0 == MANIFEST_UNIT_INIT)
			return cap_derive(init_supervisor, c->rights | CAP_RIGHT_GRANT, badge);
		if (c->arg0 >= init_nslots || c->arg1 >= INIT_SERVES_MAX)
			return ERR_INVALID;
		from = init_slots[c->arg0].endpoints[c->arg1];
	}
	return cap_derive(from, c->rights | CAP_RIGHT_GRANT, badge);
}

/*
 * Fills caps[] = {budget, table, entries...} and the table; *keep = the caps that keep GRANT.
 * The count, or an error.
 */
static int32_t build_caps(struct slot *s, uint32_t index, cap_t *caps, uint32_t *keep)
{
	const struct manifest_unit *m = s->m;
	uint32_t n = 0;

	keel_startup_init(s->table_va, m->name, s->restarts);
	caps[n++] = cap_derive(s->budget, CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, 0);
	caps[n++] = cap_derive(s->table, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0);
	*keep = 0;
	for (uint32_t i = 0; i < m->ncaps; i++) {
		const struct manifest_cap *c = &m->caps[i];

		if (c->rights & CAP_RIGHT_GRANT)
			*keep |= 1u << n;

		keel_startup_add(s->table_va, (enum keel_startup_kind)c->kind, c->name, c->rights,
				 c->kind == KEEL_STARTUP_CLIENT ? 0 : c->arg0,
				 c->kind == KEEL_STARTUP_CLIENT ? 0 : c->arg1);
		caps[n++] = derive_entry(s, index, i);
	}
	for (uint32_t i = 0; i < n; i++)
		if (caps[i] < 0)
			return caps[i];
	return (int32_t)n;
}

int32_t init_start(uint32_t index, cap_t watch)
{
	struct slot *s = &init_slots[index];
	cap_t caps[UNIT_START_CAPS_MAX];
	uint32_t keep;
	int32_t n = build_caps(s, index, caps, &keep), unit = n;

	if (n >= 0)
		unit = sys_unit_start_flags(CAP_ROOT_MODULE(s->m->module), s->m->priority,
					    s->m->max_priority,
					    UNIT_START_BUDGET | UNIT_START_NO_GRANT |
						(s->m->cpu ? UNIT_START_CPU(s->m->cpu - 1) : 0),
					    caps,
					    UNIT_START_NCAPS(n, keep), 0);
	if (unit < 0) {
		for (int32_t i = 0; i < n; i++)
			cap_delete(caps[i]);
		uprintf("init: cannot start %s: %s\n", s->m->name, keel_strerror(unit));
		return unit;
	}
	s->unit = unit;
	s->state = SLOT_RUNNING;
	return sys_unit_watch(unit, watch, 1u << index);
}
