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

/* The operand of lgdt and lidt: the table's size in bytes minus 1, and its address. */
struct x86_table_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* A short delay for old devices (the 8259 PIC) between programming writes. */
static inline void io_wait(void)
{
	outb(X86_POST_PORT, 0);
}

/*
 * read_crN() and write_crN(value) for control registers 0, 2, 3 and 4. A write is a compiler
 * barrier: CR0 (TS), CR3 (the address space) and CR4 (PGE) change what memory accesses do.
 */
#define X86_CONTROL_REGISTER(n)                                                                 \
	static inline uint32_t read_cr##n(void)                                                 \
	{                                                                                       \
		uint32_t value;                                                                 \
                                                                                                \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(value));                           \
		return value;                                                                   \
	}                                                                                       \
	static inline void write_cr##n(uint32_t value)                                          \
	{                                                                                       \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(value) : "memory");                  \
	}
X86_CONTROL_REGISTER(0)
X86_CONTROL_REGISTER(2)
X86_CONTROL_REGISTER(3)
X86_CONTROL_REGISTER(4)

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
