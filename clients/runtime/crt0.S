/*
 * Program and thread entry points of every Keel user program: _start runs main and exits the
 * unit; keel_thread_start runs a thread function and exits the thread. Contract: see
 * docs/user-runtime.md ("Startup").
 */

	.section .text.entry, "ax", @progbits	/* user.ld puts it first: _start at 0x400000 */

/*
 * _start: the kernel enters here with esp = top of the initial stack (16-byte aligned, just
 * below 0xC0000000) and eax = the startup argument. Calls main(arg), then
 * sys_exit_unit(main's return value). Never returns.
 */
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* outermost frame: backtraces stop here */
	cld				/* cdecl: direction flag clear on function entry */
	andl $-16, %esp			/* keep the i386 psABI 16-byte alignment at calls */
	subl $12, %esp
	pushl %eax			/* main(uintptr_t arg) */
	call main
	movl %eax, (%esp)		/* sys_exit_unit(status) */
	call sys_exit_unit
1:	ud2				/* unreachable: a fault kills the thread */
	jmp 1b
	.size _start, . - _start

/*
 * keel_thread_start: sys_thread_create starts threads here with eax = arg and
 * esp = a 16-byte aligned frame whose first word is the thread function. Calls fn(arg), then
 * sys_exit_thread(). Never returns.
 */
	.globl keel_thread_start
	.type keel_thread_start, @function
keel_thread_start:
	xorl %ebp, %ebp
	cld
	movl (%esp), %ecx		/* fn, stored by sys_thread_create */
	movl %eax, (%esp)		/* fn's only argument; esp stays 16-byte aligned */
	call *%ecx
	call sys_exit_thread
1:	ud2
	jmp 1b
	.size keel_thread_start, . - keel_thread_start

	.section .note.GNU-stack, "", @progbits
