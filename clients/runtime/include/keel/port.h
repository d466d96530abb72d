/*
 * x86 port input and output for user space. A unit may use them only on ports its I/O-port
 * capability covers and only after enabling it (sys_ioport_enable, <keel/syscall.h>); any
 * other port access faults (#GP), which the kernel reports as the unit's fault. The kernel
 * has its own (kernel/arch/x86).
 *
 *   uint8_t  inb(uint16_t port);   void outb(uint16_t port, uint8_t v);
 *   uint16_t inw(uint16_t port);   void outw(uint16_t port, uint16_t v);
 *   uint32_t inl(uint16_t port);   void outl(uint16_t port, uint32_t v);
 */
#ifndef KEEL_PORT_H
#define KEEL_PORT_H

#include <stdint.h>

/* in<sfx> and out<sfx> for one access width: the instruction's suffix and the value type. */
#define KEEL_PORT_IO(sfx, type)                                                                \
	static inline type in##sfx(uint16_t port)                                              \
	{                                                                                      \
		type v;                                                                        \
                                                                                               \
		__asm__ volatile("in" #sfx " %1, %0" : "=a"(v) : "Nd"(port));                 \
		return v;                                                                      \
	}                                                                                      \
	static inline void out##sfx(uint16_t port, type v)                                     \
	{                                                                                      \
		__asm__ volatile("out" #sfx " %0, %1" : : "a"(v), "Nd"(port));                \
	}

KEEL_PORT_IO(b, uint8_t)
KEEL_PORT_IO(w, uint16_t)
KEEL_PORT_IO(l, uint32_t)

#undef KEEL_PORT_IO

#endif /* KEEL_PORT_H */
