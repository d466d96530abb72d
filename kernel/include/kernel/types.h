/* Basic kernel scalar types shared by generic and arch code. */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t phys_addr_t; /* a physical address (i686 without PAE: 32 bits) */
typedef uintptr_t virt_addr_t; /* a virtual address */

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define PAGE_ALIGN_DOWN(x) ((x) & ~(uintptr_t)(PAGE_SIZE - 1))
#define PAGE_ALIGN_UP(x) (((x) + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* True if [a, a + an) and [b, b + bn) share a byte (64-bit sums: nothing wraps). */
static inline bool ranges_overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a < b + bn && b < a + an;
}

/* The little-endian 32-bit value at p, at any alignment (firmware and loader tables). */
static inline uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
