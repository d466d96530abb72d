/*
 * The program loader: maps a validated ELF plan and the initial user stack into an address
 * space with W^X page permissions, every frame charged to the owning unit, and unmaps and frees
 * exactly those frames again at teardown.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/loader.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/pmm.h>
#include <kernel/string.h>

_Static_assert(LOADER_STACK_TOP % 16 == 0, "initial esp must be 16-byte aligned");
_Static_assert(LOADER_STACK_TOP < USER_SPACE_END, "the stack lies in user space");
_Static_assert(LOADER_LANDING_PAGE == SYSENTER_LANDING_ADDR, "the ABI names the landing page");

/*
 * Allocates a zeroed user frame for owner (above the direct map where there is one, filled
 * through mmu_kmap's window), fills it from the segment's file bytes, maps it at page.
 */
static int map_segment_page(struct page_table *pt, uint32_t owner, const uint8_t *image,
			    const struct elf_segment *seg, uint32_t page, uint32_t flags)
{
	phys_addr_t frame;

	if (pmm_alloc_user_frame(owner, &frame) != ERR_OK)
		return ERR_NOMEM;
	uint8_t *dst = mmu_kmap(frame);

	memset(dst, 0, PAGE_SIZE);
	if (seg != NULL) {
		/* Bytes [lo, hi) of the segment's file-backed part fall into this page. */
		uint32_t file_end = seg->vaddr + seg->filesz;
		uint32_t lo = page > seg->vaddr ? page : seg->vaddr;
		uint32_t hi = page + PAGE_SIZE < file_end ? page + PAGE_SIZE : file_end;

		if (lo < hi)
			memcpy(dst + (lo - page), image + seg->file_offset + (lo - seg->vaddr),
			       hi - lo);
	}
	mmu_kunmap(frame);
	int err = mmu_map_page(pt, frame, page, flags);

	if (err != ERR_OK) {
		pmm_free_frame(frame);
		return err == ERR_NOMEM ? ERR_NOMEM : ERR_INVALID;
	}
	return ERR_OK;
}

/*
 * Records [start, end) in img, then maps it page by page (seg NULL: zero pages). A failure
 * leaves the region recorded so loader_unload frees the pages mapped so far.
 */
static int map_region(struct page_table *pt, uint32_t owner, const uint8_t *image,
		      const struct elf_segment *seg, uint32_t start, uint32_t end, uint32_t flags,
		      struct loader_image *img)
{
	KASSERT(img->region_count < LOADER_MAX_REGIONS); /* bounded by ELF_MAX_SEGMENTS + 1 */
	img->regions[img->region_count++] = (struct loader_region){start, end};
	for (uint32_t page = start; page < end; page += PAGE_SIZE) {
		if (img->windows)
			kernel_preemption_window();
		int err = map_segment_page(pt, owner, image, seg, page, flags);

		if (err != ERR_OK)
			return err;
	}
	return ERR_OK;
}

/*
 * A segment must end below the landing page, the guard and the stack (elf_validate allows up
 * to 0xC0000000).
 */
static int check_stack_clearance(const struct elf_plan *plan, char *reason, size_t reason_size)
{
	for (uint32_t i = 0; i < plan->count; i++) {
		const struct elf_segment *seg = &plan->segments[i];

		if (seg->page_end > LOADER_RESERVED_BASE) {
			if (reason)
				ksnprintf(reason, reason_size, "segment %u: ends at 0x%08x, above "
					  "the user stack area 0x%08x",
					  seg->phdr_index, seg->page_end, LOADER_RESERVED_BASE);
			return ERR_INVALID;
		}
	}
	return ERR_OK;
}

int loader_load(struct page_table *pt, uint32_t owner, const void *image,
		const struct elf_plan *plan, bool windows, struct loader_image *out, char *reason,
		size_t reason_size)
{
	*out = (struct loader_image){.entry = plan->entry, .stack_top = LOADER_STACK_TOP,
				     .windows = windows};
	if (reason && reason_size)
		reason[0] = '\0';
	int err = check_stack_clearance(plan, reason, reason_size);

	for (uint32_t i = 0; err == ERR_OK && i < plan->count; i++) {
		const struct elf_segment *seg = &plan->segments[i];
		uint32_t flags = MMU_USER | (seg->flags & ELF_SEG_WRITE ? MMU_WRITABLE : 0);

		err = map_region(pt, owner, image, seg, seg->page_start, seg->page_end, flags, out);
	}
	if (err == ERR_OK)
		err = map_region(pt, owner, NULL, NULL, LOADER_STACK_BASE, LOADER_STACK_TOP,
				 MMU_USER | MMU_WRITABLE, out);
	if (err != ERR_OK && err != ERR_NOMEM && reason && reason[0] == '\0')
		ksnprintf(reason, reason_size, "segment pages could not be mapped");
	return err;
}

void loader_unload(struct page_table *pt, uint32_t owner, const struct loader_image *img)
{
	for (uint32_t r = 0; r < img->region_count; r++) {
		for (uint32_t page = img->regions[r].start; page < img->regions[r].end;
		     page += PAGE_SIZE) {
			phys_addr_t frame;

			if (mmu_query(pt, page, &frame, NULL) != ERR_OK)
				continue; /* not mapped yet when loading failed */
			mmu_unmap_page(pt, page);
			frame &= ~(phys_addr_t)(PAGE_SIZE - 1);
			if (pmm_owner(frame) == owner)
				pmm_free_frame(frame);
		}
	}
}
