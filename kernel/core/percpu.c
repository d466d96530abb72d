/* Storage for every CPU's struct percpu; the arch layer makes each reachable via this_cpu(). */
#include <kernel/percpu.h>
#include <kernel/string.h>

static struct percpu percpu_cpus[PERCPU_MAX_CPUS];

struct percpu *percpu_init(unsigned cpu_id, uintptr_t kernel_stack_top)
{
	if (cpu_id >= PERCPU_MAX_CPUS)
		return NULL;
	struct percpu *cpu = &percpu_cpus[cpu_id];

	memset(cpu, 0, sizeof(*cpu));
	cpu->self = cpu;
	cpu->cpu_id = cpu_id;
	cpu->kernel_stack_top = kernel_stack_top;
	return cpu;
}

struct percpu *percpu_of(unsigned cpu_id)
{
	return cpu_id < PERCPU_MAX_CPUS && percpu_cpus[cpu_id].self != NULL ? &percpu_cpus[cpu_id]
									    : NULL;
}
