/*
 * The object layer's reference counting (see <kernel/kobj.h>): capabilities come and go, each
 * type learns what it needs (an endpoint counts its receivers) and the last capability of a
 * counted object destroys it.
 */
#include <kernel/ipc.h>
#include <kernel/kobj.h>
#include <kernel/kprintf.h>
#include <kernel/list.h>

void kobj_ref(struct kobj *obj, uint32_t rights)
{
	if (!(obj->flags & KOBJ_COUNTED))
		return;
	obj->refs++;
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed(container_of(obj, struct endpoint, obj), 1);
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	if (!(obj->flags & KOBJ_COUNTED))
		return;
	KASSERT(obj->refs > 0); /* one unref per capability that existed */
	if (obj->type == CAP_TYPE_ENDPOINT && (rights & CAP_RIGHT_READ))
		endpoint_readers_changed(container_of(obj, struct endpoint, obj), -1);
	if (--obj->refs == 0)
		kobj_release(obj);
}

void kobj_release(struct kobj *obj)
{
	switch (obj->type) {
	case CAP_TYPE_ENDPOINT:
		endpoint_destroy(container_of(obj, struct endpoint, obj));
		break;
	default:
		panic("kobj: no destroy function for object type %u", (unsigned)obj->type);
	}
}
