/* A unit that ends at once: the budget test starts it a thousand times. */
#include <stdint.h>

int main(uintptr_t arg)
{
	return (int)arg;
}
