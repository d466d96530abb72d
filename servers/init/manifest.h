/*
 * The compiled system manifest (docs/system.md): what init starts and with which capabilities.
 * The manifest compiler (codegen/manifest) writes one `const struct manifest system_manifest`
 * from a checked manifest file; init links it. Units are in start order: every server comes
 * before its clients.
 */
#ifndef KEEL_SERVERS_INIT_MANIFEST_H
#define KEEL_SERVERS_INIT_MANIFEST_H

#include <stdint.h>

#include <keel/startup.h>

/* A KEEL_STARTUP_CLIENT's arg0 naming init itself, server of keel.supervisor.Supervisor. */
#define MANIFEST_UNIT_INIT 0xffu

#define MANIFEST_RESTART_NEVER 0u
#define MANIFEST_RESTART_ALWAYS 1u

/*
 * One startup capability of a unit, in its startup-table order. By kind:
 * - KEEL_STARTUP_SERVE / KEEL_STARTUP_SELF: arg0 = index of the unit's own endpoint (its
 *   `serves` lines in order); name = the interface's qualified name.
 * - KEEL_STARTUP_CLIENT: arg0 = the server's unit index, arg1 = that server's endpoint index;
 *   rights = the wiring's rights; name = the interface's qualified name. A client of init's
 *   supervisor (keel.supervisor.Supervisor) has arg0 = MANIFEST_UNIT_INIT, arg1 = 0.
 * - KEEL_STARTUP_IOPORT: arg0 = base, arg1 = count (rights with ADMIN: `admin`, it may carve). KEEL_STARTUP_IRQ and _IRQ_NOTIFY: arg0 =
 *   line (the two come as a pair, IRQ first). KEEL_STARTUP_DEVMEM: arg0 = base, arg1 = size.
 */
struct manifest_cap {
	uint32_t kind; /* enum keel_startup_kind */
	const char *name;
	uint32_t rights; /* CAP_RIGHT_* the unit gets */
	uint32_t arg0, arg1;
	uint32_t line; /* of the manifest, for messages */
};

struct manifest_unit {
	const char *name;
	uint32_t module; /* boot module index (init is 0) */
	uint32_t priority, max_priority;
	uint32_t memory_frames; /* the unit's budget */
	uint32_t threads;       /* threads its budget pays for */
	uint32_t memory_objects; /* memory objects it pays for (`regions`, at least 3) */
	uint32_t cpu;		 /* `cpu` + 1; 0: the least loaded CPU */
	uint32_t restart;       /* MANIFEST_RESTART_* */
	uint32_t restart_limit; /* ends within restart_window_ms before it is left stopped */
	uint32_t restart_window_ms;
	uint32_t endpoints; /* served interfaces: init creates one endpoint each */
	uint32_t ncaps;
	const struct manifest_cap *caps;
	uint32_t line;
};

struct manifest {
	const char *source; /* the manifest's path in the workspace */
	uint32_t nunits;
	const struct manifest_unit *units;
};

extern const struct manifest system_manifest;

#endif /* KEEL_SERVERS_INIT_MANIFEST_H */
