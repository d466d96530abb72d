/* Shared by the priority-inheritance test programs: priorities, durations, report messages. */
#ifndef PI_H
#define PI_H

#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#define CLIENT_PRIORITY	 90
#define HOG_PRIORITY	 50
#define SERVER_PRIORITY	 10 /* the first server */
#define SERVER2_PRIORITY 5  /* the nested server */

#define HOG_SPIN_US	 300000 /* the hog keeps the CPU this long */
#define SERVER_WORK_US	 2000	/* each server works this long per call */
#define CLIENT_DELAY_US	 10000	/* the client calls once the hog spins */

#define REPORT_CLIENT 1
#define REPORT_HOG    2

static inline uint64_t pi_now(void)
{
	uint64_t t = 0;

	sys_get_time_us(&t);
	return t;
}

/* Busy for `us` microseconds (the time advances only while this thread runs or waits). */
static inline void pi_spin(uint64_t us)
{
	uint64_t end = pi_now() + us;

	while (pi_now() < end)
		;
}

/* Sends a report {who, value} to `to` (blocking until init takes it). */
static inline void pi_report(cap_t to, uint32_t who, uint32_t value)
{
	struct ipc_message m = {.type = who, .length = 8};

	for (unsigned i = 0; i < IPC_MAX_CAPS; i++)
		m.caps[i] = CAP_NULL;
	memcpy(m.data, &who, 4);
	memcpy(m.data + 4, &value, 4);
	ipc_send(to, &m, IPC_WAIT_FOREVER);
}

#endif
