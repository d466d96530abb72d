/*
 * Host fake of the kernel memory layout for unit tests: the same virtual layout constants as
 * i686, but "physical memory" is a buffer the test owns (host_phys_mem_init in
 * <arch/host_fake.h>) and phys_to_virt points into it. An access outside the buffer traps.
 */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <kernel/types.h>

/* The modelled i686 virtual layout (see kernel/arch/x86/include/arch/memory.h). */
#define KERNEL_BASE	     0xC0000000u
#define USER_SPACE_END	     KERNEL_BASE
/*
 * Where the direct map ends: 768 MiB as on i686 unless a test lowers it (host_direct_map_max,
 * reset by host_phys_mem_init) to have frames "above the direct map" inside its buffer.
 */
extern uint32_t host_direct_map_max;
#define DIRECT_MAP_MAX host_direct_map_max
#define KERNEL_RESERVED_BASE 0xF0000000u
#define KMAP_WINDOW	     KERNEL_RESERVED_BASE
#define BOOT_MAPPED_PHYS     0x01000000u
#define KERNEL_LOAD_PHYS     0x00100000u
#define KERNEL_STACK_SIZE    16384u

extern uint8_t *host_phys_mem;	  /* fake physical address 0 */
extern size_t host_phys_mem_size; /* bytes of fake physical memory */

/* Host pointer of fake physical address `phys`; traps if it is outside the buffer. */
static inline void *phys_to_virt(phys_addr_t phys)
{
	if (host_phys_mem == NULL || phys >= host_phys_mem_size)
		__builtin_trap();
	return host_phys_mem + phys;
}

/* Fake physical address of a pointer into the buffer; traps for any other pointer. */
static inline phys_addr_t virt_to_phys(const void *virt)
{
	uintptr_t off = (uintptr_t)virt - (uintptr_t)host_phys_mem;

	if (host_phys_mem == NULL || off >= host_phys_mem_size)
		__builtin_trap();
	return (phys_addr_t)off;
}

/* A physical address range [start, end). */
struct phys_range {
	phys_addr_t start;
	phys_addr_t end;
};

#define KERNEL_RO_RANGE_COUNT 2u

/* The fake kernel image's read-only ranges: empty (all zero) unless a test sets them. */
extern struct phys_range host_kernel_readonly[KERNEL_RO_RANGE_COUNT];

static inline void kernel_readonly_ranges(struct phys_range out[KERNEL_RO_RANGE_COUNT])
{
	for (unsigned i = 0; i < KERNEL_RO_RANGE_COUNT; i++)
		out[i] = host_kernel_readonly[i];
}

#endif /* ARCH_MEMORY_H */
