/*
 * Mappings of memory objects into address spaces (SYS_MEM_MAP). Each mapping is recorded
 * (space, start, pages, object) and holds one reference on its object, so an object's frames
 * stay while any mapping of it remains, even after its last capability went. A mapping ends by
 * mem_unmap, when its unit no longer holds any capability to the object (a delete, a revoke,
 * a move: mem_unmap_object), or when its address space goes (mem_unmap_space at unit death).
 */
#ifndef KERNEL_MEM_MAP_H
#define KERNEL_MEM_MAP_H

#include <kernel/memobj.h>
#include <kernel/types.h>

#ifndef MEM_MAP_MAX
#define MEM_MAP_MAX 256 /* mappings in the whole system */
#endif

struct page_table;

/*
 * Maps every page of m (a complete frames object or device memory) at [vaddr, vaddr + size)
 * in pt with MMU `flags` (MMU_USER | maybe MMU_WRITABLE). The range must be page-aligned
 * (ERR_INVALID), not include page 0 (ERR_INVALID), lie in user space (ERR_FAULT), end at or
 * below the landing page LOADER_RESERVED_BASE (ERR_INVALID: the landing page, the stack guard
 * and the stack stay as the loader made them) and overlap nothing mapped (ERR_INVALID).
 * ERR_BUSY while m is filling; ERR_NOMEM without a mapping record or page-table frame, or if
 * `budget` (NULL: the kernel pays) cannot pay for the record (one BUDGET_MAPPINGS object) and
 * every page table the range may need (nothing stays mapped then). *tables = the page-table
 * frames the space gained, charged to `budget` whatever the result: they stay with the space
 * and its owner gives them back when the space goes.
 */
int mem_map(struct page_table *pt, struct memobj *m, uintptr_t vaddr, uint32_t flags,
	    struct memobj *budget, uint32_t *tables);

/* Ends the mapping of pt that starts at vaddr: ERR_OK, or ERR_NOT_FOUND. */
int mem_unmap(struct page_table *pt, uintptr_t vaddr);

/* Ends every mapping of m in pt (its unit holds no capability to m any more). */
void mem_unmap_object(struct page_table *pt, const struct memobj *m);

/* Ends every mapping of pt (its unit is dying). */
void mem_unmap_space(struct page_table *pt);

/* Mappings recorded in the system (tests). */
uint32_t mem_map_count(void);

#endif /* KERNEL_MEM_MAP_H */
