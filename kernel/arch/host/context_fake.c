/* Host fake of the context-switch hooks: records each request so scheduler tests can check it. */
#include <kernel/arch.h>
#include <kernel/thread.h>

static struct host_switch_record switch_log[HOST_SWITCH_LOG_MAX];
static unsigned switch_count;

void host_context_reset(void)
{
	switch_count = 0;
}

unsigned host_context_switch_count(void)
{
	return switch_count;
}

const struct host_switch_record *host_context_switch_at(unsigned i)
{
	return i < switch_count && i < HOST_SWITCH_LOG_MAX ? &switch_log[i] : NULL;
}

void arch_context_switch(struct thread *prev, struct thread *next)
{
	if (switch_count < HOST_SWITCH_LOG_MAX)
		switch_log[switch_count] = (struct host_switch_record){.prev = prev, .next = next};
	switch_count++;
	next->context.switch_in++;
}

void arch_thread_init_user(struct thread *t, uintptr_t entry, uintptr_t user_sp, uintptr_t arg)
{
	t->context.entry = entry;
	t->context.user_sp = user_sp;
	t->context.arg = arg;
	t->context.switch_in = 0;
}
