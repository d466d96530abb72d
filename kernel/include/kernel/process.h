/*
 * Processes: units with their threads, started from boot modules, and their ends (exit, kill
 * after a user fault, teardown). Implemented in kernel/core/process.c; the syscall layer
 * (kernel/core/syscall.c, fault.c) calls these. Signatures fixed by the issue 3 contract.
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <kernel/cap.h>
#include <kernel/types.h>

struct boot_info;
struct memobj;
struct unit;

/* At boot, before process_start_init: remembers the modules and the `debug_exit` flag. */
void process_init(const struct boot_info *bi);

/*
 * Frees this CPU's dead threads (kernel stack and slot; a thread cannot free the stack it runs
 * on) and the slots of units whose last thread they were. A unit's frames and page tables are
 * freed earlier, by its last thread as it dies. Runs in the idle loop and before thread/unit
 * allocation. O(dead threads), no allocation.
 */
void process_reap(void);

/* At boot: loads module 0 into the init unit and starts it. Unit id or ERR_*. */
int process_start_init(void);

/* What to start: a boot module, its priorities, main's argument and startup capabilities. */
struct unit_start {
	unsigned module;       /* boot module index */
	unsigned priority;     /* of the first thread */
	unsigned max_priority; /* no thread of the unit may be above it (>= priority) */
	uintptr_t arg;	       /* main(arg) */
	struct memobj *budget; /* pays for the unit and becomes its own budget */
	struct cap_table *from;		       /* the starter's table, if ncaps > 0 */
	struct cap *caps[UNIT_START_CAPS_MAX]; /* moved to the new unit as CAP_START(0..) */
	unsigned ncaps;
	bool no_grant; /* the moved capabilities lose GRANT (UNIT_START_NO_GRANT)... */
	uint32_t keep_grant; /* ...except caps[i] for bit i set here */
	bool debug;    /* the unit may use SYS_DEBUG_PRINT */
	unsigned cpu;  /* of its first thread; PERCPU_ANY: the least loaded */
	/*
	 * A system call's start (NULL at boot): the image loads with a preemption window before
	 * each page, the new unit held by the calling thread meanwhile (killed in a window, its
	 * killer tears the unit down as it finishes any teardown that thread was doing); then
	 * recheck must pass, since what the caller's table gave (startup capabilities, budget,
	 * the result's slot) may have changed. It sets caps[] again.
	 */
	int (*recheck)(struct unit_start *s);
	const struct syscall_args *args; /* the call, for recheck */
};

/*
 * Loads boot module s->module into a new unit named after it, gives it CAP_SELF and the
 * startup capabilities, and starts its first thread. The unit, its first thread, its page
 * tables and its image frames are charged to s->budget. *out = the unit. ERR_NOT_FOUND,
 * ERR_INVALID (bad ELF or priorities), ERR_NOMEM (budget or kernel), or recheck's error; on
 * error nothing moved and nothing stays charged.
 */
int process_start_unit(struct unit_start *s, struct unit **out);

/*
 * A new started thread *out of unit u at user `entry` with esp = stack_top and eax = arg,
 * charged to u's budget, at `priority`, a THREAD_PRIORITY word (<keel/abi.h>: which CPU).
 * ERR_OK, or ERR_NOMEM. The caller has validated everything else (SYS_THREAD_CREATE: u live,
 * no bits outside THREAD_PRIORITY's, entry and stack_top mapped in u's user space).
 */
struct thread;
int process_thread_create(struct unit *u, uintptr_t entry, uintptr_t stack_top, uintptr_t arg,
			  unsigned priority, struct thread **out);

/* The boot information process_init was given (the memory map, the modules). */
const struct boot_info *process_boot_info(void);

_Noreturn void process_exit_thread(void);	/* current thread; unit ends with its last */
_Noreturn void process_exit_unit(int status);	/* every thread of the current unit */
_Noreturn void process_kill_current(void);	/* after a user fault: "killed" line */

/*
 * Kills every thread of u and ends it (UNIT_KILLED), its teardown paid by the caller in
 * bounded steps. ERR_OK (also if u has ended or is ending); ERR_INVALID for the caller's own.
 */
int process_kill_unit(struct unit *u);

#endif /* KERNEL_PROCESS_H */
