/*
 * Freestanding memory functions (kernel/lib/string.c). The compiler may emit calls
 * to memcpy/memset/memmove/memcmp itself, so those keep their standard names and contracts.
 */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <kernel/types.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
