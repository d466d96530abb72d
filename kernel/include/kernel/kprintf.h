/* Kernel formatted output to the early console, and panic. */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include <stdarg.h>
#include <kernel/types.h>

/* Formats as <fmt/fmt.h> says; %p zero-fills to the pointer's full width ("0x0000abcd"). */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* Bounded formatter: writes at most size-1 chars plus NUL; returns the untruncated length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Reports the message and a backtrace, then stops (exits QEMU with failure in test builds). */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Internal invariant check; the comment beside each use names the rule. */
#define KASSERT(cond)                                                                  \
	do {                                                                               \
		if (!(cond))                                                                   \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);          \
	} while (0)

#endif
