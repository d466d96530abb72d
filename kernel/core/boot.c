/*
 * Queries on the loader-independent boot facts (struct boot_info) for generic kernel code:
 * whole-word flags and "key=value" words of the command line, and the memory map.
 */
#include <kernel/boot.h>

/*
 * The first word of the command line that starts with `key` followed by `sep` ('=' for a
 * value; ' ' for the end of the word, which the end of the line also makes): a pointer just
 * past key in it, or NULL. Words are separated by spaces; no key spans two.
 */
static const char *cmdline_find(const struct boot_info *bi, const char *key, char sep)
{
	const char *end = bi->cmdline + sizeof(bi->cmdline);

	for (const char *p = bi->cmdline; p < end && *p != '\0'; p++) {
		size_t n = 0;

		if (*p == ' ' || (p > bi->cmdline && p[-1] != ' '))
			continue; /* only word starts */
		while (key[n] != '\0' && p + n < end && p[n] == key[n] && p[n] != ' ')
			n++;
		char next = p + n < end ? p[n] : '\0';

		if (key[n] == '\0' && (next == sep || (sep == ' ' && next == '\0')))
			return p + n;
	}
	return NULL;
}

bool boot_cmdline_has(const struct boot_info *bi, const char *flag)
{
	return bi != NULL && flag != NULL && flag[0] != '\0' && cmdline_find(bi, flag, ' ') != NULL;
}

bool boot_cmdline_value(const struct boot_info *bi, const char *key, char *buf, size_t size)
{
	const char *end = bi->cmdline + sizeof(bi->cmdline);
	const char *value =
	    key == NULL || *key == '\0' || size == 0 ? NULL : cmdline_find(bi, key, '=');
	size_t n = 0;

	if (value == NULL)
		return false;
	for (value++; value + n < end && value[n] != '\0' && value[n] != ' ' && n + 1 < size; n++)
		buf[n] = value[n];
	buf[n] = '\0';
	return true;
}

bool boot_mem_touches_ram(const struct boot_info *bi, uint64_t start, uint64_t end)
{
	boot_for_each_region(r, bi)
		if (r->type == BOOT_MEM_AVAILABLE && r->length > 0 && r->base < end &&
		    start < boot_region_end(r))
			return true;
	return false;
}
