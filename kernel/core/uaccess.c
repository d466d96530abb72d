/*
 * User memory access (see <kernel/uaccess.h>): range and page-table checks, then copies page
 * by page through the direct map. Nothing here dereferences a user virtual address.
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
	if (addr == 0 || addr >= USER_SPACE_END)
		return false;
	return len <= (size_t)(USER_SPACE_END - addr);
}

/*
 * The direct-map pointer for user address va in pt, if its page is present, user, writable
 * when asked and its frame is direct-mapped; NULL otherwise.
 */
static void *uaccess_page(struct page_table *pt, uintptr_t va, bool write)
{
	return mmu_user_ptr(pt, va, write);
}

/* Bytes from va to the end of its page, at most len. */
static size_t uaccess_chunk(uintptr_t va, size_t len)
{
	size_t room = PAGE_SIZE - (va & (PAGE_SIZE - 1));

	return len < room ? len : room;
}

int uaccess_check(struct page_table *pt, uintptr_t addr, size_t len, bool write)
{
	if (pt == NULL || !uaccess_range_ok(addr, len))
		return ERR_FAULT;
	if (len == 0)
		return ERR_OK;
	uintptr_t last = PAGE_ALIGN_DOWN(addr + (len - 1));

	for (uintptr_t page = PAGE_ALIGN_DOWN(addr);; page += PAGE_SIZE) {
		if (uaccess_page(pt, page, write) == NULL)
			return ERR_FAULT;
		if (page == last)
			return ERR_OK;
	}
}

/*
 * The direct-map pointer for [va, va + len) if the range is valid, non-empty and inside one
 * page (one page-table lookup: the common small copy); NULL otherwise, *fault saying whether
 * that is because the range is bad (true) or only because it spans pages (false).
 */
static void *uaccess_one_page(struct page_table *pt, uintptr_t va, size_t len, bool write,
			      bool *fault)
{
	*fault = pt == NULL || !uaccess_range_ok(va, len);
	if (*fault || len == 0 || uaccess_chunk(va, len) != len)
		return NULL;
	void *p = uaccess_page(pt, va, write);

	*fault = p == NULL;
	return p;
}

void *uaccess_direct(struct page_table *pt, uintptr_t addr, size_t len, bool write)
{
	/* uaccess_one_page without its fault report: the fast path only needs yes or no. */
	if (pt == NULL || addr == 0 || addr >= USER_SPACE_END || len == 0 ||
	    len > PAGE_SIZE - (addr & (PAGE_SIZE - 1)))
		return NULL;
	return mmu_user_ptr(pt, addr, write);
}

int uaccess_copy_from_space(struct page_table *pt, void *dst, uintptr_t src, size_t len)
{
	uint8_t *out = dst;
	bool fault;
	const void *from = uaccess_one_page(pt, src, len, false, &fault);

	if (from != NULL) {
		memcpy(dst, from, len);
		return ERR_OK;
	}
	if (fault || uaccess_check(pt, src, len, false) != ERR_OK)
		return ERR_FAULT;
	while (len > 0) {
		size_t n = uaccess_chunk(src, len);

		from = uaccess_page(pt, src, false);
		if (from == NULL) /* checked above; the mapping cannot change meanwhile */
			return ERR_FAULT;
		memcpy(out, from, n);
		out += n;
		src += n;
		len -= n;
	}
	return ERR_OK;
}

int uaccess_copy_to_space(struct page_table *pt, uintptr_t dst, const void *src, size_t len)
{
	const uint8_t *in = src;
	bool fault;
	void *to = uaccess_one_page(pt, dst, len, true, &fault);

	if (to != NULL) {
		memcpy(to, src, len);
		return ERR_OK;
	}
	if (fault || uaccess_check(pt, dst, len, true) != ERR_OK)
		return ERR_FAULT;
	while (len > 0) {
		size_t n = uaccess_chunk(dst, len);

		to = uaccess_page(pt, dst, true);
		if (to == NULL)
			return ERR_FAULT;
		memcpy(to, in, n);
		in += n;
		dst += n;
		len -= n;
	}
	return ERR_OK;
}

int uaccess_read_u32(struct page_table *pt, uintptr_t addr, uint32_t *out)
{
	bool fault;
	const void *from = uaccess_one_page(pt, addr, sizeof(*out), false, &fault);

	if (from != NULL) {
		__builtin_memcpy(out, from, sizeof(*out)); /* inline 4-byte load, any alignment */
		return ERR_OK;
	}
	return fault ? ERR_FAULT : uaccess_copy_from_space(pt, out, addr, sizeof(*out));
}

struct page_table *uaccess_current_space(void)
{
	struct thread *t = current_thread();

	if (t == NULL || t->unit == NULL)
		return NULL;
	return t->unit->aspace;
}

int uaccess_copy_from(void *dst, uintptr_t user_src, size_t len)
{
	return uaccess_copy_from_space(uaccess_current_space(), dst, user_src, len);
}

int uaccess_copy_to(uintptr_t user_dst, const void *src, size_t len)
{
	return uaccess_copy_to_space(uaccess_current_space(), user_dst, src, len);
}
