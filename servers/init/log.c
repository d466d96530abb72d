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
#include "servers/log/klog_read.h"
#include "servers/log/log.h"

#define KLOG_LINE_MAX 160u /* a longer kernel line is forwarded in pieces */
#define KLOG_PAGE     4096u /* the kernel log's mapping */

static int32_t serial_slot = -1;
static const struct keel_klog *klog; /* mapped read-only; NULL without one */
static uint32_t klog_next;	     /* the log byte init forwards next */
static char line[KLOG_LINE_MAX];     /* the kernel line being put together */
static uint32_t line_len;

/*
 * Whether lines may go to the serial server now. The slot says RUNNING until init handled
 * the unit's end, so ask the kernel too: a line written to a killed server's endpoint would
 * only wait out its timeout (20 ms) and then wait in the log buffer anyway.
 */
static bool serial_running(void)
{
	struct keel_unit_info info;
	const struct slot *s = &init_slots[serial_slot];

	return s->state == SLOT_RUNNING && sys_unit_info(s->unit, &info) == ERR_OK &&
	       info.state == UNIT_RUNNING;
}

/* Maps the kernel log, if the kernel gave one; forwarding starts at its oldest byte kept. */
static void klog_map(void)
{
	const struct keel_klog *k = (const struct keel_klog *)INIT_KLOG_VA;
	int32_t r = sys_mem_map(CAP_ROOT_KLOG, (void *)INIT_KLOG_VA, MEM_MAP_READ);

	if (r != ERR_OK) {
		uprintf("init: cannot map the kernel log (CAP_ROOT_KLOG): %s; not forwarded\n",
			keel_strerror(r));
		return;
	}
	if (!klog_valid(k, KLOG_PAGE)) {
		uprintf("init: the kernel log has magic %#x and size %u: not forwarded\n",
			(unsigned)k->magic, (unsigned)k->size);
		return;
	}
	klog = k;
	klog_next = klog_overwritten(k->size, 0, k->written); /* the oldest byte kept */
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
	static char copy[KLOG_PAGE];
	uint32_t lost, n;

	if (klog == NULL || klog->written == klog_next)
		return;
	n = klog_read(klog, &klog_next, copy, &lost);
	if (lost > 0)
		uprintf("init: %u bytes of the kernel log were overwritten before init read them\n",
			(unsigned)lost);
	for (uint32_t i = 0; i < n; i++)
		klog_byte(copy[i]);
}
