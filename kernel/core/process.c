/*
 * Processes: starting units from boot modules (ELF validation, loading, first thread), new
 * threads, and every way threads and units end: exit, exit of the whole unit, kill after a
 * user fault, and the deferred teardown (reaping) that frees their frames and kernel objects.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/budget.h>
#include <kernel/elf.h>
#include <kernel/init.h>
#include <kernel/ioport.h>
#include <kernel/irq_line.h>
#include <kernel/ipc.h>
#include <kernel/klog.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mem_map.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/trace.h>
#include <kernel/unit.h>

#include "process_internal.h"

#define INIT_MODULE   0
#define INIT_PRIORITY 100
#define INIT_ARG      0

static const struct boot_info *boot;
static struct unit *init_unit;
static bool exit_with_init; /* `debug_exit`: init's end ends the emulator */

void process_init(const struct boot_info *bi)
{
	boot = bi;
	init_unit = NULL;
	exit_with_init = boot_cmdline_has(bi, "debug_exit");
}

const struct boot_info *process_boot_info(void)
{
	return boot;
}

/* The direct-mapped image of module `index`; a module the direct map misses is refused. */
static int module_image(unsigned index, const void **image, size_t *size)
{
	if (boot == NULL || index >= boot->module_count)
		return ERR_NOT_FOUND;
	const struct boot_module *m = &boot->modules[index];
	phys_addr_t limit = mmu_direct_map_end();

	if (m->end < m->start || m->end > limit) {
		kprintf("process: module %u (%s) at phys 0x%08x-0x%08x is not below the direct "
			"map limit 0x%08x\n",
			index, m->name, (unsigned)m->start, (unsigned)m->end, (unsigned)limit);
		return ERR_INVALID;
	}
	*image = phys_to_virt(m->start);
	*size = m->end - m->start;
	return ERR_OK;
}

/*
 * Charges u's budget for the frames its space and image hold as they are now (loading is
 * done): its directory, page tables and every loaded page.
 */
static int unit_charge_space(struct unit *u)
{
	uint32_t frames = mmu_space_frames(u->aspace);

	for (uint32_t i = 0; i < u->image.region_count; i++)
		frames += (u->image.regions[i].end - u->image.regions[i].start) / PAGE_SIZE;
	if (budget_take(u->budget, frames, BUDGET_FRAMES_ONLY) != ERR_OK)
		return ERR_NOMEM;
	u->frames = frames;
	return ERR_OK;
}

int process_thread_create(struct unit *u, uintptr_t entry, uintptr_t stack_top, uintptr_t arg,
			  unsigned priority, struct thread **out)
{
	unsigned cpu = (priority >> 16) & 0xffu; /* THREAD_PRIORITY's field: CPU + 1, 0 = here */

	/* SYS_THREAD_CREATE checked the unit (live), the priority word and both addresses. */
	KASSERT(u != NULL && !u->ended && !(priority & THREAD_PRIORITY_BAD_BITS) &&
		entry < USER_SPACE_END && stack_top <= USER_SPACE_END);
	process_reap();
	if (thread_alloc(u, (uint8_t)priority, out) != ERR_OK)
		return ERR_NOMEM;
	arch_thread_init_user(*out, entry, stack_top, arg);
	/* a preemption waits for the next preemption point */
	sched_start(percpu_place(cpu == 0 ? this_cpu()->cpu_id : cpu - 1), *out);
	return ERR_OK;
}

/*
 * Gives a unit about to start its startup capabilities: itself as CAP_SELF, then s->caps moved
 * from the starter's table as CAP_START(0..). The table is new, so nothing here can fail.
 */
static void unit_give_start_caps(struct unit *u, const struct unit_start *s)
{
	cap_t self, moved[UNIT_START_CAPS_MAX];

	if (cap_install_at(&u->caps, 0, &u->kobj, CAP_RIGHTS_ALL, &self) != ERR_OK ||
	    (s->ncaps > 0 && cap_move(s->from, s->caps, s->ncaps, &u->caps, moved) != ERR_OK))
		panic("process: a new unit's table refused its startup capabilities");
	KASSERT(self == CAP_SELF && (s->ncaps == 0 || moved[0] == CAP_START(0)));
	for (unsigned i = 0; s->no_grant && i < s->ncaps; i++) {
		struct cap *c;

		if (!(s->keep_grant & (1u << i)) && cap_lookup(&u->caps, moved[i], CAP_TYPE_NONE, 0, &c) == ERR_OK)
			c->rights &= ~CAP_RIGHT_GRANT;
	}
}

/*
 * A new unit with a fresh address space and the validated image loaded; it gets its startup
 * capabilities and its first thread runs main(s->arg). Nothing moves unless all succeeds.
 */
static int unit_launch(const char *name, const void *image, const struct elf_plan *plan,
		       struct unit_start *s, struct unit **out)
{
	char reason[ELF_REASON_MAX];
	struct page_table *pt = mmu_create_address_space();
	struct thread *t = NULL, *self = s->recheck ? current_thread() : NULL;
	struct unit *u;

	if (pt == NULL)
		return ERR_NOMEM;
	if (unit_alloc(name, pt, s->budget, &u) != ERR_OK) {
		mmu_destroy_address_space(pt);
		return ERR_NOMEM;
	}
	if (self != NULL) { /* held through the windows, as a unit being torn down is */
		u->tearer = self;
		self->tearing = u;
	}
	int err = loader_load(pt, u->id, image, plan, self != NULL, &u->image, reason,
			      sizeof(reason));

	if (self != NULL) {
		u->tearer = NULL;
		self->tearing = NULL;
		err = err == ERR_OK ? s->recheck(s) : err;
	}
	if (err == ERR_OK)
		err = arch_aspace_init(pt);
	if (err == ERR_OK)
		err = unit_charge_space(u);
	if (err == ERR_OK && thread_alloc(u, (uint8_t)s->priority, &t) != ERR_OK)
		err = ERR_NOMEM;
	if (err < 0) {
		if (err == ERR_INVALID && reason[0] != '\0')
			kprintf("elf: %s: %s\n", name, reason);
		unit_teardown(u);
		return err;
	}
	u->max_prio = (uint8_t)s->max_priority;
	u->debug = s->debug;
	unit_give_start_caps(u, s);
	arch_thread_init_user(t, u->image.entry, u->image.stack_top, s->arg);
	sched_start(percpu_place(s->cpu), t);
	*out = u;
	return ERR_OK;
}

int process_start_unit(struct unit_start *s, struct unit **out)
{
	struct elf_plan plan;
	char reason[ELF_REASON_MAX];
	const void *image;
	size_t size;

	if (s->priority > s->max_priority || s->max_priority > PRIO_HIGHEST)
		return ERR_INVALID;
	int err = module_image(s->module, &image, &size);

	if (err != ERR_OK)
		return err;
	const char *name = boot->modules[s->module].name;

	if (elf_validate(image, size, &plan, reason, sizeof(reason)) != ERR_OK) {
		kprintf("elf: %s: %s\n", name, reason);
		return ERR_INVALID;
	}
	process_reap();
	return unit_launch(name, image, &plan, s, out);
}

/*
 * The root task's boot capabilities besides CAP_SELF: every boot module's image as
 * CAP_ROOT_MODULE(i) (READ|EXECUTE|GRANT). A module that cannot be described is reported and
 * left out.
 */
static void root_give_modules(struct unit *root)
{
	for (unsigned i = 0; i < boot->module_count; i++) {
		const struct boot_module *m = &boot->modules[i];
		struct memobj *obj = memobj_create_module(i, m->start, m->end - m->start);
		cap_t h;

		if (obj == NULL || cap_install_at(&root->caps, (uint32_t)CAP_ROOT_MODULE(i) & 0xfffu,
						  &obj->kobj, CAP_RIGHT_READ | CAP_RIGHT_EXECUTE |
								  CAP_RIGHT_GRANT,
						  &h) != ERR_OK) {
			kprintf("process: boot module %u (%s) gets no capability\n", i, m->name);
			if (obj != NULL)
				kobj_release(&obj->kobj); /* a boot object: nothing charged */
		}
	}
}

/* Direct-mapped frames the root budget leaves to the kernel (page tables, stacks, lists). */
#define ROOT_BUDGET_KERNEL_RESERVE 1024u
#define VGA_TEXT_BASE		   0xB8000u
#define VGA_TEXT_SIZE		   0x8000u

/*
 * Installs obj (if any: NULL when it could not be made) at the root's startup slot `handle`;
 * reports and destroys it otherwise. obj is a pool object, which begins with its struct kobj
 * (POOL_DEFINE checks that), so a creator's result passes as it is.
 */
static bool root_give(struct unit *root, cap_t handle, void *obj, uint32_t rights, const char *what)
{
	cap_t h;

	if (obj != NULL && cap_install_at(&root->caps, (uint32_t)handle & 0xfffu, obj, rights,
					  &h) == ERR_OK)
		return true;
	kprintf("process: the root task gets no %s capability\n", what);
	if (obj != NULL)
		kobj_release(obj); /* a boot object: its type's destroy, nothing charged */
	return false;
}

/*
 * The root task's memory: a budget of every free frame but a reserve for the kernel's own
 * direct-mapped needs (CAP_ROOT_BUDGET), VGA text memory as device memory (CAP_ROOT_VGA) and
 * control over all device memory (CAP_ROOT_DEVMEM).
 */
static void root_give_memory(struct unit *root)
{
	uint32_t free = pmm_free_frames();
	uint32_t frames = free > ROOT_BUDGET_KERNEL_RESERVE ? free - ROOT_BUDGET_KERNEL_RESERVE : 0;

	struct memobj *budget = memobj_create_budget(frames);

	if (root_give(root, CAP_ROOT_BUDGET, budget,
		      CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT | CAP_RIGHT_ADMIN, "budget"))
		unit_set_budget(root, budget); /* what the root task's own requests are charged to */
	root_give(root, CAP_ROOT_VGA, memobj_create_device(VGA_TEXT_BASE, VGA_TEXT_SIZE),
		  CAP_RIGHT_READ | CAP_RIGHT_WRITE | CAP_RIGHT_GRANT, "VGA memory");
	root_give(root, CAP_ROOT_DEVMEM, memobj_create_device_control(), CAP_RIGHTS_ALL,
		  "device memory control");
}

/*
 * The root task's device capabilities, every right each: IRQ control (CAP_ROOT_IRQ) and
 * control over every I/O port (CAP_ROOT_IOPORT). One that cannot be made is reported and
 * left out.
 */
static void root_give_devices(struct unit *root)
{
	root_give(root, CAP_ROOT_IRQ, irq_line_create_control(), CAP_RIGHTS_ALL, "IRQ control");
	root_give(root, CAP_ROOT_IOPORT, ioport_create(0, IOPORT_SPACE), CAP_RIGHTS_ALL,
		  "I/O-port");
}

/* The kernel log's page, read-only to the root task (CAP_ROOT_KLOG); without it, no log. */
static void root_give_klog(struct unit *root)
{
	phys_addr_t frame;

	if (pmm_alloc_frame(PMM_OWNER_KERNEL, &frame) != ERR_OK) {
		kprintf("process: no frame for the kernel log\n");
		return;
	}
	memset(phys_to_virt(frame), 0, PAGE_SIZE);
	if (root_give(root, CAP_ROOT_KLOG, memobj_create_device(frame, PAGE_SIZE),
		      CAP_RIGHT_READ | CAP_RIGHT_GRANT, "kernel log"))
		klog_attach(phys_to_virt(frame), PAGE_SIZE);
	else
		pmm_free_frame(frame);
}

/* The trace rings, to the root task (CAP_ROOT_TRACE); ADMIN switches tracing (SYS_TRACE). */
static void root_give_trace(struct unit *root)
{
	uint32_t bytes;
	void *rings = trace_init(timer_config()->cycle_hz, &bytes);

	struct memobj *obj = memobj_create_device(virt_to_phys(rings), bytes);

	trace_object = root_give(root, CAP_ROOT_TRACE, obj, CAP_RIGHTS_ALL & ~CAP_RIGHT_EXECUTE,
				 "trace") ? obj : NULL;
}

int process_start_init(void)
{
	struct unit_start s = {.module = INIT_MODULE, .priority = INIT_PRIORITY,
			       .max_priority = PRIO_HIGHEST, .arg = INIT_ARG,
			       .debug = boot_cmdline_has(boot, "debug")};
	struct unit *u;

	/* From init's creation on: `trace` events, `profile` events and samples. */
	trace_switch((boot_cmdline_has(boot, "trace") ? TRACE_ON : 0) |
			     (boot_cmdline_has(boot, "profile") ? TRACE_ON | TRACE_SAMPLE : 0),
		     0);
	int err = process_start_unit(&s, &u);

	if (err != ERR_OK)
		return err;
	init_unit = u;
	root_give_modules(u);
	root_give_memory(u);
	root_give_devices(u);
	root_give_klog(u);
	root_give_trace(u);
	if (u->budget != NULL)
		budget_fill_root(u->budget, MEM_MAP_MAX - mem_map_count()); /* all the boot left */
	return (int)u->id;
}

void process_unit_gone(struct unit *u, bool faulted, int status)
{
	if (u != init_unit)
		return;
	init_unit = NULL;
	if (faulted)
		kprintf("init killed: %s\n", u->end_state == UNIT_KILLED ? "by a holder of its capability"
								      : "last thread faulted");
	else
		kprintf("init exited: status %d\n", status);
	if (exit_with_init)
		kernel_stop(!faulted && status == 0 ? KERNEL_EXIT_SUCCESS
						    : KERNEL_EXIT_TEST_FAILED);
}
