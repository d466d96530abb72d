/* A medium-priority CPU hog: spins HOG_SPIN_US without blocking, then reports to init. */
#include "pi.h"

int main(uintptr_t arg)
{
	(void)arg;
	pi_spin(HOG_SPIN_US);
	uprintf("hog: done spinning\n");
	pi_report(CAP_START(0), REPORT_HOG, 0);
	return 0;
}
