/*
 * x86: the IPC fast path's copy of message bytes between two kernel pointers: whole words
 * with rep movsl, then the tail with rep movsb (DF is clear in the kernel: every entry stub
 * clears it). Exactly n bytes, like memcpy.
 */
#ifndef ARCH_COPY_H
#define ARCH_COPY_H

#include <kernel/types.h>

static inline void arch_copy_bytes(void *dst, const void *src, size_t n)
{
	size_t words = n / 4;

	__asm__ volatile("rep movsl\n\t"
			 "movl %3, %%ecx\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(words)
			 : "r"(n % 4)
			 : "memory");
}

#endif
