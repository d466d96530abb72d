/*
 * The fakes syscall_test.c runs the syscall layer against: the scheduler, the clock, the
 * process layer, the IPC engine and the object layer, each recording what it was asked in fx.
 */
#include "syscall_test.h"

#include <kernel/arch.h>
#include <kernel/channel.h>
#include <kernel/pool.h>

struct percpu *this_cpu(void)
{
	return &cpu;
}

struct run_queue *percpu_place(unsigned affinity)
{
	(void)affinity;
	return &cpu.rq; /* one CPU */
}

bool sched_move(struct thread *t, struct run_queue *to)
{
	fx.moved = t;
	fx.moved_to = to;
	return false;
}

struct percpu *percpu_of(unsigned id)
{
	return id == cpu.cpu_id ? &cpu : NULL; /* one CPU */
}

uint64_t timer_read_us(void)
{
	return NOW_US;
}

void sched_yield(struct run_queue *q)
{
	assert_ptr_equal(q, &cpu.rq);
	fx.yields++;
}

void sched_block(struct thread *t, enum block_reason reason, void *object, uint64_t deadline)
{
	assert_ptr_equal(t, &self);
	assert_null(object);
	fx.blocks++;
	fx.reason = reason;
	fx.deadline = deadline;
}

void schedule(struct run_queue *q)
{
	assert_ptr_equal(q, &cpu.rq);
	fx.schedules++;
	self.wake_result = fx.wake_result;
}

/* Also measures what was printed since the last point, and can take a page away meanwhile. */
bool sched_preempt_point(struct run_queue *q)
{
	size_t printed = strlen(host_console_output());

	assert_ptr_equal(q, &cpu.rq);
	fx.preempt_points++;
	if (printed - fx.printed > fx.most_between_points)
		fx.most_between_points = printed - fx.printed;
	fx.printed = printed;
	if (fx.unmap_at == fx.preempt_points)
		assert_int_equal(mmu_unmap_page(me.aspace, DATA + PAGE_SIZE), ERR_OK);
	return false;
}

/*
 * The window inside long syscalls: interrupts (one CPU: no lock to give away), then measured
 * like a preemption point (no thread of higher priority).
 */
void kernel_preemption_window(void)
{
	arch_irq_window();
	sched_preempt_point(&cpu.rq);
}

int process_thread_create(struct unit *u, uintptr_t entry, uintptr_t stack_top, uintptr_t arg,
			  unsigned priority, struct thread **out)
{
	static struct thread made = {.kobj = {.type = CAP_TYPE_THREAD, .gen = 1}};

	fx.unit = u;
	fx.creates++;
	fx.entry = entry;
	fx.stack = stack_top;
	fx.arg = arg;
	fx.prio = priority;
	*out = &made;
	return ERR_OK;
}

/* The load's windows are where fx.loading runs; then the recheck, as the real one does. */
int process_start_unit(struct unit_start *st, struct unit **out)
{
	fx.starts++;
	fx.index = st->module;
	fx.prio = st->priority;
	fx.arg = st->arg;
	if (fx.loading != NULL)
		fx.loading();
	int err = st->recheck != NULL ? st->recheck(st) : ERR_OK;

	if (err == ERR_OK)
		*out = &other;
	return err;
}

/*
 * The pools of the object types whose libraries these tests leave out: SYS_CAP_LIST names an
 * object by its pool id, so what test_cap_list lists comes from a pool.
 */
POOL_DEFINE(unit_pool, struct unit, 2, CAP_TYPE_UNIT, KOBJ_COUNTED);
POOL_DEFINE(endpoint_pool, struct endpoint, 2, CAP_TYPE_ENDPOINT, KOBJ_COUNTED);
POOL_DEFINE(channel_pool, struct channel, 1, CAP_TYPE_CHANNEL, KOBJ_COUNTED);
POOL_DEFINE(notification_pool, struct notification, 1, CAP_TYPE_NOTIFICATION, KOBJ_COUNTED);
POOL_DEFINE(thread_pool, struct thread, 1, CAP_TYPE_THREAD, 0);

/* The IPC engine and the object layer are not what these tests exercise. */
void kobj_ref(struct kobj *obj, uint32_t rights)
{
	(void)rights;
	obj->refs++;
}

void kobj_unref(struct kobj *obj, uint32_t rights)
{
	(void)rights;
	obj->refs--;
}

void kobj_leaving(struct kobj *obj, struct cap_table *t, const struct cap *c)
{
	(void)obj, (void)t, (void)c;
}

void kobj_release(struct kobj *obj)
{
	(void)obj;
	fail_msg("a syscall test released an object");
}

void process_reap(void)
{
}

int process_kill_unit(struct unit *u)
{
	return u == &me ? ERR_INVALID : ERR_OK;
}

void unit_set_watch(struct unit *u, struct notification *n, uint32_t bits)
{
	u->watch = n;
	u->watch_bits = bits;
}

int ipc_send(struct endpoint *ep, struct thread *t, bool call, bool nowait, uint64_t deadline)
{
	(void)ep, (void)t, (void)call, (void)nowait, (void)deadline;
	return ERR_NOSYS;
}

int ipc_recv(struct endpoint *ep, struct thread *t, bool nowait, uint64_t deadline)
{
	(void)ep, (void)t, (void)nowait, (void)deadline;
	return ERR_NOSYS;
}

void ipc_reply(struct thread *t)
{
	(void)t;
}

int sched_highest_ready(struct run_queue *q)
{
	(void)q;
	return PRIO_HIGHEST; /* the IPC fast path never applies here */
}

void sched_handoff(struct run_queue *q, enum block_reason r, void *o, struct thread *next)
{
	(void)q, (void)r, (void)o, (void)next;
	fail_msg("the IPC fast path switched threads in a syscall test");
}

struct endpoint *endpoint_create(void)
{
	return NULL;
}

void endpoint_release(struct kobj *obj)
{
	(void)obj;
}

const struct boot_info *process_boot_info(void)
{
	static const struct boot_info bi = {
	    .mem_regions = {{0, 0x8000000u, BOOT_MEM_AVAILABLE}},
	    .mem_region_count = 1,
	};

	return &bi;
}

void process_exit_thread(void)
{
	fx.exit_status = 1000;
	longjmp(fx.exit_env, 1);
}

void process_exit_unit(int status)
{
	fx.exit_status = status;
	longjmp(fx.exit_env, 1);
}
