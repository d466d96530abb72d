/*
 * Kernel command line values: boot_cmdline_value() finds a "key=value" word (words are
 * separated by spaces; boot_cmdline_has in boot.c answers whole-word flags).
 */
#include <kernel/boot.h>

/* If the word at `word` is "key=...", returns the start of its value, else NULL. */
static const char *cmdline_word_value(const char *word, const char *end, const char *key)
{
	while (*key != '\0' && word < end && *word == *key) {
		word++;
		key++;
	}
	return (*key == '\0' && word < end && *word == '=') ? word + 1 : NULL;
}

bool boot_cmdline_value(const struct boot_info *bi, const char *key, char *buf, size_t size)
{
	const char *end = bi->cmdline + sizeof(bi->cmdline);

	if (key == NULL || *key == '\0' || size == 0)
		return false;
	for (const char *p = bi->cmdline; p < end && *p != '\0'; p++) {
		if (*p == ' ' || (p > bi->cmdline && p[-1] != ' '))
			continue; /* only word starts */
		const char *value = cmdline_word_value(p, end, key);

		if (value == NULL)
			continue;
		size_t n = 0;

		while (value + n < end && value[n] != '\0' && value[n] != ' ' && n + 1 < size) {
			buf[n] = value[n];
			n++;
		}
		buf[n] = '\0';
		return true;
	}
	return false;
}
