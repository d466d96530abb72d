/*
 * The memory syscalls: allocate frames from a budget, map and unmap memory objects, and ask a
 * budget's free frames or an object's size. This layer decodes and checks handles, rights and
 * flags; memobj.c and mem_map.c do the work.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/budget.h>
#include <kernel/cap.h>
#include <kernel/kprintf.h>
#include <kernel/mem_map.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/process.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

/*
 * Frames SYS_MEM_ALLOC allocates and zeroes per interrupts-off section: zeroing one is 1,024
 * stores, so 16 made this the kernel's longest section (docs/performance.md).
 */
#define MEM_ALLOC_BATCH 4u
/* Pages SYS_MEM_MAP maps, and SYS_MEM_UNMAP unmaps, per interrupts-off section. */
#define MEM_MAP_BATCH 64u

static struct unit *me(void)
{
	return current_thread()->unit;
}

/* The memory object capability h of the caller names, with `rights` (cap_lookup's errors). */
static int memobj_lookup(cap_t h, uint32_t rights, struct memobj **out)
{
	struct cap *c;
	int err = syscall_lookup(h, CAP_TYPE_MEMORY, rights, &c);

	*out = err == ERR_OK ? container_of(c->obj, struct memobj, kobj) : NULL;
	return err;
}

/*
 * Fills the frames object m, whose capability h was just installed in t, MEM_ALLOC_BATCH
 * frames per section with a preemption window between. If h stops naming m meanwhile (another
 * thread deleted or passed it on), ERR_BAD_CAP: m stays with whoever holds it, unmappable.
 * If the PMM runs out, h is deleted (freeing every frame) and ERR_NOMEM.
 */
static int fill_frames(struct cap_table *t, cap_t h, struct memobj *m)
{
	struct cap *c;
	int r;

	while ((r = memobj_fill(m, MEM_ALLOC_BATCH)) == MEMOBJ_FILL_MORE) {
		kernel_preemption_window();
		if (cap_lookup(t, h, CAP_TYPE_MEMORY, 0, &c) != ERR_OK || c->obj != &m->kobj)
			return ERR_BAD_CAP;
	}
	if (r != ERR_OK)
		cap_delete(t, h);
	return r;
}

/* The budget capability h of the caller names, with `rights`: ERR_INVALID for other memory. */
static int budget_of(cap_t h, uint32_t rights, struct memobj **out)
{
	int err = memobj_lookup(h, rights, out);

	return err == ERR_OK && !((*out)->flags & MEMOBJ_BUDGET) ? ERR_INVALID : err;
}

/*
 * SYS_MEM_ALLOC(budget cap WRITE, pages) -> a capability with every right to a new memory
 * object of `pages` fresh zeroed frames, charged to the budget. ERR_INVALID for 0 pages or a
 * memory capability that is no budget; ERR_NOMEM beyond the budget, without a free slot or out
 * of frames: nothing stays allocated or charged then.
 */
int32_t sys_mem_alloc(const struct syscall_args *a)
{
	struct cap_table *t = &me()->caps;
	struct memobj *b, *m;
	cap_t h;
	int err = budget_of((cap_t)a->a1, CAP_RIGHT_WRITE, &b);

	if (err != ERR_OK)
		return err;
	if (a->a2 == 0)
		return ERR_INVALID;
	if (t->free_count == 0)
		return ERR_NOMEM;
	err = memobj_create_frames(b, a->a2, &m);
	if (err != ERR_OK)
		return err;
	if (cap_install(t, &m->kobj, CAP_RIGHTS_ALL, 0, &h) != ERR_OK)
		panic("mem_alloc: the free slot went"); /* nothing ran since the check */
	err = fill_frames(t, h, m);
	return err == ERR_OK ? h : err;
}

/*
 * SYS_MEM_MAP(mem cap, vaddr, rights): maps the whole object at vaddr in the caller's space.
 * `rights` is MEM_MAP_READ, optionally with MEM_MAP_WRITE (a writable mapping) and
 * MEM_MAP_EXECUTE; the capability must hold each (ERR_RIGHTS). Only frames objects and device
 * memory map (ERR_INVALID); the address rules are mem_map_begin's. The record and new page
 * tables are charged to the caller's budget (ERR_NOMEM beyond it). MEM_MAP_BATCH pages per
 * interrupts-off section; if the mapping ends meanwhile (another thread deleted the last
 * capability), ERR_BAD_CAP.
 */
int32_t sys_mem_map(const struct syscall_args *a)
{
	struct unit *u = me();
	uint32_t rights = a->a3, tables, ticket;
	uint32_t mmu_flags = MMU_USER | (rights & MEM_MAP_WRITE ? MMU_WRITABLE : 0);
	struct mem_map_request req = {.vaddr = a->a2, .mmu_flags = mmu_flags, .budget = u->budget};
	struct memobj *m;

	if ((rights & ~(MEM_MAP_READ | MEM_MAP_WRITE | MEM_MAP_EXECUTE)) ||
	    !(rights & MEM_MAP_READ))
		return ERR_INVALID;
	int err = memobj_lookup((cap_t)a->a1, rights, &m);

	if (err != ERR_OK)
		return err;
	if (!(m->flags & (MEMOBJ_FRAMES | MEMOBJ_DEVICE)) || (m->flags & MEMOBJ_DEVICE_CONTROL))
		return ERR_INVALID;
	err = mem_map_begin(u->aspace, &u->image, m, &req, &tables, &ticket);
	u->frames += tables;
	while (err == ERR_OK && (err = mem_map_step(ticket, MEM_MAP_BATCH)) == MEM_MAP_MORE) {
		kernel_preemption_window();
		err = ERR_OK;
	}
	if (err == ERR_OK && (m->flags & MEMOBJ_DEVICE) && (rights & MEM_MAP_WRITE))
		arch_console_claim_memory(m->base, m->size, u->name);
	return err;
}

/*
 * SYS_MEM_UNMAP(vaddr): ends the caller's mapping that starts at vaddr (ERR_NOT_FOUND; and
 * ERR_BUSY while another thread still makes or ends it), MEM_MAP_BATCH pages per section.
 */
int32_t sys_mem_unmap(const struct syscall_args *a)
{
	uint32_t ticket, mark = memobj_dying_mark();
	int err = mem_unmap_begin(me()->aspace, a->a1, &ticket);

	while (err == ERR_OK && (err = mem_unmap_step(ticket, MEM_MAP_BATCH)) == MEM_MAP_MORE) {
		kernel_preemption_window();
		err = ERR_OK;
	}
	syscall_reclaim(mark); /* the mapping may have held the object's last reference */
	return err;
}

/*
 * SYS_MEM_INFO(mem cap READ) -> for a budget, the frames it may still hand out; for frames or
 * device memory, its pages; for a boot module image, its bytes rounded up to pages.
 */
int32_t sys_mem_info(const struct syscall_args *a)
{
	struct memobj *m;
	int err = memobj_lookup((cap_t)a->a1, CAP_RIGHT_READ, &m);

	if (err != ERR_OK)
		return err;
	if (m->flags & MEMOBJ_BUDGET)
		return (int32_t)m->budget_free;
	if (m->flags & MEMOBJ_BOOT_MODULE)
		return (int32_t)(PAGE_ALIGN_UP(m->size) / PAGE_SIZE);
	return (int32_t)m->pages;
}

/*
 * SYS_BUDGET_CREATE(budget cap WRITE, const struct keel_budget *want) -> a capability with the
 * parent capability's rights to a new budget holding what want asks, taken from the parent.
 */
int32_t sys_budget_create(const struct syscall_args *a)
{
	struct keel_budget want;
	struct memobj *parent, *b;
	struct cap *c;
	cap_t h;
	int err = budget_of((cap_t)a->a1, CAP_RIGHT_WRITE, &parent);

	if (err != ERR_OK)
		return err;
	if (uaccess_copy_from(&want, a->a2, sizeof(want)) != ERR_OK)
		return ERR_FAULT;
	if (me()->caps.free_count == 0)
		return ERR_NOMEM;
	err = budget_create(parent, &want, &b);
	if (err != ERR_OK)
		return err;
	if (cap_lookup(&me()->caps, (cap_t)a->a1, CAP_TYPE_MEMORY, 0, &c) != ERR_OK ||
	    cap_install(&me()->caps, &b->kobj, c->rights, 0, &h) != ERR_OK)
		panic("budget_create: the capability or the free slot went");
	return h;
}

/*
 * SYS_BUDGET_INFO(budget cap READ, struct keel_budget *out): what the budget still holds; with
 * ADMIN also the machine's free frames. Dead threads are reaped and dying memory objects freed
 * first (by the caller, in preemptible steps).
 */
int32_t sys_budget_info(const struct syscall_args *a)
{
	struct keel_budget info;
	struct memobj *b;
	struct cap *c;
	int err = budget_of((cap_t)a->a1, CAP_RIGHT_READ, &b);

	if (err != ERR_OK)
		return err;
	process_reap();
	syscall_reclaim(MEMOBJ_RECLAIM_ANY); /* settled figures: whatever is still dying goes */
	budget_read(b, &info);
	if (cap_lookup(&me()->caps, (cap_t)a->a1, CAP_TYPE_MEMORY, CAP_RIGHT_ADMIN, &c) == ERR_OK)
		info.system_free_frames = pmm_free_frames();
	return uaccess_copy_to(a->a2, &info, sizeof(info)) == ERR_OK ? ERR_OK : ERR_FAULT;
}

void syscall_reclaim(uint32_t mark)
{
	if (mark != MEMOBJ_RECLAIM_ANY && memobj_dying_mark() == mark)
		return; /* nothing died since: the usual case, kept short */
	while (memobj_reclaim(MEMOBJ_FREE_BATCH, mark) == MEMOBJ_RECLAIM_MORE)
		kernel_preemption_window();
}
