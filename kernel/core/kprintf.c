/*
 * kprintf and ksnprintf: thin wrappers over the shared formatter (<fmt/fmt.h>). kprintf feeds
 * the early console with interrupts disabled so lines do not interleave.
 */
#include <fmt/fmt.h>

#include <kernel/arch.h>
#include <kernel/kprintf.h>

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return fmt_vsnprintf(buf, size, FMT_POINTER_FULL, fmt, ap);
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);

	va_end(ap);
	return n;
}

static void kprintf_console_put(struct fmt_sink *sink, char c)
{
	(void)sink;
	arch_console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	struct fmt_sink sink = {.put = kprintf_console_put, .flags = FMT_POINTER_FULL};
	bool enabled = arch_irq_save();

	fmt_format(&sink, fmt, ap);
	arch_irq_restore(enabled);
	return sink.total > INT32_MAX ? INT32_MAX : (int)sink.total;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);

	va_end(ap);
	return n;
}
