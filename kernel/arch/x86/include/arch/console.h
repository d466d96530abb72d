/* The early console devices behind arch_console_putc: COM1 serial (polled) and VGA text. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

#define VGA_TEXT_BASE 0xb8000u /* the text screen: physical address and bytes */
#define VGA_TEXT_SIZE 0x8000u

void console_init(void); /* both devices; safe before anything else is set up */
void vga_init(void);
void vga_putc(char c);
void vga_set_alert(void); /* white on red from now on */

#endif
