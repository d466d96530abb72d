/*
 * Fatal exception reports: name and vector, decoded error code, registers, CR2 for page
 * faults, EIP with its symbol and a backtrace. Then the machine stops (kernel_stop).
 */
#include <arch/backtrace.h>
#include <arch/gdt.h>
#include <arch/ksyms.h>
#include <arch/trap.h>
#include <arch/x86.h>
#include <kernel/arch.h>
#include <kernel/init.h>
#include <kernel/kprintf.h>

/* Selector error codes (#TS, #NP, #SS, #GP). */
#define SEL_ERR_EXTERNAL (1u << 0)
#define SEL_ERR_IDT	 (1u << 1)
#define SEL_ERR_LDT	 (1u << 2)

static const char *const exception_names[TRAP_EXCEPTION_COUNT][2] = {
    {"#DE", "divide error"},
    {"#DB", "debug"},
    {"#NMI", "non-maskable interrupt"},
    {"#BP", "breakpoint"},
    {"#OF", "overflow"},
    {"#BR", "bound range exceeded"},
    {"#UD", "invalid opcode"},
    {"#NM", "device not available"},
    {"#DF", "double fault"},
    {"#CSO", "coprocessor segment overrun"},
    {"#TS", "invalid TSS"},
    {"#NP", "segment not present"},
    {"#SS", "stack-segment fault"},
    {"#GP", "general protection fault"},
    {"#PF", "page fault"},
    {"#RES15", "reserved"},
    {"#MF", "x87 floating-point error"},
    {"#AC", "alignment check"},
    {"#MC", "machine check"},
    {"#XM", "SIMD floating-point error"},
    {"#VE", "virtualization exception"},
    {"#CP", "control protection"},
    {"#RES22", "reserved"},
    {"#RES23", "reserved"},
    {"#RES24", "reserved"},
    {"#RES25", "reserved"},
    {"#RES26", "reserved"},
    {"#RES27", "reserved"},
    {"#HV", "hypervisor injection"},
    {"#VC", "VMM communication"},
    {"#SX", "security exception"},
    {"#RES31", "reserved"},
};

const char *exception_mnemonic(unsigned vector)
{
	return exception_names[vector % TRAP_EXCEPTION_COUNT][0];
}

const char *exception_name(unsigned vector)
{
	return exception_names[vector % TRAP_EXCEPTION_COUNT][1];
}

void exception_decode_error(unsigned vector, uint32_t error, char *buf, size_t size)
{
	buf[0] = '\0';
	if (vector == TRAP_PF)
		ksnprintf(buf, size, "%s, %s, %s%s%s", (error & PF_ERR_WRITE) ? "write" : "read",
			  (error & PF_ERR_PRESENT) ? "protection" : "not-present",
			  (error & PF_ERR_USER) ? "user" : "kernel",
			  (error & PF_ERR_FETCH) ? ", fetch" : "",
			  (error & PF_ERR_RSVD) ? ", reserved-bit" : "");
	else if (trap_selector_fault(vector) && error == 0)
		ksnprintf(buf, size, "no selector");
	else if (trap_selector_fault(vector)) /* the IDT bit wins over the LDT bit */
		ksnprintf(buf, size, "%s index %u%s",
			  (error & SEL_ERR_IDT)	  ? "IDT"
			  : (error & SEL_ERR_LDT) ? "LDT"
						  : "GDT",
			  (unsigned)(error >> 3), (error & SEL_ERR_EXTERNAL) ? ", external" : "");
}

static void exception_print_registers(const struct trap_frame *f)
{
	ksyms_print_line("EIP=", f->eip);
	kprintf("EAX=0x%08x EBX=0x%08x ECX=0x%08x EDX=0x%08x\n", f->eax, f->ebx, f->ecx, f->edx);
	kprintf("ESI=0x%08x EDI=0x%08x EBP=0x%08x ESP=0x%08x\n", f->esi, f->edi, f->ebp,
		trap_interrupted_esp(f));
	kprintf("CS=0x%04x DS=0x%04x ES=0x%04x FS=0x%04x GS=0x%04x EFLAGS=0x%08x\n",
		f->cs & 0xffffu, f->ds & 0xffffu, f->es & 0xffffu, f->fs & 0xffffu, f->gs & 0xffffu,
		f->eflags);
	if (trap_from_user(f))
		kprintf("user SS=0x%04x ESP=0x%08x\n", f->user_ss & 0xffffu, f->user_esp);
}

void exception_fatal(const struct trap_frame *f)
{
	char decoded[EXCEPTION_DECODE_MAX];

	arch_console_alert();
	exception_decode_error(f->vector, f->error, decoded, sizeof(decoded));
	kprintf("\nEXCEPTION: %s %s (vector %u) error=0x%08x%s%s%s\n",
		exception_mnemonic(f->vector), exception_name(f->vector), f->vector, f->error,
		decoded[0] ? " [" : "", decoded, decoded[0] ? "]" : "");
	if (f->vector == TRAP_PF) /* CR2 with its symbol if in kernel text (a W^X violation) */
		ksyms_print_line("CR2=", read_cr2());
	exception_print_registers(f);
	backtrace_print_trap(f->eip, f->ebp, trap_interrupted_esp(f));
	kernel_stop(KERNEL_EXIT_PANIC);
}

/*
 * Entered by the #DF task gate on df_stack with the faulting state saved in the main TSS by
 * the task switch (the interrupted stack may be unusable, so nothing runs on it).
 */
void exception_double_fault_task(void)
{
	const struct tss *t = gdt_main_tss();

	arch_console_alert();
	/* #DF always pushes error code 0. */
	kprintf("\nEXCEPTION: #DF double fault (vector %u) error=0x%08x\n", TRAP_DF, 0u);
	ksyms_print_line("EIP=", t->eip);
	kprintf("EAX=0x%08x EBX=0x%08x ECX=0x%08x EDX=0x%08x\n", t->eax, t->ebx, t->ecx, t->edx);
	kprintf("ESI=0x%08x EDI=0x%08x EBP=0x%08x ESP=0x%08x\n", t->esi, t->edi, t->ebp, t->esp);
	kprintf("CS=0x%04x SS=0x%04x EFLAGS=0x%08x CR2=0x%08x\n", t->cs, t->ss, t->eflags,
		read_cr2());
	backtrace_print_trap(t->eip, t->ebp, t->esp);
	kernel_stop(KERNEL_EXIT_PANIC);
}
