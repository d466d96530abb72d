/*
 * The running clock: counts ticks per CPU (this_cpu()->ticks) and answers timer_read_us()
 * from the tick count plus cycle-counter interpolation, via the pure arithmetic in timer.c.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/percpu.h>
#include <kernel/timer.h>

static struct timer_config timer_cfg;

int timer_init(const struct timer_config *cfg)
{
	if (timer_config_check(cfg) != ERR_OK)
		return ERR_INVALID;
	bool enabled = arch_irq_save();
	struct percpu *cpu = this_cpu();

	timer_cfg = *cfg;
	cpu->ticks = 0;
	cpu->last_us = 0;
	cpu->tick_cycles = arch_read_cycles();
	arch_irq_restore(enabled);
	return ERR_OK;
}

const struct timer_config *timer_config(void)
{
	return &timer_cfg;
}

/* Runs in the tick interrupt with interrupts disabled. */
void timer_tick(void)
{
	struct percpu *cpu = this_cpu();

	cpu->tick_cycles = arch_read_cycles();
	cpu->ticks++;
	sched_tick();
}

void timer_last_tick(uint64_t *ticks, uint64_t *tick_cycles)
{
	bool enabled = arch_irq_save(); /* 64-bit fields: read both without a tick in between */
	struct percpu *cpu = this_cpu();

	*ticks = cpu->ticks;
	*tick_cycles = cpu->tick_cycles;
	arch_irq_restore(enabled);
}

uint64_t timer_ticks(void)
{
	uint64_t ticks, cycles;

	timer_last_tick(&ticks, &cycles);
	return ticks;
}

uint64_t timer_read_us(void)
{
	bool enabled = arch_irq_save();
	struct percpu *cpu = this_cpu();
	uint64_t us =
	    timer_interpolate_us(&timer_cfg, cpu->ticks, cpu->tick_cycles, arch_read_cycles());

	us = timer_monotonic_us(&cpu->last_us, us);
	arch_irq_restore(enabled);
	return us;
}

/* Default scheduler hook until the scheduler exists. */
__attribute__((weak)) void sched_tick(void)
{
}
