/*
 * The syscall table and the simplest handlers: yield, exit, sleep, debug print and get time.
 * Threads and units: syscall_unit.c; IPC: syscall_ipc.c; channels and notifications:
 * syscall_chan.c; capabilities: syscall_cap.c; devices: syscall_dev.c.
 * Arguments are validated at this boundary; user memory is reached only through
 * <kernel/uaccess.h>.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/percpu.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>
#include <kernel/timer.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>

#include "syscall_internal.h"

typedef int32_t (*syscall_fn)(const struct syscall_args *a);

static int32_t sys_null(const struct syscall_args *a)
{
	(void)a;
	return ERR_OK;
}

static int32_t sys_yield(const struct syscall_args *a)
{
	(void)a;
	sched_yield(this_rq());
	return ERR_OK;
}

static int32_t sys_exit_thread(const struct syscall_args *a)
{
	(void)a;
	process_exit_thread();
}

static int32_t sys_exit_unit(const struct syscall_args *a)
{
	process_exit_unit((int)a->a1);
}

/*
 * SYS_SLEEP(lo_us, hi_us): blocks for at least that long (0 = yield). The deadline saturates
 * (syscall_deadline): a sleep too long to represent never ends. Waking by the deadline
 * (ERR_TIMEOUT) is success.
 */
static int32_t sys_sleep(const struct syscall_args *a)
{
	struct thread *t = current_thread();
	bool yield; /* 0 us is IPC_NO_WAIT */
	uint64_t deadline = syscall_deadline(a->a1, a->a2, &yield);

	if (yield)
		return sys_yield(a);
	sched_block(t, BLOCK_SLEEP, NULL, deadline);
	schedule(this_rq());
	return t->wake_result == ERR_TIMEOUT ? ERR_OK : t->wake_result;
}

/*
 * SYS_DEBUG_PRINT(buf, len): the whole buffer is checked before anything is printed, so a bad
 * range prints nothing. The bytes go out SYSCALL_PRINT_SECTION at a time with interrupts off,
 * with an interrupt window between sections (no call keeps interrupts off longer than one
 * section). A higher-priority thread woken meanwhile runs after a section that ends a line,
 * or after SYSCALL_PRINT_LINE bytes without one: lines up to that long come out whole
 * however many threads print on however many CPUs (a kernel line still may not). Each section
 * is copied anew, so a range that stops being readable while the caller waited ends the print
 * there with ERR_FAULT.
 */
static int32_t sys_debug_print(const struct syscall_args *a)
{
	struct page_table *pt = uaccess_current_space();
	char section[SYSCALL_PRINT_SECTION];
	uintptr_t buf = a->a1;
	uint32_t left = a->a2;

	if (!current_thread()->unit->debug)
		return ERR_RIGHTS;
	if (left > SYSCALL_PRINT_MAX)
		return ERR_OVERFLOW;
	if (uaccess_check(pt, buf, left, false) != ERR_OK)
		return ERR_FAULT;
	for (uint32_t in_line = 0; left > 0;) {
		uint32_t n = left < SYSCALL_PRINT_SECTION ? left : SYSCALL_PRINT_SECTION;

		if (uaccess_copy_from_space(pt, section, buf, n) != ERR_OK)
			return ERR_FAULT;
		for (uint32_t i = 0; i < n; i++, in_line++) {
			arch_console_debug_putc(section[i]);
			if (section[i] == '\n')
				in_line = SYSCALL_PRINT_LINE;
		}
		buf += n;
		left -= n;
		if (left > 0 && in_line < SYSCALL_PRINT_LINE) {
			arch_irq_window(); /* the kernel lock stays: no other CPU's line cuts in */
		} else if (left > 0) {
			kernel_preemption_window();
			in_line = 0;
		}
	}
	return ERR_OK;
}

/* SYS_CPU_INFO(cpu, struct keel_cpu_info *out): see <keel/abi.h>. */
static int32_t sys_cpu_info(const struct syscall_args *a)
{
	struct percpu *cpu = percpu_of(a->a1);
	struct cpu_counters *n = cpu ? &cpu->counters : NULL;

	if (cpu == NULL || cpu->rq.idle == NULL)
		return ERR_INVALID;
	struct keel_cpu_info info = {
	    .cpu = cpu->cpu_id, .caller_cpu = this_cpu()->cpu_id,
	    .load = cpu->rq.ready_count + (cpu->rq.current != cpu->rq.idle),
	    .switches = cpu->rq.stats.switches, .ipis_sent = n->ipis_sent,
	    .ipis_received = n->ipis_received, .interrupts = n->irqs, .idle_us = n->idle_us,
	    .device_irqs = n->device_irqs, .shared_ipc = n->shared_ipc,
	    .max_tick_gap = cpu->clock.max_gap};

	return uaccess_copy_to(a->a2, &info, sizeof(info)) == ERR_OK ? ERR_OK : ERR_FAULT;
}

/* SYS_TRACE(trace cap ADMIN, op): see <keel/abi.h>. */
static int32_t sys_trace(const struct syscall_args *a)
{
	struct cap *c;
	int err = syscall_lookup((cap_t)a->a1, CAP_TYPE_MEMORY, CAP_RIGHT_ADMIN, &c);

	if (err != ERR_OK || c->obj != trace_object)
		return err != ERR_OK ? err : ERR_BAD_CAP;
	return trace_switch(a->a2, current_thread()->tid);
}

/* SYS_GET_TIME(uint64_t *out): any alignment (x86 allows it); the 8 bytes must be writable. */
static int32_t sys_get_time(const struct syscall_args *a)
{
	uint64_t now = timer_read_us();

	return uaccess_copy_to(a->a1, &now, sizeof(now));
}


/* Numbers without an entry (0 and gaps) are ERR_NOSYS. */
static const syscall_fn syscall_table[SYS_COUNT] = {
    [SYS_YIELD] = sys_yield,
    [SYS_EXIT_THREAD] = sys_exit_thread,
    [SYS_EXIT_UNIT] = sys_exit_unit,
    [SYS_SLEEP] = sys_sleep,
    [SYS_DEBUG_PRINT] = sys_debug_print,
    [SYS_GET_TIME] = sys_get_time,
    [SYS_THREAD_CREATE] = sys_thread_create,
    [SYS_UNIT_START] = sys_unit_start,
    [SYS_NULL] = sys_null,
    [SYS_ENDPOINT_CREATE] = sys_endpoint_create,
    [SYS_CHANNEL_CREATE] = sys_channel_create,
    [SYS_NOTIFY_CREATE] = sys_notify_create,
    [SYS_NOTIFY_SIGNAL] = sys_notify_signal,
    [SYS_NOTIFY_WAIT] = sys_notify_wait,
    [SYS_IPC_CALL] = sys_ipc_call,
    [SYS_IPC_SEND] = sys_ipc_send,
    [SYS_IPC_RECV] = sys_ipc_recv,
    [SYS_IPC_REPLY_RECV] = sys_ipc_reply_recv,
    [SYS_MEM_ALLOC] = sys_mem_alloc,
    [SYS_MEM_MAP] = sys_mem_map,
    [SYS_MEM_UNMAP] = sys_mem_unmap,
    [SYS_MEM_INFO] = sys_mem_info,
    [SYS_CAP_RESTRICT] = sys_cap_restrict,
    [SYS_CAP_DELETE] = sys_cap_delete,
    [SYS_CAP_DERIVE] = sys_cap_derive,
    [SYS_CAP_REVOKE] = sys_cap_revoke,
    [SYS_CAP_IDENTIFY] = sys_cap_identify,
    [SYS_BUDGET_CREATE] = sys_budget_create,
    [SYS_BUDGET_INFO] = sys_budget_info,
    [SYS_IOPORT_CREATE] = sys_ioport_create,
    [SYS_IOPORT_ENABLE] = sys_ioport_enable,
    [SYS_IRQ_BIND] = sys_irq_bind,
    [SYS_IRQ_ACK] = sys_irq_ack,
    [SYS_DEVMEM_CREATE] = sys_devmem_create,
    [SYS_UNIT_WATCH] = sys_unit_watch,
    [SYS_UNIT_INFO] = sys_unit_info,
    [SYS_UNIT_KILL] = sys_unit_kill,
    [SYS_CAP_LIST] = sys_cap_list,
    [SYS_CPU_INFO] = sys_cpu_info,
    [SYS_THREAD_SET_CPU] = sys_thread_set_cpu,
    [SYS_IRQ_SET_CPU] = sys_irq_set_cpu,
    [SYS_TRACE] = sys_trace,
};

int32_t syscall_dispatch(const struct syscall_args *args)
{
	syscall_fn fn = args->num < SYS_COUNT ? syscall_table[args->num] : NULL;
	int32_t result;

	TRACE(TRACE_EV_SYSCALL, args->num, args->a1, args->a2, args->a3);
	result = fn != NULL ? fn(args) : ERR_NOSYS;
	sched_preempt_point(this_rq());
	TRACE(TRACE_EV_SYSCALL_EXIT, args->num, result, 0, 0);
	return result;
}
