/* Memory objects (<kernel/memobj.h>): their pool, creation and release. */
#include <kernel/memobj.h>
#include <kernel/list.h>
#include <kernel/pool.h>
#include <keel/abi.h>

POOL_DEFINE(memobj_pool, struct memobj, MEMOBJ_MAX, CAP_TYPE_MEMORY);

void memobj_pool_init(void)
{
	pool_init(&memobj_pool);
}

struct memobj *memobj_create_module(uint32_t index, phys_addr_t base, uint32_t size)
{
	struct memobj *m = pool_alloc(&memobj_pool);

	if (m == NULL)
		return NULL;
	m->kobj.flags = KOBJ_COUNTED;
	m->base = base;
	m->size = size;
	m->flags = MEMOBJ_BOOT_MODULE;
	m->module = index;
	return m;
}

void memobj_release(struct kobj *obj)
{
	pool_free(&memobj_pool, container_of(obj, struct memobj, kobj));
}
