/*
 * Memory budgets (<kernel/budget.h>): taking and giving back frames and object counts,
 * child budgets, and the root budget's share of every pool.
 */
#include <kernel/budget.h>
#include <kernel/kprintf.h>
#include <kernel/memobj.h>
#include <kernel/pool.h>

int budget_take(struct memobj *b, uint32_t frames, uint32_t kind)
{
	if (b == NULL)
		return ERR_OK;
	KASSERT(b->flags & MEMOBJ_BUDGET && kind <= BUDGET_FRAMES_ONLY);
	if (frames > b->budget_free || (kind != BUDGET_FRAMES_ONLY && b->budget_objects[kind] == 0))
		return ERR_NOMEM;
	b->budget_free -= frames;
	if (kind != BUDGET_FRAMES_ONLY) {
		b->budget_objects[kind]--;
		kobj_ref(&b->kobj, 0);
	}
	return ERR_OK;
}

void budget_give(struct memobj *b, uint32_t frames, uint32_t kind)
{
	if (b == NULL)
		return;
	b->budget_free += frames;
	if (kind != BUDGET_FRAMES_ONLY) {
		b->budget_objects[kind]++;
		kobj_unref(&b->kobj, 0); /* the charge's reference: may release b */
	}
}

int budget_adopt(struct memobj *b, struct kobj *obj, uint32_t frames)
{
	KASSERT(obj->charged == NULL && obj->type < CAP_TYPE_COUNT);
	if (budget_take(b, frames, obj->type) != ERR_OK)
		return ERR_NOMEM;
	obj->charged = b;
	obj->charged_frames = frames;
	return ERR_OK;
}

void budget_release(const struct kobj *charge)
{
	budget_give(charge->charged, charge->charged_frames, charge->type);
}

/* True if b holds at least want's frames and objects, and one more memory object. */
static bool budget_covers(const struct memobj *b, const struct keel_budget *want)
{
	if (want->frames > b->budget_free || b->budget_objects[CAP_TYPE_MEMORY] == 0)
		return false;
	for (uint32_t k = 0; k < CAP_TYPE_COUNT; k++) {
		uint32_t need = want->objects[k] + (k == CAP_TYPE_MEMORY ? 1u : 0u);

		if (need < want->objects[k] || need > b->budget_objects[k])
			return false;
	}
	return true;
}

int budget_create(struct memobj *parent, const struct keel_budget *want, struct memobj **out)
{
	if (!budget_covers(parent, want))
		return ERR_NOMEM;
	struct memobj *m = memobj_create_budget(want->frames);

	if (m == NULL)
		return ERR_NOMEM;
	if (budget_adopt(parent, &m->kobj, 0) != ERR_OK)
		panic("budget: the parent covered a child it then refused");
	parent->budget_free -= want->frames;
	for (uint32_t k = 0; k < CAP_TYPE_COUNT; k++) {
		parent->budget_objects[k] -= want->objects[k];
		m->budget_objects[k] = want->objects[k];
	}
	*out = m;
	return ERR_OK;
}

void budget_return_to_parent(struct memobj *b)
{
	struct memobj *parent = b->kobj.charged;

	if (parent == NULL)
		return;
	parent->budget_free += b->budget_free;
	for (uint32_t k = 0; k < CAP_TYPE_COUNT; k++)
		parent->budget_objects[k] += b->budget_objects[k];
}

void budget_read(const struct memobj *b, struct keel_budget *out)
{
	out->frames = b->budget_free;
	for (uint32_t k = 0; k < CAP_TYPE_COUNT; k++)
		out->objects[k] = b->budget_objects[k];
	out->system_free_frames = 0;
}

void budget_fill_root(struct memobj *b, uint32_t mappings)
{
	for (uint32_t k = 1; k < CAP_TYPE_COUNT; k++)
		b->budget_objects[k] = pool_free_of_type((uint8_t)k);
	b->budget_objects[BUDGET_MAPPINGS] = mappings;
}
