/*
 * The user runtime's small C library: the string functions gcc may call (memcpy, memset, ...),
 * a bounded snprintf family and uprintf, which prints through SYS_DEBUG_PRINT.
 */
#ifndef KEEL_ULIB_H
#define KEEL_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Host unit tests compile this library next to the host's libc: there every symbol gets a
 * ulib_host_ prefix so the two never clash and the tests call the code under test.
 */
#ifdef KEEL_ULIB_HOST_TEST
#define memcpy	  ulib_host_memcpy
#define memmove	  ulib_host_memmove
#define memset	  ulib_host_memset
#define memcmp	  ulib_host_memcmp
#define strlen	  ulib_host_strlen
#define strnlen	  ulib_host_strnlen
#define strcmp	  ulib_host_strcmp
#define strncmp	  ulib_host_strncmp
#define snprintf  ulib_host_snprintf
#define vsnprintf ulib_host_vsnprintf
#define uprintf	  ulib_host_uprintf
#define vuprintf  ulib_host_vuprintf
#define uprintf_sink ulib_host_uprintf_sink
#define keel_strerror ulib_host_keel_strerror
#endif

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/*
 * Formats into buf, writing at most size bytes including the NUL (always written when
 * size > 0). Returns the length the full output has, so a result >= size means truncation.
 * Conversions: %d %i %u %x %X %p %s %c %%, flags '-' and '0', a width, a precision for %s
 * (".N": at most N bytes; width and precision may be '*'), sizes hh, h, l, ll and z. %p
 * prints "0x" and the hex digits. An unknown or unfinished conversion is copied literally.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/*
 * Formats like snprintf and prints with sys_debug_print in chunks of UPRINTF_CHUNK bytes, so
 * no output is lost however long it is. Returns the number of bytes formatted, or the first
 * negative ERR_* a print returned (later chunks are then dropped).
 */
#define UPRINTF_CHUNK 128
int uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vuprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/*
 * Where uprintf's chunks go instead of SYS_DEBUG_PRINT when set (e.g. a program's log
 * through the serial server); it returns 0 or a negative ERR_*, which uprintf returns.
 */
extern int32_t (*uprintf_sink)(const char *buf, uint32_t len);

/*
 * What a kernel error code (ERR_*, <keel/abi.h>) means, in words, e.g. "timed out"; "ok" for
 * 0 and "unknown error" for anything else. For messages users read.
 */
const char *keel_strerror(int err);

#endif /* KEEL_ULIB_H */
