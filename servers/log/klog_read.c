/* Reading the kernel log ring (klog_read.h). */
#include "servers/log/klog_read.h"

bool klog_valid(const struct keel_klog *k, uint32_t bytes)
{
	return k->magic == KEEL_KLOG_MAGIC && k->size != 0 && (k->size & (k->size - 1)) == 0 &&
	       k->size <= bytes - sizeof(*k);
}

uint32_t klog_overwritten(uint32_t size, uint32_t from, uint32_t written)
{
	uint32_t behind = written - from; /* mod 2^32, as the counter */

	return behind > size ? behind - size : 0;
}

uint32_t klog_read(const struct keel_klog *k, uint32_t *next, char *out, uint32_t *lost)
{
	uint32_t w = k->written, from = *next;

	*lost = klog_overwritten(k->size, from, w);
	from += *lost;
	uint32_t n = w - from;

	for (uint32_t i = 0; i < n; i++)
		out[i] = k->ring[(from + i) & (k->size - 1)];
	uint32_t gone = klog_overwritten(k->size, from, k->written); /* while copying */

	if (gone > n)
		gone = n;
	*lost += gone;
	*next = w;
	for (uint32_t i = gone; i < n; i++) /* what is left moves to the front */
		out[i - gone] = out[i];
	return n - gone;
}
