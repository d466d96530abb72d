/*
 * Checked access to user memory. The kernel never dereferences a user pointer: every range is
 * validated against the address space's page tables (below USER_SPACE_END, no pointer+length
 * overflow, present, user, writable where written) and copied page by page through mmu_kmap
 * (the direct map, or the temporary window for a frame above it), so a bad pointer yields
 * ERR_FAULT and can never fault in the kernel.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/types.h>

struct page_table;

/*
 * Rules shared by every call: a NULL pointer (address 0) is ERR_FAULT even for len 0; the
 * range [addr, addr + len) must not wrap and must end at or below USER_SPACE_END; for len 0
 * nothing else is checked. Every page the range touches must be mapped present and user, and
 * writable when `write`; its frame may lie anywhere. Any alignment is accepted.
 */
int uaccess_check(struct page_table *pt, uintptr_t addr, size_t len, bool write);

/* Copies len bytes from user address src in pt to dst. ERR_OK, or ERR_FAULT (nothing copied). */
int uaccess_copy_from_space(struct page_table *pt, void *dst, uintptr_t src, size_t len);

/* Copies len bytes from src to user address dst in pt. ERR_OK, or ERR_FAULT (nothing copied). */
int uaccess_copy_to_space(struct page_table *pt, uintptr_t dst, const void *src, size_t len);


/*
 * The kernel (direct-map) pointer to [addr, addr + len) in pt if the range passes every rule
 * above and lies within one page, else NULL: one page-table walk, for the IPC fast path, which
 * then copies between two such pointers itself. The pointer is good only until the caller
 * next lets another thread run (a mapping may change then).
 */
void *uaccess_direct(struct page_table *pt, uintptr_t addr, size_t len, bool write);

/* The address space of the thread running on this CPU, or NULL for a kernel thread. */
struct page_table *uaccess_current_space(void);

/* The same copies in the current thread's address space (ERR_FAULT for kernel threads). */
int uaccess_copy_from(void *dst, uintptr_t user_src, size_t len);
int uaccess_copy_to(uintptr_t user_dst, const void *src, size_t len);

#endif /* KERNEL_UACCESS_H */
