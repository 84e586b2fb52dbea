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
	{ N, 'm',		CMD_SET_MARK,	"set mark a-z (m then the letter)" },
	{ N, '\'',		CMD_JUMP_MARK,	"jump to mark a-z (' then the letter)" },
	{ N, EK_CTRL('L'),	CMD_REDRAW,	"redraw the screen" },
	{ N, EK_F1,		CMD_HELP,	"this help (q or Esc leaves it)" },
	{ N, 'H',		CMD_HELP,	NULL },
	{ N, 'q',		CMD_QUIT,	"quit" },
	{ N, 'Q',		CMD_QUIT_DISCARD, "quit, discarding unflushed edits" },
	{ N, EK_WHEEL_UP,	CMD_SCROLL_UP,	"scroll up" },
	{ N, EK_WHEEL_DOWN,	CMD_SCROLL_DOWN, "scroll down" },
};

#undef N

const size_t keymap_default_len = ARRAY_LEN(keymap_default);

/* Help lines that do not come from the table: prompt editing. */
static const char *const prompt_help[] = {
	"",
	"In a prompt (goto, find, regex):",
	"  Left Right Home End         move in the line",
	"  Backspace Delete Ctrl-U     delete back / under / the whole line",
	"  Up Down                     earlier / later lines typed",
	"  Tab                         find prompt: switch hex / text",
	"  Enter                       run",
	"  Esc                         cancel, nothing moves",
	"",
	"A long search stops on Esc or Ctrl-C; the cursor stays where it was.",
};

/* The command bound to key in mode. */
enum command
keymap_lookup(enum keymap_mode mode, int key)
{
	size_t i;

	for (i = 0; i < keymap_default_len; i++)
		if (keymap_default[i].mode == mode && keymap_default[i].key == key)
			return keymap_default[i].cmd;
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
	size_t n = 0, i, j;

	push_line(&lines, &n, "mmhex keys (normal mode)");
	push_line(&lines, &n, "");
	for (i = 0; i < keymap_default_len; i = j) {
		keys[0] = '\0';
		for (j = i; j < keymap_default_len &&
		    keymap_default[j].cmd == keymap_default[i].cmd; j++) {
			if (j > i)
				strncat(keys, " ", sizeof(keys) - strlen(keys) - 1);
			strncat(keys, keymap_key_name(keymap_default[j].key),
			    sizeof(keys) - strlen(keys) - 1);
		}
		snprintf(line, sizeof(line), "  %-26s  %s", keys,
		    keymap_default[i].help != NULL ? keymap_default[i].help : "");
		push_line(&lines, &n, line);
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
