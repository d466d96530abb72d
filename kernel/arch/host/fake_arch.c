/*
 * Host fake of the arch contract (kernel/include/kernel/arch.h) for unit tests: no hardware,
 * every hook records what it was asked so tests can assert on it (<arch/host_fake.h>).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/arch.h>
#include <arch/host_fake.h>
#include <arch/memory.h>
#include <arch/paging.h>

#define HOST_CONSOLE_MAX 65536
#define HOST_TLB_MAX	 4096
#define HOST_IRQ_MAX	 64
#define HOST_IO_UNITS	 8
#define HOST_IO_PORTS	 0x10000
#define HOST_KICK_CPUS	 16

uint8_t *host_phys_mem;
size_t host_phys_mem_size;
struct phys_range host_kernel_readonly[KERNEL_RO_RANGE_COUNT];
uint32_t host_direct_map_max = 0x30000000u;

static char console_buf[HOST_CONSOLE_MAX];
static size_t console_len;
static virt_addr_t tlb_log[HOST_TLB_MAX];
static size_t tlb_count;
static phys_addr_t paging_dir;
static unsigned paging_loads;
static bool paging_global;
static bool irq_on;
static unsigned irq_windows; /* arch_irq_window calls */
static uint64_t cycles;
static irq_handler_fn irq_handlers[HOST_IRQ_MAX];
static void *irq_ctx[HOST_IRQ_MAX];
static bool irq_masked[HOST_IRQ_MAX];
static unsigned irq_eois[HOST_IRQ_MAX];
static unsigned irq_cpu[HOST_IRQ_MAX], irq_cpus = 1;
static struct unit *io_units[HOST_IO_UNITS];
static bool io_allowed[HOST_IO_UNITS][HOST_IO_PORTS];
static jmp_buf *panic_env;
static unsigned panic_count;

void host_phys_mem_init(size_t bytes)
{
	host_phys_mem_release();
	host_phys_mem = aligned_alloc(PAGE_SIZE, bytes);
	if (host_phys_mem == NULL)
		abort();
	memset(host_phys_mem, 0, bytes);
	host_phys_mem_size = bytes;
	memset(host_kernel_readonly, 0, sizeof(host_kernel_readonly)); /* no read-only image */
	host_direct_map_max = 0x30000000u;				/* as on i686 */
}

void host_phys_mem_release(void)
{
	free(host_phys_mem);
	host_phys_mem = NULL;
	host_phys_mem_size = 0;
}

void arch_console_putc(char c)
{
	if (console_len + 1 < HOST_CONSOLE_MAX)
		console_buf[console_len++] = c;
	console_buf[console_len] = '\0';
}

void arch_console_debug_putc(char c)
{
	arch_console_putc(c);
}

void arch_console_claim_ports(uint32_t base, uint32_t count, const char *unit)
{
	(void)base;
	(void)count;
	(void)unit;
}

void arch_console_claim_memory(phys_addr_t base, uint64_t size, const char *unit)
{
	(void)base;
	(void)size;
	(void)unit;
}

const char *host_console_output(void)
{
	return console_buf;
}

void host_console_reset(void)
{
	console_len = 0;
	console_buf[0] = '\0';
}

void arch_tlb_invalidate(virt_addr_t va)
{
	if (tlb_count < HOST_TLB_MAX)
		tlb_log[tlb_count] = va;
	tlb_count++;
}

size_t host_tlb_invalidation_count(void)
{
	return tlb_count;
}

bool host_tlb_was_invalidated(virt_addr_t va)
{
	for (size_t i = 0; i < tlb_count && i < HOST_TLB_MAX; i++) {
		if (tlb_log[i] == va)
			return true;
	}
	return false;
}

void host_tlb_reset(void)
{
	tlb_count = 0;
}

static struct page_table *fake_active_space; /* one CPU on the host */

struct page_table *arch_active_space(void)
{
	return fake_active_space;
}

void arch_set_active_space(struct page_table *pt)
{
	fake_active_space = pt;
}

void arch_tlb_shootdown(struct page_table *pt)
{
	(void)pt; /* no other CPU */
}

void paging_load_directory(phys_addr_t directory)
{
	paging_dir = directory;
	paging_loads++;
}

void paging_enable_global_pages(void)
{
	paging_global = true;
}

phys_addr_t host_paging_directory(void)
{
	return paging_dir;
}

unsigned host_paging_load_count(void)
{
	return paging_loads;
}

bool host_paging_global_enabled(void)
{
	return paging_global;
}

void host_paging_reset(void)
{
	paging_dir = 0;
	paging_loads = 0;
	paging_global = false;
}

void arch_irq_enable(void)
{
	irq_on = true;
}

void arch_irq_disable(void)
{
	irq_on = false;
}

bool arch_irq_save(void)
{
	bool was = irq_on;

	irq_on = false;
	return was;
}

void arch_irq_restore(bool enabled)
{
	irq_on = enabled;
}

void arch_irq_window(void)
{
	irq_windows++;
}

bool host_irq_enabled(void)
{
	return irq_on;
}

unsigned host_irq_window_count(void)
{
	return irq_windows;
}

void arch_wait_for_interrupt(void)
{
}

unsigned arch_cpu_id(void)
{
	return 0;
}

static unsigned smp_kicks[HOST_KICK_CPUS];

void arch_smp_kick(unsigned cpu)
{
	if (cpu < HOST_KICK_CPUS)
		smp_kicks[cpu]++;
}

unsigned host_smp_kicks(unsigned cpu)
{
	return cpu < HOST_KICK_CPUS ? smp_kicks[cpu] : 0;
}

int arch_irq_register(unsigned irq, irq_handler_fn handler, void *ctx)
{
	if (irq >= HOST_IRQ_MAX || handler == NULL)
		return -1;
	if (irq_handlers[irq] != NULL)
		return -10; /* ERR_BUSY, as x86 */
	irq_handlers[irq] = handler;
	irq_ctx[irq] = ctx;
	return 0;
}

void arch_irq_unregister(unsigned irq)
{
	if (irq < HOST_IRQ_MAX) {
		irq_handlers[irq] = NULL;
		irq_ctx[irq] = NULL;
	}
}

void arch_irq_unmask(unsigned irq)
{
	if (irq < HOST_IRQ_MAX)
		irq_masked[irq] = false;
}

void arch_irq_mask(unsigned irq)
{
	if (irq < HOST_IRQ_MAX)
		irq_masked[irq] = true;
}

void arch_irq_eoi(unsigned irq)
{
	if (irq < HOST_IRQ_MAX)
		irq_eois[irq]++;
}

/* Like x86 with an I/O APIC and host_irq_cpus CPUs up. */
int arch_irq_route(unsigned irq, unsigned cpu)
{
	if (irq >= HOST_IRQ_MAX || cpu >= irq_cpus)
		return -1; /* ERR_INVALID */
	irq_cpu[irq] = cpu;
	return 0;
}

void host_set_irq_cpus(unsigned n)
{
	irq_cpus = n;
}

unsigned host_irq_cpu(unsigned irq)
{
	return irq < HOST_IRQ_MAX ? irq_cpu[irq] : 0;
}

bool host_irq_masked(unsigned irq)
{
	return irq < HOST_IRQ_MAX && irq_masked[irq];
}

unsigned host_irq_eoi_count(unsigned irq)
{
	return irq < HOST_IRQ_MAX ? irq_eois[irq] : 0;
}

bool host_irq_fire(unsigned irq)
{
	if (irq >= HOST_IRQ_MAX || irq_handlers[irq] == NULL)
		return false;
	irq_handlers[irq](irq, irq_ctx[irq]);
	return true;
}

/* Port grants: the fake keeps one permission bit per port for each of a few units. */
int arch_io_grant(struct unit *u, uint32_t base, uint32_t count)
{
	unsigned i = 0;

	while (i < HOST_IO_UNITS && io_units[i] != u && io_units[i] != NULL)
		i++;
	if (i == HOST_IO_UNITS)
		return -2; /* ERR_NOMEM */
	io_units[i] = u;
	for (uint32_t p = base; p < base + count && p < HOST_IO_PORTS; p++)
		io_allowed[i][p] = true;
	return 0;
}

void arch_io_withdraw(struct unit *u, uint32_t base, uint32_t count)
{
	for (unsigned i = 0; i < HOST_IO_UNITS; i++) {
		for (uint32_t p = base; io_units[i] == u && p < base + count && p < HOST_IO_PORTS;
		     p++)
			io_allowed[i][p] = false;
	}
}

void arch_io_release(struct unit *u)
{
	for (unsigned i = 0; i < HOST_IO_UNITS; i++) {
		if (io_units[i] == u) {
			io_units[i] = NULL;
			memset(io_allowed[i], 0, sizeof(io_allowed[i]));
		}
	}
}

bool host_io_allowed(const struct unit *u, uint32_t port)
{
	for (unsigned i = 0; i < HOST_IO_UNITS; i++) {
		if (io_units[i] == u && u != NULL && port < HOST_IO_PORTS)
			return io_allowed[i][port];
	}
	return false;
}

void host_io_reset(void)
{
	memset(io_units, 0, sizeof(io_units));
	memset(io_allowed, 0, sizeof(io_allowed));
}

uint64_t arch_read_cycles(void)
{
	return cycles;
}

void host_set_cycles(uint64_t value)
{
	cycles = value;
}

void arch_print_backtrace(void)
{
}

void host_panic_arm(jmp_buf *env)
{
	panic_env = env;
}

void host_panic_disarm(void)
{
	panic_env = NULL;
}

unsigned host_panic_count(void)
{
	return panic_count;
}

_Noreturn void host_fake_stop(void)
{
	jmp_buf *env = panic_env;

	panic_count++;
	if (env != NULL) {
		panic_env = NULL;
		longjmp(*env, 1);
	}
	fprintf(stderr, "host fake: kernel stopped; console:\n%s\n", console_buf);
	abort();
}

_Noreturn void arch_halt(void)
{
	host_fake_stop();
}

_Noreturn void arch_exit_emulator(int code)
{
	(void)code;
	host_fake_stop();
}
