/*
 * The printf-style formatter of the user runtime and the bounded snprintf/vsnprintf built on
 * it. Freestanding: no allocation, no libc; 64-bit division comes from libgcc on i686.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <keel/ulib.h>

#include "format.h"

enum fmt_size { FMT_INT, FMT_LONG, FMT_LONG_LONG, FMT_SIZE };

/* One parsed conversion: %[flags][width][.precision][size]conv. */
struct fmt_spec {
	bool left; /* '-': pad on the right */
	bool zero; /* '0': pad numbers with zeros after the sign */
	size_t width;
	size_t precision; /* %s only: at most this many bytes; SIZE_MAX if none */
	enum fmt_size size;
	char conv;
};

static void fmt_put(struct fmt_out *out, char c)
{
	out->total++;
	if (out->pos == out->cap) {
		if (out->flush == NULL || out->error < 0)
			return;
		out->error = out->flush(out);
		if (out->error < 0)
			return;
		out->pos = 0;
		if (out->cap == 0)
			return;
	}
	out->buf[out->pos++] = c;
}

static void fmt_put_n(struct fmt_out *out, const char *s, size_t n)
{
	while (n-- > 0)
		fmt_put(out, *s++);
}

static void fmt_pad(struct fmt_out *out, char c, size_t n)
{
	while (n-- > 0)
		fmt_put(out, c);
}

static size_t fmt_parse_decimal(const char **p)
{
	size_t v = 0;

	while (**p >= '0' && **p <= '9')
		v = v * 10 + (size_t)(*(*p)++ - '0');
	return v;
}

/* Reads a width or precision: decimal digits, or '*' to take an int argument. */
static size_t fmt_parse_count(const char **p, va_list *ap, bool *negative)
{
	int v;

	*negative = false;
	if (**p != '*')
		return fmt_parse_decimal(p);
	(*p)++;
	v = va_arg(*ap, int);
	*negative = v < 0;
	return v < 0 ? -(size_t)v : (size_t)v;
}

/* Parses the conversion after a '%'. Returns the byte after it, or NULL if the text ends. */
static const char *fmt_parse_spec(const char *p, struct fmt_spec *spec, va_list *ap)
{
	bool negative;

	*spec = (struct fmt_spec){.precision = SIZE_MAX, .size = FMT_INT};
	for (;; p++) {
		if (*p == '-')
			spec->left = true;
		else if (*p == '0')
			spec->zero = true;
		else
			break;
	}
	spec->width = fmt_parse_count(&p, ap, &negative);
	spec->left = spec->left || negative; /* a negative '*' width means '-' */
	if (*p == '.') {
		p++;
		spec->precision = fmt_parse_count(&p, ap, &negative);
		if (negative)
			spec->precision = SIZE_MAX; /* a negative precision means none */
	}
	if (*p == 'z') {
		spec->size = FMT_SIZE;
		p++;
	} else if (*p == 'l') {
		p++;
		spec->size = FMT_LONG;
		if (*p == 'l') {
			spec->size = FMT_LONG_LONG;
			p++;
		}
	}
	if (*p == '\0')
		return NULL;
	spec->conv = *p;
	return p + 1;
}

/* Writes the digits of v in base (10 or 16) backwards into the end of buf; returns the count. */
static size_t fmt_digits(char *end, uint64_t v, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	do {
		/* 32-bit division when possible: 64-bit division is a libgcc call on i686. */
		if (v <= UINT32_MAX) {
			uint32_t v32 = (uint32_t)v;

			*--end = digits[v32 % base];
			v = v32 / base;
		} else {
			*--end = digits[v % base];
			v /= base;
		}
		n++;
	} while (v != 0);
	return n;
}

/* Prints prefix (sign or "0x") and the digits of v, padded as spec says. */
static void fmt_number(struct fmt_out *out, const struct fmt_spec *spec, uint64_t v,
		       const char *prefix, unsigned int base, bool upper)
{
	char buf[24];
	size_t ndigits = fmt_digits(buf + sizeof(buf), v, base, upper);
	size_t nprefix = strlen(prefix);
	size_t len = nprefix + ndigits;
	size_t pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left && !spec->zero)
		fmt_pad(out, ' ', pad);
	fmt_put_n(out, prefix, nprefix);
	if (!spec->left && spec->zero)
		fmt_pad(out, '0', pad);
	fmt_put_n(out, buf + sizeof(buf) - ndigits, ndigits);
	if (spec->left)
		fmt_pad(out, ' ', pad);
}

/* Prints the len bytes at s, padded with spaces to the width spec asks for. */
static void fmt_padded(struct fmt_out *out, const struct fmt_spec *spec, const char *s, size_t len)
{
	size_t pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left)
		fmt_pad(out, ' ', pad);
	fmt_put_n(out, s, len);
	if (spec->left)
		fmt_pad(out, ' ', pad);
}

static void fmt_string(struct fmt_out *out, const struct fmt_spec *spec, const char *s)
{
	if (s == NULL)
		s = "(null)";
	fmt_padded(out, spec, s, strnlen(s, spec->precision));
}

static int64_t fmt_fetch_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->size) {
	case FMT_LONG:
		return va_arg(*ap, long);
	case FMT_LONG_LONG:
		return va_arg(*ap, long long);
	case FMT_SIZE:
		return va_arg(*ap, ptrdiff_t); /* the signed type of size_t's width */
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t fmt_fetch_unsigned(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->size) {
	case FMT_LONG:
		return va_arg(*ap, unsigned long);
	case FMT_LONG_LONG:
		return va_arg(*ap, unsigned long long);
	case FMT_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Prints one conversion. Returns false if conv is unknown (nothing is printed then). */
static bool fmt_convert(struct fmt_out *out, const struct fmt_spec *spec, va_list *ap)
{
	int64_t s;
	char c;

	switch (spec->conv) {
	case 'd':
	case 'i':
		s = fmt_fetch_signed(spec, ap);
		fmt_number(out, spec, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0 ? "-" : "", 10,
			   false);
		return true;
	case 'u':
	case 'x':
	case 'X':
		fmt_number(out, spec, fmt_fetch_unsigned(spec, ap), "", spec->conv == 'u' ? 10 : 16,
			   spec->conv == 'X');
		return true;
	case 'p':
		fmt_number(out, spec, (uintptr_t)va_arg(*ap, void *), "0x", 16, false);
		return true;
	case 's':
		fmt_string(out, spec, va_arg(*ap, const char *));
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_padded(out, spec, &c, 1);
		return true;
	default:
		return false;
	}
}

void fmt_format(struct fmt_out *out, const char *fmt, va_list ap)
{
	struct fmt_spec spec;
	const char *next;
	va_list args;

	va_copy(args, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			fmt_put(out, *fmt++);
			continue;
		}
		if (fmt[1] == '%') {
			fmt_put(out, '%');
			fmt += 2;
			continue;
		}
		next = fmt_parse_spec(fmt + 1, &spec, &args);
		if (next == NULL) {
			/* A conversion cut off by the end of fmt is copied literally. */
			fmt_put_n(out, fmt, strlen(fmt));
			break;
		}
		if (!fmt_convert(out, &spec, &args))
			fmt_put_n(out, fmt, (size_t)(next - fmt)); /* unknown: copied literally */
		fmt = next;
	}
	va_end(args);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out out = {.buf = buf, .cap = size > 0 ? size - 1 : 0};

	fmt_format(&out, fmt, ap);
	if (size > 0)
		buf[out.pos] = '\0';
	return out.total > INT32_MAX ? INT32_MAX : (int)out.total;
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
