/*
 * keymap.c - the default key bindings, the commands' names and help
 * lines, and the names of keys.
 *
 * The table is the only place a key meets a command: the editor looks
 * commands up here, and the help screen (editor-help.c), its hints and
 * `mmhex --keys` list what is bound here, so none of them can name a key
 * that does something else.  A command's first key in a mode is the one
 * hints name.
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
	{ N, EK_LEFT,		CMD_LEFT },
	{ N, 'h',		CMD_LEFT },
	{ N, EK_RIGHT,		CMD_RIGHT },
	{ N, 'l',		CMD_RIGHT },
	{ N, EK_UP,		CMD_UP },
	{ N, 'k',		CMD_UP },
	{ N, EK_DOWN,		CMD_DOWN },
	{ N, 'j',		CMD_DOWN },
	{ N, EK_PGDN,		CMD_PAGE_DOWN },
	{ N, ' ',		CMD_PAGE_DOWN },
	{ N, EK_CTRL('F'),	CMD_PAGE_DOWN },
	{ N, EK_PGUP,		CMD_PAGE_UP },
	{ N, 'b',		CMD_PAGE_UP },
	{ N, EK_CTRL('B'),	CMD_PAGE_UP },
	{ N, EK_HOME,		CMD_LINE_START },
	{ N, '0',		CMD_LINE_START },
	{ N, EK_END,		CMD_LINE_END },
	{ N, '$',		CMD_LINE_END },
	{ N, 'g',		CMD_GOTO },
	{ N, 'G',		CMD_END },
	{ N, EK_CTRL_HOME,	CMD_START },
	{ N, EK_CTRL_END,	CMD_END },
	{ N, 'f',		CMD_FIND },
	{ N, 'F',		CMD_RFIND },
	{ N, '/',		CMD_REGEX },
	{ N, '?',		CMD_RREGEX },
	{ N, 'n',		CMD_NEXT },
	{ N, 'N',		CMD_PREV },
	{ N, EK_TAB,		CMD_SWITCH_PANE },
	{ N, 't',		CMD_TOGGLE_VIEW },
	{ N, 'i',		CMD_TOGGLE_INSPECTOR },
	{ N, 'R',		CMD_OVERWRITE },
	{ N, EK_ENTER,		CMD_OVERWRITE },
	{ N, 'u',		CMD_UNDO },
	{ N, EK_CTRL('R'),	CMD_REDO },
	{ N, 'w',		CMD_FLUSH },
	{ N, EK_F2,		CMD_FLUSH },
	{ N, EK_CTRL('S'),	CMD_FLUSH },
	{ N, 'M',		CMD_TOGGLE_SESSION },
	{ N, 'v',		CMD_SELECT },
	{ N, 'y',		CMD_COPY },
	{ N, 'W',		CMD_WRITE_SELECTION },
	{ N, '#',		CMD_TOGGLE_LINE_NUMBERS },
	{ N, 'O',		CMD_OPEN },
	{ N, '}',		CMD_SKIP_NEXT },
	{ N, '{',		CMD_SKIP_PREV },
	{ N, 'o',		CMD_TOGGLE_OVERVIEW },
	{ N, 'A',		CMD_LIST_MATCHES },
	{ N, 'p',		CMD_PASTE },
	{ N, '=',		CMD_FILL },
	{ N, 'I',		CMD_INSERT },
	{ N, EK_INSERT,		CMD_INSERT },
	{ N, 'x',		CMD_DELETE },
	{ N, EK_DELETE,		CMD_DELETE },
	{ N, 'P',		CMD_PASTE_INSERT },
	{ N, 'm',		CMD_SET_MARK },
	{ N, '\'',		CMD_JUMP_MARK },
	{ N, EK_CTRL('L'),	CMD_REDRAW },
	{ N, EK_F1,		CMD_HELP },
	{ N, 'H',		CMD_HELP },
	{ N, 'q',		CMD_QUIT },
	{ N, 'Q',		CMD_QUIT_DISCARD },
	{ N, EK_WHEEL_UP,	CMD_SCROLL_UP },
	{ N, EK_WHEEL_DOWN,	CMD_SCROLL_DOWN },
	{ N, ']',		CMD_DIFF_NEXT },
	{ N, '[',		CMD_DIFF_PREV },
	{ N, EK_CTRL('W'),	CMD_OTHER_FILE },
	{ N, '>',		CMD_DIFF_PUT },
	{ N, '<',		CMD_DIFF_GET },
	{ N, EK_CTRL('Z'),	CMD_SUSPEND },

	{ O, EK_ESC,		CMD_LEAVE_MODE },
	{ O, EK_LEFT,		CMD_LEFT },
	{ O, EK_RIGHT,		CMD_RIGHT },
	{ O, EK_UP,		CMD_UP },
	{ O, EK_DOWN,		CMD_DOWN },
	{ O, EK_PGDN,		CMD_PAGE_DOWN },
	{ O, EK_CTRL('F'),	CMD_PAGE_DOWN },
	{ O, EK_PGUP,		CMD_PAGE_UP },
	{ O, EK_CTRL('B'),	CMD_PAGE_UP },
	{ O, EK_HOME,		CMD_LINE_START },
	{ O, EK_END,		CMD_LINE_END },
	{ O, EK_CTRL_HOME,	CMD_START },
	{ O, EK_CTRL_END,	CMD_END },
	{ O, EK_TAB,		CMD_SWITCH_PANE },
	{ O, EK_INSERT,		CMD_TOGGLE_INSERT },
	{ O, EK_BACKSPACE,	CMD_BACKSPACE },
	{ O, EK_DELETE,		CMD_DELETE },
	{ O, EK_F2,		CMD_FLUSH },
	{ O, EK_CTRL('S'),	CMD_FLUSH },
	{ O, EK_CTRL('L'),	CMD_REDRAW },
	{ O, EK_CTRL('Z'),	CMD_SUSPEND },
	{ O, EK_F1,		CMD_HELP },
	{ O, EK_WHEEL_UP,	CMD_SCROLL_UP },
	{ O, EK_WHEEL_DOWN,	CMD_SCROLL_DOWN },

	{ S, EK_ESC,		CMD_LEAVE_MODE },
	{ S, 'd',		CMD_CUT },
	{ S, 'x',		CMD_CUT },
	{ S, EK_DELETE,		CMD_CUT },
};

#undef N
#undef O
#undef S

const size_t keymap_default_len = ARRAY_LEN(keymap_default);

/*
 * Every command by the name a configuration file gives it, with the one
 * line the help screen shows for it in every mode.  Indexed by enum
 * command.
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
	[CMD_GOTO] =		{ "goto",		"goto: 1234 0x4d2 +16 -16 $ $-16 50% 4K (gg: the start)" },
	[CMD_END] =		{ "end",		"end of file" },
	[CMD_START] =		{ "start",		"start of file" },
	[CMD_FIND] =		{ "find",		"find bytes forward (hex in the hex pane, text in the text pane)" },
	[CMD_RFIND] =		{ "rfind",		"find bytes backward" },
	[CMD_REGEX] =		{ "regex",		"regular expression search forward" },
	[CMD_RREGEX] =		{ "rregex",		"regular expression search backward" },
	[CMD_NEXT] =		{ "next",		"repeat the last search" },
	[CMD_PREV] =		{ "prev",		"repeat the last search, other direction" },
	[CMD_SWITCH_PANE] =	{ "switch-pane",	"switch hex / text pane" },
	[CMD_TOGGLE_VIEW] =	{ "toggle-view",	"text (line) view / hex view" },
	[CMD_TOGGLE_INSPECTOR] = { "toggle-inspector",	"data inspector on / off" },
	[CMD_SET_MARK] =	{ "set-mark",		"set mark a-z (the letter comes next)" },
	[CMD_JUMP_MARK] =	{ "jump-mark",		"jump to mark a-z (the letter comes next)" },
	[CMD_REDRAW] =		{ "redraw",		"redraw the screen" },
	[CMD_HELP] =		{ "help",		"this help" },
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
	[CMD_INSERT] =		{ "insert",		"insert mode: type hex digits or text before the cursor" },
	[CMD_TOGGLE_INSERT] =	{ "toggle-insert",	"switch insert / overwrite while typing" },
	[CMD_DELETE] =		{ "delete",		"delete the byte under the cursor" },
	[CMD_BACKSPACE] =	{ "backspace",		"insert: delete the byte before the cursor; overwrite: the byte typed before it back" },
	[CMD_CUT] =		{ "cut",		"delete the selection, keeping it copied (P pastes it)" },
	[CMD_PASTE_INSERT] =	{ "paste-insert",	"insert the copied bytes before the cursor" },
	[CMD_SELECT] =		{ "select",		"start / end a selection (move to extend it)" },
	[CMD_COPY] =		{ "copy",		"copy the selection" },
	[CMD_WRITE_SELECTION] = { "write-selection",	"write the selection to a file (asks before replacing one)" },
	[CMD_TOGGLE_LINE_NUMBERS] = { "toggle-line-numbers", "line numbers in the line view on / off" },
	[CMD_OPEN] =		{ "open",		"open another file instead (asks about unflushed edits first)" },
	[CMD_SKIP_NEXT] =	{ "skip-next",		"to the next change of kind: zero, text, binary, random (as --map)" },
	[CMD_SKIP_PREV] =	{ "skip-prev",		"back to the start of this kind's run, or of the one before" },
	[CMD_TOGGLE_OVERVIEW] = { "toggle-overview",	"overview column on / off: . zero, t text, b binary, # random" },
	[CMD_LIST_MATCHES] =	{ "list-matches",	"every match of the last search, a list: Enter goes to one" },
	[CMD_LEAVE_MODE] =	{ "leave-mode",		"leave insert or overwrite mode / cancel the selection" },
	[CMD_DIFF_NEXT] =	{ "diff-next",		"two files: the next run of bytes that differ" },
	[CMD_DIFF_PREV] =	{ "diff-prev",		"two files: the previous run of bytes that differ" },
	[CMD_OTHER_FILE] =	{ "other-file",		"two files: the focus to the other one" },
	[CMD_DIFF_PUT] =	{ "diff-put",		"two files: this one's bytes of the difference (or selection) over the other's" },
	[CMD_SUSPEND] =		{ "suspend",		"suspend: the shell comes back, fg resumes (edits kept)" },
	[CMD_DIFF_GET] =	{ "diff-get",		"two files: the other one's bytes of the difference (or selection) over this one's" },
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

/* Remove row i of the changed table. */
static void
unbind_row(size_t i)
{
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

/* The command key has in mode's own rows, or -1 when it has none there. */
static int
own_binding(enum keymap_mode mode, int key)
{
	const struct key_binding *t;
	size_t i, n;

	t = keymap_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].mode == mode && t[i].key == key)
			return (int)t[i].cmd;
	return -1;
}

/* The command bound to key in mode; select mode falls back to normal. */
enum command
keymap_lookup(enum keymap_mode mode, int key)
{
	int c = own_binding(mode, key);

	if (c < 0 && mode == KEYMAP_SELECT)
		c = own_binding(KEYMAP_NORMAL, key);
	return c < 0 ? CMD_NONE : (enum command)c;
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
		{ EK_CTRL_HOME, "Ctrl-Home" }, { EK_CTRL_END, "Ctrl-End" },
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
		{ "Ctrl-Home", EK_CTRL_HOME }, { "Ctrl-End", EK_CTRL_END },
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

/* A command's help line; see keymap.h. */
const char *
keymap_command_help(enum command cmd)
{
	if ((unsigned)cmd >= CMD_MAX)
		return NULL;
	return commands[cmd].help;
}

/* The keys that run cmd in mode; see keymap.h. */
size_t
keymap_keys_of(enum keymap_mode mode, enum command cmd, int *keys,
    size_t max)
{
	const struct key_binding *t;
	size_t i, n, found = 0;
	int pass;

	t = keymap_table(&n);
	/* Select mode: its own rows, then normal mode's that they leave. */
	for (pass = 0; pass < (mode == KEYMAP_SELECT ? 2 : 1); pass++) {
		for (i = 0; i < n; i++) {
			if (t[i].cmd != cmd || t[i].mode !=
			    (pass == 0 ? mode : KEYMAP_NORMAL))
				continue;
			if (pass == 1 && own_binding(mode, t[i].key) >= 0)
				continue;
			if (found < max)
				keys[found] = t[i].key;
			found++;
		}
	}
	return found;
}
