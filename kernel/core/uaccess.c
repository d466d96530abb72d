/*
 * User memory access (see <kernel/uaccess.h>): range and page-table checks, then copies page
 * by page through mmu_kmap (the direct map, or the window for frames above it). Nothing here
 * dereferences a user virtual address.
 */
#include <keel/abi.h>
#include <kernel/mmu.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <kernel/uaccess.h>
#include <kernel/unit.h>
#include <arch/memory.h>

/* The range is non-NULL, does not wrap and ends at or below USER_SPACE_END. */
static bool uaccess_range_ok(uintptr_t addr, size_t len)
{
	return addr != 0 && addr < USER_SPACE_END && len <= (size_t)(USER_SPACE_END - addr);
}

/*
 * The frame of user address va in pt (*frame, page-aligned) if its page is present, user and
 * writable when asked: true; false otherwise.
 */
static bool uaccess_page(struct page_table *pt, uintptr_t va, bool write, phys_addr_t *frame)
{
	uint32_t need = MMU_PRESENT | MMU_USER | (write ? MMU_WRITABLE : 0);
	phys_addr_t phys;
	uint32_t flags;

	if (mmu_query(pt, va, &phys, &flags) != ERR_OK || (flags & need) != need)
		return false;
	*frame = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	return true;
}

/* Bytes from va to the end of its page, at most len. */
static size_t uaccess_chunk(uintptr_t va, size_t len)
{
	size_t room = PAGE_SIZE - (va & (PAGE_SIZE - 1));

	return len < room ? len : room;
}

int uaccess_check(struct page_table *pt, uintptr_t addr, size_t len, bool write)
{
	phys_addr_t frame;

	if (pt == NULL || !uaccess_range_ok(addr, len))
		return ERR_FAULT;
	if (len == 0)
		return ERR_OK;
	uintptr_t last = PAGE_ALIGN_DOWN(addr + (len - 1));

	for (uintptr_t page = PAGE_ALIGN_DOWN(addr);; page += PAGE_SIZE) {
		if (!uaccess_page(pt, page, write, &frame))
			return ERR_FAULT;
		if (page == last)
			return ERR_OK;
	}
}

/*
 * Copies n bytes (within one page) between user address va of pt and buf: to the user page
 * when `to_user`, else from it. The frame is reached through mmu_kmap (a frame above the
 * direct map through the window). ERR_FAULT if the page does not allow it.
 */
static int uaccess_copy_page(struct page_table *pt, uintptr_t va, void *buf, size_t n, bool to_user)
{
	phys_addr_t frame;

	if (!uaccess_page(pt, va, to_user, &frame))
		return ERR_FAULT;
	uint8_t *page = mmu_kmap(frame);
	uint8_t *user = page + (va & (PAGE_SIZE - 1));

	if (to_user)
		memcpy(user, buf, n);
	else
		memcpy(buf, user, n);
	mmu_kunmap(frame);
	return ERR_OK;
}

/*
 * The copy both directions share: checks the whole range first (so a bad range copies
 * nothing), then copies page by page. A range inside one page skips the separate check: its
 * one copy checks that page.
 */
static int uaccess_copy(struct page_table *pt, uintptr_t va, void *buf, size_t len, bool to_user)
{
	uint8_t *p = buf;

	if (pt == NULL || !uaccess_range_ok(va, len) ||
	    (uaccess_chunk(va, len) < len && uaccess_check(pt, va, len, to_user) != ERR_OK))
		return ERR_FAULT;
	while (len > 0) {
		size_t n = uaccess_chunk(va, len);

		if (uaccess_copy_page(pt, va, p, n, to_user) != ERR_OK)
			return ERR_FAULT; /* only a one-page copy: longer ones checked above */
		p += n;
		va += n;
		len -= n;
	}
	return ERR_OK;
}

void *uaccess_direct(struct page_table *pt, uintptr_t addr, size_t len, bool write)
{
	/* One page, one walk; a frame above the direct map gives NULL (the caller falls back). */
	if (pt == NULL || addr == 0 || addr >= USER_SPACE_END || len == 0 ||
	    len > PAGE_SIZE - (addr & (PAGE_SIZE - 1)))
		return NULL;
	return mmu_user_ptr(pt, addr, write);
}

int uaccess_copy_from_space(struct page_table *pt, void *dst, uintptr_t src, size_t len)
{
	return uaccess_copy(pt, src, dst, len, false);
}

int uaccess_copy_to_space(struct page_table *pt, uintptr_t dst, const void *src, size_t len)
{
	return uaccess_copy(pt, dst, (void *)src, len, true);
}

struct page_table *uaccess_current_space(void)
{
	struct thread *t = current_thread();

	return t == NULL || t->unit == NULL ? NULL : t->unit->aspace;
}

int uaccess_copy_from(void *dst, uintptr_t user_src, size_t len)
{
	return uaccess_copy_from_space(uaccess_current_space(), dst, user_src, len);
}

int uaccess_copy_to(uintptr_t user_dst, const void *src, size_t len)
{
	return uaccess_copy_to_space(uaccess_current_space(), user_dst, src, len);
}
