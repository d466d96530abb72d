/*
 * Init's log (docs/system.md, "Logs"): its lines go to the unit serving keel.serial.Serial
 * through //servers/log, except in test images, where SYS_DEBUG_PRINT is allowed and used.
 * Init also forwards the kernel's log (CAP_ROOT_KLOG, <keel/abi.h>): what the kernel says once
 * a unit drives COM1 is copied out of the kernel's ring into init's log, each line prefixed
 * "kernel: ", and overwritten bytes are counted and reported.
 */
#include <keel/startup.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "servers/init/init.h"
#include "servers/log/log.h"

#define KLOG_LINE_MAX 160u /* a longer kernel line is forwarded in pieces */

static int32_t serial_slot = -1;
static const struct keel_klog *klog; /* mapped read-only; NULL without one */
static uint32_t klog_read;	     /* the log byte init forwards next */
static char line[KLOG_LINE_MAX];     /* the kernel line being put together */
static uint32_t line_len;

static bool serial_running(void)
{
	return init_slots[serial_slot].state == SLOT_RUNNING;
}

/* Maps the kernel log, if the kernel gave one; forwarding starts at its oldest byte kept. */
static void klog_map(void)
{
	const struct keel_klog *k = (const struct keel_klog *)INIT_KLOG_VA;

	if (sys_mem_map(CAP_ROOT_KLOG, (void *)INIT_KLOG_VA, MEM_MAP_READ) != ERR_OK)
		return;
	if (k->magic != KEEL_KLOG_MAGIC || k->size == 0 || (k->size & (k->size - 1)) != 0 ||
	    k->size > 4096u - sizeof(*k)) {
		uprintf("init: the kernel log has magic %#x and size %u: not forwarded\n",
			(unsigned)k->magic, (unsigned)k->size);
		return;
	}
	klog = k;
	klog_read = k->written > k->size ? k->written - k->size : 0;
}

void init_log_start(void)
{
	cap_t ep = CAP_NULL;

	klog_map();
	for (uint32_t i = 0; i < init_nslots && ep == CAP_NULL; i++) {
		const struct manifest_unit *m = init_slots[i].m;

		for (uint32_t k = 0; k < m->ncaps; k++) {
			if (m->caps[k].kind != KEEL_STARTUP_SERVE ||
			    strcmp(m->caps[k].name, KEEL_LOG_SERIAL))
				continue;
			ep = cap_derive(init_slots[i].endpoints[m->caps[k].arg0], CAP_RIGHT_WRITE,
					INIT_BADGE);
			serial_slot = (int32_t)i;
			break;
		}
	}
	if (ep >= 0)
		keel_log_start_to(ep, "init", serial_running);
}

/* Appends one kernel byte; a complete (or full) line goes to init's log. */
static void klog_byte(char c)
{
	if (c != '\n' && line_len < KLOG_LINE_MAX)
		line[line_len++] = c;
	if (c != '\n' && line_len < KLOG_LINE_MAX)
		return;
	uprintf("kernel: %.*s\n", (int)line_len, line);
	line_len = 0;
	if (c != '\n') /* the line went on */
		line[line_len++] = c;
}

void init_klog_drain(void)
{
	static char copy[4096];
	uint32_t w = klog != NULL ? klog->written : klog_read, lost = 0;

	if (w == klog_read)
		return;
	if (w - klog_read > klog->size) { /* overwritten before init came to it */
		lost = w - klog_read - klog->size;
		klog_read = w - klog->size;
	}
	uint32_t n = w - klog_read, skip = 0;

	for (uint32_t i = 0; i < n; i++)
		copy[i] = klog->ring[(klog_read + i) & (klog->size - 1)];
	uint32_t after = klog->written; /* bytes the kernel wrote meanwhile overwrote the oldest */

	if (after - klog_read > klog->size)
		skip = after - klog_read - klog->size < n ? after - klog_read - klog->size : n;
	klog_read = w;
	if (lost + skip > 0)
		uprintf("init: %u bytes of the kernel log were overwritten before init read them\n",
			(unsigned)(lost + skip));
	for (uint32_t i = skip; i < n; i++)
		klog_byte(copy[i]);
}
