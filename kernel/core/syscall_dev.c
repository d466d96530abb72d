/*
 * The device syscalls (32-39): I/O-port capabilities (SYS_IOPORT_CREATE, SYS_IOPORT_ENABLE),
 * interrupt lines (SYS_IRQ_BIND, SYS_IRQ_ACK, SYS_IRQ_SET_CPU) and device memory (SYS_DEVMEM_CREATE). This layer
 * checks handles, rights and ranges; <kernel/ioport.h> and <kernel/irq_line.h> do the work.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/cap.h>
#include <kernel/ioport.h>
#include <kernel/irq_line.h>
#include <kernel/memobj.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/process.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

/*
 * SYS_IOPORT_CREATE(cap ADMIN, base, count) -> a capability to [base, base + count), which
 * must lie inside cap's range (else ERR_INVALID): a child of cap with cap's rights.
 */
int32_t sys_ioport_create(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_IOPORT, CAP_RIGHT_ADMIN, &c);

	if (err != ERR_OK)
		return err;
	if (!ioport_contains(container_of(c->obj, struct ioport, kobj), a->a2, a->a3))
		return ERR_INVALID;
	return syscall_new_object(ioport_create(a->a2, a->a3), c, c->rights);
}

/* SYS_IOPORT_ENABLE(cap READ|WRITE): the calling unit may use the capability's ports. */
int32_t sys_ioport_enable(const struct syscall_args *a)
{
	struct unit *u = current_thread()->unit;
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_IOPORT, CAP_RIGHT_READ | CAP_RIGHT_WRITE,
				 &c);

	if (err != ERR_OK)
		return err;
	struct ioport *p = container_of(c->obj, struct ioport, kobj);

	err = ioport_enable(p, u);
	if (err == ERR_OK)
		arch_console_claim_ports(p->base, p->count, u->name);
	return err;
}

/*
 * SYS_IRQ_BIND(control cap ADMIN, line, notification cap WRITE, bits) -> a capability to the
 * binding: a child of the control capability with its rights but ADMIN. Its interrupts go to
 * the caller's CPU.
 */
int32_t sys_irq_bind(const struct syscall_args *a)
{
	struct cap *ctl, *nc;
	struct irq_line *l;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_IRQ, CAP_RIGHT_ADMIN, &ctl);

	if (err == ERR_OK)
		err = syscall_lookup((cap_t)a->a3, CAP_TYPE_NOTIFICATION, CAP_RIGHT_WRITE, &nc);
	if (err != ERR_OK)
		return err;
	if (container_of(ctl->obj, struct irq_line, kobj)->line != IRQ_LINE_CONTROL)
		return ERR_INVALID; /* a binding binds nothing */
	err = irq_line_bind(a->a2, container_of(nc->obj, struct notification, kobj), a->a4, &l);
	return err == ERR_OK ? syscall_new_object(l, ctl, ctl->rights & ~CAP_RIGHT_ADMIN) : err;
}

/* SYS_IRQ_ACK(irq cap WRITE): the line may interrupt again. */
int32_t sys_irq_ack(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_IRQ, CAP_RIGHT_WRITE, &c);

	return err == ERR_OK ? irq_line_ack(container_of(c->obj, struct irq_line, kobj)) : err;
}

/* SYS_IRQ_SET_CPU(irq cap WRITE, cpu): the line's interrupts go to that CPU. */
int32_t sys_irq_set_cpu(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_IRQ, CAP_RIGHT_WRITE, &c);

	return err == ERR_OK ? irq_line_set_cpu(container_of(c->obj, struct irq_line, kobj), a->a2)
			     : err;
}

/*
 * SYS_DEVMEM_CREATE(cap ADMIN, base, size) -> a memory capability to device memory
 * [base, base + size): page-aligned, not empty, inside cap's range (the control, or a device
 * range carved before) and touching no RAM by the boot memory map (else ERR_INVALID); a child
 * of cap with its rights, charged to the caller's budget as one memory object.
 */
int32_t sys_devmem_create(const struct syscall_args *a)
{
	struct cap *ctl;
	uint64_t base = a->a2, end = (uint64_t)a->a2 + a->a3;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_MEMORY, CAP_RIGHT_ADMIN, &ctl);

	if (err != ERR_OK)
		return err;
	const struct memobj *c = container_of(ctl->obj, struct memobj, kobj);

	if (!(c->flags & MEMOBJ_DEVICE) || ((a->a2 | a->a3) & (PAGE_SIZE - 1)) != 0 ||
	    a->a3 == 0 || base < c->base || end > c->base + (uint64_t)c->pages * PAGE_SIZE ||
	    boot_mem_touches_ram(process_boot_info(), base, end))
		return ERR_INVALID;
	return syscall_new_object(memobj_create_device(a->a2, a->a3), ctl, ctl->rights);
}
