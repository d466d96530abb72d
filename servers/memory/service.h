/*
 * The memory server's policy (docs/system.md, "Memory server"): per-unit quotas as child
 * budgets of the server's own, published regions, and releasing a unit's share when it ends.
 * One thread owns a struct mem_service; the handlers are those of idl/memory.idl.
 */
#ifndef SERVERS_MEMORY_SERVICE_H
#define SERVERS_MEMORY_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "idl/memory_server.h"

#define MEM_DEFAULT_QUOTA 256u /* frames a unit may hold unless set_quota says otherwise */
#define MEM_ALLOCS_MAX	  8u   /* allocations (memory objects) a unit may hold at a time */

/* One client unit: its quota and the child budget its allocations are charged to. */
struct mem_client {
	uint8_t unit;	      /* its badge; 0: a free slot */
	bool quota_set;	      /* set_quota named it: the slot outlives the unit's end */
	uint32_t quota;	      /* frames */
	cap_t budget;	      /* CAP_NULL until its first allocation */
	uint32_t budget_size; /* frames the budget was created with */
};

/* One published region: the server's capability to it and who published it. */
struct mem_region {
	uint32_t token; /* 0: a free slot */
	uint8_t owner;
	bool read_only;
	cap_t mem;
};

struct mem_service {
	cap_t budget; /* the server's own (CAP_START(0)) */
	uint32_t next_token;
	struct mem_client clients[KEEL_MEMORY_CLIENTS_MAX];
	struct mem_region regions[KEEL_MEMORY_SHARED_MAX];
};

/* What mem_service_ended released. */
struct mem_release {
	uint32_t regions; /* published regions withdrawn */
	bool budget;	  /* its child budget's capability deleted */
};

void mem_service_init(struct mem_service *s, cap_t budget);

/* Unit `unit` ended: withdraws its regions and drops its child budget. */
struct mem_release mem_service_ended(struct mem_service *s, uint8_t unit);

extern const struct keel_memory_handlers mem_handlers;

/*
 * The kernel calls the policy makes (sys_budget_create, sys_budget_info, sys_mem_alloc):
 * the program maps them to the syscalls, the host test fakes them.
 */
int32_t mem_sys_budget_create(cap_t parent, const struct keel_budget *want);
int32_t mem_sys_budget_info(cap_t budget, struct keel_budget *out);
int32_t mem_sys_alloc(cap_t budget, uint32_t pages);

#endif
