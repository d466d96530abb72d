/* The shell's line editor (line.h). */
#include "clients/shell/line.h"

#include <keel/ulib.h>

void line_reset(struct line *l)
{
	l->len = 0;
	l->buf[0] = 0;
	l->overflowed = false;
}

static enum line_result erase_all(struct line *l, char *echo, size_t echo_size)
{
	size_t n = 0;

	/* Per character: back, blank, back (LINE_ECHO_MAX holds a whole line's worth). */
	while (l->len > 0 && n + 4 <= echo_size) {
		memcpy(echo + n, "\b \b", 3);
		n += 3;
		l->len--;
	}
	echo[n] = 0;
	l->buf[l->len] = 0;
	return LINE_MORE;
}

enum line_result line_feed(struct line *l, char c, char *echo, size_t echo_size)
{
	bool after_cr = l->last_cr;

	echo[0] = 0;
	l->last_cr = c == '\r';
	if (c == '\n' && after_cr)
		return LINE_MORE; /* the second half of "\r\n" */
	if (c == '\r' || c == '\n') {
		l->buf[l->len] = 0;
		snprintf(echo, echo_size, "\n");
		return LINE_DONE;
	}
	if (c == 0x03) {
		line_reset(l);
		snprintf(echo, echo_size, "^C\n");
		return LINE_CANCEL;
	}
	if (c == 0x15)
		return erase_all(l, echo, echo_size);
	if ((c == 0x08 || c == 0x7f) && l->len > 0) {
		l->buf[--l->len] = 0;
		snprintf(echo, echo_size, "\b \b");
		return LINE_MORE;
	}
	if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
		return LINE_MORE;
	if (l->len == LINE_MAX_CHARS) {
		l->overflowed = true;
		snprintf(echo, echo_size, "\a");
		return LINE_MORE;
	}
	l->buf[l->len++] = c;
	l->buf[l->len] = 0;
	snprintf(echo, echo_size, "%c", c);
	return LINE_MORE;
}

int line_split(char *buf, char **words, int max)
{
	int n = 0;

	for (;;) {
		while (*buf == ' ')
			*buf++ = 0;
		if (*buf == 0)
			return n;
		if (n == max)
			return -1;
		words[n++] = buf;
		while (*buf != 0 && *buf != ' ')
			buf++;
	}
}
