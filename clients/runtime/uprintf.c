/*
 * uprintf: formatted output through SYS_DEBUG_PRINT, in chunks of a bounded stack buffer so
 * that long output is printed whole rather than truncated.
 */
#include <stdarg.h>
#include <stdint.h>

#include <keel/syscall.h>
#include <keel/ulib.h>

#include "format.h"

/* Prints the buffered chunk; the formatter then reuses the buffer. */
static int uprintf_flush(struct fmt_out *out)
{
	int32_t err;

	if (out->pos == 0)
		return 0;
	err = sys_debug_print(out->buf, (uint32_t)out->pos);
	return err < 0 ? err : 0;
}

int vuprintf(const char *fmt, va_list ap)
{
	char chunk[UPRINTF_CHUNK];
	struct fmt_out out = {.buf = chunk, .cap = sizeof(chunk), .flush = uprintf_flush};

	fmt_format(&out, fmt, ap);
	if (out.error == 0)
		out.error = uprintf_flush(&out);
	if (out.error < 0)
		return out.error;
	return out.total > INT32_MAX ? INT32_MAX : (int)out.total;
}

int uprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vuprintf(fmt, ap);
	va_end(ap);
	return n;
}
