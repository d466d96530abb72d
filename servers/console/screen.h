/*
 * The console's screen model: an 80x25 grid of VGA text cells (character | attribute << 8),
 * a cursor, scrolling and the control characters. Pure C: the owner passes the VGA page (or a
 * test array) and a port-write function for the hardware cursor, so the host tests run it with
 * fakes. Changes go to the model; screen_sync copies all of it (4000 bytes) to the device and
 * moves the cursor there, so anything else that wrote to the page (the kernel's own console
 * writes every debug print there too) is painted over at the end of every request.
 */
#ifndef CONSOLE_SCREEN_H
#define CONSOLE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCREEN_ROWS	     25u
#define SCREEN_COLS	     80u
#define SCREEN_TAB	     8u
#define SCREEN_ATTR_DEFAULT  0x07u /* light grey on black */
#define SCREEN_ATTR(fg, bg)  ((uint8_t)(((bg) & 0xfu) << 4 | ((fg) & 0xfu)))
#define CRTC_INDEX	     0x3d4u
#define CRTC_DATA	     0x3d5u
#define CRTC_CURSOR_HIGH     0x0eu
#define CRTC_CURSOR_LOW	     0x0fu

/* Writes one byte to an I/O port (the CRTC's index and data ports). */
typedef void (*screen_outb_fn)(void *ctx, uint16_t port, uint8_t value);

struct screen {
	uint16_t cells[SCREEN_ROWS * SCREEN_COLS]; /* the model */
	volatile uint16_t *device;		   /* the VGA page, or NULL */
	screen_outb_fn outb;			   /* NULL: no hardware cursor */
	void *port_ctx;
	uint8_t row;
	uint8_t col; /* SCREEN_COLS after a byte in the last column: the next printable wraps */
	uint32_t shown; /* bytes put on the screen, control characters included */
};

/* A cleared screen, cursor home; device and outb may be NULL. Syncs once. */
void screen_init(struct screen *s, volatile uint16_t *device, screen_outb_fn outb, void *ctx);
/* Shows one byte with attr: printable bytes at the cursor, '\n' '\r' '\t' '\b' as such. */
void screen_put(struct screen *s, uint8_t c, uint8_t attr);
/* Blanks every cell (light grey on black) and homes the cursor. */
void screen_clear(struct screen *s);
/* Moves the cursor; false (nothing changes) outside the screen. */
bool screen_move(struct screen *s, uint8_t row, uint8_t col);
/* Copies a row's characters and attributes out; false if row is outside the screen. */
bool screen_read_row(const struct screen *s, uint8_t row, uint8_t chars[SCREEN_COLS],
		     uint8_t attrs[SCREEN_COLS]);
/* Copies the whole model to the device and puts the hardware cursor at the cursor. */
void screen_sync(struct screen *s);

#endif /* CONSOLE_SCREEN_H */
