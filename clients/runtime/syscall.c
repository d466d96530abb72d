/*
 * Typed syscall wrappers: pack each call's arguments into a1..a5 as <keel/syscall.h> documents
 * and enter the kernel through the selected raw path. Numbers come only from <keel/abi.h>.
 */
#include <stddef.h>
#include <stdint.h>

#include <keel/abi.h>
#include <keel/syscall.h>

#define CPUID_1_EDX_SEP (1u << 11)

typedef int32_t (*syscall_entry_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

static int32_t syscall_first(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			     uint32_t a5);

/* The raw entry the typed wrappers use: syscall_first until the path is known. */
static syscall_entry_fn syscall_raw = syscall_first;

/*
 * SYSCALL_PATH_AUTO: sysenter where the CPU has a working one, else int 0x80. The rule is the
 * kernel's (it sets sysenter up only then): CPUID.1:EDX.SEP, except on the Pentium Pro models
 * before model 3 stepping 3, which report SEP without having it (Intel AP-485).
 */
static syscall_entry_fn syscall_auto(void)
{
	uint32_t signature, features;

	syscall_cpuid1(&signature, &features);
	uint32_t family = (signature >> 8) & 0xf, model = (signature >> 4) & 0xf;
	uint32_t ext_model = (signature >> 16) & 0xf, stepping = signature & 0xf;
	int false_sep = family == 6 && ext_model == 0 && model < 3 && stepping < 3;

	return (features & CPUID_1_EDX_SEP) && !false_sep ? syscall_sysenter : syscall_int80;
}

/* The first typed call of a program that chose no path: picks it, then makes the call. */
static int32_t syscall_first(uint32_t num, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
			     uint32_t a5)
{
	syscall_entry_fn entry = syscall_auto();

	syscall_raw = entry;
	return entry(num, a1, a2, a3, a4, a5);
}

void syscall_set_path(enum syscall_path path)
{
	if (path == SYSCALL_PATH_AUTO)
		syscall_raw = syscall_first;
	else
		syscall_raw = path == SYSCALL_PATH_INT80 ? syscall_int80 : syscall_sysenter;
}

enum syscall_path syscall_get_path(void)
{
	if (syscall_raw == syscall_first)
		syscall_raw = syscall_auto();
	return syscall_raw == syscall_int80 ? SYSCALL_PATH_INT80 : SYSCALL_PATH_SYSENTER;
}

static uint32_t ptr_arg(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static uint32_t lo32(uint64_t v)
{
	return (uint32_t)v;
}

static uint32_t hi32(uint64_t v)
{
	return (uint32_t)(v >> 32);
}

int32_t sys_yield(void)
{
	return syscall_raw(SYS_YIELD, 0, 0, 0, 0, 0);
}

void sys_exit_thread(void)
{
	for (;;)
		syscall_raw(SYS_EXIT_THREAD, 0, 0, 0, 0, 0);
}

void sys_exit_unit(int32_t status)
{
	for (;;)
		syscall_raw(SYS_EXIT_UNIT, (uint32_t)status, 0, 0, 0, 0);
}

int32_t sys_sleep_us(uint64_t us)
{
	return syscall_raw(SYS_SLEEP, lo32(us), hi32(us), 0, 0, 0);
}

int32_t sys_debug_print(const char *buf, uint32_t len)
{
	return syscall_raw(SYS_DEBUG_PRINT, ptr_arg(buf), len, 0, 0, 0);
}

int32_t sys_get_time_us(uint64_t *out_us)
{
	return syscall_raw(SYS_GET_TIME, ptr_arg(out_us), 0, 0, 0, 0);
}

int32_t sys_cpu_info(uint32_t cpu, struct keel_cpu_info *out)
{
	return syscall_raw(SYS_CPU_INFO, cpu, ptr_arg(out), 0, 0, 0);
}

int32_t sys_trace(cap_t trace, uint32_t op)
{
	return syscall_raw(SYS_TRACE, (uint32_t)trace, op, 0, 0, 0);
}

int32_t sys_thread_set_cpu(cap_t thread, uint32_t cpu)
{
	return syscall_raw(SYS_THREAD_SET_CPU, (uint32_t)thread, cpu, 0, 0, 0);
}

int32_t sys_null(void)
{
	return syscall_raw(SYS_NULL, 0, 0, 0, 0, 0);
}

int32_t sys_unit_start_flags(cap_t image, uint32_t priority, uint32_t max_priority,
			     uint32_t flags, const cap_t *caps, uint32_t ncaps, uintptr_t arg)
{
	if (priority > 0xff || max_priority > 0xff ||
	    (flags & ~(UNIT_START_BUDGET | UNIT_START_NO_GRANT | UNIT_START_CPU(0xfe))) != 0)
		return ERR_INVALID;
	return syscall_raw(SYS_UNIT_START, (uint32_t)image,
			   UNIT_PRIORITY(priority, max_priority) | flags, ptr_arg(caps), ncaps,
			   (uint32_t)arg);
}

int32_t sys_unit_start(cap_t image, uint32_t priority, uint32_t max_priority, const cap_t *caps,
		       uint32_t ncaps, uintptr_t arg)
{
	return sys_unit_start_flags(image, priority, max_priority, 0, caps, ncaps, arg);
}

int32_t sys_unit_start_budget(cap_t image, uint32_t priority, uint32_t max_priority,
			      const cap_t *caps, uint32_t ncaps, uintptr_t arg)
{
	return sys_unit_start_flags(image, priority, max_priority, UNIT_START_BUDGET, caps, ncaps,
				    arg);
}

int32_t sys_unit_watch(cap_t unit, cap_t notification, uint32_t bits)
{
	return syscall_raw(SYS_UNIT_WATCH, (uint32_t)unit, (uint32_t)notification, bits, 0, 0);
}

int32_t sys_unit_info(cap_t unit, struct keel_unit_info *out)
{
	return syscall_raw(SYS_UNIT_INFO, (uint32_t)unit, ptr_arg(out), 0, 0, 0);
}

int32_t sys_cap_list(cap_t unit, struct keel_cap_entry *out, uint32_t max, uint32_t first_slot)
{
	return syscall_raw(SYS_CAP_LIST, (uint32_t)unit, ptr_arg(out), max, first_slot, 0);
}

int32_t sys_unit_kill(cap_t unit)
{
	return syscall_raw(SYS_UNIT_KILL, (uint32_t)unit, 0, 0, 0, 0);
}

int32_t sys_module_start(uint32_t index, uint32_t priority)
{
	return sys_unit_start(CAP_ROOT_MODULE(index), priority, priority, NULL, 0, 0);
}

int32_t sys_endpoint_create(void)
{
	return syscall_raw(SYS_ENDPOINT_CREATE, 0, 0, 0, 0, 0);
}

int32_t sys_devmem_create(cap_t control, uint32_t base, uint32_t size)
{
	return syscall_raw(SYS_DEVMEM_CREATE, (uint32_t)control, base, size, 0, 0);
}

int32_t sys_ioport_create(cap_t ports, uint32_t base, uint32_t count)
{
	return syscall_raw(SYS_IOPORT_CREATE, (uint32_t)ports, base, count, 0, 0);
}

int32_t sys_ioport_enable(cap_t ports)
{
	return syscall_raw(SYS_IOPORT_ENABLE, (uint32_t)ports, 0, 0, 0, 0);
}

int32_t sys_irq_bind(cap_t control, uint32_t line, cap_t notification, uint32_t bits)
{
	return syscall_raw(SYS_IRQ_BIND, (uint32_t)control, line, (uint32_t)notification, bits,
			   0);
}

int32_t sys_irq_ack(cap_t irq)
{
	return syscall_raw(SYS_IRQ_ACK, (uint32_t)irq, 0, 0, 0, 0);
}

int32_t sys_irq_set_cpu(cap_t irq, uint32_t cpu)
{
	return syscall_raw(SYS_IRQ_SET_CPU, (uint32_t)irq, cpu, 0, 0, 0);
}

int32_t keel_irq_to_this_cpu(cap_t irq)
{
	struct keel_cpu_info info;
	int32_t r = sys_cpu_info(0, &info);

	return r == ERR_OK ? sys_irq_set_cpu(irq, info.caller_cpu) : r;
}

int32_t sys_channel_create(uint32_t capacity)
{
	return syscall_raw(SYS_CHANNEL_CREATE, capacity, 0, 0, 0, 0);
}

int32_t sys_notify_create(void)
{
	return syscall_raw(SYS_NOTIFY_CREATE, 0, 0, 0, 0, 0);
}

int32_t sys_notify_signal(cap_t notification, uint32_t bits)
{
	return syscall_raw(SYS_NOTIFY_SIGNAL, (uint32_t)notification, bits, 0, 0, 0);
}

int32_t sys_notify_wait(cap_t notification, uint32_t *bits, uint64_t timeout_us)
{
	return syscall_raw(SYS_NOTIFY_WAIT, (uint32_t)notification, ptr_arg(bits),
			   lo32(timeout_us), hi32(timeout_us), 0);
}

int32_t sys_mem_alloc(cap_t budget, uint32_t pages)
{
	return syscall_raw(SYS_MEM_ALLOC, (uint32_t)budget, pages, 0, 0, 0);
}

int32_t sys_mem_map(cap_t mem, void *vaddr, uint32_t rights)
{
	return syscall_raw(SYS_MEM_MAP, (uint32_t)mem, (uint32_t)(uintptr_t)vaddr, rights, 0, 0);
}

int32_t sys_mem_unmap(void *vaddr)
{
	return syscall_raw(SYS_MEM_UNMAP, (uint32_t)(uintptr_t)vaddr, 0, 0, 0, 0);
}

int32_t sys_mem_info(cap_t mem)
{
	return syscall_raw(SYS_MEM_INFO, (uint32_t)mem, 0, 0, 0, 0);
}

int32_t sys_budget_create(cap_t parent, const struct keel_budget *want)
{
	return syscall_raw(SYS_BUDGET_CREATE, (uint32_t)parent, ptr_arg(want), 0, 0, 0);
}

int32_t sys_budget_info(cap_t budget, struct keel_budget *out)
{
	return syscall_raw(SYS_BUDGET_INFO, (uint32_t)budget, ptr_arg(out), 0, 0, 0);
}

/*
 * Builds the trampoline's frame at the 16-byte aligned top of the new stack: word 0 = fn.
 * The kernel starts keel_thread_start with esp = frame and eax = arg.
 */
int32_t sys_thread_create(void (*fn)(uintptr_t arg), void *stack_top, uintptr_t arg,
			  uint32_t priority)
{
	uintptr_t top = (uintptr_t)stack_top & ~(uintptr_t)15;
	uintptr_t *frame;

	if (fn == NULL || top < 16)
		return ERR_INVALID;
	frame = (uintptr_t *)(top - 16);
	frame[0] = (uintptr_t)fn;
	return syscall_raw(SYS_THREAD_CREATE, (uint32_t)(uintptr_t)keel_thread_start,
			   ptr_arg(frame), (uint32_t)arg, priority, (uint32_t)CAP_SELF);
}

int32_t ipc_call(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *reply_info,
		 uint64_t timeout_us)
{
	return syscall_raw(SYS_IPC_CALL, (uint32_t)endpoint, ptr_arg(msg), ptr_arg(reply_info),
			   lo32(timeout_us), hi32(timeout_us));
}

int32_t ipc_send(cap_t endpoint, const struct ipc_message *msg, uint64_t timeout_us)
{
	return syscall_raw(SYS_IPC_SEND, (uint32_t)endpoint, ptr_arg(msg), 0, lo32(timeout_us),
			   hi32(timeout_us));
}

int32_t ipc_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		 uint64_t timeout_us)
{
	return syscall_raw(SYS_IPC_RECV, (uint32_t)endpoint, ptr_arg(msg), ptr_arg(info),
			   lo32(timeout_us), hi32(timeout_us));
}

int32_t ipc_reply_recv(cap_t endpoint, struct ipc_message *msg, struct ipc_recv_info *info,
		       uint64_t timeout_us)
{
	return syscall_raw(SYS_IPC_REPLY_RECV, (uint32_t)endpoint, ptr_arg(msg), ptr_arg(info),
			   lo32(timeout_us), hi32(timeout_us));
}

int32_t cap_restrict(cap_t cap, uint32_t rights)
{
	return syscall_raw(SYS_CAP_RESTRICT, (uint32_t)cap, rights, 0, 0, 0);
}

int32_t cap_delete(cap_t cap)
{
	return syscall_raw(SYS_CAP_DELETE, (uint32_t)cap, 0, 0, 0, 0);
}

int32_t cap_derive(cap_t cap, uint32_t rights, uint64_t badge)
{
	return syscall_raw(SYS_CAP_DERIVE, (uint32_t)cap, rights, lo32(badge), hi32(badge), 0);
}

int32_t cap_revoke(cap_t cap)
{
	return syscall_raw(SYS_CAP_REVOKE, (uint32_t)cap, 0, 0, 0, 0);
}

int32_t cap_identify(cap_t cap)
{
	return syscall_raw(SYS_CAP_IDENTIFY, (uint32_t)cap, 0, 0, 0, 0);
}
