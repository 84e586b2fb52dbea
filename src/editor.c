/*
 * editor.c - the headless viewer core: keys in, state out.
 *
 * editor_key() routes a key to whoever is waiting for it (an open prompt,
 * a question, a mark letter, the help screen) and otherwise looks its
 * command up in the one key table (keymap.c) and runs the handler of that
 * command from the table below.  The handlers live by concern:
 *
 *   editor-help.c     the help screen, `mmhex --keys`, the key hints
 *   editor-move.c     the cursor and the top row: moving, scrolling,
 *                     goto, clicks, marks
 *   editor-prompt.c   the prompt line: editing keys, history, Enter
 *   editor-search.c   find / rfind / regex, n and N, the matches on screen
 *   editor-edit.c     overwriting, undo and redo, select, copy, paste, fill
 *   editor-size.c     inserting and deleting: the piece list, insert mode,
 *                     x, d, P, the flush that moves the tail
 *   editor-flush.c    flush, sessions, quitting and the questions they ask
 *   editor-refresh.c  the file changed on disk under the viewer
 *
 * Every offset here is a window offset; goto and the status line add the
 * mapping's origin.  This file keeps the command table, key routing, the
 * lifecycle and the status line.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "expr.h"
#include "inspect.h"
#include "keymap.h"
#include "textview.h"
#include "editor-int.h"

/* Set the status line message. */
void __attribute__((format(printf, 3, 4)))
ed_msg(struct editor *ed, bool is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ed->msg, sizeof(ed->msg), fmt, ap);
	va_end(ap);
	ed->msg_error = is_error;
}

/* Tab: hex pane <-> text pane (also what f parses). */
static void
cmd_switch_pane(struct editor *ed)
{
	ed->pane = ed->pane == PANE_HEX ? PANE_TEXT : PANE_HEX;
}

/* Switch views; the top keeps roughly the same place, the cursor its byte. */
static void
cmd_toggle_view(struct editor *ed)
{
	ed->view = ed->view == VIEW_HEX ? VIEW_TEXT : VIEW_HEX;
	ed_relayout(ed);	/* the inspector goes beside the hex view only */
	ed_scroll(ed);
}

/*
 * i: the inspector panel takes rows from the data area (or on a wide
 * terminal columns beside the hex view), or gives them back.
 */
static void
cmd_toggle_inspector(struct editor *ed)
{
	ed->inspector = !ed->inspector;
	ed_relayout(ed);
	ed_scroll(ed);
}

/* Ctrl-L: ask the UI to repaint everything. */
static void
cmd_redraw(struct editor *ed)
{
	ed->redraw = true;
}

/* "1 byte", "12 bytes". */
const char *
ed_plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* Are the bytes editable at all (not a read-only session)? */
static bool
ed_writable(const struct editor *ed)
{
	return ed->m->session != SESSION_RO;
}

/* What an editing key says in a read-only session. */
static void
ed_refuse_read_only(struct editor *ed)
{
	if (ed->m->note != NULL)
		ed_msg(ed, true, "read-only session (%s)", ed->m->note);
	else
		ed_msg(ed, true, "read-only session");
}

/*
 * What each command does.  needs_data: meaningless in an empty window,
 * which answers "empty file" instead.  moves: the cursor may have moved,
 * scroll to it afterwards.  edits: refused in a read-only session.
 */
static const struct command_entry {
	void	(*exec)(struct editor *);
	bool	  needs_data;
	bool	  moves;
	bool	  edits;
} commands[CMD_MAX] = {
	[CMD_LEFT] =		{ cmd_left, true, true },
	[CMD_RIGHT] =		{ cmd_right, true, true },
	[CMD_UP] =		{ cmd_up, true, true },
	[CMD_DOWN] =		{ cmd_down, true, true },
	[CMD_PAGE_UP] =		{ cmd_page_up, true, true },
	[CMD_PAGE_DOWN] =	{ cmd_page_down, true, true },
	[CMD_LINE_START] =	{ cmd_line_start, true, true },
	[CMD_LINE_END] =	{ cmd_line_end, true, true },
	[CMD_GOTO] =		{ cmd_goto, true, false },
	[CMD_END] =		{ cmd_end, true, true },
	[CMD_START] =		{ cmd_start, true, true },
	[CMD_FIND] =		{ cmd_find, true, false },
	[CMD_RFIND] =		{ cmd_rfind, true, false },
	[CMD_REGEX] =		{ cmd_regex, true, false },
	[CMD_RREGEX] =		{ cmd_rregex, true, false },
	[CMD_NEXT] =		{ cmd_next, true, false },
	[CMD_PREV] =		{ cmd_prev, true, false },
	[CMD_SWITCH_PANE] =	{ cmd_switch_pane, false, false },
	[CMD_TOGGLE_VIEW] =	{ cmd_toggle_view, false, false },
	[CMD_TOGGLE_INSPECTOR] = { cmd_toggle_inspector, false, false },
	[CMD_SET_MARK] =	{ cmd_set_mark, true, false },
	[CMD_JUMP_MARK] =	{ cmd_jump_mark, true, false },
	[CMD_REDRAW] =		{ cmd_redraw, false, false },
	[CMD_HELP] =		{ cmd_help, false, false },
	[CMD_QUIT] =		{ cmd_quit, false, false },
	[CMD_QUIT_DISCARD] =	{ cmd_quit_discard, false, false },
	[CMD_SCROLL_UP] =	{ cmd_scroll_up, true, true },
	[CMD_SCROLL_DOWN] =	{ cmd_scroll_down, true, true },
	[CMD_OVERWRITE] =	{ cmd_overwrite, true, false, true },
	[CMD_UNDO] =		{ cmd_undo, false, false, true },
	[CMD_REDO] =		{ cmd_redo, false, false, true },
	[CMD_FLUSH] =		{ cmd_flush, false, false, true },
	[CMD_TOGGLE_SESSION] =	{ cmd_toggle_session, false, false, true },
	[CMD_PASTE] =		{ cmd_paste, true, false, true },
	[CMD_FILL] =		{ cmd_fill, true, false, true },
	[CMD_INSERT] =		{ cmd_insert, false, false, true },
	[CMD_TOGGLE_INSERT] =	{ cmd_toggle_insert, false, false, true },
	[CMD_DELETE] =		{ cmd_delete, true, false, true },
	[CMD_BACKSPACE] =	{ cmd_backspace, false, true, true },
	[CMD_CUT] =		{ cmd_cut, true, false, true },
	[CMD_PASTE_INSERT] =	{ cmd_paste_insert, false, false, true },
	[CMD_SELECT] =		{ cmd_select, true, false, false },
	[CMD_COPY] =		{ cmd_copy, true, false, false },
	[CMD_WRITE_SELECTION] =	{ cmd_write_selection, true, false, false },
	[CMD_TOGGLE_LINE_NUMBERS] = { cmd_toggle_line_numbers, false, false },
	[CMD_OPEN] =		{ cmd_open, false, false },
	[CMD_SKIP_NEXT] =	{ cmd_skip_next, true, false },
	[CMD_SKIP_PREV] =	{ cmd_skip_prev, true, false },
	[CMD_TOGGLE_OVERVIEW] =	{ cmd_toggle_overview, false, false },
	[CMD_LIST_MATCHES] =	{ cmd_list_matches, true, false },
	[CMD_LEAVE_MODE] =	{ cmd_leave_mode, false, false, false },
	[CMD_SUSPEND] =		{ cmd_suspend, false, false },
	[CMD_DIFF_NEXT] =	{ cmd_diff_next, false, false },
	[CMD_DIFF_PREV] =	{ cmd_diff_prev, false, false },
	[CMD_OTHER_FILE] =	{ cmd_other_file, false, false },
	/* > checks the other file's session itself. */
	[CMD_DIFF_PUT] =	{ cmd_diff_put, false, false },
	[CMD_DIFF_GET] =	{ cmd_diff_get, false, false, true },
};

/* Is cmd refused in a read-only session?  See editor.h. */
bool
editor_command_edits(enum command cmd)
{
	return (unsigned)cmd < CMD_MAX && commands[cmd].edits;
}

/* The key table of each mode. */
static const enum keymap_mode mode_keymap[] = {
	[INPUT_NORMAL] = KEYMAP_NORMAL,
	[INPUT_SELECT] = KEYMAP_SELECT,
	[INPUT_OVERWRITE] = KEYMAP_OVERWRITE,
};

/*
 * A key in one of the modes: the command bound to it in the mode's table;
 * in overwrite mode a key without one is typed over the cursor byte.
 * Only a hex digit typed right after a byte's high nibble, on that byte,
 * goes into its low nibble: a cursor moved meanwhile drops the half byte.
 */
static void
command_key(struct editor *ed, int key)
{
	const struct command_entry *ce;
	bool low = ed->low_nibble && ed->nibble_at == ed->cursor;
	enum command c;

	ed->low_nibble = false;
	ed->half_typed = low;
	c = keymap_lookup(mode_keymap[ed->input], key);
	if (c == CMD_NONE && ed->input == INPUT_OVERWRITE) {
		overwrite_key(ed, key, low);
		return;
	}
	ce = &commands[c];
	/* A command ends the typing run (see ed_run_end()). */
	if (c != CMD_BACKSPACE && c != CMD_TOGGLE_INSERT)
		ed_run_end(ed);
	if (c == CMD_NONE || ce->exec == NULL) {
		char hint[32];

		ed_hint(hint, sizeof(hint), mode_keymap[ed->input], CMD_HELP,
		    "for help");
		ed_msg(ed, true, "key %s not bound%s%s", keymap_key_name(key),
		    hint[0] != '\0' ? "; " : "", hint);
		return;
	}
	if (ce->edits && !ed_writable(ed)) {
		ed_refuse_read_only(ed);
		return;
	}
	/* A move stopped half-way: only finishing it may touch the file. */
	if (ce->edits && ed_part_moved(ed) && c != CMD_FLUSH) {
		ed_say_part_moved(ed);
		return;
	}
	if (ce->needs_data && ed_size(ed) == 0) {
		ed_msg(ed, true, "empty file");
		return;
	}
	ce->exec(ed);
	if (ce->moves)
		ed_scroll(ed);
}

/* Who takes a key in each input state; see enum input. */
static void (*const input_key[])(struct editor *, int) = {
	[INPUT_NORMAL] = command_key,
	[INPUT_SELECT] = command_key,
	[INPUT_OVERWRITE] = command_key,
	[INPUT_PROMPT] = prompt_key,
	[INPUT_QUESTION] = ask_key,
	[INPUT_MARK] = mark_key,
	[INPUT_HELP] = help_key,
	[INPUT_LIST] = list_key,
};

/* Is in a mode with its own key table (not a prompt, question, ...)? */
static bool
is_mode(enum input in)
{
	return in == INPUT_NORMAL || in == INPUT_SELECT ||
	    in == INPUT_OVERWRITE;
}

/* A prompt, a question, a mark letter or help takes the keys. */
void
ed_enter(struct editor *ed, enum input in)
{
	if (is_mode(ed->input))
		ed->under = ed->input;
	ed->input = in;
	/* A half-typed byte does not survive a detour. */
	ed->low_nibble = false;
}

/* ...and gives them back to the mode under it. */
void
ed_leave(struct editor *ed)
{
	if (!is_mode(ed->input))
		ed->input = ed->under;
}

/* The mode, under whatever takes the keys now. */
void
ed_set_mode(struct editor *ed, enum input mode)
{
	if (is_mode(ed->input))
		ed->input = mode;
	ed->under = mode;
	/* Insert mode ends with typing: the cursor is on a byte again. */
	if (mode != INPUT_OVERWRITE && ed->inserting) {
		ed->inserting = false;
		ed_relayout(ed);
		ed_scroll(ed);
	}
}

/* The mode under whatever takes keys; see editor.h. */
enum input
editor_mode(const struct editor *ed)
{
	return is_mode(ed->input) ? ed->input : ed->under;
}

/* Route one key; see editor.h. */
void
editor_key(struct editor *ed, int key)
{
	if (key == '\n')
		key = EK_ENTER;
	else if (key == EK_CTRL('H'))
		key = EK_BACKSPACE;
	ed->msg[0] = '\0';
	ed->msg_error = false;
	/* Its rows go with the message, before the key moves: a page is all. */
	editor_set_msg_rows(ed, 0);
	if (key == EK_RESIZE) {
		ed->redraw = true;
		return;
	}
	input_key[ed->input](ed, key);
	ed_lines_follow(ed);
}

/* Start viewing m; see editor.h. */
void
editor_init(struct editor *ed, struct mapping *m, int cols, int rows,
    size_t fixed_bpl, bool text_view)
{
	memset(ed, 0, sizeof(*ed));
	ed->m = m;
	ed->cols = cols;
	ed->rows = rows;
	ed->fixed_bpl = fixed_bpl;
	ed->view = text_view ? VIEW_TEXT : VIEW_HEX;
	ed->pane = PANE_HEX;
	ed->undo_keep = EDITOR_UNDO_KEEP;
	ed->overview = true;
	journal_init(&ed->journal);
	pieces_init(&ed->pieces, m->size);
	ed_relayout(ed);
	if (m->size == 0)
		ed_msg(ed, false, "empty file");
	else if (m->note != NULL)
		ed_msg(ed, false, "%s", m->note);
}

/* Free what the editor owns. */
void
editor_free(struct editor *ed)
{
	size_t k, i;

	for (k = 0; k < HISTORY_NKINDS; k++)
		for (i = 0; i < ed->history[k].n; i++)
			free(ed->history[k].items[i]);
	search_clear(&ed->search);
	journal_free(&ed->journal);
	ed_sizes_free(ed);
	editor_help_free(ed->help_lines);
	free(ed->clip);
	if (ed->mlog != NULL) {
		move_log_close(ed->mlog);	/* kept: a move to go on with */
		free(ed->mlog);
	}
	if (ed->jf != NULL) {
		jfile_close(ed->jf);
		free(ed->jf);
	}
	if (ed->found != NULL) {
		editor_found_free(ed->found);
		free(ed->found);
	}
	memset(ed, 0, sizeof(*ed));
}

/* The file's name as the status line shows it; see editor.h. */
const char *
editor_file_name(const struct editor *ed)
{
	const char *path = ed->m->path != NULL ? ed->m->path : "-";
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* The status line; see editor.h. */
/*
 * The status line's fields, in the order shown.  A terminal too narrow
 * for all of them goes without whole fields, least needed first
 * (status_drops), never a part of one: session, mode, offset, size and
 * the changed count always stay.
 */
enum {
	ST_NAME, ST_SESSION, ST_OFFSET, ST_DECIMAL, ST_SIZE, ST_PERCENT,
	ST_VIEW, ST_MODE, ST_CHANGED, ST_EXTRA, ST_MAX
};
static const int status_drops[] = {
	ST_EXTRA, ST_NAME, ST_VIEW, ST_PERCENT, ST_DECIMAL, ST_NAME
};

/* A long name is cut to its start and a ~ first, but not below this. */
#define STATUS_NAME_MIN	16

struct status_fields {
	char	f[ST_MAX][EDITOR_MSG_MAX / 2];
};

static void
status_fields(const struct editor *ed, const char *extra,
    struct status_fields *sf)
{
	const char *mode;
	size_t start, end;
	uint64_t abs, n, size, d;
	int64_t delta;
	long double pct;

	memset(sf, 0, sizeof(*sf));
	snprintf(sf->f[ST_NAME], sizeof(sf->f[0]), "%s", editor_file_name(ed));
	/* Said as long as it is true: a message would go with the next key. */
	snprintf(sf->f[ST_SESSION], sizeof(sf->f[0]), "%s%s",
	    session_name(ed->m->session),
	    ed->m->gone == GONE_DELETED ? "  DELETED" :
	    ed->m->gone == GONE_REPLACED ? "  REPLACED" :
	    ed->unjournaled && ed->m->session != SESSION_RO ?
	    "  NOT JOURNALED" : "");
	snprintf(sf->f[ST_VIEW], sizeof(sf->f[0]), "%s", ed->view ==
	    VIEW_TEXT ? "lines" : ed->pane == PANE_HEX ? "hex" : "text");
	if (editor_selection(ed, &start, &end))
		snprintf(sf->f[ST_MODE], sizeof(sf->f[0]), "select %zu",
		    end - start);
	else if ((mode = editor_mode_name(ed)) != NULL)
		snprintf(sf->f[ST_MODE], sizeof(sf->f[0]), "%s", mode);
	n = editor_changed_bytes(ed, &delta);
	d = delta < 0 ? (uint64_t)-delta : (uint64_t)delta;
	if (ed_part_moved(ed))
		snprintf(sf->f[ST_CHANGED], sizeof(sf->f[0]), "%s",
		    ed->move.stage == PIECES_MOVE_DONE ?
		    "[moved, not synced: w syncs]" : "[part moved: w goes on]");
	else if (ed_sized(ed))
		snprintf(sf->f[ST_CHANGED], sizeof(sf->f[0]), "[%c%" PRIu64
		    " byte%s, %" PRIu64 " changed]", delta < 0 ? '-' : '+', d,
		    ed_plural(d), n);
	else if (n > 0)
		snprintf(sf->f[ST_CHANGED], sizeof(sf->f[0]), "[%" PRIu64
		    " changed]", n);
	if (extra != NULL)
		snprintf(sf->f[ST_EXTRA], sizeof(sf->f[0]), "%s", extra);
	if (ed_size(ed) == 0) {
		snprintf(sf->f[ST_OFFSET], sizeof(sf->f[0]), "empty");
		return;
	}
	abs = ed->m->origin + ed->cursor;
	/* The size the file will have: the edits' size, where it is seen. */
	size = ed->m->file_size + (uint64_t)delta;
	snprintf(sf->f[ST_OFFSET], sizeof(sf->f[0]), "0x%0*" PRIx64,
	    ed->lay.offset_width, abs);
	snprintf(sf->f[ST_DECIMAL], sizeof(sf->f[0]), "%" PRIu64, abs);
	snprintf(sf->f[ST_SIZE], sizeof(sf->f[0]), "/ %" PRIu64, size);
	/*
	 * Of the file, as the offset and the size are (with -o/-l too),
	 * counting the cursor byte as seen: the last byte shows 100%.
	 */
	pct = size == 0 ? 100 : ((long double)abs + 1) * 100 / size;
	snprintf(sf->f[ST_PERCENT], sizeof(sf->f[0]), "(%u%%)",
	    pct > 100 ? 100 : (unsigned)pct);
}

/* The fields joined: one blank inside the position, two between the rest. */
static size_t
status_join(const struct status_fields *sf, char *buf, size_t len)
{
	size_t at = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < ST_MAX; i++) {
		if (sf->f[i][0] == '\0')
			continue;
		at += (size_t)snprintf(buf + (at < len ? at : len),
		    at < len ? len - at : 0, "%s%s", at == 0 ? "" :
		    i == ST_DECIMAL || i == ST_SIZE || i == ST_PERCENT ? " " :
		    "  ", sf->f[i]);
	}
	return at;
}

void
editor_status(const struct editor *ed, char *buf, size_t len)
{
	editor_status_fit(ed, NULL, SIZE_MAX, buf, len);
}

size_t
editor_status_fit(const struct editor *ed, const char *extra, size_t cols,
    char *buf, size_t len)
{
	struct status_fields sf;
	size_t n, over, name, cut;
	unsigned i;

	status_fields(ed, extra, &sf);
	n = status_join(&sf, buf, len);
	for (i = 0; i < ARRAY_LEN(status_drops) && n > cols; i++) {
		over = n - cols;
		name = strlen(sf.f[ST_NAME]);
		if (status_drops[i] != ST_NAME || i + 1 == ARRAY_LEN(status_drops))
			sf.f[status_drops[i]][0] = '\0';
		else if (name > STATUS_NAME_MIN) {
			cut = name - over > STATUS_NAME_MIN ? name - over :
			    STATUS_NAME_MIN;
			sf.f[ST_NAME][cut - 1] = '~';
			sf.f[ST_NAME][cut] = '\0';
		}
		n = status_join(&sf, buf, len);
	}
	return n;
}

/* The mode for the status line. */
const char *
editor_mode_name(const struct editor *ed)
{
	switch (editor_mode(ed)) {
	case INPUT_OVERWRITE:
		return ed->inserting ? "insert" : "overwrite";
	case INPUT_SELECT:
		return "select";
	default:
		return NULL;
	}
}
