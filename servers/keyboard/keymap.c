/*
 * The US layout of scancode set 1 (keymap.h): the plain table indexed by make code, the
 * extended keys (0xE0 prefix) in a short list, and the rules that pick a character.
 */
#include "keymap.h"

#include "idl/keyboard_types.h"

#define K(name) KEEL_KEYBOARD_KEY_##name
#define F(n)	(KEEL_KEYBOARD_KEY_F1 + (n)-1)
#define ESC	0x1b

/* An extended key: its code after 0xE0. */
struct extended_key {
	uint8_t code;
	struct kbd_keymap_entry entry;
};

/* Make codes 0x00..0x58 of the plain (not extended) keys. */
static const struct kbd_keymap_entry plain[0x59] = {
    [0x01] = {ESC, 0, 0},
    [0x02] = {'1', '!', 0},
    [0x03] = {'2', '@', 0},
    [0x04] = {'3', '#', 0},
    [0x05] = {'4', '$', 0},
    [0x06] = {'5', '%', 0},
    [0x07] = {'6', '^', 0},
    [0x08] = {'7', '&', 0},
    [0x09] = {'8', '*', 0},
    [0x0a] = {'9', '(', 0},
    [0x0b] = {'0', ')', 0},
    [0x0c] = {'-', '_', 0},
    [0x0d] = {'=', '+', 0},
    [0x0e] = {'\b', 0, 0},
    [0x0f] = {'\t', 0, 0},
    [0x10] = {'q', 'Q', 0},
    [0x11] = {'w', 'W', 0},
    [0x12] = {'e', 'E', 0},
    [0x13] = {'r', 'R', 0},
    [0x14] = {'t', 'T', 0},
    [0x15] = {'y', 'Y', 0},
    [0x16] = {'u', 'U', 0},
    [0x17] = {'i', 'I', 0},
    [0x18] = {'o', 'O', 0},
    [0x19] = {'p', 'P', 0},
    [0x1a] = {'[', '{', 0},
    [0x1b] = {']', '}', 0},
    [0x1c] = {'\n', 0, 0},
    [0x1d] = {K(LEFT_CTRL), 0, 0},
    [0x1e] = {'a', 'A', 0},
    [0x1f] = {'s', 'S', 0},
    [0x20] = {'d', 'D', 0},
    [0x21] = {'f', 'F', 0},
    [0x22] = {'g', 'G', 0},
    [0x23] = {'h', 'H', 0},
    [0x24] = {'j', 'J', 0},
    [0x25] = {'k', 'K', 0},
    [0x26] = {'l', 'L', 0},
    [0x27] = {';', ':', 0},
    [0x28] = {'\'', '"', 0},
    [0x29] = {'`', '~', 0},
    [0x2a] = {K(LEFT_SHIFT), 0, 0},
    [0x2b] = {'\\', '|', 0},
    [0x2c] = {'z', 'Z', 0},
    [0x2d] = {'x', 'X', 0},
    [0x2e] = {'c', 'C', 0},
    [0x2f] = {'v', 'V', 0},
    [0x30] = {'b', 'B', 0},
    [0x31] = {'n', 'N', 0},
    [0x32] = {'m', 'M', 0},
    [0x33] = {',', '<', 0},
    [0x34] = {'.', '>', 0},
    [0x35] = {'/', '?', 0},
    [0x36] = {K(RIGHT_SHIFT), 0, 0},
    [0x37] = {'*', 0, 0},
    [0x38] = {K(LEFT_ALT), 0, 0},
    [0x39] = {' ', 0, 0},
    [0x3a] = {K(CAPS_LOCK), 0, 0},
    [0x3b] = {F(1), 0, 0},
    [0x3c] = {F(2), 0, 0},
    [0x3d] = {F(3), 0, 0},
    [0x3e] = {F(4), 0, 0},
    [0x3f] = {F(5), 0, 0},
    [0x40] = {F(6), 0, 0},
    [0x41] = {F(7), 0, 0},
    [0x42] = {F(8), 0, 0},
    [0x43] = {F(9), 0, 0},
    [0x44] = {F(10), 0, 0},
    [0x45] = {K(NUM_LOCK), 0, 0},
    [0x46] = {K(SCROLL_LOCK), 0, 0},
    [0x47] = {'7', 0, K(HOME)},
    [0x48] = {'8', 0, K(UP)},
    [0x49] = {'9', 0, K(PAGE_UP)},
    [0x4a] = {'-', 0, 0},
    [0x4b] = {'4', 0, K(LEFT)},
    [0x4c] = {'5', 0, 0},
    [0x4d] = {'6', 0, K(RIGHT)},
    [0x4e] = {'+', 0, 0},
    [0x4f] = {'1', 0, K(END)},
    [0x50] = {'2', 0, K(DOWN)},
    [0x51] = {'3', 0, K(PAGE_DOWN)},
    [0x52] = {'0', 0, K(INSERT)},
    [0x53] = {'.', 0, K(DELETE)},
    [0x57] = {F(11), 0, 0},
    [0x58] = {F(12), 0, 0},
};

/* The keypad's digit and '.' keys: digits with num lock, else navigation (5: nothing). */
#define KEYPAD_5     0x4cu
#define KEYPAD_FIRST 0x47u
#define KEYPAD_LAST  0x53u

static const struct extended_key extended[] = {
    {0x1c, {'\n', 0, 0}},	  {0x1d, {K(RIGHT_CTRL), 0, 0}},
    {0x35, {'/', 0, 0}},	  {0x37, {K(PRINT_SCREEN), 0, 0}},
    {0x38, {K(RIGHT_ALT), 0, 0}}, {0x47, {K(HOME), 0, 0}},
    {0x48, {K(UP), 0, 0}},	  {0x49, {K(PAGE_UP), 0, 0}},
    {0x4b, {K(LEFT), 0, 0}},	  {0x4d, {K(RIGHT), 0, 0}},
    {0x4f, {K(END), 0, 0}},	  {0x50, {K(DOWN), 0, 0}},
    {0x51, {K(PAGE_DOWN), 0, 0}}, {0x52, {K(INSERT), 0, 0}},
    {0x53, {K(DELETE), 0, 0}},	  {0x5b, {K(LEFT_GUI), 0, 0}},
    {0x5c, {K(RIGHT_GUI), 0, 0}}, {0x5d, {K(MENU), 0, 0}},
};

const struct kbd_keymap_entry *kbd_keymap_find(uint8_t code, bool extended_key)
{
	if (extended_key) {
		for (unsigned i = 0; i < sizeof(extended) / sizeof(extended[0]); i++)
			if (extended[i].code == code)
				return &extended[i].entry;
		return NULL;
	}
	if (code >= sizeof(plain) / sizeof(plain[0]) || plain[code].key == 0)
		return NULL;
	return &plain[code];
}

static bool is_keypad(const struct kbd_keymap_entry *e)
{
	return e >= &plain[KEYPAD_FIRST] && e <= &plain[KEYPAD_LAST];
}

uint8_t kbd_keymap_ascii(const struct kbd_keymap_entry *e, uint8_t modifiers, uint8_t *key)
{
	bool shift = (modifiers & KEEL_KEYBOARD_MODIFIER_SHIFT) != 0;
	bool letter = e->key >= 'a' && e->key <= 'z';

	*key = e->key;
	if (is_keypad(e) && (e->nav != 0 || e == &plain[KEYPAD_5]) &&
	    !(modifiers & KEEL_KEYBOARD_MODIFIER_NUM_LOCK)) {
		*key = e->nav != 0 ? e->nav : e->key;
		return 0;
	}
	if (e->key >= 0x80)
		return 0;
	if (letter && (modifiers & KEEL_KEYBOARD_MODIFIER_CTRL))
		return (uint8_t)(e->key - 'a' + 1);
	if (letter && (modifiers & KEEL_KEYBOARD_MODIFIER_CAPS_LOCK))
		shift = !shift;
	return shift && e->shifted ? e->shifted : e->key;
}
