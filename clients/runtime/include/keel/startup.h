/*
 * The startup table: how a unit started by init finds its capabilities by name.
 *
 * Init starts every unit charged to a budget of its own, which the unit gets as CAP_START(0)
 * (SYS_UNIT_START with UNIT_START_BUDGET), and passes it as CAP_START(1) a read-only memory
 * capability to one page holding a struct keel_startup: the unit's name, how often it was
 * restarted, and one entry per further capability it was given (CAP_START(2) onwards): a kind,
 * a name from the system manifest and the resource's numbers (port base and count, IRQ line,
 * physical range). A program asks for
 * what it needs by kind and name instead of relying on slot order, so the same binary runs
 * under any manifest that wires it. This is a convention between init and its units, not
 * kernel ABI: the kernel sees only a memory capability.
 *
 * Writers (init; the keyboard test's own root task) fill the table with keel_startup_init and
 * keel_startup_add; readers map it with keel_startup_map and look entries up with
 * keel_startup_find / keel_startup_cap.
 */
#ifndef KEEL_STARTUP_H
#define KEEL_STARTUP_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>

#define KEEL_STARTUP_MAGIC 0x3154534bu /* "KST1" */
#define KEEL_STARTUP_NAME_MAX 32u      /* bytes of a name, NUL included */
#define KEEL_STARTUP_BUDGET_CAP CAP_START(0) /* the unit's own budget */
#define KEEL_STARTUP_TABLE_CAP CAP_START(1)  /* the table's page */
#define KEEL_STARTUP_FIRST 2u                /* entry i is CAP_START(KEEL_STARTUP_FIRST + i) */
#define KEEL_STARTUP_ENTRIES_MAX (UNIT_START_CAPS_MAX - KEEL_STARTUP_FIRST)
#define KEEL_STARTUP_ADDR 0xB0000000u  /* where keel_startup_map maps it */

/* What an entry's capability is. */
enum keel_startup_kind {
	KEEL_STARTUP_SERVE = 1,  /* READ on the endpoint of a served interface (name: interface) */
	KEEL_STARTUP_SELF = 2,   /* WRITE on that endpoint with badge KEEL_BADGE_SELF (name: interface) */
	KEEL_STARTUP_CLIENT = 3, /* a client capability to a service (name: interface) */
	KEEL_STARTUP_IOPORT = 4, /* an I/O-port range: arg0 base, arg1 count */
	KEEL_STARTUP_IRQ = 5,    /* an IRQ binding (WRITE: acknowledge): arg0 line */
	KEEL_STARTUP_IRQ_NOTIFY = 6, /* READ on the notification that IRQ signals: arg0 line, arg1 bits */
	KEEL_STARTUP_DEVMEM = 7, /* a device-memory range: arg0 physical base, arg1 size in bytes */
	KEEL_STARTUP_BUDGET = 8, /* a further memory budget to hand out: arg0 frames */
	KEEL_STARTUP_OTHER = 9,  /* anything else; its meaning is the name's */
};

/*
 * The badge of the capability a server uses to call its own endpoint (KEEL_STARTUP_SELF):
 * a server loop that also handles its interrupts has a helper thread forward each one as a
 * call with this badge, so one thread owns all the server's state (docs/system.md). Clients'
 * badges are their unit numbers (1..), never this.
 */
#define KEEL_BADGE_SELF 0xffffffffu

struct keel_startup_entry {
	uint32_t kind;  /* enum keel_startup_kind */
	cap_t cap;      /* the handle in the unit's table */
	uint32_t rights; /* the rights it carries (CAP_RIGHT_*) */
	uint32_t arg0, arg1;
	char name[KEEL_STARTUP_NAME_MAX];
};

struct keel_startup {
	uint32_t magic;    /* KEEL_STARTUP_MAGIC */
	uint32_t count;    /* entries in use */
	uint32_t restarts; /* how often init restarted this unit (0 on the first start) */
	uint32_t reserved;
	char unit[KEEL_STARTUP_NAME_MAX]; /* the unit's name in the manifest */
	struct keel_startup_entry entries[KEEL_STARTUP_ENTRIES_MAX];
};
_Static_assert(sizeof(struct keel_startup) <= 4096, "the startup table is one page");

/* Empties *t and names the unit; false if the name does not fit. */
bool keel_startup_init(struct keel_startup *t, const char *unit, uint32_t restarts);
/*
 * Adds an entry whose capability will be CAP_START(KEEL_STARTUP_FIRST + its index): the
 * starter passes caps[] = {budget, table, entry 0, entry 1, ...}. False (nothing added) if
 * the table is full or the name is empty or does not fit.
 */
bool keel_startup_add(struct keel_startup *t, enum keel_startup_kind kind, const char *name,
		      uint32_t rights, uint32_t arg0, uint32_t arg1);
/* The entry of that kind and name, or NULL; a table without the magic has no entries. */
const struct keel_startup_entry *keel_startup_find(const struct keel_startup *t,
						   enum keel_startup_kind kind, const char *name);

/*
 * Maps KEEL_STARTUP_TABLE_CAP read-only at KEEL_STARTUP_ADDR (once; later calls return the
 * same) and returns the table, or NULL if the unit has none (that capability is not a one-page
 * memory capability, or the page lacks the magic).
 */
const struct keel_startup *keel_startup(void);
/* keel_startup_find on this unit's table, giving the handle; CAP_NULL if there is none. */
cap_t keel_startup_cap(enum keel_startup_kind kind, const char *name);

#endif /* KEEL_STARTUP_H */
