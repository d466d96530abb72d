/* The runtime's snprintf/vsnprintf: thin wrappers over the shared formatter (<fmt/fmt.h>). */
#include <stdarg.h>
#include <stddef.h>

#include <fmt/fmt.h>
#include <keel/ulib.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return fmt_vsnprintf(buf, size, 0, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
