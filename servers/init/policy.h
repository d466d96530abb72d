/*
 * Init's restart policy (docs/system.md, "Supervision"), pure so host tests drive it: given a
 * unit's manifest entry, its recent ends and the time, whether and when to start it again.
 */
#ifndef KEEL_SERVERS_INIT_POLICY_H
#define KEEL_SERVERS_INIT_POLICY_H

#include <stdint.h>

#define POLICY_HISTORY 32u             /* ends remembered per unit: limits up to this - 1 */
#define POLICY_BACKOFF_FIRST_US 10000u /* the second end within a window waits this long */
#define POLICY_BACKOFF_MAX_US 1000000u /* the back-off doubles up to this */

enum policy_decision {
	POLICY_STOP,     /* restart never: the unit stays ended */
	POLICY_GIVE_UP,  /* it ended more than its limit within its window: left stopped */
	POLICY_RESTART,  /* start it again at *when_us */
};

struct policy_state {
	uint64_t ends[POLICY_HISTORY]; /* times of the latest ends, a ring */
	uint32_t head;                 /* where the next end goes */
	uint32_t count;                /* ends recorded, at most POLICY_HISTORY */
};

/*
 * Records an end at now_us and decides. The first end within the window restarts at once;
 * each further one waits POLICY_BACKOFF_FIRST_US doubled per earlier end in the window, up to
 * POLICY_BACKOFF_MAX_US. More than `limit` ends within `window_us` give up (a limit of
 * POLICY_HISTORY or more counts as POLICY_HISTORY - 1).
 */
enum policy_decision policy_decide(struct policy_state *s, uint32_t restart, uint32_t limit,
				   uint64_t window_us, uint64_t now_us, uint64_t *when_us);

#endif /* KEEL_SERVERS_INIT_POLICY_H */
