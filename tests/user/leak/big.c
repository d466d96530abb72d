/*
 * The unit the leak check's starter (child.c, CHILD_STARTER) starts over and over: a megabyte
 * of zero-filled data, so loading it takes 256 pages and as many preemption windows. It exits
 * at once.
 */
#include <stdint.h>

static volatile uint8_t big[1u << 20];

int main(uintptr_t arg)
{
	big[0] = (uint8_t)arg;
	return (int)arg;
}
