/*
 * syscall_test's SMP cases (run by its main): SYS_CPU_INFO and SYS_THREAD_SET_CPU against the
 * same fakes (one CPU up, CPU 0).
 */
#include "syscall_test.h"

/* SYS_CPU_INFO: the counters of a CPU that is up, and where the caller runs. */
void test_cpu_info(void **state)
{
	static struct thread idle;
	struct keel_cpu_info info;

	(void)state;
	assert_int_equal(call(SYS_CPU_INFO, 0, DATA, 0, 0), ERR_INVALID); /* not scheduling yet */
	cpu.rq.idle = &idle;
	cpu.rq.ready_count = 2;
	cpu.rq.stats.switches = 7;
	cpu.counters = (struct cpu_counters){.ipis_sent = 1, .ipis_received = 2, .irqs = 3,
					     .idle_us = 4};
	assert_int_equal(call(SYS_CPU_INFO, 0, DATA, 0, 0), ERR_OK);
	memcpy(&info, user_bytes(DATA), sizeof(info));
	assert_int_equal(info.cpu, 0);
	assert_int_equal(info.caller_cpu, 0);
	assert_int_equal(info.load, 3); /* two ready, self running */
	assert_true(info.switches == 7 && info.ipis_sent == 1 && info.ipis_received == 2 &&
		    info.interrupts == 3 && info.idle_us == 4);
	assert_int_equal(call(SYS_CPU_INFO, 1, DATA, 0, 0), ERR_INVALID);
	assert_int_equal(call(SYS_CPU_INFO, 0, 0, 0, 0), ERR_FAULT);
	cpu.rq.idle = NULL;
	cpu.rq.ready_count = 0;
}

/* SYS_THREAD_SET_CPU: a live thread moves to a CPU that is up; bad CPUs and ends refused. */
void test_thread_set_cpu(void **state)
{
	static struct thread idle, t = {.kobj = {.type = CAP_TYPE_THREAD}, .state = THREAD_READY};
	cap_t h;

	(void)state;
	t.rq = &cpu.rq;
	cpu.rq.idle = &idle;
	assert_int_equal(cap_install(&me.caps, &t.kobj, CAP_RIGHTS_ALL, 0, &h), ERR_OK);
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 0, 0, 0), ERR_OK);
	assert_ptr_equal(fx.moved, &t);
	assert_ptr_equal(fx.moved_to, &cpu.rq);
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 1, 0, 0), ERR_INVALID); /* not up */
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, THREAD_CPU_ANY, 0, 0), ERR_OK);
	assert_int_equal(call(SYS_THREAD_SET_CPU, (cap_t)CAP_SELF, 0, 0, 0), ERR_BAD_CAP);
	t.state = THREAD_DEAD;
	assert_int_equal(call(SYS_THREAD_SET_CPU, h, 0, 0, 0), ERR_BAD_CAP);
	cpu.rq.idle = NULL;
}
