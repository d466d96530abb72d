/*
 * Shared by the syscall host test (syscall_test.c) and its fakes (syscall_test_fakes.c): what
 * the fakes record and the objects the code under test sees.
 */
#ifndef SYSCALL_TEST_H
#define SYSCALL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <keel/abi.h>
#include <kernel/boot.h>
#include <kernel/ipc.h>
#include <kernel/memobj.h>
#include <kernel/mmu.h>
#include <kernel/notification.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <kernel/timer.h>
#include <kernel/unit.h>
#include <arch/host_fake.h>
#include <arch/memory.h>

#define MIB	 0x100000u
#define FAKE_MEM (16 * MIB)
#define RW	 (MMU_PRESENT | MMU_USER | MMU_WRITABLE)
#define CODE	 0x00400000u		      /* read-only user page ("code") */
#define DATA	 0x00401000u		      /* two RW pages, then an unmapped one */
#define TOP_PAGE (USER_SPACE_END - PAGE_SIZE) /* RW: the stack */
#define NOW_US	 123456789ull

/* What the fakes saw. */
struct syscall_fx {
	unsigned yields, blocks, schedules, preempt_points, creates, starts;
	uint64_t deadline;
	enum block_reason reason;
	int32_t wake_result; /* what "schedule" leaves in wake_result */
	uintptr_t entry, stack, arg;
	unsigned prio, index;
	struct unit *unit;
	int exit_status;
	jmp_buf exit_env;
	size_t printed;		    /* console bytes at the last preemption point */
	size_t most_between_points; /* most console bytes between two preemption points */
	unsigned unmap_at;	    /* at this preemption point DATA + PAGE_SIZE goes away */
	struct thread *moved;	    /* sched_move's thread and run queue */
	struct run_queue *moved_to;
	void (*loading)(void); /* what other threads do while process_start_unit loads */
};

extern struct syscall_fx fx;
extern struct percpu cpu; /* this_cpu() of the code under test; its rq is this_rq() */
extern struct thread self;
extern struct unit me, other;

/* syscall_cpu_test.c */
void test_cpu_info(void **state);
void test_thread_set_cpu(void **state);
void test_cap_list(void **state);
/* syscall_test.c: a syscall as the current thread (a5 = CAP_SELF); a user byte's address. */
int32_t call(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);
uint8_t *user_bytes(uintptr_t va);

#endif
