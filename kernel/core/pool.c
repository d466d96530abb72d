/*
 * The object pool (<kernel/pool.h>): slots, the FIFO free list of slot indices, generations
 * and ids. The one place that knows how an object id is laid out.
 */
#include <kernel/kprintf.h>
#include <kernel/pool.h>
#include <kernel/string.h>
#include <keel/abi.h>

/* The object in slot `index` (< capacity), seen through its header. */
static struct kobj *pool_slot(const struct pool *p, uint32_t index)
{
	return (struct kobj *)(p->slots + (size_t)index * p->obj_size);
}

/* The pool of each object type, for pool_free_of_type. */
static struct pool *pool_of_type[CAP_TYPE_COUNT];

void pool_init(struct pool *p)
{
	/* Slot indices must fit an id and leave POOL_NO_SLOT free to end the list. */
	KASSERT(p->capacity > 0 && p->capacity < POOL_NO_SLOT &&
		p->obj_size >= sizeof(struct kobj));
	/* CAP_TYPE_NONE marks free slots, so a pool's own type must be a real one. */
	KASSERT(p->type != CAP_TYPE_NONE && p->type < CAP_TYPE_COUNT);
	memset(p->slots, 0, (size_t)p->capacity * p->obj_size);
	for (uint32_t i = 0; i < p->capacity; i++)
		p->next_free[i] = (uint16_t)(i + 1 < p->capacity ? i + 1 : POOL_NO_SLOT);
	p->free_head = 0;
	p->free_tail = (uint16_t)(p->capacity - 1);
	p->free_count = p->capacity;
	pool_of_type[p->type] = p;
}

uint32_t pool_free_of_type(uint8_t type)
{
	return type < CAP_TYPE_COUNT && pool_of_type[type] ? pool_of_type[type]->free_count : 0;
}

uint32_t pool_index(const struct pool *p, const void *obj)
{
	uintptr_t at = (uintptr_t)obj, base = (uintptr_t)p->slots;
	size_t offset = at - base;

	/* Only a pointer to the start of one of p's slots is an object of p. */
	if (at < base || offset % p->obj_size != 0 || offset / p->obj_size >= p->capacity)
		panic("pool %s: %p is not one of its objects", p->name, obj);
	return (uint32_t)(offset / p->obj_size);
}

void *pool_alloc(struct pool *p)
{
	if (p->free_count == 0)
		return NULL;
	uint32_t index = p->free_head;
	struct kobj *obj = pool_slot(p, index);
	/* 1..POOL_GEN_MAX, wrapping: generation 0 marks a never-used slot, so no id is ever 0. */
	uint16_t gen = obj->gen >= POOL_GEN_MAX ? 1 : (uint16_t)(obj->gen + 1);

	/* Only free slots are on the free list. */
	KASSERT(index < p->capacity && obj->type == CAP_TYPE_NONE);
	p->free_head = p->next_free[index];
	p->free_count--;
	memset(obj, 0, p->obj_size);
	*obj = (struct kobj){.type = p->type, .flags = p->kobj_flags, .gen = gen,
			     .alloc_site = (uintptr_t)__builtin_return_address(0)};
	return obj;
}

void pool_free(struct pool *p, void *obj)
{
	uint32_t index = pool_index(p, obj);
	struct kobj *k = obj;

	if (k->type != p->type)
		panic("pool %s: freeing free slot %u (type %u)", p->name, index, k->type);
	/* A counted object goes with its last capability, never before. */
	KASSERT(!(k->flags & KOBJ_COUNTED) || k->refs == 0);
	k->type = CAP_TYPE_NONE;
	p->next_free[index] = POOL_NO_SLOT;
	if (p->free_count == 0)
		p->free_head = (uint16_t)index;
	else
		p->next_free[p->free_tail] = (uint16_t)index;
	p->free_tail = (uint16_t)index;
	p->free_count++;
}

void *pool_lookup(const struct pool *p, uint32_t id)
{
	uint32_t index = id & POOL_INDEX_MASK;
	uint32_t gen = id >> POOL_GEN_SHIFT; /* bit 31 set makes it > POOL_GEN_MAX: no match */

	if (index >= p->capacity || gen == 0)
		return NULL;
	struct kobj *obj = pool_slot(p, index);

	return obj->type == p->type && obj->gen == gen ? obj : NULL;
}

uint32_t pool_id(const struct pool *p, const void *obj)
{
	uint32_t index = pool_index(p, obj);
	const struct kobj *k = obj;

	if (k->type != p->type)
		panic("pool %s: id of free slot %u", p->name, index);
	return ((uint32_t)k->gen << POOL_GEN_SHIFT) | index;
}
