/*
 * The printf-style formatter behind kprintf and the user runtime's snprintf/uprintf, and the
 * bounded fmt_vsnprintf. 64-bit division comes from libgcc on i686.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fmt/fmt.h>

enum fmt_size { FMT_CHAR, FMT_SHORT, FMT_INT, FMT_LONG, FMT_LONG_LONG, FMT_SIZE };

/* One parsed conversion: %[flags][width][.precision][size]conv. */
struct fmt_spec {
	bool left; /* '-': pad on the right */
	bool zero; /* '0': pad numbers with zeros after the sign */
	size_t width;
	size_t precision; /* %s only: at most this many bytes; SIZE_MAX if none */
	enum fmt_size size;
	char conv;
};

static void fmt_put(struct fmt_sink *sink, char c)
{
	sink->total++;
	sink->put(sink, c);
}

static void fmt_put_n(struct fmt_sink *sink, const char *s, size_t n)
{
	while (n-- > 0)
		fmt_put(sink, *s++);
}

static void fmt_pad(struct fmt_sink *sink, char c, size_t n)
{
	while (n-- > 0)
		fmt_put(sink, c);
}

static size_t fmt_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Reads a width or precision: decimal digits, or '*' to take an int argument. */
static size_t fmt_parse_count(const char **p, va_list *ap, bool *negative)
{
	size_t n = 0;

	*negative = false;
	if (**p != '*') {
		while (**p >= '0' && **p <= '9')
			n = n * 10 + (size_t)(*(*p)++ - '0');
		return n;
	}
	(*p)++;
	int v = va_arg(*ap, int);

	*negative = v < 0;
	return v < 0 ? -(size_t)v : (size_t)v;
}

/* Reads the size modifier (hh, h, l, ll, z) at *p, if any. */
static enum fmt_size fmt_parse_size(const char **p)
{
	char c = **p;

	if (c != 'h' && c != 'l' && c != 'z')
		return FMT_INT;
	(*p)++;
	if (c == 'z')
		return FMT_SIZE;
	if (**p == c) {
		(*p)++;
		return c == 'h' ? FMT_CHAR : FMT_LONG_LONG;
	}
	return c == 'h' ? FMT_SHORT : FMT_LONG;
}

/* Parses the conversion after a '%'. Returns the byte after it, or NULL if the text ends. */
static const char *fmt_parse_spec(const char *p, struct fmt_spec *spec, va_list *ap)
{
	bool negative;

	*spec = (struct fmt_spec){.precision = SIZE_MAX, .size = FMT_INT};
	for (; *p == '-' || *p == '0'; p++) {
		spec->left |= *p == '-';
		spec->zero |= *p == '0';
	}
	spec->width = fmt_parse_count(&p, ap, &negative);
	spec->left = spec->left || negative; /* a negative '*' width means '-' */
	if (*p == '.') {
		p++;
		spec->precision = fmt_parse_count(&p, ap, &negative);
		if (negative)
			spec->precision = SIZE_MAX; /* a negative precision means none */
	}
	spec->size = fmt_parse_size(&p);
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

/* Prints prefix, `zeros` zeros and the len bytes at s, padded with spaces to spec's width. */
static void fmt_padded(struct fmt_sink *sink, const struct fmt_spec *spec, const char *prefix,
		       size_t zeros, const char *s, size_t len)
{
	size_t nprefix = fmt_strnlen(prefix, SIZE_MAX);
	size_t all = nprefix + zeros + len;
	size_t pad = spec->width > all ? spec->width - all : 0;

	if (!spec->left)
		fmt_pad(sink, ' ', pad);
	fmt_put_n(sink, prefix, nprefix);
	fmt_pad(sink, '0', zeros);
	fmt_put_n(sink, s, len);
	if (spec->left)
		fmt_pad(sink, ' ', pad);
}

/* Prints prefix (sign or "0x"), zeros up to min_digits, and v's digits, padded as spec says. */
static void fmt_number(struct fmt_sink *sink, const struct fmt_spec *spec, uint64_t v,
		       const char *prefix, unsigned int base, size_t min_digits)
{
	char buf[24];
	size_t ndigits = fmt_digits(buf + sizeof(buf), v, base, spec->conv == 'X');
	size_t zeros = min_digits > ndigits ? min_digits - ndigits : 0;
	size_t len = fmt_strnlen(prefix, SIZE_MAX) + zeros + ndigits;

	if (!spec->left && spec->zero && spec->width > len)
		zeros += spec->width - len; /* '0': the padding is zeros, after the prefix */
	fmt_padded(sink, spec, prefix, zeros, buf + sizeof(buf) - ndigits, ndigits);
}

/* The integer argument of spec's size, sign-extended if `is_signed` (%d, %i). */
static uint64_t fmt_fetch(const struct fmt_spec *spec, va_list *ap, bool is_signed)
{
	uint64_t v;

	switch (spec->size) {
	case FMT_LONG:
		return is_signed ? (uint64_t)va_arg(*ap, long) : va_arg(*ap, unsigned long);
	case FMT_LONG_LONG:
		return is_signed ? (uint64_t)va_arg(*ap, long long)
				 : va_arg(*ap, unsigned long long);
	case FMT_SIZE: /* ptrdiff_t: the signed type of size_t's width */
		return is_signed ? (uint64_t)va_arg(*ap, ptrdiff_t) : va_arg(*ap, size_t);
	default: /* int; char and short arrive promoted to int */
		v = is_signed ? (uint64_t)va_arg(*ap, int) : va_arg(*ap, unsigned int);
		if (spec->size == FMT_CHAR)
			return is_signed ? (uint64_t)(signed char)v : (unsigned char)v;
		if (spec->size == FMT_SHORT)
			return is_signed ? (uint64_t)(short)v : (unsigned short)v;
		return v;
	}
}

/* Prints one conversion. Returns false if conv is unknown (nothing is printed then). */
static bool fmt_convert(struct fmt_sink *sink, const struct fmt_spec *spec, va_list *ap)
{
	bool full = (sink->flags & FMT_POINTER_FULL) != 0;
	const char *str;
	int64_t s;
	char c;

	switch (spec->conv) {
	case 'd':
	case 'i':
		s = (int64_t)fmt_fetch(spec, ap, true);
		/* Negated in unsigned arithmetic so the most negative value works too. */
		fmt_number(sink, spec, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0 ? "-" : "", 10, 1);
		return true;
	case 'u':
	case 'x':
	case 'X':
		fmt_number(sink, spec, fmt_fetch(spec, ap, false), "",
			   spec->conv == 'u' ? 10 : 16, 1);
		return true;
	case 'p':
		fmt_number(sink, spec, (uintptr_t)va_arg(*ap, void *), "0x", 16,
			   full ? 2 * sizeof(void *) : 1);
		return true;
	case 's':
		str = va_arg(*ap, const char *);
		str = str != NULL ? str : "(null)";
		fmt_padded(sink, spec, "", 0, str, fmt_strnlen(str, spec->precision));
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_padded(sink, spec, "", 0, &c, 1);
		return true;
	default:
		return false;
	}
}

void fmt_format(struct fmt_sink *sink, const char *fmt, va_list ap)
{
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			fmt_put(sink, *fmt++);
			continue;
		}
		if (fmt[1] == '%') {
			fmt_put(sink, '%');
			fmt += 2;
			continue;
		}
		const char *next = fmt_parse_spec(fmt + 1, &spec, &args);

		if (next == NULL) {
			/* A conversion cut off by the end of fmt is copied literally. */
			fmt_put_n(sink, fmt, fmt_strnlen(fmt, SIZE_MAX));
			break;
		}
		if (!fmt_convert(sink, &spec, &args))
			fmt_put_n(sink, fmt, (size_t)(next - fmt)); /* unknown: copied literally */
		fmt = next;
	}
	va_end(args);
}

/* A bounded buffer: bytes beyond cap are counted but dropped. */
struct fmt_buffer {
	struct fmt_sink sink; /* first, so put can convert back */
	char *buf;
	size_t cap;
	size_t pos;
};

static void fmt_buffer_put(struct fmt_sink *sink, char c)
{
	struct fmt_buffer *b = (struct fmt_buffer *)sink;

	if (b->pos < b->cap)
		b->buf[b->pos++] = c;
}

int fmt_vsnprintf(char *buf, size_t size, unsigned int flags, const char *fmt, va_list ap)
{
	struct fmt_buffer b = {
	    .sink = {.put = fmt_buffer_put, .flags = flags},
	    .buf = buf,
	    .cap = size > 0 ? size - 1 : 0,
	};

	fmt_format(&b.sink, fmt, ap);
	if (size > 0)
		buf[b.pos] = '\0';
	return b.sink.total > INT32_MAX ? INT32_MAX : (int)b.sink.total;
}
