/*
 * uprintf: formatted output through SYS_DEBUG_PRINT, in chunks of a bounded stack buffer so
 * that long output is printed whole rather than truncated.
 */
#include <stdarg.h>
#include <stdint.h>

#include <fmt/fmt.h>
#include <keel/syscall.h>
#include <keel/ulib.h>

int32_t (*uprintf_sink)(const char *buf, uint32_t len);

/* The formatter's sink: a chunk buffer printed when full; the first print error stops it. */
struct uprintf_out {
	struct fmt_sink sink; /* first, so put can convert back */
	char buf[UPRINTF_CHUNK];
	size_t pos;
	int error;
};

/* Prints the buffered chunk and empties it. Returns 0 or the negative ERR_* of the print. */
static int uprintf_flush(struct uprintf_out *out)
{
	int32_t err;

	if (out->pos == 0)
		return 0;
	err = uprintf_sink != NULL ? uprintf_sink(out->buf, (uint32_t)out->pos)
				   : sys_debug_print(out->buf, (uint32_t)out->pos);
	out->pos = 0;
	return err < 0 ? err : 0;
}

static void uprintf_put(struct fmt_sink *sink, char c)
{
	struct uprintf_out *out = (struct uprintf_out *)sink;

	if (out->error < 0)
		return;
	if (out->pos == sizeof(out->buf)) {
		out->error = uprintf_flush(out);
		if (out->error < 0)
			return;
	}
	out->buf[out->pos++] = c;
}

int vuprintf(const char *fmt, va_list ap)
{
	struct uprintf_out out = {.sink = {.put = uprintf_put}};

	fmt_format(&out.sink, fmt, ap);
	if (out.error == 0)
		out.error = uprintf_flush(&out);
	if (out.error < 0)
		return out.error;
	return out.sink.total > INT32_MAX ? INT32_MAX : (int)out.sink.total;
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
