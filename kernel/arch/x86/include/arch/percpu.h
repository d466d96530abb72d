/*
 * x86: this CPU's struct percpu is the word at %fs:0 (the arch sets each CPU's %fs base to its
 * record at boot), read inline: the hot paths (syscalls, IPC, the scheduler) ask for it often.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

struct percpu;

static inline struct percpu *this_cpu(void)
{
	struct percpu *cpu;

	__asm__ volatile("movl %%fs:0, %0" : "=r"(cpu)); /* volatile: never cached across a switch */
	return cpu;
}

#endif
