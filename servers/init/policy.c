/* Init's restart policy: rate limit and back-off (policy.h). */
#include "servers/init/policy.h"

#include "servers/init/manifest.h"

static uint32_t ends_within(const struct policy_state *s, uint64_t window_us, uint64_t now_us)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < s->count; i++)
		n += now_us - s->ends[i] < window_us;
	return n;
}

enum policy_decision policy_decide(struct policy_state *s, uint32_t restart, uint32_t limit,
				   uint64_t window_us, uint64_t now_us, uint64_t *when_us)
{
	uint32_t recent;
	uint64_t wait = POLICY_BACKOFF_FIRST_US;

	s->ends[s->head] = now_us;
	s->head = (s->head + 1) % POLICY_HISTORY;
	if (s->count < POLICY_HISTORY)
		s->count++;
	if (restart != MANIFEST_RESTART_ALWAYS)
		return POLICY_STOP;
	if (limit >= POLICY_HISTORY) /* the ring must hold limit + 1 ends to see the excess */
		limit = POLICY_HISTORY - 1;
	recent = ends_within(s, window_us, now_us);
	if (recent > limit)
		return POLICY_GIVE_UP;
	for (uint32_t i = 2; i < recent && wait < POLICY_BACKOFF_MAX_US; i++)
		wait *= 2;
	if (wait > POLICY_BACKOFF_MAX_US)
		wait = POLICY_BACKOFF_MAX_US;
	*when_us = now_us + (recent <= 1 ? 0 : wait);
	return POLICY_RESTART;
}
