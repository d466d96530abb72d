/*
 * The flat GDT (kernel and user code/data), the per-CPU %fs segment, the TSS that gives the
 * CPU its ring-0 stack, and the separate task the #DF task gate switches to. Every CPU has its
 * own GDT, TSS (with its I/O bitmap) and double-fault task, so the selectors are the same on
 * all of them (SEL_PERCPU, SEL_TSS, SEL_DF_TSS) and name each CPU's own.
 */
#include <arch/gdt.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/percpu.h>
#include <kernel/string.h>

/* Access byte bits. */
#define SEG_PRESENT	     0x80u
#define SEG_DPL(n)	     ((uint32_t)(n) << 5)
#define SEG_CODE_OR_DATA     0x10u
#define SEG_EXECUTABLE	     0x08u
#define SEG_READ_WRITE	     0x02u /* readable code / writable data */
#define SEG_TSS_32_AVAILABLE 0x09u
/* Flag nibble. */
#define SEG_GRANULARITY_4K 0x8u
#define SEG_SIZE_32	   0x4u

#define SEG_LIMIT_4G	  0xfffffu /* in 4 KiB units */
#define DF_STACK_SIZE	  4096
#define EFLAGS_RESERVED_1 0x2u /* bit 1 always reads as 1 */

static uint64_t gdt[PERCPU_MAX_CPUS][GDT_ENTRY_COUNT];
/*
 * The main TSS with its I/O permission bitmap right behind it, and the all-ones byte the CPU
 * may read past the bitmap's end (an access to port 0xFFFF with a 16- or 32-bit operand).
 */
struct tss_with_iomap {
	struct tss tss;
	uint8_t iomap[TSS_IOMAP_BYTES];
	uint8_t iomap_end;
};
_Static_assert(offsetof(struct tss_with_iomap, iomap) == sizeof(struct tss), "map follows TSS");
#define TSS_IOMAP_OFFSET ((uint16_t)offsetof(struct tss_with_iomap, iomap))
#define TSS_IOMAP_NONE	 ((uint16_t)sizeof(struct tss_with_iomap)) /* past the limit: no port */

static struct tss_with_iomap io_tss[PERCPU_MAX_CPUS];
static struct tss df_tss[PERCPU_MAX_CPUS];
static bool percpu_ready;
static uint8_t df_stack[PERCPU_MAX_CPUS][DF_STACK_SIZE] __attribute__((aligned(16)));

/* This CPU's TSS (this_cpu() works once gdt_init ran on it). */
static struct tss_with_iomap *my_tss(void)
{
	return &io_tss[this_cpu()->cpu_id];
}

static uint64_t gdt_descriptor(uint32_t base, uint32_t limit, uint32_t access, uint32_t flags)
{
	return (limit & 0xffffu) | (uint64_t)(base & 0xffffffu) << 16 |
	       (uint64_t)(access & 0xffu) << 40 | (uint64_t)((limit >> 16) & 0xfu) << 48 |
	       (uint64_t)(flags & 0xfu) << 52 | (uint64_t)(base >> 24) << 56;
}

static uint64_t flat_segment(unsigned dpl, bool code)
{
	uint32_t access = SEG_PRESENT | SEG_DPL(dpl) | SEG_CODE_OR_DATA | SEG_READ_WRITE |
			  (code ? SEG_EXECUTABLE : 0);

	return gdt_descriptor(0, SEG_LIMIT_4G, access, SEG_GRANULARITY_4K | SEG_SIZE_32);
}

/* A TSS of `size` bytes (the main one with its I/O bitmap, or a plain one) at `tss`. */
static uint64_t tss_descriptor(const void *tss, size_t size)
{
	return gdt_descriptor((uint32_t)(uintptr_t)tss, (uint32_t)size - 1,
			      SEG_PRESENT | SEG_TSS_32_AVAILABLE, 0);
}

/* CPU n's #DF task: interrupts off, kernel segments, its own stack, the current tables. */
static void df_task_prepare(unsigned n)
{
	struct tss *t = &df_tss[n];

	t->eip = (uint32_t)(uintptr_t)exception_double_fault_task;
	t->esp = (uint32_t)(uintptr_t)(df_stack[n] + DF_STACK_SIZE);
	t->eflags = EFLAGS_RESERVED_1;
	t->cs = SEL_KERNEL_CODE;
	t->ds = t->es = t->ss = t->gs = SEL_KERNEL_DATA;
	t->fs = SEL_PERCPU;
	t->cr3 = read_cr3(); /* any directory works: all share the kernel half */
	t->iomap_base = sizeof(struct tss);
}

/*
 * Loads this CPU's GDT, segment registers and TR, and a null LDT: the LDTR a boot loader (or
 * the reset state: base 0, limit 0xffff) leaves would make a user LDT selector a descriptor
 * read at some address, a #PF reported as a kernel read; with a null LDT it is a #GP naming
 * the selector, in user mode.
 */
static void gdt_load(unsigned n)
{
	struct x86_table_pointer ptr = {sizeof(gdt[n]) - 1, (uint32_t)(uintptr_t)gdt[n]};

	__asm__ volatile("lgdt %0" : : "m"(ptr));
	__asm__ volatile("ljmp %0, $1f\n1:" : : "i"(SEL_KERNEL_CODE));
	__asm__ volatile("movw %w0, %%ds\n\tmovw %w0, %%es\n\tmovw %w0, %%ss\n\tmovw %w0, %%gs"
			 :
			 : "r"(SEL_KERNEL_DATA));
	__asm__ volatile("movw %w0, %%fs" : : "r"(SEL_PERCPU));
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
	__asm__ volatile("lldt %w0" : : "r"(SEL_NULL));
}

void gdt_init(struct percpu *cpu)
{
	unsigned n = cpu->cpu_id;
	struct tss_with_iomap *t = &io_tss[n];
	uint64_t *g = gdt[n];

	t->tss.ss0 = SEL_KERNEL_DATA;
	t->tss.esp0 = (uint32_t)cpu->kernel_stack_top;
	memset(t->iomap, 0xff, sizeof(t->iomap));
	t->iomap_end = 0xff;
	t->tss.iomap_base = TSS_IOMAP_NONE; /* user port I/O faults: no unit has ports */
	df_task_prepare(n);

	g[GDT_INDEX_KERNEL_CODE] = flat_segment(0, true);
	g[GDT_INDEX_KERNEL_DATA] = flat_segment(0, false);
	g[GDT_INDEX_USER_CODE] = flat_segment(3, true);
	g[GDT_INDEX_USER_DATA] = flat_segment(3, false);
	g[GDT_INDEX_TSS] = tss_descriptor(t, sizeof(*t));
	g[GDT_INDEX_DF_TSS] = tss_descriptor(&df_tss[n], sizeof(df_tss[n]));
	g[GDT_INDEX_PERCPU] =
	    gdt_descriptor((uint32_t)(uintptr_t)cpu, sizeof(*cpu) - 1,
			   SEG_PRESENT | SEG_CODE_OR_DATA | SEG_READ_WRITE, SEG_SIZE_32);
	gdt_load(n);
	percpu_ready = true;
}

bool gdt_percpu_ready(void)
{
	return percpu_ready;
}

void gdt_set_kernel_stack(uintptr_t esp0)
{
	my_tss()->tss.esp0 = (uint32_t)esp0;
	syscall_set_entry_stack(esp0); /* sysenter lands on the same stack */
}

uint8_t *gdt_io_bitmap(void)
{
	return my_tss()->iomap;
}

void gdt_io_bitmap_enable(bool on)
{
	my_tss()->tss.iomap_base = on ? TSS_IOMAP_OFFSET : TSS_IOMAP_NONE;
}

const struct tss *gdt_main_tss(void)
{
	return &my_tss()->tss;
}
