/*
 * Address-to-symbol lookup in the .ksyms table (format in <arch/ksyms.h>): a binary search
 * for the last symbol at or below an address.
 */
#include <arch/ksyms.h>
#include <kernel/kprintf.h>

extern const char __ksyms_start[], __ksyms_end[];
extern const char __text_start[], __text_end[];

/* The table at [__ksyms_start, __ksyms_end) is checked before use, never trusted. */
bool ksyms_lookup(uintptr_t addr, const char **name, uint32_t *offset)
{
	const struct ksyms_header *h = (const struct ksyms_header *)(const void *)__ksyms_start;
	size_t size = (size_t)(__ksyms_end - __ksyms_start);

	if (addr < (uintptr_t)__text_start || addr >= (uintptr_t)__text_end)
		return false;
	if (size < sizeof(*h) || h->magic != KSYMS_MAGIC || h->count == 0 ||
	    (size - sizeof(*h)) / sizeof(struct ksyms_entry) < h->count)
		return false;
	const struct ksyms_entry *e = (const struct ksyms_entry *)(h + 1);
	const char *names = (const char *)(e + h->count);
	size_t names_size = size - sizeof(*h) - h->count * sizeof(*e);

	if (h->strings_size == 0 || h->strings_size > names_size ||
	    names[h->strings_size - 1] != '\0' || addr < e[0].addr)
		return false;
	uint32_t lo = 0, hi = h->count; /* invariant: e[lo].addr <= addr, answer in [lo, hi) */

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (e[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (e[lo].name_offset >= h->strings_size)
		return false;
	*name = names + e[lo].name_offset;
	*offset = addr - e[lo].addr;
	return true;
}

void ksyms_print_line(const char *prefix, uintptr_t addr)
{
	const char *name;
	uint32_t offset;

	if (ksyms_lookup(addr, &name, &offset))
		kprintf("%s0x%08x <%s+0x%x>\n", prefix, (unsigned)addr, name, (unsigned)offset);
	else
		kprintf("%s0x%08x\n", prefix, (unsigned)addr);
}
