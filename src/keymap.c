/*
 * keymap.c - the default key bindings and the help screen made from them.
 *
 * The table is the only place a key meets a command: the editor looks
 * commands up here, and the help screen lists this table, so the two
 * cannot disagree.  Rows of one command stay together; the first row's
 * text is the one the help screen shows.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/*
 * Every command by the name a configuration file gives it, with the line
 * the help screen shows when a command gets a key in a mode where the
 * default table has none for it.  Indexed by enum command.
 */
static const struct {
	const char	*name;
	const char	*help;
} commands[CMD_MAX] = {
	[CMD_NONE] =		{ "none",		"nothing" },
	[CMD_LEFT] =		{ "left",		"move one byte left" },
	[CMD_RIGHT] =		{ "right",		"move one byte right" },
	[CMD_UP] =		{ "up",			"move one line up" },
	[CMD_DOWN] =		{ "down",		"move one line down" },
	[CMD_PAGE_UP] =		{ "page-up",		"page up" },
	[CMD_PAGE_DOWN] =	{ "page-down",		"page down" },
	[CMD_LINE_START] =	{ "line-start",		"start of line" },
	[CMD_LINE_END] =	{ "line-end",		"end of line" },
	[CMD_GOTO] =		{ "goto",		"goto: 1234 0x4d2 +16 -16 $ $-16 50% 4K" },
	[CMD_END] =		{ "end",		"end of file" },
	[CMD_FIND] =		{ "find",		"find bytes forward" },
	[CMD_RFIND] =		{ "rfind",		"find bytes backward" },
	[CMD_REGEX] =		{ "regex",		"regular expression search forward" },
	[CMD_RREGEX] =		{ "rregex",		"regular expression search backward" },
	[CMD_NEXT] =		{ "next",		"repeat the last search" },
	[CMD_PREV] =		{ "prev",		"repeat the last search, other direction" },
	[CMD_SWITCH_PANE] =	{ "switch-pane",	"switch hex / text pane" },
	[CMD_TOGGLE_VIEW] =	{ "toggle-view",	"text (line) view / hex view" },
	[CMD_TOGGLE_INSPECTOR] = { "toggle-inspector",	"data inspector on / off" },
	[CMD_SET_MARK] =	{ "set-mark",		"set mark a-z (then the letter)" },
	[CMD_JUMP_MARK] =	{ "jump-mark",		"jump to mark a-z (then the letter)" },
	[CMD_REDRAW] =		{ "redraw",		"redraw the screen" },
	[CMD_HELP] =		{ "help",		"this help (q or Esc leaves it)" },
	[CMD_QUIT] =		{ "quit",		"quit" },
	[CMD_QUIT_DISCARD] =	{ "quit-discard",	"quit, discarding unflushed edits" },
	[CMD_SCROLL_UP] =	{ "scroll-up",		"scroll up" },
	[CMD_SCROLL_DOWN] =	{ "scroll-down",	"scroll down" },
	[CMD_OVERWRITE] =	{ "overwrite",		"overwrite mode: type hex digits or text over the bytes" },
	[CMD_UNDO] =		{ "undo",		"undo the last edit (the cursor goes to it)" },
	[CMD_REDO] =		{ "redo",		"redo" },
	[CMD_FLUSH] =		{ "flush",		"flush: write the changed bytes to the file" },
	[CMD_TOGGLE_SESSION] =	{ "toggle-session",	"switch copy-on-write / write-through" },
	[CMD_PASTE] =		{ "paste",		"paste the copied bytes over the cursor" },
	[CMD_FILL] =		{ "fill",		"fill the selection (or the cursor byte) with a hex pattern" },
	[CMD_SELECT] =		{ "select",		"start / end a selection (move to extend it)" },
	[CMD_COPY] =		{ "copy",		"copy the selection" },
	[CMD_LEAVE_MODE] =	{ "leave-mode",		"leave overwrite mode / cancel the selection" },
};

static const char *const mode_names[] = {
	[KEYMAP_NORMAL] = "normal",
	[KEYMAP_OVERWRITE] = "overwrite",
	[KEYMAP_SELECT] = "select",
};

/*
 * The table in use once keymap_bind() changed it: a copy of the defaults
 * with the changes, owned here.  NULL while the defaults apply.
 */
static struct key_binding *bound;
static size_t		   bound_len;

/* The bindings in use; see keymap.h. */
const struct key_binding *
keymap_table(size_t *len)
{
	if (bound == NULL) {
		*len = keymap_default_len;
		return keymap_default;
	}
	*len = bound_len;
	return bound;
}

/* Back to the defaults; see keymap.h. */
void
keymap_reset(void)
{
	free(bound);
	bound = NULL;
	bound_len = 0;
}

/*
 * Remove row i of the changed table.  When it carried its command's help
 * line and the next key of that command follows, the line moves there so
 * the help screen keeps it.
 */
static void
unbind_row(size_t i)
{
	if (bound[i].help != NULL && i + 1 < bound_len &&
	    bound[i + 1].mode == bound[i].mode &&
	    bound[i + 1].cmd == bound[i].cmd && bound[i + 1].help == NULL)
		bound[i + 1].help = bound[i].help;
	memmove(&bound[i], &bound[i + 1], (bound_len - i - 1) * sizeof(*bound));
	bound_len--;
}

/* Change a binding; see keymap.h. */
int
keymap_bind(enum keymap_mode mode, int key, enum command cmd)
{
	size_t i, at;
	bool seen_mode = false, seen_cmd = false;

	if ((unsigned)mode >= ARRAY_LEN(mode_names) || (unsigned)cmd >= CMD_MAX ||
	    key < 0 || key >= EK_MAX || key == EK_RESIZE)
		return -1;
	if (bound == NULL) {
		/* Room for every row plus the one added. */
		bound = xmalloc((keymap_default_len + 1) * sizeof(*bound));
		memcpy(bound, keymap_default, keymap_default_len * sizeof(*bound));
		bound_len = keymap_default_len;
	}
	for (i = 0; i < bound_len; i++) {
		if (bound[i].mode == mode && bound[i].key == key) {
			if (bound[i].cmd == cmd)
				return 0;
			unbind_row(i);
			break;
		}
	}
	if (cmd == CMD_NONE)
		return 0;
	/* After the command's last key in the mode, else after the mode's last row. */
	at = bound_len;
	for (i = 0; i < bound_len; i++) {
		if (bound[i].mode != mode)
			continue;
		if (bound[i].cmd == cmd) {
			at = i + 1;
			seen_cmd = true;
		} else if (!seen_cmd) {
			at = i + 1;
		}
		seen_mode = true;
	}
	if (!seen_mode)
		at = bound_len;
	bound = xrealloc(bound, (bound_len + 1) * sizeof(*bound));
	memmove(&bound[at + 1], &bound[at], (bound_len - at) * sizeof(*bound));
	bound[at].mode = mode;
	bound[at].key = key;
	bound[at].cmd = cmd;
	bound[at].help = seen_cmd ? NULL : commands[cmd].help;
	bound_len++;
	return 0;
}

/* A command's name; see keymap.h. */
const char *
keymap_command_name(enum command cmd)
{
	if ((unsigned)cmd >= CMD_MAX)
		return NULL;
	return commands[cmd].name;
}

/* A command by its name; see keymap.h. */
int
keymap_command_by_name(const char *name)
{
	int i;

	for (i = 0; i < CMD_MAX; i++)
		if (commands[i].name != NULL && strcmp(commands[i].name, name) == 0)
			return i;
	return -1;
}

const char *
keymap_mode_name(enum keymap_mode mode)
{
	if ((unsigned)mode >= ARRAY_LEN(mode_names))
		return NULL;
	return mode_names[mode];
}

int
keymap_mode_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(mode_names); i++)
		if (strcmp(mode_names[i], name) == 0)
			return (int)i;
	return -1;
}

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
	"  t a d c                     flush or quit once the file was deleted or replaced",
	"                              on disk: to the file there now, all to another path,",
	"                              discard (quitting), cancel",
	"",
	"In a prompt (goto, find, regex, fill, write to):",
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
	const struct key_binding *t;
	size_t i, n;

	t = keymap_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].mode == mode && t[i].key == key)
			return t[i].cmd;
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

/* The key a name stands for; see keymap.h. */
int
keymap_key_by_name(const char *name)
{
	static const struct {
		const char	*name;
		int		 key;
	} names[] = {
		{ "Tab", EK_TAB }, { "Enter", EK_ENTER }, { "Return", EK_ENTER },
		{ "Esc", EK_ESC }, { "Escape", EK_ESC },
		{ "Backspace", EK_BACKSPACE }, { "BSpace", EK_BACKSPACE },
		{ "Space", ' ' }, { "Up", EK_UP }, { "Down", EK_DOWN },
		{ "Left", EK_LEFT }, { "Right", EK_RIGHT },
		{ "PgUp", EK_PGUP }, { "PageUp", EK_PGUP },
		{ "PgDn", EK_PGDN }, { "PageDown", EK_PGDN },
		{ "Home", EK_HOME }, { "End", EK_END },
		{ "Delete", EK_DELETE }, { "Del", EK_DELETE },
		{ "Insert", EK_INSERT }, { "Ins", EK_INSERT },
		{ "WheelUp", EK_WHEEL_UP }, { "WheelDown", EK_WHEEL_DOWN },
	};
	const char *c = NULL;
	size_t i, len = strlen(name);
	int k;

	if (len == 1)
		return (unsigned char)name[0] > 0x20 &&
		    (unsigned char)name[0] < 0x7f ? (unsigned char)name[0] : -1;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcasecmp(names[i].name, name) == 0)
			return names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9' && (name[2] == '\0' || (name[1] == '1' &&
	    name[2] >= '0' && name[2] <= '2' && name[3] == '\0'))) {
		k = atoi(name + 1);
		return EK_F1 + k - 1;
	}
	if (strncasecmp(name, "Ctrl-", 5) == 0 && len == 6)
		c = name + 5;
	else if ((strncasecmp(name, "C-", 2) == 0 && len == 3) ||
	    (name[0] == '^' && len == 2))
		c = name + len - 1;
	if (c == NULL)
		return -1;
	if (*c >= 'a' && *c <= 'z')
		k = *c - 'a' + 'A';
	else if (*c >= '@' && *c <= '_')
		k = *c;
	else if (*c == '?')
		return EK_BACKSPACE;	/* Ctrl-? is DEL */
	else
		return -1;
	/* What the terminal sends for these is another key's. */
	switch (EK_CTRL(k)) {
	case 0x0a:
	case 0x0d:
		return EK_ENTER;
	case 0x08:
		return EK_BACKSPACE;
	default:
		return EK_CTRL(k);
	}
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
	const struct key_binding *t;
	char **lines = NULL, keys[128], line[256];
	size_t n = 0, i, j, s, len;
	enum keymap_mode mode;

	t = keymap_table(&len);

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
		for (i = 0; i < len; i = j) {
			if (t[i].mode != mode) {
				j = i + 1;
				continue;
			}
			keys[0] = '\0';
			for (j = i; j < len && t[j].mode == mode &&
			    t[j].cmd == t[i].cmd; j++) {
				if (j > i)
					strncat(keys, " ",
					    sizeof(keys) - strlen(keys) - 1);
				strncat(keys, keymap_key_name(t[j].key),
				    sizeof(keys) - strlen(keys) - 1);
			}
			snprintf(line, sizeof(line), "  %-26s  %s", keys,
			    t[i].help != NULL ? t[i].help : "");
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
