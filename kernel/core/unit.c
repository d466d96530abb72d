/*
 * The unit pool: UNIT_MAX preallocated unit objects, an O(1) free list and generation-stamped
 * ids. Tearing down a unit's address space and frames is the caller's job.
 */
#include <kernel/unit.h>
#include <keel/abi.h>

#define UNIT_INDEX_MASK 0xffffu
#define UNIT_GEN_SHIFT	16
#define ID_GEN_MAX	0x7fffu /* generations use bits 16-30 only */

_Static_assert(UNIT_MAX <= UNIT_INDEX_MASK, "unit index must fit in an id");

static struct unit unit_slots[UNIT_MAX];
static uint16_t unit_gen[UNIT_MAX];
static struct list_node unit_free_list; /* free slots, linked through `threads` */
static uint32_t unit_free_slots;

void unit_pool_init(void)
{
	list_init(&unit_free_list);
	for (uint32_t i = 0; i < UNIT_MAX; i++) {
		unit_slots[i].in_use = false;
		unit_gen[i] = 0;
		list_add_tail(&unit_free_list, &unit_slots[i].threads);
	}
	unit_free_slots = UNIT_MAX;
}

/* Next generation of slot i: 1..ID_GEN_MAX, so ids are >= 0x10000 and > 0 as int32_t. */
static uint16_t unit_next_gen(uint32_t i)
{
	unit_gen[i] = unit_gen[i] >= ID_GEN_MAX ? 1 : unit_gen[i] + 1;
	return unit_gen[i];
}

static void unit_copy_name(char *dst, const char *src)
{
	size_t i = 0;

	for (; src && src[i] && i < UNIT_NAME_MAX - 1; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

int unit_alloc(const char *name, struct page_table *aspace, struct unit **out)
{
	struct list_node *node = list_first(&unit_free_list);

	if (!node)
		return ERR_NOMEM;
	list_remove(node);
	unit_free_slots--;

	struct unit *u = list_entry(node, struct unit, threads);
	uint32_t index = (uint32_t)(u - unit_slots);

	/* Field by field: a compound literal could put the whole unit (with its capability
	 * table, ~10 KiB) on the kernel stack. */
	u->id = ((uint32_t)unit_next_gen(index) << UNIT_GEN_SHIFT) | index;
	u->aspace = aspace;
	u->thread_count = 0;
	u->in_use = true;
	unit_copy_name(u->name, name);
	list_init(&u->threads);
	cap_table_init(&u->caps);
	*out = u;
	return ERR_OK;
}

int unit_free(struct unit *u)
{
	if (u->thread_count != 0 || !list_is_empty(&u->threads))
		return ERR_BUSY;
	uint32_t index = (uint32_t)(u - unit_slots);

	unit_next_gen(index); /* ids handed out for this slot so far are now stale */
	u->id = UNIT_ID_INVALID;
	u->in_use = false;
	u->aspace = NULL;
	list_add_tail(&unit_free_list, &u->threads);
	unit_free_slots++;
	return ERR_OK;
}

struct unit *unit_lookup(unit_id_t id)
{
	uint32_t index = id & UNIT_INDEX_MASK;

	if (id == UNIT_ID_INVALID || index >= UNIT_MAX)
		return NULL;
	struct unit *u = &unit_slots[index];

	if (!u->in_use || u->id != id)
		return NULL;
	return u;
}

uint32_t unit_pool_free_count(void)
{
	return unit_free_slots;
}
