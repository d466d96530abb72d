/*
 * The running clock: one struct timer_clock per CPU (this_cpu()->clock), started by
 * timer_init, advanced by timer_tick and read by timer_read_us, via the pure logic in timer.c;
 * and the tick hook, through which the tick drives the scheduler.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/timer.h>

static struct timer_config timer_cfg; /* cycle_hz == 0 until timer_init */
static timer_tick_hook tick_hook;     /* read in the tick interrupt; NULL: none */

int timer_init(const struct timer_config *cfg)
{
	if (timer_config_check(cfg) != ERR_OK)
		return ERR_INVALID;
	bool enabled = arch_irq_save();

	timer_cfg = *cfg;
	timer_clock_start(&this_cpu()->clock, arch_read_cycles());
	arch_irq_restore(enabled);
	return ERR_OK;
}

const struct timer_config *timer_config(void)
{
	return &timer_cfg;
}

void timer_set_tick_hook(timer_tick_hook hook)
{
	bool enabled = arch_irq_save();

	tick_hook = hook;
	arch_irq_restore(enabled);
}

/* Runs in the tick interrupt with interrupts disabled. */
void timer_tick(void)
{
	uint64_t now_us = timer_clock_tick(&this_cpu()->clock, &timer_cfg, arch_read_cycles());

	if (tick_hook != NULL)
		tick_hook(now_us);
}

void timer_last_tick(uint64_t *ticks, uint64_t *tick_cycles)
{
	bool enabled = arch_irq_save(); /* 64-bit fields: read both without a tick in between */
	struct timer_clock *c = &this_cpu()->clock;

	*ticks = c->ticks;
	*tick_cycles = c->tick_cycles;
	arch_irq_restore(enabled);
}

uint64_t timer_ticks(void)
{
	uint64_t ticks, cycles;

	timer_last_tick(&ticks, &cycles);
	return ticks;
}

uint64_t timer_missed_ticks(void)
{
	bool enabled = arch_irq_save();
	uint64_t missed = this_cpu()->clock.missed;

	arch_irq_restore(enabled);
	return missed;
}

uint64_t timer_read_us(void)
{
	bool enabled = arch_irq_save();
	uint64_t us = timer_clock_read(&this_cpu()->clock, &timer_cfg, arch_read_cycles());

	arch_irq_restore(enabled);
	return us;
}

void timer_print_stats(void)
{
	if (timer_cfg.cycle_hz == 0)
		return;
	kprintf("timer: uptime %llu us, %llu ticks, %llu missed\n",
		(unsigned long long)timer_read_us(), (unsigned long long)timer_ticks(),
		(unsigned long long)timer_missed_ticks());
}
