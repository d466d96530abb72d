/*
 * The greedy unit of the budget test, started charged to a small budget (CAP_START(0)) with a
 * notification (CAP_START(1)): it takes every thread, endpoint and mapping its budget pays
 * for, reports how many it got, then waits for init's signal and ends the unit with all of
 * them still there. Everything must return to its budget, and from there to init's.
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <tests/check.h>

#define BUDGET	    CAP_START(0)
#define GO	    CAP_START(1)
#define MAX_TRIES   16
#define STACK_BYTES 512
#define FOREVER_US  0xffffffffffffffffull
#define MAP_VA	    0x20000000u

static _Alignas(16) uint8_t stacks[MAX_TRIES][STACK_BYTES];

static void sleeper(uintptr_t arg)
{
	(void)arg;
	sys_sleep_us(FOREVER_US);
}

/* Calls make() until it fails; returns how many succeeded and the first failure in *err. */
static int take_all(int32_t (*make)(int), int32_t *err)
{
	int n = 0;

	for (; n < MAX_TRIES; n++) {
		*err = make(n);
		if (*err < 0)
			break;
	}
	return n;
}

static int32_t make_thread(int i)
{
	return sys_thread_create(sleeper, stacks[i] + STACK_BYTES, 0, 150);
}

static int32_t make_endpoint(int i)
{
	(void)i;
	return sys_endpoint_create();
}

static cap_t mem;

static int32_t make_mapping(int i)
{
	return sys_mem_map(mem, (void *)(MAP_VA + (uint32_t)i * 0x1000u), MEM_MAP_READ);
}

int main(uintptr_t arg)
{
	struct keel_budget left;
	int32_t err;
	uint32_t bits;

	CHECK("greedy", "threads", take_all(make_thread, &err), arg & 0xff);
	CHECK("greedy", "threads then", err, ERR_NOMEM);
	CHECK("greedy", "endpoints", take_all(make_endpoint, &err), (arg >> 8) & 0xff);
	CHECK("greedy", "endpoints then", err, ERR_NOMEM);
	mem = sys_mem_alloc(BUDGET, 1);
	CHECK("greedy", "memory", mem > 0, 1);
	CHECK("greedy", "mappings", take_all(make_mapping, &err), (arg >> 16) & 0xff);
	CHECK("greedy", "mappings then", err, ERR_NOMEM);
	CHECK("greedy", "info", sys_budget_info(BUDGET, &left), ERR_OK);
	CHECK("greedy", "threads left", left.objects[CAP_TYPE_THREAD], 0);
	CHECK("greedy", "no admin, no machine figure", left.system_free_frames, 0);
	uprintf("greedy: %d failed, waiting\n", check_failed);
	sys_notify_wait(GO, &bits, FOREVER_US);
	sys_exit_unit(check_failed);
	return 0;
}
