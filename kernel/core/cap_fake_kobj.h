/*
 * Test objects for the capability tests: kobj_ref/kobj_unref count references the way the
 * object layer does and record destruction, so a test sees exactly when an object would die.
 */
#ifndef KERNEL_CAP_FAKE_KOBJ_H
#define KERNEL_CAP_FAKE_KOBJ_H

#include <kernel/cap.h>

struct fake_obj {
	struct kobj k;
	uint32_t readers;   /* capabilities holding READ (what an endpoint counts) */
	uint32_t destroyed; /* times the last reference went: must stay 0 or 1 */
};

/* A live object of `type`: counted unless `owned`. */
static inline void fake_obj_init(struct fake_obj *o, uint8_t type, bool owned)
{
	*o = (struct fake_obj){.k = {.type = type, .flags = owned ? 0 : KOBJ_COUNTED, .gen = 1}};
}

/* An owned object ends: every capability naming it goes stale. */
static inline void fake_obj_end(struct fake_obj *o)
{
	o->k.gen++;
}

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	struct fake_obj *o = (struct fake_obj *)obj;

	if (!(obj->flags & KOBJ_COUNTED))
		return;
	obj->refs++;
	if (rights & CAP_RIGHT_READ)
		o->readers++;
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	struct fake_obj *o = (struct fake_obj *)obj;

	if (!(obj->flags & KOBJ_COUNTED))
		return;
	if (rights & CAP_RIGHT_READ)
		o->readers--;
	if (--obj->refs == 0)
		o->destroyed++;
}

/* Tables leaving are what the object layer's types care about; the capability tests do not. */
void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
}

#endif
