/*
 * Units as pool objects: UNIT_MAX slots (<kernel/pool.h>) and the fields a new unit starts
 * with. Tearing down a unit's address space and frames is the caller's job.
 */
#include <kernel/budget.h>
#include <kernel/kprintf.h>
#include <kernel/memobj.h>
#include <kernel/notification.h>
#include <kernel/string.h>
#include <kernel/trace.h>
#include <kernel/unit.h>
#include <keel/abi.h>

/* Counted: its capabilities keep the slot (and its end) readable. */
POOL_DEFINE(unit_pool, struct unit, UNIT_MAX, CAP_TYPE_UNIT, KOBJ_COUNTED);

static void unit_copy_name(char *dst, const char *src)
{
	size_t i = 0;

	for (; src && src[i] && i < UNIT_NAME_MAX - 1; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int unit_alloc(const char *name, struct page_table *aspace, struct memobj *budget,
	       struct unit **out)
{
	struct unit *u = pool_alloc(&unit_pool);

	if (u == NULL)
		return ERR_NOMEM;
	if (budget_adopt(budget, &u->kobj, 0) != ERR_OK) {
		pool_free(&unit_pool, u);
		return ERR_NOMEM;
	}
	unit_set_budget(u, budget);
	u->id = pool_id(&unit_pool, u);
	u->aspace = aspace;
	unit_copy_name(u->name, name);
	list_init(&u->threads);
	cap_table_init(&u->caps);
	uint32_t w[3];

	memcpy(w, u->name, sizeof(w)); /* UNIT_NAME_MAX > 12: its first 12 bytes */
	TRACE(TRACE_EV_UNIT_START, u->id, w[0], w[1], w[2]);
	*out = u;
	return ERR_OK;
}

int unit_free(struct unit *u)
{
	if (u->thread_count != 0 || !list_is_empty(&u->threads))
		return ERR_BUSY;
	if (u->kobj.refs != 0)
		return ERR_OK; /* gone, but named: the last capability's release frees it */
	KASSERT(u->frames == 0); /* its memory went first */
	u->id = UNIT_ID_INVALID;
	u->aspace = NULL;
	unit_set_budget(u, NULL);
	unit_set_watch(u, NULL, 0);
	const struct kobj charge = u->kobj;

	pool_free(&unit_pool, u); /* ids handed out for this slot so far are now stale */
	budget_release(&charge);
	return ERR_OK;
}

void unit_release_ref(struct kobj *obj)
{
	struct unit *u = container_of(obj, struct unit, kobj);

	/* Still running or being torn down: its teardown frees it, since nothing names it now. */
	if (u->ended && u->aspace == NULL && u->tearer == NULL && list_is_empty(&u->threads))
		unit_free(u);
}

void unit_set_watch(struct unit *u, struct notification *n, uint32_t bits)
{
	if (n != NULL)
		kobj_ref(&n->kobj, 0);
	if (u->watch != NULL)
		kobj_unref(&u->watch->kobj, 0);
	u->watch = n;
	u->watch_bits = bits;
	if (n != NULL && u->end_state != UNIT_RUNNING)
		notification_signal(n, bits); /* it has ended already */
}

void unit_set_budget(struct unit *u, struct memobj *budget)
{
	if (budget != NULL)
		kobj_ref(&budget->kobj, 0);
	if (u->budget != NULL)
		kobj_unref(&u->budget->kobj, 0);
	u->budget = budget;
}
