/*
 * One player of the yield test, built twice: "ping" (PINGPONG_PONG=0) and "pong" (=1). Prints
 * "<name> <round>" and yields, PINGPONG_ROUNDS times; with its peer at the same priority the
 * two units alternate strictly: ping 0, pong 0, ping 1, pong 1, ...
 */
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define PINGPONG_ROUNDS 5

int main(uintptr_t arg)
{
	const char *name = PINGPONG_PONG ? "pong" : "ping";
	int32_t r;

	(void)arg;
	for (int round = 0; round < PINGPONG_ROUNDS; round++) {
		uprintf("%s %d\n", name, round);
		r = sys_yield();
		if (r < 0) {
			uprintf("%s: yield returned %d\n", name, (int)r);
			return 1;
		}
	}
	return 0;
}
