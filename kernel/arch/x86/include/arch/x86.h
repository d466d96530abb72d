/*
 * Small x86 instruction wrappers (port I/O, control registers, flags, TSC) for arch code only;
 * generic code reaches the hardware through kernel/include/kernel/arch.h.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <kernel/types.h>

#define X86_EFLAGS_IF (1u << 9)	 /* interrupts enabled */
#define X86_POST_PORT 0x80	 /* POST diagnostic port: unused, safe to write */

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

/* A short delay for old devices (the 8259 PIC) between programming writes. */
static inline void io_wait(void)
{
	outb(X86_POST_PORT, 0);
}

static inline uint32_t read_cr2(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr2, %0" : "=r"(value));
	return value;
}

static inline uint32_t read_cr3(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr3, %0" : "=r"(value));
	return value;
}

static inline uint32_t read_cr4(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr4, %0" : "=r"(value));
	return value;
}

static inline void write_cr4(uint32_t value)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(value) : "memory");
}

static inline uint32_t read_eflags(void)
{
	uint32_t flags;

	__asm__ volatile("pushfl; popl %0" : "=r"(flags));
	return flags;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t read_ebp(void)
{
	uint32_t ebp;

	__asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
	return ebp;
}

#endif
