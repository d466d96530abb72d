/*
 * Fakes of the channel and notification objects for syscall_test, which tests the syscall
 * layer on its own (the objects have host tests of their own: channel_test,
 * notification_test). No object can be created, so these are only linked, never reached.
 */
#include <stdlib.h>

#include <kernel/channel.h>
#include <kernel/notification.h>

struct channel *channel_create(uint32_t capacity)
{
	(void)capacity;
	return NULL;
}

void channel_release(struct kobj *obj)
{
	(void)obj;
	abort();
}

int channel_send(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us)
{
	(void)ch, (void)self, (void)nowait, (void)deadline_us;
	abort();
}

int channel_recv(struct channel *ch, struct thread *self, bool nowait, uint64_t deadline_us)
{
	(void)ch, (void)self, (void)nowait, (void)deadline_us;
	abort();
}

struct notification *notification_create(void)
{
	return NULL;
}

void notification_release(struct kobj *obj)
{
	(void)obj;
	abort();
}

void notification_signal(struct notification *n, uint32_t bits)
{
	(void)n, (void)bits;
	abort();
}

int notification_wait(struct notification *n, struct thread *self, bool nowait,
		      uint64_t deadline_us)
{
	(void)n, (void)self, (void)nowait, (void)deadline_us;
	abort();
}
