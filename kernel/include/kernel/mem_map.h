/*
 * Mappings of memory objects into address spaces (SYS_MEM_MAP). Each mapping is recorded
 * (space, start, pages, object) and holds one reference on its object, so an object's frames
 * stay while any mapping of it remains, even after its last capability went. A mapping ends by
 * SYS_MEM_UNMAP (mem_unmap_begin/step), when its unit no longer holds any capability to the
 * object (a delete, a revoke, a move: mem_unmap_object), or when its address space goes
 * (mem_unmap_space_some at unit death).
 */
#ifndef KERNEL_MEM_MAP_H
#define KERNEL_MEM_MAP_H

#include <kernel/memobj.h>
#include <kernel/types.h>

#define MEM_MAP_MAX 256 /* mappings in the whole system */

struct loader_image;
struct page_table;

/* What a mapping is asked for: where, with which MMU flags, and who pays. */
struct mem_map_request {
	uintptr_t vaddr;
	uint32_t mmu_flags;    /* MMU_USER, maybe MMU_WRITABLE */
	struct memobj *budget; /* NULL: the kernel pays */
};

#define MEM_MAP_MORE 1 /* a step left pages to do */

/*
 * Starts mapping every page of m (a complete frames object or device memory) at
 * [vaddr, vaddr + size) in pt. The range must be page-aligned (ERR_INVALID), not include
 * page 0 (ERR_INVALID), lie in user space (ERR_FAULT), end at or below the landing page
 * LOADER_RESERVED_BASE (ERR_INVALID: the landing page, the stack guard and the stack stay as
 * the loader made them) and overlap neither img's program (img may be NULL) nor another
 * mapping of pt, finished or not (ERR_INVALID). ERR_BUSY while m is filling; ERR_NOMEM
 * without a mapping record, or if the budget cannot pay for one BUDGET_MAPPINGS object and
 * the page tables pt lacks for the range. On success the record holds the range, a reference
 * on m and its charge, *tables = the page-table frames charged (the caller's unit keeps them
 * on its account: they stay with the space until it goes), and *ticket names the mapping for
 * mem_map_step, which maps the pages. O(mappings + program regions + 4 MiB spans).
 */
int mem_map_begin(struct page_table *pt, const struct loader_image *img, struct memobj *m,
		  const struct mem_map_request *req, uint32_t *tables, uint32_t *ticket);

/*
 * Maps up to `batch` more pages of the mapping `ticket` names: MEM_MAP_MORE, ERR_OK once all
 * are (the mapping is then live), ERR_BAD_CAP if it ended meanwhile (its unit lost its last
 * capability to the object, or died), ERR_NOMEM if a page table could not be allocated
 * (nothing stays mapped). O(batch).
 */
int mem_map_step(uint32_t ticket, uint32_t batch);

/*
 * Starts ending the live mapping of pt that starts at vaddr: ERR_NOT_FOUND if none does,
 * ERR_BUSY while it is still being made or already being ended. *ticket names it for
 * mem_unmap_step, which unmaps up to `batch` pages per call (MEM_MAP_MORE while some are
 * left) and frees the record, its reference and its charge with the last; ERR_OK also if the
 * mapping ended meanwhile.
 */
int mem_unmap_begin(struct page_table *pt, uintptr_t vaddr, uint32_t *ticket);
int mem_unmap_step(uint32_t ticket, uint32_t batch);

/* Ends every mapping of m in pt (its unit holds no capability to m any more). */
void mem_unmap_object(struct page_table *pt, const struct memobj *m);

/*
 * Unmaps up to `batch` pages of pt's mappings (its unit is dying), ending each mapping whose
 * pages are all gone: MEM_MAP_MORE while any is left, else ERR_OK. O(batch + mappings).
 */
int mem_unmap_space_some(struct page_table *pt, uint32_t batch);

/* Mappings recorded in the system (tests). */
uint32_t mem_map_count(void);

#endif /* KERNEL_MEM_MAP_H */
