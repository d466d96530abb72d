/*
 * The shell's line editor, pure so host tests drive it: characters in (from the serial line
 * or the keyboard), what to echo out, and a whole line when Enter comes.
 */
#ifndef KEEL_SHELL_LINE_H
#define KEEL_SHELL_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define LINE_MAX_CHARS 120u /* longest command line */
#define LINE_ECHO_MAX (3u * LINE_MAX_CHARS + 4u) /* the most one character may echo */

struct line {
	char buf[LINE_MAX_CHARS + 1];
	size_t len;
	bool overflowed; /* a character was refused since the last line */
	bool last_cr;    /* the previous character was '\r' (a following '\n' is the same Enter) */
};

enum line_result {
	LINE_MORE,  /* keep feeding; echo holds what to show */
	LINE_DONE,  /* buf holds a complete line (NUL-terminated); echo holds the newline */
	LINE_CANCEL, /* Ctrl-C: the line was dropped; echo holds "^C" and a newline */
};

void line_reset(struct line *l);
/*
 * Feeds one character. Printable characters are added and echoed; backspace (0x08 or 0x7f)
 * removes the last one and echoes "\b \b"; Enter ('\r', '\n' or "\r\n") completes the line;
 * Ctrl-U clears it; Ctrl-C cancels it. A character beyond LINE_MAX_CHARS is refused: echo gets
 * a bell ('\a') and the line is marked overflowed. Other control characters are ignored.
 * echo (LINE_ECHO_MAX bytes) receives the NUL-terminated text to show.
 */
enum line_result line_feed(struct line *l, char c, char *echo, size_t echo_size);

/* Splits buf in place into words separated by spaces: how many, or -1 if over max. */
int line_split(char *buf, char **words, int max);

#endif /* KEEL_SHELL_LINE_H */
