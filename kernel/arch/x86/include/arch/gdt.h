/*
 * Segmentation: the flat GDT, the per-CPU data segment (%fs) and the task state segments.
 * Selector constants are shared with assembly.
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#define GDT_INDEX_KERNEL_CODE 1
#define GDT_INDEX_KERNEL_DATA 2
#define GDT_INDEX_USER_CODE   3
#define GDT_INDEX_USER_DATA   4
#define GDT_INDEX_TSS	      5 /* this CPU's TSS (esp0 for traps from ring 3) */
#define GDT_INDEX_PERCPU      6 /* base = this CPU's struct percpu, loaded in %fs */
#define GDT_INDEX_DF_TSS      7 /* task the #DF task gate switches to */
#define GDT_ENTRY_COUNT	      8

#define SEL_RPL_USER	3
#define SEL_NULL	0 /* the LDT selector every CPU loads: no LDT */
#define SEL_KERNEL_CODE (GDT_INDEX_KERNEL_CODE << 3)
#define SEL_KERNEL_DATA (GDT_INDEX_KERNEL_DATA << 3)
#define SEL_USER_CODE	((GDT_INDEX_USER_CODE << 3) | SEL_RPL_USER)
#define SEL_USER_DATA	((GDT_INDEX_USER_DATA << 3) | SEL_RPL_USER)
#define SEL_TSS		(GDT_INDEX_TSS << 3)
#define SEL_PERCPU	(GDT_INDEX_PERCPU << 3)
#define SEL_DF_TSS	(GDT_INDEX_DF_TSS << 3)

#ifndef __ASSEMBLER__

#include <kernel/types.h>

struct percpu;

/* The 32-bit task state segment (only ss0/esp0 matter for software task switching). */
struct tss {
	uint32_t link;
	uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
};
_Static_assert(sizeof(struct tss) == 104, "hardware TSS layout");

/*
 * Loads CPU cpu->cpu_id's own GDT, TR and a null LDT, reloads every segment register and
 * points %fs at `cpu`; also prepares its double-fault task. Every CPU runs it on itself.
 */
void gdt_init(struct percpu *cpu);
/* True once gdt_init has pointed %fs at this CPU's struct percpu (this_cpu() works). */
bool gdt_percpu_ready(void);
/* Sets the stack the CPU switches to on traps from user mode. */
void gdt_set_kernel_stack(uintptr_t esp0);
/*
 * The I/O permission bitmap of this CPU's TSS: bit n set = port n faults in user mode (IOPL 0).
 * TSS_IOMAP_BYTES bytes cover every port; all set at boot.
 */
#define TSS_IOMAP_BYTES 8192
uint8_t *gdt_io_bitmap(void);
/* Whether user mode consults the bitmap (on) or faults on every port (off, the boot state). */
void gdt_io_bitmap_enable(bool on);
/* The state the double fault interrupted (saved in the main TSS by the task switch). */
const struct tss *gdt_main_tss(void);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_GDT_H */
