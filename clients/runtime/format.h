/*
 * The formatter behind snprintf and uprintf (private to the runtime): formats into a buffer
 * that is either bounded (excess dropped) or flushed when full.
 */
#ifndef KEEL_RUNTIME_FORMAT_H
#define KEEL_RUNTIME_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Output state. buf holds cap bytes; when it is full, flush (if set) empties it and returns
 * 0 or a negative error, which stops further output and is kept in error.
 */
struct fmt_out {
	char *buf;
	size_t cap;
	size_t pos;   /* bytes of buf in use */
	size_t total; /* bytes the whole output has, including any dropped */
	int (*flush)(struct fmt_out *out);
	int error;
};

/* Formats fmt with ap (see snprintf in <keel/ulib.h>) into out. Adds no NUL. */
void fmt_format(struct fmt_out *out, const char *fmt, va_list ap);

#endif /* KEEL_RUNTIME_FORMAT_H */
