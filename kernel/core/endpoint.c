/*
 * Endpoint objects: the pool they come from and their creation. What an endpoint does
 * (queues, hand-over, inheritance, its end) is the IPC engine's (ipc.c).
 */
#include <kernel/ipc.h>
#include <kernel/pool.h>

POOL_DEFINE(endpoint_pool, struct endpoint, ENDPOINT_MAX, CAP_TYPE_ENDPOINT, KOBJ_COUNTED);

struct endpoint *endpoint_create(void)
{
	struct endpoint *ep = pool_alloc(&endpoint_pool);

	if (ep != NULL)
		endpoint_init(ep);
	return ep;
}
