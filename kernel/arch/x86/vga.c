/*
 * VGA text mode console (80x25 at physical 0xB8000, through the direct map): scrolling, a
 * hardware cursor, and an alert colour for panics.
 */
#include <arch/console.h>
#include <arch/memory.h>
#include <arch/x86.h>

#define VGA_COLUMNS	     80
#define VGA_ROWS	     25
#define VGA_TAB_WIDTH	     8
#define VGA_COLOR(fg, bg)    ((uint8_t)(((bg) << 4) | (fg)))
#define VGA_WHITE	     15
#define VGA_LIGHT_GREY	     7
#define VGA_BLACK	     0
#define VGA_RED		     4
#define VGA_CRTC_INDEX	     0x3d4
#define VGA_CRTC_DATA	     0x3d5
#define VGA_CRTC_CURSOR_HIGH 0x0e
#define VGA_CRTC_CURSOR_LOW  0x0f

static volatile uint16_t *vga_buffer;
static unsigned vga_row, vga_column;
static uint8_t vga_color = VGA_COLOR(VGA_LIGHT_GREY, VGA_BLACK);

static uint16_t vga_cell(char c)
{
	return (uint16_t)((uint16_t)vga_color << 8 | (uint8_t)c);
}

static void vga_clear_row(unsigned row)
{
	for (unsigned col = 0; col < VGA_COLUMNS; col++)
		vga_buffer[row * VGA_COLUMNS + col] = vga_cell(' ');
}

static void vga_update_cursor(void)
{
	uint16_t pos = (uint16_t)(vga_row * VGA_COLUMNS + vga_column);

	outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_HIGH);
	outb(VGA_CRTC_DATA, pos >> 8);
	outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_LOW);
	outb(VGA_CRTC_DATA, pos & 0xff);
}

static void vga_newline(void)
{
	vga_column = 0;
	if (++vga_row < VGA_ROWS)
		return;
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLUMNS; i++)
		vga_buffer[i] = vga_buffer[i + VGA_COLUMNS];
	vga_row = VGA_ROWS - 1;
	vga_clear_row(vga_row);
}

void vga_init(void)
{
	vga_buffer = phys_to_virt(VGA_TEXT_BASE);
	for (unsigned row = 0; row < VGA_ROWS; row++)
		vga_clear_row(row);
	vga_row = vga_column = 0;
	vga_update_cursor();
}

void vga_putc(char c)
{
	if (!vga_buffer)
		return;
	if (c == '\n') {
		vga_newline();
	} else if (c == '\r') {
		vga_column = 0;
	} else if (c == '\t') {
		do
			vga_putc(' ');
		while (vga_column % VGA_TAB_WIDTH);
		return;
	} else if (c == '\b') {
		if (vga_column > 0)
			vga_column--;
	} else {
		vga_buffer[vga_row * VGA_COLUMNS + vga_column] = vga_cell(c);
		if (++vga_column == VGA_COLUMNS)
			vga_newline();
	}
	vga_update_cursor();
}

void vga_set_alert(void)
{
	vga_color = VGA_COLOR(VGA_WHITE, VGA_RED);
}
