/*
 * Init, the root task: starts the units of the compiled system manifest (manifest.h) with
 * exactly the capabilities it names and supervises them (docs/system.md).
 */
#ifndef KEEL_SERVERS_INIT_INIT_H
#define KEEL_SERVERS_INIT_INIT_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>
#include <keel/startup.h>

#include "servers/init/manifest.h"
#include "servers/init/policy.h"

#define INIT_UNITS_MAX 32u    /* one watch bit each */
#define INIT_SERVES_MAX 4u    /* served interfaces per unit */
#define INIT_TABLES_VA 0x20000000u /* init maps unit i's startup page at + i pages */
#define INIT_KLOG_VA 0x20040000u /* and the kernel log's page (CAP_ROOT_KLOG) here */
#define INIT_KLOG_POLL_US 100000u /* the kernel log is forwarded at least this often */
#define INIT_TRACE_VA 0x20080000u /* the kernel's trace rings (CAP_ROOT_TRACE), when tracing */
#define INIT_TRACE_POLL_US 10000u /* and copied out at least this often (servers/init/trace.c) */
#define INIT_TRACE_SHM_VA 0x24000000u /* the trace's shared memory with the host, if any */
#define INIT_SUPERVISOR_PRIORITY 250u /* init's threads after the start: above every unit */
#define INIT_BADGE 0u /* the badge of init's own client capabilities (units get 1 + index) */
#define INIT_CARVED_PORTS 16u /* port objects of a unit with an admin port range */

enum slot_state {
	SLOT_NEW,     /* never started */
	SLOT_RUNNING,
	SLOT_WAITING, /* ended; starts again at restart_at */
	SLOT_STOPPED, /* ended under `restart never` */
	SLOT_GAVE_UP, /* ended too often; left stopped */
};

/* What init keeps about one unit of the manifest, across its restarts. */
struct slot {
	const struct manifest_unit *m;
	enum slot_state state;
	cap_t unit;   /* while running */
	cap_t budget; /* the unit's budget, every right; the unit gets a child */
	cap_t table;  /* its startup page, mapped in init at table_va */
	struct keel_startup *table_va;
	cap_t endpoints[INIT_SERVES_MAX]; /* its served interfaces, every right */
	cap_t res[KEEL_STARTUP_ENTRIES_MAX]; /* per startup entry: init's capability it derives from */
	uint32_t restarts;
	uint32_t last_end; /* UNIT_* of its last end, 0 if none */
	int32_t last_status;
	uint64_t restart_at;
	struct policy_state policy;
};

extern struct slot init_slots[INIT_UNITS_MAX];
extern uint32_t init_nslots;

/* Creates what a unit's capabilities derive from (once, kept for the whole boot). */
int32_t init_prepare(struct slot *s, uint32_t index);
/* Starts (or restarts) the unit of slot `index`; ERR_OK or why not (logged). */
int32_t init_start(uint32_t index, cap_t watch);
extern cap_t init_watch;      /* the notification every unit's end signals (bit = index) */
extern cap_t init_supervisor; /* the supervisor endpoint, every right */

/* Tells the subscribed units that unit `index` ended (`how`: UNIT_*); never waits. */
void init_publish_end(uint32_t index, uint32_t how);
/* Logs and handles the ends of the units whose bits are set (stale bits are ignored). */
void init_units_ended(uint32_t bits);
/* Starts the units whose restart is due; the earliest later restart time (UINT64_MAX: none). */
uint64_t init_restart_due(cap_t watch);
/* Serves the supervisor interface on endpoint and unit ends; never returns. */
void init_serve(cap_t endpoint, cap_t watch);
/*
 * From now on init's uprintf goes to the unit serving keel.serial.Serial, if the manifest has
 * one (servers/init/log.c), and the kernel log is mapped; call once the endpoints exist.
 */
void init_log_start(void);
/* Forwards what the kernel logged since the last call into init's log ("kernel: ..."). */
void init_klog_drain(void);
/* The tracer (trace.c): maps the kernel's trace rings if it traces; copies them out. */
void init_trace_start(void);
void init_trace_drain(void);
struct trace_shm *init_trace_shm(void); /* trace_shm.c: the channel to the host, or NULL */
extern uint32_t init_poll_us; /* how long init's loop may sleep: shorter while tracing */
/* Microseconds since boot. */
uint64_t init_now_us(void);

#endif /* KEEL_SERVERS_INIT_INIT_H */
