/*
 * The one printf-style formatter, shared by the kernel (kprintf) and the user runtime (snprintf,
 * uprintf). Freestanding: no allocation, no library calls, no libc names defined here.
 */
#ifndef FMT_FMT_H
#define FMT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* %p zero-fills to every hex digit a pointer has ("0x0000abcd"), as the kernel prints it. */
#define FMT_POINTER_FULL 0x1u

/*
 * Where formatted bytes go: put receives each one in order. fmt_format counts them in total
 * (never reset by it); flags holds FMT_* options. Embed it first in a larger struct to give
 * put its own state.
 */
struct fmt_sink {
	void (*put)(struct fmt_sink *sink, char c);
	size_t total;
	unsigned int flags;
};

/*
 * Formats fmt with ap into sink. Conversions: %d %i %u %x %X %p %s %c %%; flags '-' and '0';
 * a width; a precision for %s (".N": at most N bytes); width and precision may be '*'; sizes
 * hh, h, l, ll and z. %p prints "0x" and hex digits. An unknown or unfinished conversion is
 * copied literally. Adds no NUL.
 */
void fmt_format(struct fmt_sink *sink, const char *fmt, va_list ap);

/*
 * Formats into buf, writing at most size bytes including the NUL (always written when
 * size > 0; buf may be NULL when size is 0). Returns the length of the full output (capped at
 * INT32_MAX), so a result >= size means truncation.
 */
int fmt_vsnprintf(char *buf, size_t size, unsigned int flags, const char *fmt, va_list ap);

#endif /* FMT_FMT_H */
