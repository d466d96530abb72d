/* The early console devices behind arch_console_putc: COM1 serial (polled) and VGA text. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

void console_init(void); /* both devices; safe before anything else is set up */
void vga_init(void);
void vga_putc(char c);
void vga_set_alert(void); /* white on red from now on */

#endif
