/* The startup table (<keel/startup.h>): filling it (init) and reading it (every unit). */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

bool keel_startup_init(struct keel_startup *t, const char *unit, uint32_t restarts)
{
	size_t len = strnlen(unit, KEEL_STARTUP_NAME_MAX);

	memset(t, 0, sizeof(*t));
	if (len == 0 || len == KEEL_STARTUP_NAME_MAX)
		return false;
	memcpy(t->unit, unit, len);
	t->magic = KEEL_STARTUP_MAGIC;
	t->restarts = restarts;
	return true;
}

bool keel_startup_add(struct keel_startup *t, enum keel_startup_kind kind, const char *name,
		      uint32_t rights, uint32_t arg0, uint32_t arg1)
{
	size_t len = strnlen(name, KEEL_STARTUP_NAME_MAX);
	struct keel_startup_entry *e;

	if (t->count >= KEEL_STARTUP_ENTRIES_MAX || len == 0 || len == KEEL_STARTUP_NAME_MAX)
		return false;
	e = &t->entries[t->count];
	memset(e, 0, sizeof(*e));
	e->kind = (uint32_t)kind;
	e->cap = CAP_START(KEEL_STARTUP_FIRST + t->count);
	e->rights = rights;
	e->arg0 = arg0;
	e->arg1 = arg1;
	memcpy(e->name, name, len);
	t->count++;
	return true;
}

const struct keel_startup_entry *keel_startup_find(const struct keel_startup *t,
						   enum keel_startup_kind kind, const char *name)
{
	if (t == NULL || t->magic != KEEL_STARTUP_MAGIC)
		return NULL;
	for (uint32_t i = 0; i < t->count && i < KEEL_STARTUP_ENTRIES_MAX; i++) {
		const struct keel_startup_entry *e = &t->entries[i];

		if (e->kind == (uint32_t)kind &&
		    strncmp(e->name, name, KEEL_STARTUP_NAME_MAX) == 0)
			return e;
	}
	return NULL;
}

#ifndef KEEL_ULIB_HOST_TEST
const struct keel_startup *keel_startup(void)
{
	static const struct keel_startup *table;
	static bool tried;
	const struct keel_startup *t = (const struct keel_startup *)KEEL_STARTUP_ADDR;

	if (tried)
		return table;
	tried = true;
	if (sys_mem_info(KEEL_STARTUP_TABLE_CAP) != 1 ||
	    sys_mem_map(KEEL_STARTUP_TABLE_CAP, (void *)KEEL_STARTUP_ADDR, MEM_MAP_READ) != ERR_OK)
		return NULL;
	if (t->magic == KEEL_STARTUP_MAGIC && t->count <= KEEL_STARTUP_ENTRIES_MAX)
		table = t;
	return table;
}

cap_t keel_startup_cap(enum keel_startup_kind kind, const char *name)
{
	const struct keel_startup_entry *e = keel_startup_find(keel_startup(), kind, name);

	return e != NULL ? e->cap : CAP_NULL;
}
#endif
