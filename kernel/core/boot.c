/* Queries on the loader-independent boot facts (struct boot_info) for generic kernel code. */
#include <kernel/boot.h>

/* Length of the word starting at `p`, never reading past `end`. */
static size_t word_length(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && p[n] != '\0' && p[n] != ' ')
		n++;
	return n;
}

static bool word_equals(const char *word, size_t len, const char *flag)
{
	size_t i = 0;

	while (i < len && flag[i] != '\0' && flag[i] == word[i])
		i++;
	return i == len && flag[i] == '\0';
}

bool boot_cmdline_has(const struct boot_info *bi, const char *flag)
{
	if (bi == NULL || flag == NULL || flag[0] == '\0')
		return false;
	const char *end = bi->cmdline + sizeof(bi->cmdline);

	for (const char *p = bi->cmdline; p < end && *p != '\0'; p++) {
		if (*p != ' ' && (p == bi->cmdline || p[-1] == ' ') &&
		    word_equals(p, word_length(p, end), flag))
			return true; /* a word start, and the word is flag */
	}
	return false;
}

bool boot_mem_touches_ram(const struct boot_info *bi, uint64_t start, uint64_t end)
{
	for (uint32_t i = 0; i < bi->mem_region_count && i < BOOT_MAX_MEM_REGIONS; i++) {
		const struct boot_mem_region *r = &bi->mem_regions[i];
		uint64_t r_end = r->base + r->length < r->base ? UINT64_MAX : r->base + r->length;

		if (r->type == BOOT_MEM_AVAILABLE && r->length > 0 && r->base < end && start < r_end)
			return true;
	}
	return false;
}
