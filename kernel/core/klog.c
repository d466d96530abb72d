/*
 * The kernel log ring: one page laid out as <keel/abi.h> says (struct keel_klog), which the
 * root task maps read-only. The kernel keeps its own copy of the layout, so nothing it reads
 * back from the page decides where it writes.
 */
#include <kernel/klog.h>

static struct keel_klog *klog;
static uint32_t klog_size;

void klog_attach(void *page, uint32_t bytes)
{
	klog = page;
	klog_size = 1; /* a power of two, so the ring stays whole when `written` wraps */
	while (klog_size * 2 <= bytes - sizeof(*klog))
		klog_size *= 2;
	klog->size = klog_size;
	klog->written = 0;
	klog->magic = KEEL_KLOG_MAGIC;
}

void klog_putc(char c)
{
	if (klog == NULL)
		return;
	uint32_t n = klog->written;

	klog->ring[n & (klog_size - 1)] = c;
	__asm__ volatile("" ::: "memory"); /* the byte is there before a reader counts it */
	klog->written = n + 1;
}
