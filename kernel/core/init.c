/*
 * kmain: the generic boot sequence (banner, boot facts, memory managers, timer, scheduler),
 * the boot tests chosen by `test=...` on the command line, then the handover to init (boot
 * module 0) with the boot context as this CPU's idle thread; without modules, the heartbeat.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/init.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/unit.h>

#ifndef KEEL_VERSION
#define KEEL_VERSION "0.1.0"
#endif

#define TEST_NAME_MAX 16
#define KIB_PER_FRAME (PAGE_SIZE / 1024)

static void print_boot_info(const struct boot_info *bi)
{
	kprintf("cmdline: \"%s\"\n", bi->cmdline);
	kprintf("memory map: %u regions\n", bi->mem_region_count);
	for (uint32_t i = 0; i < bi->mem_region_count; i++) {
		const struct boot_mem_region *r = &bi->mem_regions[i];

		kprintf("  base 0x%016llx length 0x%016llx type %u (%s)\n",
			(unsigned long long)r->base, (unsigned long long)r->length, r->type,
			r->type == BOOT_MEM_AVAILABLE ? "available" : "reserved");
	}
	if (bi->mem_regions_dropped != 0)
		kprintf("memory map: %u regions beyond the first %u ignored\n",
			bi->mem_regions_dropped, BOOT_MAX_MEM_REGIONS);
	kprintf("kernel image: phys 0x%08x-0x%08x\n", bi->kernel_start, bi->kernel_end);
	kprintf("modules: %u\n", bi->module_count);
	for (uint32_t i = 0; i < bi->module_count; i++) {
		const struct boot_module *m = &bi->modules[i];

		kprintf("  module %u: phys 0x%08x-0x%08x %s\n", i, m->start, m->end, m->name);
	}
}

static void init_memory(const struct boot_info *bi)
{
	int err = pmm_init(bi);

	if (err != ERR_OK)
		kprintf("boot: pmm_init failed (%d): no usable memory\n", err);
	else if ((err = mmu_init()) != ERR_OK)
		kprintf("boot: mmu_init failed (%d)\n", err);
	if (err != ERR_OK)
		kernel_stop(KERNEL_EXIT_PANIC);
	kprintf("memory: %u KiB managed, %u KiB free\n", pmm_total_frames() * KIB_PER_FRAME,
		pmm_free_frames() * KIB_PER_FRAME);
}

static void print_timer_info(void)
{
	const struct timer_config *cfg = timer_config();
	uint64_t period_ns = timer_mul_div(cfg->divisor, 1000000000u, cfg->base_hz);
	uint64_t tick_hz = (cfg->base_hz + cfg->divisor / 2) / cfg->divisor;

	kprintf("timer: PIT %llu Hz (period %llu.%03llu us), TSC %llu.%03llu MHz\n",
		(unsigned long long)tick_hz, (unsigned long long)(period_ns / 1000),
		(unsigned long long)(period_ns % 1000),
		(unsigned long long)(cfg->cycle_hz / 1000000),
		(unsigned long long)(cfg->cycle_hz % 1000000 / 1000));
}

/*
 * Boot tests (test=... on the command line) live in boot_selftest.c, which only the test
 * kernel (//kernel:kernel_selftest) links; this kernel refuses them.
 */
__attribute__((weak)) void boot_selftest(const struct boot_info *bi)
{
	char name[TEST_NAME_MAX];

	if (!boot_cmdline_value(bi, "test", name, sizeof(name)))
		return;
	kprintf("test: \"%s\": this kernel has no boot tests (//kernel:kernel_selftest has)\n",
		name);
	kernel_stop(KERNEL_EXIT_TEST_FAILED);
}

/* The other CPUs' own timer ticks, one line, if there are other CPUs. */
static void print_other_cpus(void)
{
	struct percpu *cpu;

	if (percpu_of(1) == NULL)
		return;
	kprintf("heartbeat: local timer ticks of the other CPUs:");
	for (unsigned i = 1; (cpu = percpu_of(i)) != NULL; i++)
		kprintf(" %u:%llu", i, (unsigned long long)cpu->local_ticks);
	kprintf("\n");
}

/*
 * Sleeps until an interrupt without the kernel lock (other CPUs may enter meanwhile), then
 * takes it back; the time asleep counts as this CPU's idle time.
 */
static void idle_wait(void)
{
	struct percpu *cpu = this_cpu();
	uint64_t from = timer_read_us();

	kernel_exit();
	arch_wait_for_interrupt();
	arch_irq_disable();
	kernel_enter();
	cpu->counters.idle_us += timer_read_us() - from;
}

/* Idles, printing a line about once per second of timer time. */
static _Noreturn void heartbeat_loop(void)
{
	uint64_t next_s = 1;

	for (;;) {
		idle_wait();
		uint64_t now = timer_read_us();

		if (now < next_s * TIMER_US_PER_S)
			continue;
		kprintf("heartbeat: uptime %llu s, ticks %llu, missed %llu, timer_us %llu\n",
			(unsigned long long)(now / TIMER_US_PER_S),
			(unsigned long long)timer_ticks(), (unsigned long long)timer_missed_ticks(),
			(unsigned long long)now);
		print_other_cpus();
		next_s = now / TIMER_US_PER_S + 1;
	}
}

/* The tick hook: each tick expires this CPU's sleepers and charges its running thread. */
static void sched_tick_hook(uint64_t now_us)
{
	sched_timer_tick(this_rq(), now_us);
}

/* Each CPU's idle thread: its boot context itself, on its boot stack, no unit. */
static struct thread idle_threads[PERCPU_MAX_CPUS];

/* Makes the running boot context of this CPU its idle thread, over an empty run queue. */
static void idle_thread_init(void)
{
	struct percpu *cpu = this_cpu();
	struct thread *idle = &idle_threads[cpu->cpu_id];

	idle->kstack_top = (void *)cpu->kernel_stack_top;
	idle->kstack_base = (uint8_t *)idle->kstack_top - KERNEL_STACK_SIZE;
	idle->sleep_index = -1;
	idle->wake_deadline_us = NO_DEADLINE;
	list_init(&idle->unit_link);
	list_init(&idle->run_link);
	sched_init_cpu(&cpu->rq, cpu->cpu_id, idle);
}

/*
 * Empties the object pools and makes the running boot context this CPU's idle thread,
 * before interrupts are first enabled (the timer tick drives the run queue from then on).
 */
static void init_scheduler(void)
{
	static struct pool *const pools[] = {&thread_pool,  &unit_pool,	       &endpoint_pool,
					     &memobj_pool,  &ioport_pool,      &irq_line_pool,
					     &channel_pool, &notification_pool};

	for (size_t i = 0; i < sizeof(pools) / sizeof(pools[0]); i++)
		pool_init(pools[i]);
	kobj_on_unit_release(unit_release_ref); /* unit.c is built on kobj.c, which calls it */
	sched_set_abort_hook(ipc_abort); /* deadlines end IPC waits */
	idle_thread_init();
}

/*
 * The idle thread: runs whenever nothing else is ready. With interrupts off it switches to
 * whatever became ready (the timer tick or a wake-up set need_resched), frees the kernel stacks
 * and slots of dead threads and units, then sleeps until the next interrupt ("sti; hlt" leaves
 * no window for a lost wake-up; the kernel lock is given back meanwhile). Interrupts taken
 * while idle never switch in the handler: only here, and on the way back to ring 3, does
 * the kernel switch threads.
 */
static _Noreturn void idle_loop(struct run_queue *rq)
{
	for (;;) {
		sched_preempt_point(rq);
		process_reap();
		if (memobj_reclaim(MEMOBJ_FREE_BATCH, MEMOBJ_RECLAIM_ANY) == MEMOBJ_RECLAIM_MORE) {
			arch_irq_window(); /* more to free: no sleep, but interrupts get in */
			continue;
		}
		idle_wait();
	}
}

void kmain_ap(void)
{
	struct percpu *cpu = this_cpu();

	cpu->clock = percpu_of(0)->clock; /* one time on every CPU (the cycle counters agree) */
	cpu->clock.ticks = cpu->clock.missed = 0;
	idle_thread_init();
	idle_loop(&cpu->rq);
}

/* Starts init from boot module 0 and becomes the idle thread. */
static _Noreturn void start_init(const struct boot_info *bi)
{
	process_init(bi);
	int id = process_start_init();

	if (id < 0) {
		kprintf("boot: cannot start init (module 0 \"%s\"): error %d\n",
			bi->modules[0].name, id);
		kernel_stop(KERNEL_EXIT_PANIC);
	}
	kprintf("boot: init is unit %s (id %u)\n", bi->modules[0].name, (unsigned)id);
	idle_loop(this_rq());
}

void kmain(const struct boot_info *bi)
{
	kernel_enter(); /* the other CPUs wait for it until this one first idles */
	kernel_set_debug_exit(boot_cmdline_has(bi, "debug_exit"));
	kprintf("Keel microkernel %s (i686)\n", KEEL_VERSION);
	print_boot_info(bi);
	init_memory(bi);
	print_timer_info();
	arch_smp_init();
	init_scheduler();
	timer_set_tick_hook(sched_tick_hook); /* before interrupts are first enabled */
	boot_selftest(bi);
	if (bi->module_count == 0)
		heartbeat_loop(); /* nothing to run: the foundation's heartbeat image */
	start_init(bi);
}
