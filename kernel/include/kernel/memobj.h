/*
 * Memory objects: a range of physical memory a memory capability names. Today they describe
 * the boot modules' images (what SYS_UNIT_START may start); frames and device ranges that can
 * be mapped come with the memory capabilities of issue 8.
 */
#ifndef KERNEL_MEMOBJ_H
#define KERNEL_MEMOBJ_H

#include <kernel/kobj.h>
#include <kernel/types.h>

#ifndef MEMOBJ_MAX
#define MEMOBJ_MAX 64
#endif

#define MEMOBJ_BOOT_MODULE (1u << 0) /* the image of boot module `module` */

struct memobj {
	struct kobj kobj; /* first: the pool and capabilities name it by this */
	phys_addr_t base;
	uint32_t size;
	uint32_t flags;	 /* MEMOBJ_* */
	uint32_t module; /* boot module index, with MEMOBJ_BOOT_MODULE */
};

/* Empties the pool (boot and tests). */
void memobj_pool_init(void);

/* A memory object for boot module `index` at [base, base + size), or NULL (pool empty). */
struct memobj *memobj_create_module(uint32_t index, phys_addr_t base, uint32_t size);

/* kobj_release's entry for memory objects: a module image's frames stay where the boot put
 * them; only the object goes. */
void memobj_release(struct kobj *obj);

#endif /* KERNEL_MEMOBJ_H */
