/*
 * Started twice by the hostile test's init: creates threads until the pool is full (ERR_NOMEM),
 * a third each sleeping with a deadline, blocked without one, or ready behind main, then ends
 * the unit while they are still there. The kernel must take every one of them off its queues
 * (later deadlines must not wake freed slots) and give all the slots back.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define MAX_THREADS 64
#define STACK_BYTES 512
#define HIGH	    200 /* above main: runs at once, then sleeps */
#define SAME	    150 /* main's priority: stays ready behind main */
#define FOREVER_US  0xffffffffffffffffull

static _Alignas(16) uint8_t stacks[MAX_THREADS][STACK_BYTES];

static void sleeper(uintptr_t us)
{
	sys_sleep_us(us);
	uprintf("exiter: sleeper woke after the unit ended FAIL\n");
}

static void forever(uintptr_t arg)
{
	(void)arg;
	sys_sleep_us(FOREVER_US);
	uprintf("exiter: forever sleeper woke FAIL\n");
}

static void ready(uintptr_t arg)
{
	(void)arg;
	uprintf("exiter: ready thread ran FAIL\n");
}

int main(uintptr_t arg)
{
	int32_t n = 0, r = 0;

	(void)arg;
	for (; n < MAX_THREADS; n++) {
		uint8_t *top = stacks[n] + STACK_BYTES;

		if (n % 3 == 0)
			r = sys_thread_create(sleeper, top, 2000u + 100u * (uint32_t)n, HIGH);
		else if (n % 3 == 1)
			r = sys_thread_create(forever, top, 0, HIGH);
		else
			r = sys_thread_create(ready, top, 0, SAME);
		if (r < 0)
			break;
	}
	uprintf("exiter: %d threads, then %d %s\n", (int)n, (int)r, r == ERR_NOMEM ? "ok" : "FAIL");
	return 7;
}
