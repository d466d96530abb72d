/*
 * The US layout of scancode set 1: which key a make code names and what character it types
 * with which modifiers. Pure tables, host-tested through the decoder (decode_test.c).
 */
#ifndef KEYBOARD_KEYMAP_H
#define KEYBOARD_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

/* One key of the layout. */
struct kbd_keymap_entry {
	uint8_t key;	 /* KeyEvent.key: the character without modifiers, or a KEY_* code */
	uint8_t shifted; /* the character with shift (0: as key) */
	uint8_t nav;	 /* keypad keys: the key without num lock (0: not a keypad key) */
};

/*
 * The entry of make code `code` (0x01..0x7f), extended (0xE0 prefix) or not; NULL if no key
 * of the layout has that code.
 */
const struct kbd_keymap_entry *kbd_keymap_find(uint8_t code, bool extended);

/*
 * The ASCII character a key types with `modifiers` (KeyEvent.modifiers bits) held, or 0:
 * letters follow caps lock xor shift, CTRL turns a letter into its control code, keypad
 * keys type digits only with num lock. *key receives the key code (keypad keys without num
 * lock give their navigation key).
 */
uint8_t kbd_keymap_ascii(const struct kbd_keymap_entry *e, uint8_t modifiers, uint8_t *key);

#endif /* KEYBOARD_KEYMAP_H */
