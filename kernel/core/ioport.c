/* I/O-port objects (<kernel/ioport.h>): their pool, ranges, enabling and release. */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/ioport.h>
#include <kernel/list.h>
#include <kernel/pool.h>
#include <kernel/unit.h>

POOL_DEFINE(ioport_pool, struct ioport, IOPORT_MAX, CAP_TYPE_IOPORT, KOBJ_COUNTED);

struct ioport *ioport_create(uint32_t base, uint32_t count)
{
	struct ioport *p = pool_alloc(&ioport_pool);

	if (p == NULL)
		return NULL;
	p->base = base;
	p->count = count; /* no enabler yet: pool_alloc zeroed the rest */
	return p;
}

bool ioport_contains(const struct ioport *p, uint32_t base, uint32_t count)
{
	return count >= 1 && base >= p->base && base - p->base < p->count &&
	       count <= p->count - (base - p->base);
}

/* Whether enabler slot i holds a unit that is still the one that enabled p. */
static bool enabler_live(const struct ioport *p, unsigned i)
{
	return p->enablers[i] != NULL && p->enablers[i]->id == p->enabler_ids[i];
}

int ioport_enable(struct ioport *p, struct unit *u)
{
	int free_slot = -1;

	for (unsigned i = 0; i < IOPORT_ENABLERS_MAX; i++) {
		if (enabler_live(p, i) && p->enablers[i] == u)
			return ERR_OK; /* already enabled by u */
		if (!enabler_live(p, i) && free_slot < 0)
			free_slot = (int)i;
	}
	if (free_slot < 0)
		return ERR_BUSY;
	int err = arch_io_grant(u, p->base, p->count);

	if (err != ERR_OK)
		return err;
	p->enablers[free_slot] = u;
	p->enabler_ids[free_slot] = u->id;
	return ERR_OK;
}

void ioport_release(struct kobj *obj)
{
	struct ioport *p = container_of(obj, struct ioport, kobj);

	for (unsigned i = 0; i < IOPORT_ENABLERS_MAX; i++) {
		if (enabler_live(p, i))
			arch_io_withdraw(p->enablers[i], p->base, p->count);
	}
}
