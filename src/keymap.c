/*
 * keymap.c - the default key bindings and the help screen made from them.
 *
 * The table is the only place a key meets a command: the editor looks
 * commands up here, and the help screen lists this table, so the two
 * cannot disagree.  Rows of one command stay together; the first row's
 * text is the one the help screen shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "util.h"

#define N KEYMAP_NORMAL
#define O KEYMAP_OVERWRITE
#define S KEYMAP_SELECT

const struct key_binding keymap_default[] = {
	{ N, EK_LEFT,		CMD_LEFT,	"move one byte left" },
	{ N, 'h',		CMD_LEFT,	NULL },
	{ N, EK_RIGHT,		CMD_RIGHT,	"move one byte right" },
	{ N, 'l',		CMD_RIGHT,	NULL },
	{ N, EK_UP,		CMD_UP,		"move one line up" },
	{ N, 'k',		CMD_UP,		NULL },
	{ N, EK_DOWN,		CMD_DOWN,	"move one line down" },
	{ N, 'j',		CMD_DOWN,	NULL },
	{ N, EK_PGDN,		CMD_PAGE_DOWN,	"page down" },
	{ N, ' ',		CMD_PAGE_DOWN,	NULL },
	{ N, EK_CTRL('F'),	CMD_PAGE_DOWN,	NULL },
	{ N, EK_PGUP,		CMD_PAGE_UP,	"page up" },
	{ N, 'b',		CMD_PAGE_UP,	NULL },
	{ N, EK_CTRL('B'),	CMD_PAGE_UP,	NULL },
	{ N, EK_HOME,		CMD_LINE_START,	"start of line" },
	{ N, '0',		CMD_LINE_START,	NULL },
	{ N, EK_END,		CMD_LINE_END,	"end of line" },
	{ N, '$',		CMD_LINE_END,	NULL },
	{ N, 'g',		CMD_GOTO,	"goto: 1234 0x4d2 +16 -16 $ $-16 50% 4K" },
	{ N, 'G',		CMD_END,	"end of file" },
	{ N, 'f',		CMD_FIND,	"find bytes forward (hex in the hex pane, text in the text pane)" },
	{ N, 'F',		CMD_RFIND,	"find bytes backward" },
	{ N, '/',		CMD_REGEX,	"regular expression search forward" },
	{ N, '?',		CMD_RREGEX,	"regular expression search backward" },
	{ N, 'n',		CMD_NEXT,	"repeat the last search" },
	{ N, 'N',		CMD_PREV,	"repeat the last search, other direction" },
	{ N, EK_TAB,		CMD_SWITCH_PANE, "switch hex / text pane" },
	{ N, 't',		CMD_TOGGLE_VIEW, "text (line) view / hex view" },
	{ N, 'i',		CMD_TOGGLE_INSPECTOR, "data inspector on / off" },
	{ N, 'R',		CMD_OVERWRITE,	"overwrite mode: type hex digits or text over the bytes" },
	{ N, EK_ENTER,		CMD_OVERWRITE,	NULL },
	{ N, 'u',		CMD_UNDO,	"undo the last edit (the cursor goes to it)" },
	{ N, EK_CTRL('R'),	CMD_REDO,	"redo" },
	{ N, 'w',		CMD_FLUSH,	"flush: write the changed bytes to the file" },
	{ N, EK_F2,		CMD_FLUSH,	NULL },
	{ N, EK_CTRL('S'),	CMD_FLUSH,	NULL },
	{ N, 'M',		CMD_TOGGLE_SESSION, "switch copy-on-write / write-through" },
	{ N, 'v',		CMD_SELECT,	"start / end a selection (move to extend it)" },
	{ N, 'y',		CMD_COPY,	"copy the selection" },
	{ N, 'p',		CMD_PASTE,	"paste the copied bytes over the cursor" },
	{ N, '=',		CMD_FILL,	"fill the selection (or the cursor byte) with a hex pattern" },
	{ N, 'm',		CMD_SET_MARK,	"set mark a-z (m then the letter)" },
	{ N, '\'',		CMD_JUMP_MARK,	"jump to mark a-z (' then the letter)" },
	{ N, EK_CTRL('L'),	CMD_REDRAW,	"redraw the screen" },
	{ N, EK_F1,		CMD_HELP,	"this help (q or Esc leaves it)" },
	{ N, 'H',		CMD_HELP,	NULL },
	{ N, 'q',		CMD_QUIT,	"quit" },
	{ N, 'Q',		CMD_QUIT_DISCARD, "quit, discarding unflushed edits" },
	{ N, EK_WHEEL_UP,	CMD_SCROLL_UP,	"scroll up" },
	{ N, EK_WHEEL_DOWN,	CMD_SCROLL_DOWN, "scroll down" },

	{ O, EK_ESC,		CMD_LEAVE_MODE,	"leave overwrite mode" },
	{ O, EK_LEFT,		CMD_LEFT,	"move one byte left" },
	{ O, EK_RIGHT,		CMD_RIGHT,	"move one byte right" },
	{ O, EK_UP,		CMD_UP,		"move one line up" },
	{ O, EK_DOWN,		CMD_DOWN,	"move one line down" },
	{ O, EK_PGDN,		CMD_PAGE_DOWN,	"page down" },
	{ O, EK_CTRL('F'),	CMD_PAGE_DOWN,	NULL },
	{ O, EK_PGUP,		CMD_PAGE_UP,	"page up" },
	{ O, EK_CTRL('B'),	CMD_PAGE_UP,	NULL },
	{ O, EK_HOME,		CMD_LINE_START,	"start of line" },
	{ O, EK_END,		CMD_LINE_END,	"end of line" },
	{ O, EK_TAB,		CMD_SWITCH_PANE, "switch hex / text pane" },
	{ O, EK_F2,		CMD_FLUSH,	"flush" },
	{ O, EK_CTRL('S'),	CMD_FLUSH,	NULL },
	{ O, EK_CTRL('L'),	CMD_REDRAW,	"redraw the screen" },
	{ O, EK_F1,		CMD_HELP,	"help" },
	{ O, EK_WHEEL_UP,	CMD_SCROLL_UP,	"scroll up" },
	{ O, EK_WHEEL_DOWN,	CMD_SCROLL_DOWN, "scroll down" },

	{ S, EK_ESC,		CMD_LEAVE_MODE,	"cancel the selection" },
};

#undef N
#undef O
#undef S

const size_t keymap_default_len = ARRAY_LEN(keymap_default);

/* Headings of the help screen's sections, one per mode, in order. */
static const struct {
	enum keymap_mode mode;
	const char	*heading;	/* NULL: the section starts at the top */
	const char	*intro[3];	/* lines before the keys, NULL-terminated */
} help_sections[] = {
	{ KEYMAP_NORMAL, NULL, { NULL } },
	{ KEYMAP_OVERWRITE, "In overwrite mode (R, Enter):", {
	  "  0-9 a-f A-F                 hex pane: overwrite the high, then the low nibble",
	  "  printable characters        text pane: overwrite the byte",
	  NULL } },
	{ KEYMAP_SELECT, "While selecting (v), every movement extends the selection:",
	  { NULL } },
};

/* Help lines that do not come from the table: questions, prompt editing. */
static const char *const prompt_help[] = {
	"",
	"Questions:",
	"  y n                         switch to write-through with unflushed edits?",
	"  f d c                       quit with unflushed edits: flush, discard, cancel",
	"",
	"In a prompt (goto, find, regex, fill):",
	"  Left Right Home End         move in the line",
	"  Backspace Delete Ctrl-U     delete back / under / the whole line",
	"  Up Down                     earlier / later lines typed",
	"  Tab                         find and fill prompts: switch hex / text",
	"  Enter                       run",
	"  Esc                         cancel, nothing moves",
	"",
	"A long search stops on Esc or Ctrl-C; the cursor stays where it was.",
};

/* The command bound to key in mode; select mode falls back to normal. */
enum command
keymap_lookup(enum keymap_mode mode, int key)
{
	size_t i;

	for (i = 0; i < keymap_default_len; i++)
		if (keymap_default[i].mode == mode && keymap_default[i].key == key)
			return keymap_default[i].cmd;
	if (mode == KEYMAP_SELECT)
		return keymap_lookup(KEYMAP_NORMAL, key);
	return CMD_NONE;
}

/* A key's name for the help screen; see keymap.h. */
const char *
keymap_key_name(int key)
{
	static const struct {
		int		 key;
		const char	*name;
	} names[] = {
		{ EK_TAB, "Tab" }, { EK_ENTER, "Enter" }, { EK_ESC, "Esc" },
		{ EK_BACKSPACE, "Backspace" }, { ' ', "Space" },
		{ EK_UP, "Up" }, { EK_DOWN, "Down" }, { EK_LEFT, "Left" },
		{ EK_RIGHT, "Right" }, { EK_PGUP, "PgUp" }, { EK_PGDN, "PgDn" },
		{ EK_HOME, "Home" }, { EK_END, "End" }, { EK_DELETE, "Delete" },
		{ EK_INSERT, "Insert" }, { EK_WHEEL_UP, "WheelUp" },
		{ EK_WHEEL_DOWN, "WheelDown" }, { EK_RESIZE, "Resize" },
	};
	static char buf[16];
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (names[i].key == key)
			return names[i].name;
	if (key >= EK_F1 && key <= EK_F12)
		snprintf(buf, sizeof(buf), "F%d", key - EK_F1 + 1);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, sizeof(buf), "Ctrl-%c", key + '@');
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, sizeof(buf), "%c", key);
	else
		snprintf(buf, sizeof(buf), "<%#x>", (unsigned)key);
	return buf;
}

/* Append s to the growing NULL-terminated array of lines. */
static void
push_line(char ***lines, size_t *n, const char *s)
{
	*lines = xrealloc(*lines, (*n + 2) * sizeof(**lines));
	(*lines)[(*n)++] = xstrdup(s);
	(*lines)[*n] = NULL;
}

/* The help screen; see keymap.h. */
size_t
keymap_help_lines(char ***out)
{
	char **lines = NULL, keys[128], line[256];
	size_t n = 0, i, j, s;
	enum keymap_mode mode;

	push_line(&lines, &n, "mmhex keys (normal mode)");
	push_line(&lines, &n, "");
	for (s = 0; s < ARRAY_LEN(help_sections); s++) {
		mode = help_sections[s].mode;
		if (help_sections[s].heading != NULL) {
			push_line(&lines, &n, "");
			push_line(&lines, &n, help_sections[s].heading);
		}
		for (i = 0; help_sections[s].intro[i] != NULL; i++)
			push_line(&lines, &n, help_sections[s].intro[i]);
		for (i = 0; i < keymap_default_len; i = j) {
			if (keymap_default[i].mode != mode) {
				j = i + 1;
				continue;
			}
			keys[0] = '\0';
			for (j = i; j < keymap_default_len &&
			    keymap_default[j].mode == mode &&
			    keymap_default[j].cmd == keymap_default[i].cmd; j++) {
				if (j > i)
					strncat(keys, " ",
					    sizeof(keys) - strlen(keys) - 1);
				strncat(keys, keymap_key_name(keymap_default[j].key),
				    sizeof(keys) - strlen(keys) - 1);
			}
			snprintf(line, sizeof(line), "  %-26s  %s", keys,
			    keymap_default[i].help != NULL ?
			    keymap_default[i].help : "");
			push_line(&lines, &n, line);
		}
	}
	for (i = 0; i < ARRAY_LEN(prompt_help); i++)
		push_line(&lines, &n, prompt_help[i]);
	*out = lines;
	return n;
}

/* Free what keymap_help_lines() returned. */
void
keymap_help_free(char **lines)
{
	size_t i;

	if (lines == NULL)
		return;
	for (i = 0; lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}
