/*
 * The kernel formatter (kvsnprintf, pure C and host-tested) and kprintf, which feeds the same
 * formatter's output to the early console with interrupts disabled so lines do not interleave.
 */
#include <kernel/arch.h>
#include <kernel/kprintf.h>

/* Where formatted characters go: a bounded buffer, or the console when buf is NULL. */
struct kfmt_sink {
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, including any that did not fit */
};

/* One parsed conversion: %[-0][width][hh|h|l|ll|z]conv */
struct kfmt_spec {
	bool left; /* '-': pad on the right */
	bool zero; /* '0': pad numbers with zeros */
	unsigned width;
	int size; /* KFMT_SIZE_* */
	char conv;
};

enum {
	KFMT_SIZE_CHAR = -2,
	KFMT_SIZE_SHORT,
	KFMT_SIZE_INT,
	KFMT_SIZE_LONG,
	KFMT_SIZE_LLONG,
	KFMT_SIZE_SIZE_T
};

static void kfmt_put(struct kfmt_sink *s, char c)
{
	if (s->buf == NULL)
		arch_console_putc(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void kfmt_pad(struct kfmt_sink *s, char c, unsigned count)
{
	while (count-- > 0)
		kfmt_put(s, c);
}

/* Writes str[0..n) padded with spaces to the field width. */
static void kfmt_padded(struct kfmt_sink *s, const struct kfmt_spec *sp, const char *str,
			unsigned n)
{
	unsigned pad = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		kfmt_pad(s, ' ', pad);
	for (unsigned i = 0; i < n; i++)
		kfmt_put(s, str[i]);
	if (sp->left)
		kfmt_pad(s, ' ', pad);
}

static void kfmt_string(struct kfmt_sink *s, const struct kfmt_spec *sp, const char *str)
{
	unsigned n = 0;

	if (str == NULL)
		str = "(null)";
	while (str[n] != '\0')
		n++;
	kfmt_padded(s, sp, str, n);
}

/* Writes value's digits in `base` backwards into buf; returns how many. */
static unsigned kfmt_digits(char *buf, uint64_t value, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned n = 0;

	do {
		if (value <= UINT32_MAX) { /* 32-bit division is much cheaper on i686 */
			buf[n++] = digits[(uint32_t)value % base];
			value = (uint32_t)value / base;
		} else {
			buf[n++] = digits[value % base];
			value /= base;
		}
	} while (value != 0);
	return n;
}

/* Prefix ("-" or "0x"), zero fill up to min_digits, digits, all padded to the width. */
static void kfmt_number(struct kfmt_sink *s, const struct kfmt_spec *sp, uint64_t value,
			unsigned base, const char *prefix, unsigned min_digits)
{
	char digits[24];
	unsigned n = kfmt_digits(digits, value, base, sp->conv == 'X');
	unsigned prefix_len = 0;

	while (prefix[prefix_len] != '\0')
		prefix_len++;
	unsigned zeros = min_digits > n ? min_digits - n : 0;
	unsigned total = prefix_len + zeros + n;
	unsigned pad = sp->width > total ? sp->width - total : 0;

	if (sp->zero && !sp->left) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		kfmt_pad(s, ' ', pad);
	for (unsigned i = 0; i < prefix_len; i++)
		kfmt_put(s, prefix[i]);
	kfmt_pad(s, '0', zeros);
	while (n > 0)
		kfmt_put(s, digits[--n]);
	if (sp->left)
		kfmt_pad(s, ' ', pad);
}

/* Reads flags, width and size of one conversion; *fmt points just past the '%'. */
static void kfmt_parse(const char **fmt, va_list *ap, struct kfmt_spec *sp)
{
	const char *f = *fmt;

	*sp = (struct kfmt_spec){.size = KFMT_SIZE_INT};
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);

		sp->left |= w < 0;
		sp->width = w < 0 ? 0u - (unsigned)w : (unsigned)w;
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (unsigned)(*f++ - '0');
	if (*f == 'h') {
		f++;
		sp->size = *f == 'h' ? (f++, KFMT_SIZE_CHAR) : KFMT_SIZE_SHORT;
	} else if (*f == 'l') {
		f++;
		sp->size = *f == 'l' ? (f++, KFMT_SIZE_LLONG) : KFMT_SIZE_LONG;
	} else if (*f == 'z') {
		f++;
		sp->size = KFMT_SIZE_SIZE_T;
	}
	sp->conv = *f;
	*fmt = *f != '\0' ? f + 1 : f;
}

static int64_t kfmt_signed_arg(va_list *ap, int size)
{
	switch (size) {
	case KFMT_SIZE_CHAR:
		return (signed char)va_arg(*ap, int);
	case KFMT_SIZE_SHORT:
		return (short)va_arg(*ap, int);
	case KFMT_SIZE_LONG:
		return va_arg(*ap, long);
	case KFMT_SIZE_LLONG:
		return va_arg(*ap, long long);
	case KFMT_SIZE_SIZE_T:
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t kfmt_unsigned_arg(va_list *ap, int size)
{
	switch (size) {
	case KFMT_SIZE_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case KFMT_SIZE_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case KFMT_SIZE_LONG:
		return va_arg(*ap, unsigned long);
	case KFMT_SIZE_LLONG:
		return va_arg(*ap, unsigned long long);
	case KFMT_SIZE_SIZE_T:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

static void kfmt_convert(struct kfmt_sink *s, const struct kfmt_spec *sp, va_list *ap)
{
	switch (sp->conv) {
	case 'd':
	case 'i': {
		int64_t v = kfmt_signed_arg(ap, sp->size);
		/* Negate in unsigned arithmetic so the most negative value works too. */
		uint64_t magnitude = v < 0 ? 0u - (uint64_t)v : (uint64_t)v;

		kfmt_number(s, sp, magnitude, 10, v < 0 ? "-" : "", 1);
		break;
	}
	case 'u':
		kfmt_number(s, sp, kfmt_unsigned_arg(ap, sp->size), 10, "", 1);
		break;
	case 'x':
	case 'X':
		kfmt_number(s, sp, kfmt_unsigned_arg(ap, sp->size), 16, "", 1);
		break;
	case 'p':
		kfmt_number(s, sp, (uintptr_t)va_arg(*ap, void *), 16, "0x", 2 * sizeof(void *));
		break;
	case 's':
		kfmt_string(s, sp, va_arg(*ap, const char *));
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);

		kfmt_padded(s, sp, &c, 1);
		break;
	}
	case '%':
		kfmt_put(s, '%');
		break;
	default: /* unknown conversion: print it literally */
		kfmt_put(s, '%');
		if (sp->conv != '\0')
			kfmt_put(s, sp->conv);
		break;
	}
}

static void kfmt_format(struct kfmt_sink *s, const char *fmt, va_list ap)
{
	va_list aq;
	struct kfmt_spec spec;

	va_copy(aq, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			kfmt_put(s, *fmt++);
			continue;
		}
		fmt++;
		kfmt_parse(&fmt, &aq, &spec);
		kfmt_convert(s, &spec, &aq);
	}
	va_end(aq);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	char dummy;
	struct kfmt_sink sink = {size > 0 ? buf : &dummy, size, 0};

	kfmt_format(&sink, fmt, ap);
	if (size > 0)
		buf[sink.len < size ? sink.len : size - 1] = '\0';
	return (int)sink.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);

	va_end(ap);
	return n;
}

int kvprintf(const char *fmt, va_list ap)
{
	struct kfmt_sink sink = {NULL, 0, 0};
	bool enabled = arch_irq_save();

	kfmt_format(&sink, fmt, ap);
	arch_irq_restore(enabled);
	return (int)sink.len;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);

	va_end(ap);
	return n;
}
