/*
 * User-space syscall interface: the two raw kernel entry paths (int 0x80 and sysenter) and one
 * typed wrapper per syscall in <keel/abi.h>. Every wrapper returns >= 0 or a negative ERR_*.
 */
#ifndef KEEL_SYSCALL_H
#define KEEL_SYSCALL_H

#include <stdint.h>

#include <keel/abi.h>

/*
 * Raw entries (syscall_entry.S). Both follow the ABI comment in <keel/abi.h>: eax = num,
 * a1..a5 in ebx, ecx, edx, esi, edi, result in eax. They preserve ebx, esi, edi and ebp as
 * cdecl requires. Unused arguments are passed as 0.
 */
int32_t syscall_int80(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
		      uint32_t a5);
int32_t syscall_sysenter(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			 uint32_t a5);

/*
 * CPUID leaf 1 (syscall_entry.S): *signature = EAX (family, model, stepping), *features = EDX.
 * SYSCALL_PATH_AUTO reads it to tell whether this CPU's sysenter works.
 */
void syscall_cpuid1(uint32_t *signature, uint32_t *features);

/*
 * Which raw entry the typed wrappers use. The default is SYSCALL_PATH_AUTO: sysenter where the
 * CPU has a working one (as the kernel decides: CPUID SEP, except the early Pentium Pro models
 * that report it falsely), else int 0x80, picked at the first call. A program switches at run
 * time (per unit: the choice is a global variable of the program), e.g. to compare the two
 * paths or to test the int 0x80 entry.
 */
enum syscall_path {
	SYSCALL_PATH_SYSENTER,
	SYSCALL_PATH_INT80,
	SYSCALL_PATH_AUTO,
};

/* Selects the raw entry for all later typed wrapper calls of this unit. */
void syscall_set_path(enum syscall_path path);
/* The raw entry in use: SYSCALL_PATH_SYSENTER or _INT80 (AUTO is resolved first). */
enum syscall_path syscall_get_path(void);

/*
 * Typed wrappers. Argument packing (a1..a5 as in the ABI comment):
 *   64-bit values travel as two registers, low word first (sleep: a1 = lo, a2 = hi;
 *   IPC timeouts: a4 = lo, a5 = hi). Pointers and handles are one register each.
 */
int32_t sys_yield(void);
__attribute__((noreturn)) void sys_exit_thread(void);
__attribute__((noreturn)) void sys_exit_unit(int32_t status);
int32_t sys_sleep_us(uint64_t us);
int32_t sys_debug_print(const char *buf, uint32_t len);
int32_t sys_get_time_us(uint64_t *out_us);
/* CPU `cpu`'s counters and the caller's CPU (SYS_CPU_INFO); ERR_INVALID past the last CPU. */
int32_t sys_cpu_info(uint32_t cpu, struct keel_cpu_info *out);
/* Moves a thread (its capability, WRITE) to CPU `cpu` or THREAD_CPU_ANY (SYS_THREAD_SET_CPU). */
int32_t sys_thread_set_cpu(cap_t thread, uint32_t cpu);
/* Switches kernel tracing (TRACE_ON, TRACE_OFF) or asks (TRACE_QUERY): 1 if it was on, 0 if
 * off (SYS_TRACE; `trace` is CAP_ROOT_TRACE or a child of it with ADMIN). */
int32_t sys_trace(cap_t trace, uint32_t op);
/*
 * Starts a new unit from the boot module image `image` (a memory capability with
 * READ|EXECUTE): its first thread runs main(arg) at `priority`, no thread of it may ever be
 * above `max_priority` (at most this unit's own maximum), and caps[0..ncaps) move to it as
 * CAP_START(0..ncaps-1). Returns a capability to the new unit or ERR_*.
 */
int32_t sys_unit_start(cap_t image, uint32_t priority, uint32_t max_priority, const cap_t *caps,
		       uint32_t ncaps, uintptr_t arg);
/*
 * sys_unit_start charging the new unit to caps[0], a budget with WRITE (UNIT_START_BUDGET):
 * the unit, its threads, objects, page tables and image frames are paid from it.
 */
int32_t sys_unit_start_budget(cap_t image, uint32_t priority, uint32_t max_priority,
			      const cap_t *caps, uint32_t ncaps, uintptr_t arg);
/*
 * Either, with `flags` any of UNIT_START_BUDGET, UNIT_START_NO_GRANT and UNIT_START_CPU(n) (else
 * ERR_INVALID);
 * ncaps may be UNIT_START_NCAPS(n, keep) to keep GRANT on the caps whose bit is in keep.
 */
int32_t sys_unit_start_flags(cap_t image, uint32_t priority, uint32_t max_priority,
			     uint32_t flags, const cap_t *caps, uint32_t ncaps, uintptr_t arg);
/*
 * Supervision: sys_unit_watch has `notification` (WRITE) signalled with `bits` when `unit`
 * (READ) ends, at once if it has; sys_unit_info reads how the unit is or how it ended.
 */
int32_t sys_unit_watch(cap_t unit, cap_t notification, uint32_t bits);
int32_t sys_unit_info(cap_t unit, struct keel_unit_info *out);
/*
 * Lists `unit`'s (READ) capabilities from slot first_slot on, at most max (and at most
 * CAP_LIST_MAX) into out; returns how many, or ERR_*.
 */
int32_t sys_cap_list(cap_t unit, struct keel_cap_entry *out, uint32_t max, uint32_t first_slot);
/* Ends `unit` (ADMIN), every thread of it, before it returns; not this unit (ERR_INVALID). */
int32_t sys_unit_kill(cap_t unit);
/* The root task's shorthand: a module at `priority`, with that as its maximum, no caps. */
int32_t sys_module_start(uint32_t index, uint32_t priority);
/* A new endpoint: returns a capability with every right to it, or ERR_*. */
int32_t sys_endpoint_create(void);
/*
 * I/O ports. sys_ioport_create: a capability to ports [base, base + count) carved out of
 * `ports` (ADMIN; the range must lie inside its range). sys_ioport_enable: this unit may use
 * in/out on the capability's ports (READ|WRITE) until its port object goes.
 */
int32_t sys_ioport_create(cap_t ports, uint32_t base, uint32_t count);
/*
 * Device memory: a memory capability to physical [base, base + size) (page-aligned, no RAM)
 * carved out of `control` (ADMIN; the root task holds CAP_ROOT_DEVMEM); map it with
 * sys_mem_map.
 */
int32_t sys_devmem_create(cap_t control, uint32_t base, uint32_t size);
int32_t sys_ioport_enable(cap_t ports);
/*
 * Interrupts. sys_irq_bind: binds `line` to `notification` (WRITE) with `bits`, using the IRQ
 * control capability (ADMIN); returns the binding's capability. Each interrupt masks the line
 * and signals the bits; sys_irq_ack (WRITE) unmasks it once the device was served. The
 * interrupts reach the CPU that bound the line; sys_irq_set_cpu (WRITE) sends them to `cpu`
 * (ERR_INVALID if it is not up, or is not CPU 0 on a machine without an I/O APIC).
 */
int32_t sys_irq_bind(cap_t control, uint32_t line, cap_t notification, uint32_t bits);
int32_t sys_irq_ack(cap_t irq);
int32_t sys_irq_set_cpu(cap_t irq, uint32_t cpu);
/* The interrupts of `irq` reach the CPU the calling thread runs on (a driver's waiting thread
 * calls it, so that an interrupt wakes it without an IPI). ERR_* as sys_irq_set_cpu. */
int32_t keel_irq_to_this_cpu(cap_t irq);
/*
 * A new channel holding up to `capacity` messages (1..CHANNEL_CAPACITY_MAX): a capability with
 * every right to it, or ERR_*. Send and receive on it with ipc_send and ipc_recv.
 */
int32_t sys_channel_create(uint32_t capacity);
/* A new notification (no bit pending): a capability with every right to it, or ERR_*. */
int32_t sys_notify_create(void);
/* ORs `bits` into the notification (WRITE); never blocks. */
int32_t sys_notify_signal(cap_t notification, uint32_t bits);
/*
 * Takes and clears the notification's pending bits (READ) into *bits, waiting up to
 * timeout_us for some (IPC_NO_WAIT: ERR_TIMEOUT at once if none). ERR_OK or ERR_*.
 */
int32_t sys_notify_wait(cap_t notification, uint32_t *bits, uint64_t timeout_us);
/*
 * Memory (<keel/abi.h>, docs/capabilities.md): `pages` fresh zeroed frames from a budget (a
 * memory capability with every right, or ERR_*); map a whole memory object at vaddr with
 * MEM_MAP_READ [| MEM_MAP_WRITE | MEM_MAP_EXECUTE]; unmap the mapping starting at vaddr; a
 * budget's free frames or an object's pages.
 */
int32_t sys_mem_alloc(cap_t budget, uint32_t pages);
int32_t sys_mem_map(cap_t mem, void *vaddr, uint32_t rights);
int32_t sys_mem_unmap(void *vaddr);
int32_t sys_mem_info(cap_t mem);
/*
 * Budgets: sys_budget_create takes want's frames and objects out of `parent` (WRITE) into a
 * new budget and returns a capability to it; sys_budget_info reads what one still holds.
 */
int32_t sys_budget_create(cap_t parent, const struct keel_budget *want);
int32_t sys_budget_info(cap_t budget, struct keel_budget *out);
/* Does nothing and returns 0: the cost of entering and leaving the kernel (benchmarks). */
int32_t sys_null(void);

/*
 * Starts a thread in this unit (CAP_SELF) running fn(arg) at `priority` on the stack that ends at
 * stack_top (exclusive); when fn returns the thread exits. The wrapper stores fn on the new
 * stack and asks the kernel to start the trampoline keel_thread_start there. stack_top must
 * point just past at least 64 bytes of writable memory. Returns a capability with every
 * right to the new thread (delete it when done: it takes a slot of this unit's table) or
 * ERR_*.
 */
int32_t sys_thread_create(void (*fn)(uintptr_t arg), void *stack_top, uintptr_t arg,
			  uint32_t priority);

/* The thread trampoline (crt0.S); see docs/user-runtime.md for its entry contract. */
void keel_thread_start(void);

/* The IPC and capability calls (ipc_call, cap_derive, ...) are declared in <keel/abi.h>. */

#endif /* KEEL_SYSCALL_H */
