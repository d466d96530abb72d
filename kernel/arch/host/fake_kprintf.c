/*
 * Fallback kprintf/panic for host tests, built on the C library's vsnprintf and writing through
 * arch_console_putc (so tests read it with host_console_output). Weak: a test that links the
 * real kernel/core kprintf gets that one instead.
 */
#include <stdio.h>

#include <kernel/arch.h>
#include <kernel/kprintf.h>
#include <arch/host_fake.h>

__attribute__((weak)) int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

__attribute__((weak)) int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

__attribute__((weak)) int kvprintf(const char *fmt, va_list ap)
{
	char line[1024];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	for (const char *p = line; *p != '\0'; p++)
		arch_console_putc(*p);
	return n;
}

__attribute__((weak)) int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* Prints "panic: <message>" to the console, then stops (longjmp to an armed test or abort). */
__attribute__((weak)) _Noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	host_fake_stop();
}
