/*
 * i386 two-level paging behind kernel/include/kernel/mmu.h: the kernel page directory (direct
 * map of managed memory, global pages), per-address-space directories sharing the kernel PDEs,
 * and page-table frames from the PMM. Hardware access goes through <arch/paging.h> and
 * arch_tlb_invalidate only, so this file builds and is unit-tested on the host too.
 */
#include <keel/abi.h>
#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <kernel/mmu.h>
#include <kernel/pmm.h>
#include <kernel/string.h>
#include <arch/memory.h>
#include <arch/paging.h>

#include "pte.h"

#define PDE_KERNEL_FIRST PDE_INDEX(KERNEL_BASE)
#define MMU_FLAGS_ALL	 (MMU_PRESENT | MMU_WRITABLE | MMU_USER | MMU_NOCACHE)

/* An address space is its page directory, living in its own PMM frame. */
struct page_table {
	uint32_t pde[PT_ENTRIES];
};
_Static_assert(sizeof(struct page_table) == PAGE_SIZE, "a directory fills one frame");

/*
 * The kernel directory. Its PDEs 768..1023 all point at page tables allocated by mmu_init and
 * never change afterwards, so every address space simply copies them.
 */
static struct page_table *kernel_space;
static phys_addr_t direct_end; /* mmu_direct_map_end(), fixed by mmu_init (mmu_kmap's test) */
/* The frame mmu_kmap has in the window, or KMAP_NONE (one CPU: one window). */
static phys_addr_t kmap_frame;
#define KMAP_NONE 0xFFFFFFFFu
uint64_t mmu_unmap_generation; /* see <kernel/mmu.h> */

static uint32_t *table_at(uint32_t pde)
{
	return phys_to_virt(pde & PTE_FRAME_MASK);
}

static void zero_frame(phys_addr_t frame)
{
	memset(phys_to_virt(frame), 0, PAGE_SIZE);
}

/* The present PTE mapping `virt` in `pt`, or NULL if the page (or its table) is not mapped. */
static uint32_t *present_pte(struct page_table *pt, virt_addr_t virt)
{
	uint32_t pde = pt->pde[PDE_INDEX(virt)];

	if (!(pde & PTE_PRESENT))
		return NULL;
	uint32_t *pte = &table_at(pde)[PTE_INDEX(virt)];

	return (*pte & PTE_PRESENT) ? pte : NULL;
}

/* True for addresses no i386 can have (virt_addr_t is 64-bit on the host). */
static bool beyond_32_bits(virt_addr_t virt)
{
	return (virt >> 16 >> 16) != 0;
}

/* Common argument checks; kernel-half addresses are only reachable through the kernel space. */
static bool valid_target(struct page_table *pt, virt_addr_t virt)
{
	return pt != NULL && (virt & (PAGE_SIZE - 1)) == 0 && !beyond_32_bits(virt) &&
	       (virt < USER_SPACE_END || pt == kernel_space);
}

/* Allocates a zeroed frame below the boot mapping (mmu_init writes it before switching). */
static int alloc_boot_frame(phys_addr_t *out)
{
	if (pmm_alloc_frame(PMM_OWNER_KERNEL, out) != ERR_OK)
		return ERR_NOMEM;
	if (*out >= BOOT_MAPPED_PHYS) {
		kprintf("mmu: page-table frame 0x%x is above the boot mapping\n", (unsigned)*out);
		pmm_free_frame(*out);
		return ERR_NOMEM;
	}
	zero_frame(*out);
	return ERR_OK;
}

/* Frees a half-built kernel directory and its tables (mmu_init ran out of frames). */
static void free_kernel_directory(struct page_table *k)
{
	for (uint32_t i = PDE_KERNEL_FIRST; i < PT_ENTRIES; i++) {
		if (k->pde[i] & PTE_PRESENT)
			pmm_free_frame(k->pde[i] & PTE_FRAME_MASK);
	}
	pmm_free_frame(virt_to_phys(k));
}

phys_addr_t mmu_direct_map_end(void)
{
	phys_addr_t end = pmm_managed_end();

	if (end < BOOT_MAPPED_PHYS)
		end = BOOT_MAPPED_PHYS;
	return end < DIRECT_MAP_MAX ? end : DIRECT_MAP_MAX;
}

uint32_t mmu_direct_map_pte(phys_addr_t phys, const struct phys_range *ro, unsigned count)
{
	uint32_t pte = (uint32_t)phys | PTE_PRESENT | PTE_WRITABLE | PTE_GLOBAL;

	for (unsigned i = 0; i < count; i++) {
		if (phys >= ro[i].start && phys < ro[i].end)
			return pte & ~PTE_WRITABLE;
	}
	return pte;
}

/*
 * Needs pmm_init done, and about 1 MiB of free frames below BOOT_MAPPED_PHYS (the PMM hands
 * out the lowest frames first). Builds the kernel directory: a page table for every kernel
 * PDE, and [0, mmu_direct_map_end()) mapped global at KERNEL_BASE, writable except the kernel
 * image's read-only ranges (kernel_readonly_ranges; CR0.WP, set by boot.S, makes ring 0
 * honour them). Then enables global pages and switches to it, dropping the identity map.
 * Calling it again builds a fresh kernel space (host tests do; the kernel calls it once).
 */
int mmu_init(void)
{
	phys_addr_t dir, table, end = direct_end = mmu_direct_map_end();
	struct phys_range ro[KERNEL_RO_RANGE_COUNT];

	if (alloc_boot_frame(&dir) != ERR_OK)
		return ERR_NOMEM;
	struct page_table *k = phys_to_virt(dir);

	for (uint32_t i = PDE_KERNEL_FIRST; i < PT_ENTRIES; i++) {
		if (alloc_boot_frame(&table) != ERR_OK) {
			free_kernel_directory(k);
			kprintf("mmu: out of frames for the kernel page tables\n");
			return ERR_NOMEM;
		}
		k->pde[i] = table | PTE_PRESENT | PTE_WRITABLE;
	}
	kernel_readonly_ranges(ro);
	for (phys_addr_t p = 0; p < end; p += PAGE_SIZE) {
		virt_addr_t va = KERNEL_BASE + p;

		table_at(k->pde[PDE_INDEX(va)])[PTE_INDEX(va)] =
		    mmu_direct_map_pte(p, ro, KERNEL_RO_RANGE_COUNT);
	}
	kernel_space = k;
	kmap_frame = KMAP_NONE;
	paging_enable_global_pages();
	mmu_activate(k);
	kprintf("mmu: kernel directory at 0x%x, direct map of %u MiB\n", (unsigned)dir,
		(unsigned)(end >> 20));
	return ERR_OK;
}

struct page_table *mmu_kernel_space(void)
{
	return kernel_space;
}

/* A new directory (charged to the kernel for now) with the kernel PDEs and no user mappings. */
struct page_table *mmu_create_address_space(void)
{
	phys_addr_t dir;

	if (kernel_space == NULL || pmm_alloc_frame(PMM_OWNER_KERNEL, &dir) != ERR_OK)
		return NULL;
	struct page_table *pt = phys_to_virt(dir);

	for (uint32_t i = 0; i < PT_ENTRIES; i++)
		pt->pde[i] = i < PDE_KERNEL_FIRST ? 0 : kernel_space->pde[i];
	return pt;
}

phys_addr_t mmu_boot_directory(void)
{
	struct page_table *pt = mmu_create_address_space();

	if (pt == NULL)
		return 0;
	pt->pde[0] = kernel_space->pde[PDE_KERNEL_FIRST]; /* phys 0-4 MiB, also at 0 */
	return virt_to_phys(pt);
}

bool mmu_table_present(const struct page_table *pt, virt_addr_t virt)
{
	return (pt->pde[PDE_INDEX(virt)] & PTE_PRESENT) != 0;
}

uint32_t mmu_space_frames(const struct page_table *pt)
{
	uint32_t n = 1;

	for (uint32_t i = 0; i < PDE_KERNEL_FIRST; i++)
		n += (pt->pde[i] & PTE_PRESENT) != 0;
	return n;
}

/*
 * Returns the user page tables and the directory to the PMM. The frames mapped in the space
 * are not freed: whoever mapped them owns them and frees them. `pt` must not be active.
 */
void mmu_destroy_address_space(struct page_table *pt)
{
	if (pt == NULL)
		return;
	KASSERT(pt != kernel_space); /* the kernel space lives forever */
	KASSERT(pt != arch_active_space()); /* switch away before destroying */
	mmu_unmap_generation++;
	for (uint32_t i = 0; i < PDE_KERNEL_FIRST; i++) {
		if (pt->pde[i] & PTE_PRESENT &&
		    pmm_free_frame(pt->pde[i] & PTE_FRAME_MASK) != ERR_OK)
			panic("mmu: page table 0x%x of %p was not allocated", pt->pde[i],
			      (void *)pt);
	}
	if (pmm_free_frame(virt_to_phys(pt)) != ERR_OK)
		panic("mmu: directory %p was not allocated", (void *)pt);
}

/*
 * User page tables are allocated on demand and charged to the directory's owner; kernel-half
 * tables always exist. PRESENT is implied. Tables stay until the space is destroyed. Page 0
 * is never user-accessible: a kernel NULL dereference must fault, never read user data.
 */
int mmu_map_page(struct page_table *pt, phys_addr_t phys, virt_addr_t virt, uint32_t flags)
{
	phys_addr_t table;

	if (!valid_target(pt, virt) || (phys & (PAGE_SIZE - 1)) != 0 || (flags & ~MMU_FLAGS_ALL) ||
	    ((virt >= USER_SPACE_END || virt < PAGE_SIZE) && (flags & MMU_USER)))
		return ERR_INVALID;
	uint32_t *pde = &pt->pde[PDE_INDEX(virt)];

	if (!(*pde & PTE_PRESENT)) {
		KASSERT(virt < USER_SPACE_END); /* kernel PDEs are all present after mmu_init */
		if (pmm_alloc_frame(pmm_owner(virt_to_phys(pt)), &table) != ERR_OK)
			return ERR_NOMEM;
		zero_frame(table);
		*pde = table | PTE_PRESENT | PTE_WRITABLE | PTE_USER; /* the PTE decides access */
	}
	uint32_t *pte = &table_at(*pde)[PTE_INDEX(virt)];

	if (*pte & PTE_PRESENT)
		return ERR_BUSY;
	*pte = phys | PTE_PRESENT | (flags & MMU_WRITABLE ? PTE_WRITABLE : 0) |
	       (flags & MMU_USER ? PTE_USER : 0) | (flags & MMU_NOCACHE ? PTE_PCD | PTE_PWT : 0) |
	       (virt >= USER_SPACE_END ? PTE_GLOBAL : 0);
	return ERR_OK;
}

/*
 * TLB rule: kernel-half pages are global and shared, so they are always invalidated here (the
 * one kernel page that changes, the kmap window, is used and invalidated by one CPU at a time
 * under the kernel lock); a user page only if `pt` is active here, since loading CR3 flushed
 * an inactive space's entries, and on every other CPU that runs on `pt` (shootdown).
 */
int mmu_unmap_page(struct page_table *pt, virt_addr_t virt)
{
	uint32_t *pte;

	if (!valid_target(pt, virt))
		return ERR_INVALID;
	if ((pte = present_pte(pt, virt)) == NULL)
		return ERR_NOT_FOUND;
	*pte = 0;
	mmu_unmap_generation++;
	if (pt == arch_active_space() || virt >= USER_SPACE_END)
		arch_tlb_invalidate(virt);
	if (virt < USER_SPACE_END)
		arch_tlb_shootdown(pt);
	return ERR_OK;
}

/* Any address inside a page may be asked; *phys is the matching physical byte address. */
int mmu_query(struct page_table *pt, virt_addr_t virt, phys_addr_t *phys, uint32_t *flags)
{
	uint32_t *pte;

	if (pt == NULL || beyond_32_bits(virt))
		return ERR_INVALID;
	if ((pte = present_pte(pt, virt)) == NULL)
		return ERR_NOT_FOUND;
	if (phys != NULL)
		*phys = (*pte & PTE_FRAME_MASK) | (phys_addr_t)(virt & (PAGE_SIZE - 1));
	if (flags != NULL)
		*flags = MMU_PRESENT | (*pte & PTE_WRITABLE ? MMU_WRITABLE : 0) |
			 (*pte & PTE_USER ? MMU_USER : 0);
	return ERR_OK;
}

void *mmu_user_ptr(struct page_table *pt, virt_addr_t virt, bool write)
{
	uint32_t need = PTE_PRESENT | PTE_USER | (write ? PTE_WRITABLE : 0);
	uint32_t *pte = beyond_32_bits(virt) ? NULL : present_pte(pt, virt);

	if (pte == NULL || (*pte & need) != need || (*pte & PTE_FRAME_MASK) >= DIRECT_MAP_MAX)
		return NULL;
	return (uint8_t *)phys_to_virt(*pte & PTE_FRAME_MASK) + (virt & (PAGE_SIZE - 1));
}

void mmu_activate(struct page_table *pt)
{
	KASSERT(pt != NULL); /* there is always an address space to run in */
	arch_set_active_space(pt);
	paging_load_directory(virt_to_phys(pt));
}

/*
 * Direct-mapped frames need no window. Others get KMAP_WINDOW, a global kernel page, until
 * mmu_kunmap: the caller copies with interrupts off and never sleeps in between.
 */
void *mmu_kmap(phys_addr_t frame)
{
	KASSERT((frame & (PAGE_SIZE - 1)) == 0); /* whole frames only */
	if (frame < direct_end)
		return phys_to_virt(frame);
	KASSERT(kmap_frame == KMAP_NONE); /* one window: no nesting */
	if (mmu_map_page(kernel_space, frame, KMAP_WINDOW, MMU_WRITABLE) != ERR_OK)
		panic("mmu: the kmap window 0x%x is taken", (unsigned)KMAP_WINDOW);
	kmap_frame = frame;
	return paging_window_pointer(KMAP_WINDOW, frame);
}

/* Ends a mmu_kmap: unmaps the window (and drops its TLB entry) if it was used. */
void mmu_kunmap(phys_addr_t frame)
{
	if (frame < direct_end)
		return;
	KASSERT(kmap_frame == frame); /* release what was mapped */
	mmu_unmap_page(kernel_space, KMAP_WINDOW);
	kmap_frame = KMAP_NONE;
}
