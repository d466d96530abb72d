/*
 * Freestanding memory functions for the kernel (declared in <kernel/string.h>).
 * The loops must not be turned back into calls to themselves by the optimiser.
 */
#include <kernel/string.h>

#define NO_LIBCALL_IDIOMS __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* A word that may alias anything: memcpy and memset move whole words when both ends allow. */
typedef uint32_t __attribute__((may_alias)) string_word_t;

#define WORD_ALIGNED(p) (((uintptr_t)(p) & (sizeof(string_word_t) - 1)) == 0)

/*
 * Word by word while both pointers are word-aligned (IPC messages, page copies: a quarter of
 * the loop iterations of a byte copy), then the tail byte by byte.
 */
NO_LIBCALL_IDIOMS void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (WORD_ALIGNED(d) && WORD_ALIGNED(s)) {
		for (; n >= sizeof(string_word_t); n -= sizeof(string_word_t)) {
			*(string_word_t *)d = *(const string_word_t *)s;
			d += sizeof(string_word_t);
			s += sizeof(string_word_t);
		}
	}
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

NO_LIBCALL_IDIOMS void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n) {
		while (n-- > 0)
			*d++ = *s++;
	} else {
		while (n-- > 0)
			d[n] = s[n];
	}
	return dst;
}

NO_LIBCALL_IDIOMS void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (WORD_ALIGNED(d)) {
		string_word_t w = (unsigned char)c * 0x01010101u;

		for (; n >= sizeof(string_word_t); n -= sizeof(string_word_t)) {
			*(string_word_t *)d = w;
			d += sizeof(string_word_t);
		}
	}
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

NO_LIBCALL_IDIOMS int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}
