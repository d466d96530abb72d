/*
 * x86 syscall glue: the sysenter MSRs, the C halves of the int 0x80 and sysenter stubs
 * (registers <-> struct syscall_args), and the checked read of the sysenter return address.
 */
#include <arch/syscall.h>
#include <arch/gdt.h>
#include <arch/trap.h>
#include <keel/abi.h>
#include <kernel/fault.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>

#define CPUID_1_EDX_SEP (1u << 11) /* sysenter/sysexit present */

static bool sysenter_ready; /* the MSRs exist and are programmed (boot CPU) */

static void wrmsr(uint32_t msr, uint32_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"(value), "d"(0u));
}

static bool cpu_has_sysenter(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx;

	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return (edx & CPUID_1_EDX_SEP) != 0;
}

void syscall_arch_init(void)
{
	if (!cpu_has_sysenter()) {
		kprintf("syscall: no sysenter on this CPU (CPUID SEP clear): int 0x80 only\n");
		return;
	}
	wrmsr(MSR_SYSENTER_CS, SEL_KERNEL_CODE);
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)(uintptr_t)syscall_sysenter_entry);
	wrmsr(MSR_SYSENTER_ESP, (uint32_t)this_cpu()->kernel_stack_top);
	sysenter_ready = true;
}

void syscall_set_entry_stack(uintptr_t top)
{
	if (sysenter_ready)
		wrmsr(MSR_SYSENTER_ESP, (uint32_t)top);
}

static void syscall_run(struct trap_frame *frame)
{
	struct syscall_args args = {
	    .num = frame->eax,
	    .a1 = frame->ebx,
	    .a2 = frame->ecx,
	    .a3 = frame->edx,
	    .a4 = frame->esi,
	    .a5 = frame->edi,
	};

	frame->eax = (uint32_t)syscall_dispatch(&args);
}

void syscall_from_int80(struct trap_frame *frame)
{
	syscall_run(frame);
}

/*
 * The stub left eip = 0 and user_esp = ebp. The return address is read from [ebp] through
 * uaccess, so a bad ebp kills the thread (reported like a fault) and never faults the kernel.
 */
void syscall_from_sysenter(struct trap_frame *frame)
{
	uint32_t ret;

	if (uaccess_read_u32(uaccess_current_space(), frame->ebp, &ret) != ERR_OK) {
		struct fault_info f = {
		    .kind = FAULT_BAD_SYSCALL_STACK,
		    .mnemonic = "",
		    .name = "",
		    .decoded = "",
		    .addr = frame->ebp,
		};

		fault_user(&f);
	}
	frame->eip = ret;
	frame->user_esp = frame->ebp + sizeof(ret);
	syscall_run(frame);
}
