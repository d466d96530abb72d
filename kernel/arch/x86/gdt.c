/*
 * The flat GDT (kernel and user code/data), the per-CPU %fs segment, the TSS that gives the
 * CPU its ring-0 stack, and the separate task the #DF task gate switches to.
 */
#include <arch/gdt.h>
#include <arch/memory.h>
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

static uint64_t gdt[GDT_ENTRY_COUNT];
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

static struct tss_with_iomap main_io_tss;
static struct tss df_tss;
static bool percpu_ready;
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));

struct gdt_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static uint64_t gdt_descriptor(uint32_t base, uint32_t limit, uint32_t access, uint32_t flags)
{
	uint64_t d = limit & 0xffffu;

	d |= (uint64_t)(base & 0xffffffu) << 16;
	d |= (uint64_t)(access & 0xffu) << 40;
	d |= (uint64_t)((limit >> 16) & 0xfu) << 48;
	d |= (uint64_t)(flags & 0xfu) << 52;
	d |= (uint64_t)(base >> 24) << 56;
	return d;
}

static uint64_t flat_segment(unsigned dpl, bool code)
{
	uint32_t access = SEG_PRESENT | SEG_DPL(dpl) | SEG_CODE_OR_DATA | SEG_READ_WRITE;

	if (code)
		access |= SEG_EXECUTABLE;
	return gdt_descriptor(0, SEG_LIMIT_4G, access, SEG_GRANULARITY_4K | SEG_SIZE_32);
}

static uint64_t tss_descriptor(const struct tss *tss)
{
	return gdt_descriptor((uint32_t)(uintptr_t)tss, sizeof(*tss) - 1,
			      SEG_PRESENT | SEG_TSS_32_AVAILABLE, 0);
}

/* The #DF task: interrupts off, kernel segments, its own stack, the current page tables. */
static void df_task_prepare(void)
{
	df_tss.eip = (uint32_t)(uintptr_t)exception_double_fault_task;
	df_tss.esp = (uint32_t)(uintptr_t)(df_stack + DF_STACK_SIZE);
	df_tss.eflags = EFLAGS_RESERVED_1;
	df_tss.cs = SEL_KERNEL_CODE;
	df_tss.ds = df_tss.es = df_tss.ss = df_tss.gs = SEL_KERNEL_DATA;
	df_tss.fs = SEL_PERCPU;
	df_tss.cr3 = read_cr3(); /* any directory works: all share the kernel half */
	df_tss.iomap_base = sizeof(struct tss);
}

/*
 * Loads this CPU's GDT, segment registers and TR, and a null LDT: the LDTR a boot loader (or
 * the reset state: base 0, limit 0xffff) leaves would make a user LDT selector a descriptor
 * read at some address, a #PF reported as a kernel read; with a null LDT it is a #GP naming
 * the selector, in user mode.
 */
static void gdt_load(void)
{
	struct gdt_pointer ptr = {sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt};

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
	main_io_tss.tss.ss0 = SEL_KERNEL_DATA;
	main_io_tss.tss.esp0 = (uint32_t)cpu->kernel_stack_top;
	memset(main_io_tss.iomap, 0xff, sizeof(main_io_tss.iomap));
	main_io_tss.iomap_end = 0xff;
	main_io_tss.tss.iomap_base = TSS_IOMAP_NONE; /* user port I/O faults: no unit has ports */
	df_task_prepare();

	gdt[GDT_INDEX_KERNEL_CODE] = flat_segment(0, true);
	gdt[GDT_INDEX_KERNEL_DATA] = flat_segment(0, false);
	gdt[GDT_INDEX_USER_CODE] = flat_segment(3, true);
	gdt[GDT_INDEX_USER_DATA] = flat_segment(3, false);
	gdt[GDT_INDEX_TSS] =
	    gdt_descriptor((uint32_t)(uintptr_t)&main_io_tss, sizeof(main_io_tss) - 1,
			   SEG_PRESENT | SEG_TSS_32_AVAILABLE, 0);
	gdt[GDT_INDEX_DF_TSS] = tss_descriptor(&df_tss);
	gdt[GDT_INDEX_PERCPU] =
	    gdt_descriptor((uint32_t)(uintptr_t)cpu, sizeof(*cpu) - 1,
			   SEG_PRESENT | SEG_CODE_OR_DATA | SEG_READ_WRITE, SEG_SIZE_32);
	gdt_load();
	percpu_ready = true;
}

void gdt_load_ap(void)
{
	struct gdt_pointer ptr = {sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt};

	__asm__ volatile("lgdt %0" : : "m"(ptr));
	__asm__ volatile("ljmp %0, $1f\n1:" : : "i"(SEL_KERNEL_CODE));
	__asm__ volatile("movw %w0, %%ds\n\tmovw %w0, %%es\n\tmovw %w0, %%ss" : : "r"(SEL_KERNEL_DATA));
	__asm__ volatile("lldt %w0" : : "r"(SEL_NULL));
}

bool gdt_percpu_ready(void)
{
	return percpu_ready;
}

void gdt_set_kernel_stack(uintptr_t esp0)
{
	main_io_tss.tss.esp0 = (uint32_t)esp0;
	syscall_set_entry_stack(esp0); /* sysenter lands on the same stack */
}

uint8_t *gdt_io_bitmap(void)
{
	return main_io_tss.iomap;
}

void gdt_io_bitmap_enable(bool on)
{
	main_io_tss.tss.iomap_base = on ? TSS_IOMAP_OFFSET : TSS_IOMAP_NONE;
}

const struct tss *gdt_main_tss(void)
{
	return &main_io_tss.tss;
}
