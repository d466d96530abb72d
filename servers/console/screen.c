/* The console's screen model (screen.h). */
#include "servers/console/screen.h"

#define BLANK(attr) ((uint16_t)((uint16_t)(attr) << 8 | ' '))

static void set_cell(struct screen *s, uint8_t row, uint8_t col, uint8_t c, uint8_t attr)
{
	s->cells[row * SCREEN_COLS + col] = (uint16_t)((uint16_t)attr << 8 | c);
}

/* The cursor to the start of the next row; past the last row everything moves up one. */
static void newline(struct screen *s)
{
	s->col = 0;
	if (s->row + 1u < SCREEN_ROWS) {
		s->row++;
		return;
	}
	for (size_t i = 0; i < (SCREEN_ROWS - 1) * SCREEN_COLS; i++)
		s->cells[i] = s->cells[i + SCREEN_COLS];
	for (size_t i = 0; i < SCREEN_COLS; i++)
		s->cells[(SCREEN_ROWS - 1) * SCREEN_COLS + i] = BLANK(SCREEN_ATTR_DEFAULT);
}

/* A byte in the last column leaves the cursor just past it: the next printable byte wraps. */
static void printable(struct screen *s, uint8_t c, uint8_t attr)
{
	if (s->col == SCREEN_COLS)
		newline(s);
	set_cell(s, s->row, s->col, c, attr);
	s->col++;
}

/* Back one cell (to the end of the previous row from column 0) and blank it. */
static void backspace(struct screen *s, uint8_t attr)
{
	if (s->col > 0) {
		s->col--;
	} else if (s->row > 0) {
		s->row--;
		s->col = SCREEN_COLS - 1;
	} else {
		return;
	}
	set_cell(s, s->row, s->col, ' ', attr);
}

void screen_put(struct screen *s, uint8_t c, uint8_t attr)
{
	s->shown++;
	switch (c) {
	case '\n':
		newline(s);
		break;
	case '\r':
		s->col = 0;
		break;
	case '\t': /* moves to the next tab stop, as a terminal does; the last one wraps */
		s->col = (uint8_t)((s->col / SCREEN_TAB + 1) * SCREEN_TAB);
		if (s->col >= SCREEN_COLS)
			newline(s);
		break;
	case '\b':
		backspace(s, attr);
		break;
	default:
		printable(s, c, attr);
	}
}

void screen_clear(struct screen *s)
{
	for (size_t i = 0; i < SCREEN_ROWS * SCREEN_COLS; i++)
		s->cells[i] = BLANK(SCREEN_ATTR_DEFAULT);
	s->row = 0;
	s->col = 0;
}

bool screen_move(struct screen *s, uint8_t row, uint8_t col)
{
	if (row >= SCREEN_ROWS || col >= SCREEN_COLS)
		return false;
	s->row = row;
	s->col = col;
	return true;
}

bool screen_read_row(const struct screen *s, uint8_t row, uint8_t chars[SCREEN_COLS],
		     uint8_t attrs[SCREEN_COLS])
{
	if (row >= SCREEN_ROWS)
		return false;
	for (size_t i = 0; i < SCREEN_COLS; i++) {
		uint16_t cell = s->cells[row * SCREEN_COLS + i];

		chars[i] = (uint8_t)cell;
		attrs[i] = (uint8_t)(cell >> 8);
	}
	return true;
}

void screen_sync(struct screen *s)
{
	uint8_t col = s->col < SCREEN_COLS ? s->col : SCREEN_COLS - 1;
	uint16_t pos = (uint16_t)(s->row * SCREEN_COLS + col);

	if (s->device != NULL) {
		for (size_t i = 0; i < SCREEN_ROWS * SCREEN_COLS; i++)
			s->device[i] = s->cells[i];
	}
	if (s->outb == NULL)
		return;
	s->outb(s->port_ctx, CRTC_INDEX, CRTC_CURSOR_HIGH);
	s->outb(s->port_ctx, CRTC_DATA, (uint8_t)(pos >> 8));
	s->outb(s->port_ctx, CRTC_INDEX, CRTC_CURSOR_LOW);
	s->outb(s->port_ctx, CRTC_DATA, (uint8_t)pos);
}

void screen_init(struct screen *s, volatile uint16_t *device, screen_outb_fn outb, void *ctx)
{
	s->device = device;
	s->outb = outb;
	s->port_ctx = ctx;
	s->shown = 0;
	screen_clear(s);
	screen_sync(s);
}
