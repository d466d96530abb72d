/*
 * The one ABI contract between the Keel kernel and user space: syscall numbers, error codes,
 * capability types and rights, and the fixed-size IPC message. Depends on <stdint.h> only.
 * Changing anything here is an ABI break: bump KEEL_ABI_VERSION.
 */
#ifndef KEEL_ABI_H
#define KEEL_ABI_H

#include <stdint.h>

#define KEEL_ABI_VERSION 5

/* ---- Error codes: every syscall returns >= 0 on success or one of these. ---- */
#define ERR_OK 0
#define ERR_INVALID (-1)    /* an argument is out of range or malformed */
#define ERR_NOMEM (-2)      /* out of frames or kernel objects */
#define ERR_FAULT (-3)      /* a user pointer is NULL, unmapped, read-only or in the kernel */
#define ERR_NOSYS (-4)      /* unknown syscall number */
#define ERR_TIMEOUT (-5)    /* the deadline passed before the operation could complete */
#define ERR_BAD_CAP (-6)    /* the handle names no capability, or one of the wrong type */
#define ERR_RIGHTS (-7)     /* the capability lacks a right the operation needs */
#define ERR_PEER_DIED (-8)  /* the other side of an IPC went away */
#define ERR_OVERFLOW (-9)   /* a length or count exceeds a fixed bound */
#define ERR_BUSY (-10)      /* the object is in use (e.g. a bounded queue is full) */
#define ERR_NOT_FOUND (-11) /* no such object (module, thread, unit) */
#define ERR_PROTOCOL (-12)  /* a message broke its interface's protocol */

/*
 * ---- Capabilities. ----
 * A cap_t names a slot of the calling unit's capability table and that slot's generation
 * (CAP_HANDLE), so a handle kept after its capability went never names a later one.
 */
typedef int32_t cap_t;
#define CAP_NULL ((cap_t)-1)
#define CAP_HANDLE(gen, slot) ((cap_t)(((uint32_t)(gen) << 12) | ((uint32_t)(slot) & 0xfffu)))

/*
 * What a unit finds in its table when it starts: its own unit capability (CAP_SELF: create
 * threads in it), then the capabilities its starter passed to SYS_UNIT_START, in order
 * (CAP_START(0), CAP_START(1), ...). The root task (boot module 0) is started by the kernel
 * with every boot module's image: CAP_ROOT_MODULE(i) for module i. CAP_START(0..7) of the root
 * task are reserved for the device and memory capabilities of the boot.
 */
#define CAP_SELF CAP_HANDLE(1, 0)
#define CAP_START(i) CAP_HANDLE(1, 1 + (i))
#define CAP_ROOT_MODULE(i) CAP_START(8 + (i))
#define UNIT_START_CAPS_MAX 16 /* capabilities one SYS_UNIT_START passes */

#define CAP_TYPE_NONE 0
#define CAP_TYPE_ENDPOINT 1 /* synchronous IPC endpoint */
#define CAP_TYPE_CHANNEL 2  /* bounded asynchronous channel */
#define CAP_TYPE_MEMORY 3   /* a range of physical frames */
#define CAP_TYPE_IRQ 4      /* one interrupt line */
#define CAP_TYPE_IOPORT 5   /* a range of x86 I/O ports */
#define CAP_TYPE_UNIT 6     /* a unit (process) */
#define CAP_TYPE_THREAD 7   /* a thread */
#define CAP_TYPE_NOTIFICATION 8 /* a word of signal bits */
#define CAP_TYPE_COUNT 9

#define CAP_RIGHT_READ (1u << 0)
#define CAP_RIGHT_WRITE (1u << 1)
#define CAP_RIGHT_EXECUTE (1u << 2)
#define CAP_RIGHT_GRANT (1u << 3) /* may be passed to another unit */
#define CAP_RIGHT_ADMIN (1u << 4) /* may manage the object (revoke, configure) */
#define CAP_RIGHTS_ALL 0x1fu

/* ---- IPC. ---- */
#define IPC_DATA_BYTES 256
#define IPC_MAX_CAPS 4

/*
 * The message type carries the interface id and the method ordinal, so a server rejects a
 * message meant for another interface at once. Bit 31 marks a reply.
 */
#define IPC_TYPE(iface, ordinal) ((((uint32_t)(iface) & 0x7fffu) << 16) | ((uint32_t)(ordinal) & 0xffffu))
#define IPC_TYPE_IFACE(type) (((type) >> 16) & 0x7fffu)
#define IPC_TYPE_ORDINAL(type) ((type) & 0xffffu)
#define IPC_TYPE_REPLY (1u << 31)

/* Fixed-size message: 256 data bytes and up to 4 capabilities (CAP_NULL in unused slots). */
struct ipc_message {
	uint32_t type;                /* IPC_TYPE(iface, ordinal), | IPC_TYPE_REPLY on replies */
	uint32_t length;              /* bytes of data[] in use, 0..IPC_DATA_BYTES */
	cap_t caps[IPC_MAX_CAPS];     /* transferred capabilities */
	uint8_t data[IPC_DATA_BYTES]; /* payload, little-endian at offsets the IDL fixes */
};
_Static_assert(sizeof(struct ipc_message) == 280, "ipc_message layout is ABI");
_Static_assert(__builtin_offsetof(struct ipc_message, data) == 24, "ipc_message layout is ABI");

/*
 * What the kernel tells a receiver about each message, taken from the kernel's records and
 * never from the message: the badge and rights of the capability the sender invoked, and the
 * type and rights of each transferred capability as installed in the receiver's table.
 */
struct ipc_recv_info {
	uint64_t badge;                      /* badge of the endpoint capability the sender used */
	uint32_t rights;                     /* rights of that capability (CAP_RIGHT_*) */
	uint32_t flags;                      /* IPC_RECV_* */
	uint32_t cap_rights[IPC_MAX_CAPS];   /* rights of each received capability */
	uint8_t cap_type[IPC_MAX_CAPS];      /* CAP_TYPE_* of each slot, CAP_TYPE_NONE if empty */
	uint32_t reserved;                   /* zero; pads to 40 bytes on i686 and on 64-bit hosts */
};
_Static_assert(sizeof(struct ipc_recv_info) == 40, "ipc_recv_info layout is ABI");

#define IPC_RECV_CALL (1u << 0) /* the sender waits for a reply */

/* Timeouts are in microseconds. Every blocking call takes one. */
#define IPC_NO_WAIT 0ull
#define IPC_WAIT_FOREVER UINT64_MAX

/*
 * ---- Syscalls. ----
 * int 0x80: eax = number, arguments in ebx, ecx, edx, esi, edi; the result comes back in eax,
 *           every other register is preserved.
 * sysenter: the same registers, plus ebp = the user stack pointer with the return address on
 *           top ([ebp]); the syscall returns to [ebp] with esp = ebp + 4, ecx and edx
 *           clobbered. The kernel never reads [ebp]: sysexit enters user mode at
 *           SYSENTER_LANDING_ADDR, a read-only `ret` the kernel maps into every unit, with
 *           esp = ebp, and that `ret` pops the return address in user mode. A bad ebp thus
 *           faults there (#PF, EIP = SYSENTER_LANDING_ADDR) after the syscall has run, and
 *           kills only the calling thread.
 */
#define SYSENTER_LANDING_ADDR 0xBFFF9000u /* reserved: never mapped by a program */

#define SYS_YIELD 1
#define SYS_EXIT_THREAD 2
#define SYS_EXIT_UNIT 3      /* (int32 status) */
#define SYS_SLEEP 4          /* (uint32 lo_us, uint32 hi_us) */
#define SYS_DEBUG_PRINT 5    /* (const char *buf, uint32 len): needs the debug right (test images) */
#define SYS_GET_TIME 6       /* (uint64_t *out_us) */
#define SYS_THREAD_CREATE 7  /* (entry, stack_top, arg, priority, unit cap WRITE) -> thread cap */
/*
 * SYS_THREAD_CREATE's priority word. A bare priority starts the thread on its creator's CPU;
 * THREAD_PRIORITY(priority, cpu) on CPU `cpu` if that CPU is up, and with THREAD_CPU_ANY (or
 * a CPU that is not up) on the least loaded one. A unit's first thread goes to the least
 * loaded CPU. A thread stays on the CPU it started on (docs/smp.md). Other bits: ERR_INVALID.
 */
#define THREAD_CPU_ANY 0xfeu
#define THREAD_PRIORITY(priority, cpu) ((uint32_t)(priority) | (((uint32_t)(cpu) + 1u) << 16))
#define THREAD_PRIORITY_BAD_BITS 0xff00ff00u
/*
 * (image cap, UNIT_PRIORITY(priority, max), const cap_t *caps, ncaps, arg) -> a capability to
 * the new unit. The image is a memory capability with READ|EXECUTE naming a boot module;
 * caps[0..ncaps) (GRANT each) move to the new unit as CAP_START(0..); its first thread runs
 * main(arg) at `priority`, and none of its threads may ever be above `max`, which may not
 * exceed the starter's own maximum. The image loads page by page with preemption windows;
 * the capabilities, budget and result slot are looked up again after it (docs/syscalls.md).
 */
#define SYS_UNIT_START 8
#define UNIT_PRIORITY(priority, max) ((uint32_t)(priority) | ((uint32_t)(max) << 8))
/*
 * With UNIT_START_BUDGET in the priority word, caps[0] must be a budget with WRITE: the new
 * unit (its objects, threads, page tables and image frames) is charged to it, and it moves
 * to the unit as CAP_START(0) like every startup capability. Without it the unit is charged
 * to its starter's own budget.
 */
#define UNIT_START_BUDGET (1u << 16)
/*
 * With UNIT_START_NO_GRANT the startup capabilities arrive without GRANT: the starter needs
 * GRANT to pass them, the new unit cannot pass them on (least privilege for what init hands
 * out), except those whose bit is set in the keep mask of the ncaps word,
 * UNIT_START_NCAPS(ncaps, keep): bit i keeps GRANT on caps[i] (what a unit hands on, such as
 * the device manager's PCI windows). A keep mask without UNIT_START_NO_GRANT is ERR_INVALID.
 */
#define UNIT_START_NO_GRANT (1u << 17)
/*
 * UNIT_START_CPU(cpu) in the priority word starts the unit's first thread on CPU `cpu` (if
 * it is up; its later threads start on their creator's CPU); without it the least loaded
 * CPU takes it. Units whose priorities order them among themselves share a CPU (docs/smp.md).
 */
#define UNIT_START_CPU(cpu) (((uint32_t)(cpu) + 1u) << 24)
#define UNIT_START_NCAPS(ncaps, keep) ((uint32_t)(ncaps) | ((uint32_t)(keep) << 16))
#define SYS_NULL 9           /* () -> 0: does nothing; measures the bare entry/exit cost */
#define SYS_ENDPOINT_CREATE 10 /* () -> a capability with every right to a new endpoint */
/* (capacity 1..CHANNEL_CAPACITY_MAX) -> a capability with every right to a new channel */
#define SYS_CHANNEL_CREATE 11
#define CHANNEL_CAPACITY_MAX 16 /* messages one channel holds */
#define SYS_NOTIFY_CREATE 12 /* () -> a capability with every right to a new notification */
#define SYS_NOTIFY_SIGNAL 13 /* (cap WRITE, bits): ORs bits in, never blocks */
/* (cap READ, uint32_t *out_bits, timeout_lo_us, timeout_hi_us): takes and clears the bits */
#define SYS_NOTIFY_WAIT 14
/* IPC: (cap, msg, info or 0, timeout_lo_us, timeout_hi_us); the timeout is always a4/a5. */
#define SYS_IPC_CALL 16
#define SYS_IPC_SEND 17
#define SYS_IPC_RECV 18
#define SYS_IPC_REPLY_RECV 19
/*
 * Memory (docs/capabilities.md): budgets, memory objects and mappings.
 * SYS_MEM_ALLOC(budget cap WRITE, pages) -> a capability with every right to `pages` fresh
 *     zeroed frames charged to the budget; ERR_NOMEM beyond it.
 * SYS_MEM_MAP(mem cap, vaddr, MEM_MAP_*): maps the whole object at vaddr (page-aligned, user,
 *     below the landing page, over nothing mapped); the capability must hold every right asked.
 * SYS_MEM_UNMAP(vaddr): ends the caller's mapping that starts at vaddr.
 * SYS_MEM_INFO(mem cap READ) -> a budget's free frames, or an object's pages.
 */
#define SYS_MEM_ALLOC 20
#define SYS_MEM_MAP 21
#define SYS_MEM_UNMAP 22
#define SYS_MEM_INFO 23
#define MEM_MAP_READ CAP_RIGHT_READ
#define MEM_MAP_WRITE CAP_RIGHT_WRITE
#define MEM_MAP_EXECUTE CAP_RIGHT_EXECUTE
/*
 * The root task's memory at boot: its budget (every frame left for user memory; READ, WRITE,
 * GRANT, ADMIN) and VGA text memory 0xB8000-0xBFFFF as device memory (READ, WRITE, GRANT).
 */
#define CAP_ROOT_BUDGET CAP_START(0)
#define CAP_ROOT_VGA CAP_START(3)
/*
 * Budgets (docs/capabilities.md, "Memory accounting"). A budget holds frames and a count of
 * kernel objects of each type it may still pay for: objects[CAP_TYPE_*] (threads, units,
 * endpoints, ...) and objects[BUDGET_MAPPINGS] (memory mappings; index 0, which no object
 * type uses). Everything a unit makes the kernel keep is charged to its unit's budget (or,
 * for SYS_MEM_ALLOC, the budget named) and returns there when it goes.
 * SYS_BUDGET_CREATE(budget cap WRITE, const struct keel_budget *want) -> a capability (the
 *     parent's rights) to a new budget holding want->frames and want->objects[], taken from
 *     the parent; they return to it when the new budget's last capability and last charge go.
 *     ERR_NOMEM if the parent holds less (nothing taken).
 * SYS_BUDGET_INFO(budget cap READ, struct keel_budget *out): what it still holds; with ADMIN,
 *     out->system_free_frames is the machine's free frame count (else 0). Dead threads are
 *     reaped first, so the figures are settled.
 */
#define SYS_BUDGET_CREATE 29
#define SYS_BUDGET_INFO 30
#define BUDGET_MAPPINGS 0
struct keel_budget {
	uint32_t frames;
	uint32_t objects[CAP_TYPE_COUNT];
	uint32_t system_free_frames; /* SYS_BUDGET_INFO only; ignored by SYS_BUDGET_CREATE */
};
#define SYS_CAP_RESTRICT 24 /* (cap, rights): reduce a capability's rights in place */
#define SYS_CAP_DELETE 25   /* (cap): release a capability */
#define SYS_CAP_DERIVE 26   /* (cap, rights, badge_lo, badge_hi) -> a new child capability */
#define SYS_CAP_REVOKE 27   /* (cap): delete every capability derived from it, in every unit */
#define SYS_CAP_IDENTIFY 28 /* (cap) -> CAP_IDENTIFY(type, rights) */
#define CAP_IDENTIFY(type, rights) ((int32_t)(((uint32_t)(type) << 8) | (rights)))
/*
 * Devices (32-39). I/O ports: the root task holds CAP_ROOT_IOPORT, control (ADMIN) over every
 * port. SYS_IOPORT_CREATE carves a sub-range out of a capability with ADMIN; the new
 * capability is its child (revoking the parent deletes it) with the parent's rights.
 * SYS_IOPORT_ENABLE lets the calling unit use in/out on the capability's ports (READ|WRITE);
 * they stay usable until the port object's last capability goes (delete or revoke) or the
 * unit ends. Any other port access faults the thread (#GP).
 */
#define SYS_IOPORT_CREATE 32 /* (ioport cap ADMIN, base, count) -> a capability to the range */
#define SYS_IOPORT_ENABLE 33 /* (ioport cap READ|WRITE): the caller's unit may use its ports */
#define IOPORT_SPACE 0x10000u /* ports 0..0xFFFF */
#define CAP_ROOT_IOPORT CAP_START(2)
/*
 * Interrupts. The root task holds CAP_ROOT_IRQ, the IRQ control capability (ADMIN binds).
 * SYS_IRQ_BIND binds a line to a notification: each interrupt masks the line and signals the
 * notification with `bits`; SYS_IRQ_ACK unmasks it once the driver served the device.
 * Deleting the last capability to the binding masks and unbinds the line. Lines 0 (the
 * kernel's timer) and 2 (the PIC cascade) are not for binding. Lines are ISA's 0-15, through
 * the I/O APIC where there is one (docs/smp.md); SYS_IRQ_SET_CPU picks the CPU they reach.
 */
#define SYS_IRQ_BIND 34 /* (irq control cap ADMIN, line, notification cap WRITE, bits) -> cap */
#define SYS_IRQ_ACK 35  /* (irq cap WRITE): unmask the line after an interrupt */
#define CAP_ROOT_IRQ CAP_START(1)
/*
 * Device memory. The root task holds CAP_ROOT_DEVMEM (READ, WRITE, GRANT, ADMIN): control over
 * every physical range that is not RAM by the boot memory map (PCI BARs, the legacy VGA and
 * ROM area, firmware tables). SYS_DEVMEM_CREATE carves a page-aligned range out of it: a
 * mappable memory capability, a child of the control capability (revoking that deletes it)
 * with its rights. A carved range that kept ADMIN carves sub-ranges within it the same way,
 * its children (how init hands the device manager a PCI window to carve BARs from). A range
 * that touches RAM, or leaves the capability's own range, is ERR_INVALID.
 */
#define SYS_DEVMEM_CREATE 36 /* (control or device range cap ADMIN, base, size) -> memory cap */
#define CAP_ROOT_DEVMEM CAP_START(4)
/*
 * The kernel log. Once a unit drives COM1 the kernel's messages (but panics) go to a ring in
 * one page, which the root task holds read-only as CAP_ROOT_KLOG (READ, GRANT; map it with
 * MEM_MAP_READ): a struct keel_klog, then a ring of `size` bytes (a power of two). Byte n of
 * the log (counted from 0, mod 2^32) is ring[n % size]; `written` counts the bytes ever
 * written (mod 2^32). A reader that has
 * the log up to r copies [r, written) and then reads `written` again: bytes below that value
 * minus `size` were overwritten meanwhile, and are lost to it (it reports how many).
 */
#define CAP_ROOT_KLOG CAP_START(5)
#define KEEL_KLOG_MAGIC 0x474f4c4bu /* "KLOG" */
struct keel_klog {
	uint32_t magic;
	uint32_t size;		 /* bytes of ring after the header: a power of two */
	volatile uint32_t written; /* bytes written since boot, mod 2^32 */
	uint32_t reserved;
	char ring[];
};
/*
 * Units (40-43), for supervisors. SYS_UNIT_WATCH(unit cap READ, notification cap WRITE, bits):
 * when the unit ends (its last thread exits or is killed by a fault) the notification gets
 * `bits`, at once if it has ended already; a later watch replaces an earlier one.
 * SYS_UNIT_INFO(unit cap READ, struct keel_unit_info *out): how it is, or how it ended.
 */
#define SYS_UNIT_WATCH 40
#define SYS_UNIT_INFO 41
/*
 * SYS_UNIT_KILL(unit cap ADMIN): every thread of the unit dies and the unit ends (UNIT_KILLED),
 * its memory back, its watcher signalled, its threads gone from every CPU and its kernel
 * objects (unit, threads) freed and uncharged, before the call returns; the caller pays for the
 * teardown. A unit that has ended or is ending: ERR_OK. One's own unit: ERR_INVALID (use
 * SYS_EXIT_UNIT).
 */
#define SYS_UNIT_KILL 42
/*
 * SYS_CAP_LIST(unit cap READ, struct keel_cap_entry *out, max, first_slot) -> entries
 * written: the unit's capabilities in slots first_slot.. in slot order, at most max (and at
 * most CAP_LIST_MAX) per call; call again from the last entry's slot + 1 for more. `object`
 * names the kernel object as its pool does (slot | generation << 16, a unit's or thread's id):
 * every capability naming it, in any table, shows the same (type, object); 0 for a capability
 * whose unit or thread was freed. parent_unit and parent say where the capability it was
 * derived from sits: that unit's id and handle, 0 and CAP_NULL for a root, 0 and
 * CAP_PARENT_QUEUED while that capability waits in a channel's queue (in no table). detail tells device objects apart: I/O ports' first port and
 * count, an interrupt line's number (0xffffffff: the control object), device memory's
 * physical base and size (0 and 0 for the control object); 0 and 0 for every other object.
 */
#define SYS_CAP_LIST 43
#define CAP_LIST_MAX 32
#define CAP_PARENT_QUEUED ((cap_t)-2) /* keel_cap_entry.parent: see SYS_CAP_LIST */
struct keel_cap_entry {
	cap_t handle; /* in the listed unit's table: slot = handle & 0xfff */
	uint32_t type;
	uint32_t rights;
	uint32_t object;
	uint64_t badge;
	uint32_t parent_unit;
	cap_t parent;
	uint32_t detail[2];
};
_Static_assert(sizeof(struct keel_cap_entry) == 40, "keel_cap_entry layout is ABI");
#define UNIT_RUNNING 0 /* keel_unit_info.state */
#define UNIT_EXITED 1  /* its last thread exited: `status` is the exit status */
#define UNIT_FAULTED 2 /* its last thread was killed by a fault */
#define UNIT_KILLED 3  /* killed with SYS_UNIT_KILL */
struct keel_unit_info {
	uint32_t state;        /* UNIT_* */
	int32_t status;        /* UNIT_EXITED: the status passed to SYS_EXIT_UNIT or main's return */
	uint32_t threads;      /* threads alive */
	uint32_t max_priority; /* no thread of it may be above */
	uint32_t frames;       /* frames its page tables and image hold (charged to its budget) */
	char name[32];         /* its boot module's name, NUL-terminated */
};
/*
 * SYS_CPU_INFO(cpu, struct keel_cpu_info *out): what CPU `cpu` has done since it started
 * (counted by that CPU, read while it runs on) and the CPU the caller runs on. No capability:
 * like the time, it tells nothing about any unit. ERR_INVALID for a CPU that is not up.
 */
#define SYS_CPU_INFO 44
struct keel_cpu_info {
	uint32_t cpu;	     /* the CPU asked about */
	uint32_t caller_cpu; /* the CPU the calling thread runs on */
	uint32_t load;	     /* threads ready or running there (idle not counted) */
	uint32_t reserved;
	uint64_t switches, ipis_sent, ipis_received, interrupts, idle_us;
	uint64_t device_irqs; /* of the interrupts: device lines' (SYS_IRQ_SET_CPU routes them) */
	uint64_t max_tick_gap; /* longest gap between two of its timer ticks (cycle counter): a
				  period plus the longest it kept interrupts off and the lock */
	uint64_t shared_ipc; /* IPC calls and replies its fast path did without the big lock
				(on the lock's shared side, docs/smp.md) */
};
/*
 * SYS_THREAD_SET_CPU(thread cap WRITE, cpu or THREAD_CPU_ANY): the thread runs on CPU `cpu`
 * from now on (a ready or blocked thread moves at once, a running one when its CPU next
 * switches away from it). ERR_INVALID for a CPU that is not up; ERR_BAD_CAP once it ended.
 */
#define SYS_THREAD_SET_CPU 45
/*
 * SYS_IRQ_SET_CPU(irq cap WRITE, cpu): the bound line's interrupts go to CPU `cpu` (a binding
 * starts on the CPU that bound it). ERR_INVALID for the control capability, a CPU that is not
 * up, or any CPU but 0 on a machine without an I/O APIC (the 8259s reach the boot CPU only).
 */
#define SYS_IRQ_SET_CPU 46
/*
 * Tracing (docs/tools.md, "Trace viewer"). Each CPU records kernel events in its own ring in memory
 * the root task holds as CAP_ROOT_TRACE (READ, WRITE, GRANT, ADMIN; map it READ|WRITE): a
 * struct keel_trace, then at events_offset each CPU's `slots` events (a power of two), CPU c's
 * from event c * slots. A CPU writes its event n (counted from 0, mod 2^32) at slot n % slots,
 * then sets its `head` to n + 1; a reader takes events [tail, head) and then sets `tail`. The
 * kernel never overwrites an event not taken: with `slots` of them waiting it drops the new
 * one and counts it in `dropped`. The kernel keeps its own head and count, so what a reader
 * writes can only make it drop events. SYS_TRACE(trace cap ADMIN, op): op TRACE_OFF, or
 * TRACE_ON (events) and/or TRACE_SAMPLE (the profiler's samples: the timer interrupts each CPU
 * PROFILE_RATE times as often and records where it interrupted), sets what every CPU records;
 * TRACE_QUERY changes nothing; each returns what was recorded before (TRACE_ON | TRACE_SAMPLE
 * bits). The kernel command line's `trace` switches events on at boot, `profile` both. Off, an
 * event costs a load and a branch; on, under a hundred instructions (docs/performance.md).
 */
#define SYS_TRACE 47
#define CAP_ROOT_TRACE CAP_START(6)
#define TRACE_OFF 0
#define TRACE_ON 1
#define TRACE_SAMPLE 2
#define TRACE_QUERY 4
#define PROFILE_RATE 4 /* samples per timer tick (where the local APIC's timer ticks) */
#define KEEL_TRACE_MAGIC 0x45435254u /* "TRCE" */
/* A CPU's ring: head (events written) and dropped (events lost to a full ring) are the
 * kernel's, tail (events taken) the reader's; a cache line each. */
struct keel_trace_cpu {
	volatile uint32_t head, tail, dropped;
	uint32_t reserved[13];
};
/* magic; cpus: rings, one per CPU the kernel can run; slots: events per ring, a power of two;
 * events_offset: bytes from the start to CPU 0's first event; cycle_hz: the time-stamp
 * counter's ticks per second. */
struct keel_trace {
	uint32_t magic, cpus, slots, events_offset;
	uint64_t cycle_hz;
	uint32_t reserved[10];
	struct keel_trace_cpu cpu[];
};
/* tsc: the CPU's time-stamp counter; type: TRACE_EV_*; thread: the thread the CPU ran (its
 * id), 0 for none or idle; arg: as the type says. */
struct keel_trace_event {
	uint64_t tsc;
	uint16_t type, cpu;
	uint32_t thread;
	uint32_t arg[4];
};
_Static_assert(sizeof(struct keel_trace_event) == 32, "trace event layout is ABI");
_Static_assert(sizeof(struct keel_trace) == 64, "trace header layout is ABI");
/* Event types and their arguments (ids are kernel object ids as `keel threads` shows them). */
#define TRACE_EV_ON 1		/* recording began */
#define TRACE_EV_SYSCALL 2	/* number, ebx, ecx, edx */
#define TRACE_EV_SYSCALL_EXIT 3 /* number, result */
#define TRACE_EV_SWITCH 4	/* from thread, to thread, why (TRACE_SWITCH_*), to's priority */
#define TRACE_SWITCH_READY 1   /* the from thread was preempted or yielded: still ready */
#define TRACE_SWITCH_BLOCKED 3 /* it waits: + 256 * TRACE_WAIT_* */
#define TRACE_WAIT_SLEEP 2
#define TRACE_WAIT_IPC_SEND 3 /* on an endpoint, or a full channel */
#define TRACE_WAIT_IPC_RECV 4 /* on an endpoint, an empty channel or a notification */
#define TRACE_WAIT_REPLY 5    /* for the reply to a call */
#define TRACE_SWITCH_DEAD 4    /* it exited or was killed */
#define TRACE_EV_IPC_SEND 5	/* endpoint or channel (its kernel address), badge (low 32 bits),
				   message type, length */
#define TRACE_EV_IPC_RECV 6	/* sender (0: from a channel), receiver, message type, length */
#define TRACE_EV_IPC_REPLY 7	/* replier, caller, message type, length: the reply arrived */
#define TRACE_EV_PI 8		/* thread, new effective priority, old, 1 = raised 0 = restored */
#define TRACE_EV_IRQ 9		/* line */
#define TRACE_EV_IRQ_NOTIFY 10	/* line, notification (kernel address), bits: to user space */
#define TRACE_EV_FAULT 11	/* vector, eip, error code, address (cr2) */
#define TRACE_EV_UNIT_START 12	/* unit, name bytes 0-3, 4-7, 8-11 (NUL-padded) */
#define TRACE_EV_UNIT_END 13	/* unit, how (UNIT_*), status */
#define TRACE_EV_THREAD_START 14 /* thread, unit, priority */
#define TRACE_EV_THREAD_END 15	/* thread, unit */
#define TRACE_EV_SAMPLE 16	/* frames n (+ TRACE_SAMPLE_KERNEL), frames 0-2: the interrupted
				   eip, then the return addresses up its frame pointers; in user
				   space frame 1 is the word on top of the stack: the return address
				   if the function at eip has not made its frame (a leaf) */
#define TRACE_EV_SAMPLE_MORE 17 /* the sample's next four frames (as many events as n needs) */
#define TRACE_SAMPLE_KERNEL 0x100 /* the timer interrupted the kernel (its stack's frames) */
#define SYS_COUNT 56

/*
 * User-space calls. The kernel builds with KEEL_KERNEL defined and never sees these
 * prototypes: its own cap_* and ipc_* functions act on kernel objects.
 */
#ifndef KEEL_KERNEL
/*
 * The IPC calls generated code uses. User space implements them as syscall wrappers; host
 * tests implement them with a fake transport. All return ERR_OK or a negative ERR_*.
 *
 * ipc_call:       send *msg to the endpoint and wait for the reply, which overwrites *msg;
 *                 *reply_info (may be NULL) gets the type and rights of each capability the
 *                 reply transferred (badge, rights and flags are 0), so the client can check
 *                 reply capabilities as strictly as the server checks requests.
 * ipc_send:       send *msg without waiting for a reply (oneway); may block until received.
 *                 On a channel: queue it; a full channel blocks until the timeout (ERR_TIMEOUT)
 *                 or, with IPC_NO_WAIT, answers ERR_BUSY.
 * ipc_recv:       wait for the next message on the endpoint or channel; fill *msg and *info.
 * ipc_reply_recv: reply with *msg to the last caller, then wait for the next message as ipc_recv.
 *                 The reply is best effort: a caller that died or gave up is skipped silently,
 *                 so the result reports the receive only.
 */
int32_t ipc_call(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *reply_info,
		 uint64_t timeout_us);
int32_t ipc_send(cap_t endpoint, const struct ipc_message *msg, uint64_t timeout_us);
int32_t ipc_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		 uint64_t timeout_us);
int32_t ipc_reply_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		       uint64_t timeout_us);
int32_t cap_restrict(cap_t cap, uint32_t rights);
int32_t cap_delete(cap_t cap);
int32_t cap_derive(cap_t cap, uint32_t rights, uint64_t badge);
int32_t cap_revoke(cap_t cap);
int32_t cap_identify(cap_t cap);
#endif /* KEEL_KERNEL */

#endif /* KEEL_ABI_H */
