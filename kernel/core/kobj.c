/*
 * The object layer's reference counting (<kernel/kobj.h>): capabilities come and go, each type
 * learns what it needs (an endpoint counts its receivers, a channel its readers and writers), and the last capability of a
 * counted object destroys it through its type's destroy function. Owned types (unit, thread)
 * end by their own rules and never come here.
 */
#include <kernel/budget.h>
#include <kernel/cap.h>
#include <kernel/channel.h>
#include <kernel/ioport.h>
#include <kernel/ipc.h>
#include <kernel/irq_line.h>
#include <kernel/kobj.h>
#include <kernel/kprintf.h>
#include <kernel/list.h>
#include <kernel/mem_map.h>
#include <kernel/memobj.h>
#include <kernel/notification.h>
#include <kernel/pool.h>
#include <kernel/unit.h>
#include <keel/abi.h>

typedef void (*kobj_destroy_fn)(struct kobj *obj);

/* Names for the panic line, indexed by CAP_TYPE_*. */
static const char *const kobj_type_names[CAP_TYPE_COUNT] = {
    [CAP_TYPE_NONE] = "none",	  [CAP_TYPE_ENDPOINT] = "endpoint", [CAP_TYPE_CHANNEL] = "channel",
    [CAP_TYPE_MEMORY] = "memory", [CAP_TYPE_IRQ] = "irq",	    [CAP_TYPE_IOPORT] = "ioport",
    [CAP_TYPE_UNIT] = "unit",	  [CAP_TYPE_THREAD] = "thread",
    [CAP_TYPE_NOTIFICATION] = "notification",
};

/*
 * Each counted type, indexed by CAP_TYPE_*: its destroy function (what the object holds
 * goes) and the pool its slot then returns to.
 */
static const struct {
	kobj_destroy_fn destroy;
	struct pool *pool;
} kobj_types[CAP_TYPE_COUNT] = {
    [CAP_TYPE_ENDPOINT] = {endpoint_release, &endpoint_pool},
    [CAP_TYPE_MEMORY] = {memobj_release, &memobj_pool},
    [CAP_TYPE_IOPORT] = {ioport_release, &ioport_pool},
    [CAP_TYPE_IRQ] = {irq_line_release, &irq_line_pool},
    [CAP_TYPE_CHANNEL] = {channel_release, &channel_pool},
    [CAP_TYPE_NOTIFICATION] = {notification_release, &notification_pool},
};

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	if (!(obj->flags & KOBJ_COUNTED))
		return;
	obj->refs++;
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed(container_of(obj, struct endpoint, kobj), 1);
	if (obj->type == CAP_TYPE_CHANNEL)
		channel_rights_changed(container_of(obj, struct channel, kobj), rights, 1);
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	if (!(obj->flags & KOBJ_COUNTED))
		return;
	KASSERT(obj->refs > 0); /* one unref per capability that existed */
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed(container_of(obj, struct endpoint, kobj), -1);
	if (obj->type == CAP_TYPE_CHANNEL)
		channel_rights_changed(container_of(obj, struct channel, kobj), rights, -1);
	if (--obj->refs == 0)
		kobj_release(obj);
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	struct unit *u = container_of(t, struct unit, caps);

	/*
	 * A mapping is kept only while its unit holds a capability to the memory mapped. An
	 * ended unit's mappings all go with its address space, in steps (process.c).
	 */
	if (obj->type == CAP_TYPE_MEMORY && !u->ended && !cap_table_holds(t, obj, c))
		mem_unmap_object(u->aspace, container_of(obj, struct memobj, kobj));
}

static void (*unit_release)(struct kobj *obj); /* unit.c's (built on this file) */

void kobj_on_unit_release(void (*release)(struct kobj *obj))
{
	unit_release = release;
}

void kobj_release(struct kobj *obj)
{
	kobj_destroy_fn destroy = obj->type < CAP_TYPE_COUNT ? kobj_types[obj->type].destroy : NULL;

	if (obj->type == CAP_TYPE_UNIT) {
		if (unit_release != NULL)
			unit_release(obj); /* its charge goes with its slot, when it has gone */
		return;
	}
	/* Only a counted type with a destroy function can lose its last capability. */
	if (destroy == NULL)
		panic("kobj_release: type %u (%s) has no destroy function", obj->type,
		      obj->type < CAP_TYPE_COUNT ? kobj_type_names[obj->type] : "unknown");
	if (obj->type == CAP_TYPE_MEMORY && memobj_release_later(obj))
		return; /* a large frames object: freed in steps, its charge goes with the last */
	const struct kobj charge = *obj; /* the slot may be reused once freed */

	destroy(obj);
	pool_free(kobj_types[charge.type].pool, obj);
	budget_release(&charge);
}
