/*
 * keymap.h - abstract keys, the commands they run, and the one table of
 * bindings that the editor dispatches through and the help screen, its
 * hints and `mmhex --keys` are generated from.
 *
 * Keys: a printable or control character is its byte value (Ctrl-X is
 * 0x18, Tab 0x09, Esc 0x1b); other keys are the EK_ codes above 0xff.
 * The UI translates its terminal keys into these (its own names, e.g.
 * curses' KEY_*, never reach the core).  The editor takes '\n' (0x0a) as
 * Enter and Ctrl-H (0x08) as Backspace, since terminals send either.
 *
 * A binding belongs to a mode.  Normal mode has the whole table;
 * overwrite mode has only its own rows (any other printable key is typed
 * over the bytes, which the editor does, not the table); select mode has
 * its own rows first and then normal mode's, so every movement extends
 * the selection.  A key with no binding gives "key not bound; F1 for help".
 */
#ifndef MMHEX_KEYMAP_H
#define MMHEX_KEYMAP_H

#include <stddef.h>

#define EK_CTRL(c)	((c) & 0x1f)

enum {
	EK_TAB = 0x09,
	EK_ENTER = 0x0d,
	EK_ESC = 0x1b,
	EK_BACKSPACE = 0x7f,

	EK_UP = 0x100,
	EK_DOWN,
	EK_LEFT,
	EK_RIGHT,
	EK_PGUP,
	EK_PGDN,
	EK_HOME,
	EK_END,
	EK_CTRL_HOME,
	EK_CTRL_END,
	EK_DELETE,
	EK_INSERT,
	EK_F1,
	EK_F2,
	EK_F3,
	EK_F4,
	EK_F5,
	EK_F6,
	EK_F7,
	EK_F8,
	EK_F9,
	EK_F10,
	EK_F11,
	EK_F12,
	EK_WHEEL_UP,
	EK_WHEEL_DOWN,
	EK_RESIZE,		/* the UI calls editor_resize(); as a key it only redraws */
	EK_MAX
};

enum command {
	CMD_NONE,
	CMD_LEFT,		/* one byte back */
	CMD_RIGHT,		/* one byte on */
	CMD_UP,			/* one line up */
	CMD_DOWN,		/* one line down */
	CMD_PAGE_UP,
	CMD_PAGE_DOWN,
	CMD_LINE_START,
	CMD_LINE_END,
	CMD_GOTO,		/* goto prompt */
	CMD_END,		/* last byte */
	CMD_START,		/* first byte */
	CMD_FIND,		/* find bytes forward prompt */
	CMD_RFIND,		/* find bytes backward prompt */
	CMD_REGEX,		/* regex forward prompt */
	CMD_RREGEX,		/* regex backward prompt */
	CMD_NEXT,		/* repeat the last search, same direction */
	CMD_PREV,		/* repeat the last search, other direction */
	CMD_SWITCH_PANE,
	CMD_TOGGLE_VIEW,	/* hex view <-> text (line) view */
	CMD_TOGGLE_INSPECTOR,
	CMD_SET_MARK,		/* the next key a-z names the mark */
	CMD_JUMP_MARK,
	CMD_REDRAW,
	CMD_HELP,
	CMD_QUIT,
	CMD_QUIT_DISCARD,
	CMD_SCROLL_UP,		/* mouse wheel: the view moves, the cursor follows if it must */
	CMD_SCROLL_DOWN,
	/* Editing: refused (with a message) in a read-only session. */
	CMD_OVERWRITE,		/* enter overwrite mode */
	CMD_UNDO,
	CMD_REDO,
	CMD_FLUSH,		/* edits to the file, durably */
	CMD_TOGGLE_SESSION,	/* copy-on-write <-> write-through */
	CMD_PASTE,		/* the clipboard over the cursor */
	CMD_FILL,		/* prompt for a byte pattern, written over the selection */
	CMD_INSERT,		/* enter insert mode */
	CMD_TOGGLE_INSERT,	/* typing: insert <-> overwrite */
	CMD_DELETE,		/* delete the byte under the cursor */
	CMD_BACKSPACE,		/* typing: delete the byte before the cursor (insert),
				   step back (overwrite) */
	CMD_CUT,		/* delete the selection, keeping it copied */
	CMD_PASTE_INSERT,	/* insert the clipboard before the cursor */
	/* Selecting changes nothing, so a read-only session has it too. */
	CMD_SELECT,		/* start / end a selection */
	CMD_COPY,		/* the selection to the clipboard */
	CMD_LEAVE_MODE,		/* Esc: overwrite mode or the selection ends */
	/* Two files compared (mmhex FILE1 FILE2). */
	CMD_DIFF_NEXT,		/* the next run of bytes that differ */
	CMD_DIFF_PREV,		/* the previous one */
	CMD_OTHER_FILE,		/* the focus to the other file */
	CMD_DIFF_PUT,		/* this file's bytes of the difference over the other's */
	CMD_DIFF_GET,		/* the other file's bytes of it over this one's */
	CMD_SUSPEND,		/* Ctrl-Z: stop, the terminal given back; fg resumes */
	CMD_WRITE_SELECTION,	/* W: the selection to a file */
	CMD_TOGGLE_LINE_NUMBERS, /* #: line numbers in the line view */
	CMD_OPEN,		/* O: another file instead of this one */
	CMD_SKIP_NEXT,		/* }: to where the kind of data changes */
	CMD_SKIP_PREV,		/* {: back to where it did */
	CMD_TOGGLE_OVERVIEW,	/* o: the overview column on / off */
	CMD_LIST_MATCHES,	/* A: every match of the last search, a list */
	CMD_MAX
};

enum keymap_mode {
	KEYMAP_NORMAL,
	KEYMAP_OVERWRITE,	/* after R / Enter (overwrite) or I / Insert
				   (insert mode), until Esc */
	KEYMAP_SELECT,		/* after v, until v, y, p, =, Esc; falls back to normal */
};

struct key_binding {
	enum keymap_mode mode;
	int		 key;	/* a byte value or an EK_ code */
	enum command	 cmd;
};

/* The default bindings; the help screen lists commands in this order. */
extern const struct key_binding	keymap_default[];
extern const size_t		keymap_default_len;

/*
 * The bindings in use: keymap_default[] until keymap_bind() changes them
 * (a configuration file's "bind" lines), then a copy with the changes.
 * Sets *len; the table stays valid until the next keymap_bind() or
 * keymap_reset().
 */
const struct key_binding *keymap_table(size_t *len);

/*
 * The command bound to key in mode, or CMD_NONE.  KEYMAP_SELECT looks at
 * its own rows, then at normal mode's.
 */
enum command	keymap_lookup(enum keymap_mode mode, int key);

/*
 * Bind key in mode to cmd, replacing what the key did in that mode;
 * CMD_NONE removes the key's binding in that mode (in select mode the
 * normal-mode binding then applies again).  The new row follows its
 * command's other keys in that mode.  Returns 0, or -1 for a key that cannot be bound (EK_RESIZE,
 * out of range) or a mode or command out of range.
 */
int		keymap_bind(enum keymap_mode mode, int key, enum command cmd);

/* Back to keymap_default[], freeing the changed copy. */
void		keymap_reset(void);

/*
 * Commands by name, for configuration files: "goto", "page-down",
 * "quit-discard", ... (keymap.c's command table; CMD_NONE is "none").
 * keymap_command_name() returns NULL for a value out of range;
 * keymap_command_by_name() returns -1 for an unknown name.
 */
const char	*keymap_command_name(enum command cmd);
int		 keymap_command_by_name(const char *name);

/* "normal", "overwrite", "select"; -1 for an unknown name. */
const char	*keymap_mode_name(enum keymap_mode mode);
int		 keymap_mode_by_name(const char *name);

/*
 * The key a name stands for, the inverse of keymap_key_name(): "x", "$",
 * "Space", "Tab", "Enter", "Esc", "Backspace", "Up", "PgDn", "F1".."F12",
 * "Ctrl-F", "WheelUp", ...  Names of more than one character are read
 * without regard to case; "PageDown", "PageUp", "Escape", "Return",
 * "Del", "Ins", "C-f" and "^F" are read too.  Ctrl-M and Ctrl-J are
 * Enter, Ctrl-I Tab, Ctrl-[ Esc and Ctrl-H Backspace, as the terminal
 * sends them.  Returns -1 for a name that is no key.
 */
int		keymap_key_by_name(const char *name);

/*
 * A key's name as the help screen shows it: "Left", "PgDn", "Ctrl-F",
 * "Space", "F1", "h", "$".  Static storage for the named keys; a printable
 * character's name is written to a static buffer overwritten by the next call.
 */
const char	*keymap_key_name(int key);

/* The line the help screen shows for cmd; NULL for a value out of range. */
const char	*keymap_command_help(enum command cmd);

/*
 * The keys bound to cmd in mode, in table order (select mode: its own,
 * then normal mode's that it does not rebind), the first max of them in
 * keys[].  Returns how many there are.  The first is the one a hint names.
 */
size_t		keymap_keys_of(enum keymap_mode mode, enum command cmd,
		    int *keys, size_t max);

#endif
