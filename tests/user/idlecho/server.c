/* The echo service of docs/new-service.md, run as a unit: serves CAP_START(0) until its end. */
#include <keel/syscall.h>
#include <keel/ulib.h>

#include "codegen/examples/echo/echo_service.h"

int main(uintptr_t arg)
{
	struct echo_state state = {0};
	int32_t r;

	(void)arg;
	r = echo_service_run(CAP_START(0), &state);
	uprintf("echo server: loop ended with %d after %u echoes\n", (int)r, (unsigned)state.calls);
	return 0;
}
