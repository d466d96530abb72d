/*
 * Units' ends, for a server that keeps something per client unit (the memory server's quotas,
 * the device manager's claims): init's supervisor publishes `ended(unit, how)` events on a
 * channel; a thread of the server's own turns each into a call to the server's endpoint
 * through its SELF capability, so that the main loop, which owns the server's state, handles
 * it between two requests and no lock is needed (docs/system.md, "Supervision").
 */
#ifndef KEEL_SERVERS_ENDED_ENDED_H
#define KEEL_SERVERS_ENDED_ENDED_H

#include <stdbool.h>
#include <stdint.h>

#include <keel/abi.h>

#define KEEL_ENDED_ORDINAL 0u /* the call's method ordinal: no interface has a method 0 */

/*
 * Subscribes a new channel to the supervisor (the manifest's `uses init
 * keel.supervisor.Supervisor rights READ`) and starts the forwarder thread at the highest
 * priority the unit may use (its manifest needs `threads 2` at least). `self` is the server's
 * SELF capability for interface `iface_id`; `who` names the unit in log lines. False (after
 * a log line saying why) if any of it failed. If the channel later fails, the forwarder ends
 * the unit, so that init restarts it rather than leave it deaf to ends.
 */
bool keel_ended_start(cap_t self, uint32_t iface_id, const char *who);

/* A generated server's *_dispatch_untyped: handles msg in place; true if it is a reply. */
typedef bool (*keel_ended_dispatch)(void *srv, struct ipc_message *msg,
				     const struct ipc_recv_info *info);

/*
 * The server's receive loop on its endpoint `ep`: the forwarder's calls (from SELF, badge
 * KEEL_BADGE_SELF, with the ended ordinal) go to ended(unit, how) — the unit's number (its
 * badge on its client capabilities) and its UNIT_* end state — and get an empty reply; every
 * other message goes to dispatch(srv, ...). Returns the receive error that ended it.
 */
int32_t keel_ended_serve(cap_t ep, keel_ended_dispatch dispatch, void *srv,
			 void (*ended)(uint8_t unit, uint8_t how));

#endif /* KEEL_SERVERS_ENDED_ENDED_H */
