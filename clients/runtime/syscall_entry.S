/*
 * The two raw syscall entries, syscall_int80 and syscall_sysenter (see <keel/syscall.h>), and
 * the CPUID read that tells whether sysenter works.
 * Register convention: the syscall comment in <keel/abi.h>. Both are cdecl functions
 * (num, a1, a2, a3, a4, a5) that preserve ebx, esi, edi and ebp.
 */

	.text

/* int 0x80: eax = num, ebx/ecx/edx/esi/edi = a1..a5; the kernel preserves all but eax. */
	.globl syscall_int80
	.type syscall_int80, @function
syscall_int80:
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %eax		/* 3 saved registers + return address = 16 */
	movl 20(%esp), %ebx
	movl 24(%esp), %ecx
	movl 28(%esp), %edx
	movl 32(%esp), %esi
	movl 36(%esp), %edi
	int $0x80
	popl %edi
	popl %esi
	popl %ebx
	ret
	.size syscall_int80, . - syscall_int80

/*
 * sysenter: the same registers plus ebp = user esp with the return address on top. The
 * syscall returns to [ebp] with esp = ebp + 4: the kernel sysexits to its read-only landing
 * page (SYSENTER_LANDING_ADDR), whose `ret` pops the address; ecx and edx come back clobbered
 * (both are caller-saved in cdecl).
 */
	.globl syscall_sysenter
	.type syscall_sysenter, @function
syscall_sysenter:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 20(%esp), %eax		/* 4 saved registers + return address = 20 */
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	pushl $1f			/* where the kernel's sysexit returns */
	movl %esp, %ebp
	sysenter
1:	popl %edi			/* esp = ebp + 4: the pushed address is already gone */
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size syscall_sysenter, . - syscall_sysenter

/* void syscall_cpuid1(uint32_t *signature, uint32_t *features): CPUID leaf 1 EAX and EDX. */
	.globl syscall_cpuid1
	.type syscall_cpuid1, @function
syscall_cpuid1:
	pushl %ebx			/* cpuid writes ebx, which cdecl preserves */
	movl $1, %eax
	xorl %ecx, %ecx
	cpuid
	movl 8(%esp), %ecx		/* saved ebx + return address = 8 */
	movl %eax, (%ecx)
	movl 12(%esp), %ecx
	movl %edx, (%ecx)
	popl %ebx
	ret
	.size syscall_cpuid1, . - syscall_cpuid1

	.section .note.GNU-stack, "", @progbits
