/*
 * editor.c - the headless viewer core: keys in, state out.
 *
 * editor_key() routes a key to whoever is waiting for it (an open prompt,
 * a mark letter, the help screen) and otherwise looks its command up in
 * the one key table (keymap.c) and runs the handler of that command from
 * the table below.  Handlers change the cursor; scroll() then moves the
 * top just enough to keep the cursor on screen.  Every offset here is a
 * window offset; goto and the status line add the mapping's origin.
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

/* Rows a wheel step scrolls. */
#define WHEEL_ROWS	3

/* Set the status line message. */
static void __attribute__((format(printf, 3, 4)))
set_msg(struct editor *ed, bool is_error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ed->msg, sizeof(ed->msg), fmt, ap);
	va_end(ap);
	ed->msg_error = is_error;
}

/* The window bytes, for brevity. */
static const unsigned char *
data(const struct editor *ed)
{
	return ed->m->data;
}

/* The window size, for brevity. */
static size_t
size(const struct editor *ed)
{
	return ed->m->size;
}

/* Width of the text view: the whole terminal, at least one column. */
int
editor_text_width(const struct editor *ed)
{
	return ed->cols > 0 ? ed->cols : 1;
}

/* Short name for editor_text_width() inside this file. */
static int
text_width(const struct editor *ed)
{
	return editor_text_width(ed);
}

/* Data rows on screen, at least 1 for the movement arithmetic. */
static size_t
page_rows(const struct editor *ed)
{
	return ed->lay.view_rows > 0 ? (size_t)ed->lay.view_rows : 1;
}

/* Recompute the hex layout for the terminal size and the panels shown. */
static void
relayout(struct editor *ed)
{
	int reserved = ed->inspector ? inspect_panel_rows(ed->cols) : 0;

	layout_compute(&ed->lay, ed->cols, ed->rows, ed->m->origin,
	    ed->m->size, ed->fixed_bpl, reserved);
}

/*
 * When the text view's screen from top would end in blank rows, pull top
 * back so the last row is at the bottom, as the hex view does.  Walks only
 * the rows of one screen (and back one screen when it must).
 */
static void
text_clamp_top(struct editor *ed)
{
	size_t row = ed->top;
	long k, rows = (long)page_rows(ed);

	for (k = 1; k < rows; k++)
		if (!textview_next_row(data(ed), size(ed), row, text_width(ed),
		    &row))
			break;
	if (k == rows)
		return;
	row = textview_row_start(data(ed), size(ed), size(ed) - 1,
	    text_width(ed));
	for (k = 1; k < rows; k++)
		if (!textview_prev_row(data(ed), size(ed), row, text_width(ed),
		    &row))
			break;
	if (row < ed->top)
		ed->top = row;
}

/* Move top the least needed for the cursor to be on screen. */
static void
scroll(struct editor *ed)
{
	if (size(ed) == 0) {
		ed->cursor = ed->top = 0;
		return;
	}
	if (ed->cursor >= size(ed))
		ed->cursor = size(ed) - 1;
	if (ed->view == VIEW_HEX) {
		ed->top -= ed->top % ed->lay.bpl;
		/* No blank rows below the end when the view could be full. */
		if (ed->top > layout_max_top(&ed->lay))
			ed->top = layout_max_top(&ed->lay);
		ed->top = layout_keep_visible(&ed->lay, ed->top, ed->cursor);
	} else {
		if (ed->top >= size(ed))
			ed->top = size(ed) - 1;
		ed->top = textview_row_start(data(ed), size(ed), ed->top,
		    text_width(ed));
		text_clamp_top(ed);
		ed->top = textview_keep_visible(data(ed), size(ed), ed->top,
		    ed->cursor, text_width(ed), ed->lay.view_rows);
	}
}

/* Set the cursor (clamped) and scroll to it. */
void
editor_set_cursor(struct editor *ed, size_t off)
{
	ed->cursor = off;
	scroll(ed);
}

/* Start of the text view row holding the cursor. */
static size_t
cursor_row(const struct editor *ed)
{
	return textview_row_start(data(ed), size(ed), ed->cursor,
	    text_width(ed));
}

/*
 * Move the cursor n display rows down (n > 0) or up (n < 0) in the text
 * view, keeping its column where the rows allow.
 */
static void
text_move_rows(struct editor *ed, long n)
{
	size_t row, next;
	int col;

	row = cursor_row(ed);
	col = textview_col(data(ed), size(ed), row, ed->cursor, text_width(ed));
	for (; n > 0; n--) {
		if (!textview_next_row(data(ed), size(ed), row, text_width(ed),
		    &next))
			break;
		row = next;
	}
	for (; n < 0; n++) {
		if (!textview_prev_row(data(ed), size(ed), row, text_width(ed),
		    &next))
			break;
		row = next;
	}
	ed->cursor = textview_hit(data(ed), size(ed), row, col,
	    text_width(ed));
}

/* Move the text view's top n rows (either sign); returns rows moved. */
static long
text_move_top(struct editor *ed, long n)
{
	size_t next;
	long moved = 0;

	for (; n > 0; n--, moved++)
		if (!textview_next_row(data(ed), size(ed), ed->top,
		    text_width(ed), &next))
			break;
		else
			ed->top = next;
	for (; n < 0; n++, moved++)
		if (!textview_prev_row(data(ed), size(ed), ed->top,
		    text_width(ed), &next))
			break;
		else
			ed->top = next;
	return moved;
}

/* ---- command handlers ---------------------------------------------- */

/* Left, h: one byte back, stopping at the start. */
static void
cmd_left(struct editor *ed)
{
	if (ed->cursor > 0)
		ed->cursor--;
}

/* Right, l: one byte on, stopping at the last byte. */
static void
cmd_right(struct editor *ed)
{
	if (ed->cursor + 1 < size(ed))
		ed->cursor++;
}

/* Up, k: one line (hex) or display row (text view) up. */
static void
cmd_up(struct editor *ed)
{
	if (ed->view == VIEW_TEXT)
		text_move_rows(ed, -1);
	else if (ed->cursor >= ed->lay.bpl)
		ed->cursor -= ed->lay.bpl;
}

/* Down one line; onto the last byte when the next line is shorter. */
static void
cmd_down(struct editor *ed)
{
	size_t bpl = ed->lay.bpl;

	if (ed->view == VIEW_TEXT)
		text_move_rows(ed, 1);
	else if (ed->cursor / bpl + 1 < layout_nrows(&ed->lay))
		ed->cursor = ed->cursor + bpl < size(ed) ?
		    ed->cursor + bpl : size(ed) - 1;
}

/* The view and the cursor both move one screenful, as in less. */
static void
cmd_page_down(struct editor *ed)
{
	size_t page, max;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, (long)page_rows(ed));
		text_move_rows(ed, (long)page_rows(ed));
		return;
	}
	page = page_rows(ed) * ed->lay.bpl;
	max = layout_max_top(&ed->lay);
	ed->top = max - ed->top > page ? ed->top + page : max;
	if (ed->cursor / ed->lay.bpl + 1 < layout_nrows(&ed->lay))
		ed->cursor = size(ed) - ed->cursor > page ?
		    ed->cursor + page : size(ed) - 1;
}

/*
 * PgUp, b, Ctrl-B: the view and the cursor one screenful back; at the
 * top the cursor keeps its column on the first line.
 */
static void
cmd_page_up(struct editor *ed)
{
	size_t page;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, -(long)page_rows(ed));
		text_move_rows(ed, -(long)page_rows(ed));
		return;
	}
	page = page_rows(ed) * ed->lay.bpl;
	ed->top = ed->top > page ? ed->top - page : 0;
	ed->cursor = ed->cursor >= page ? ed->cursor - page :
	    ed->cursor % ed->lay.bpl;
}

/* Home, 0: first byte of the hex line or of the display row. */
static void
cmd_line_start(struct editor *ed)
{
	if (ed->view == VIEW_TEXT)
		ed->cursor = cursor_row(ed);
	else
		ed->cursor -= ed->cursor % ed->lay.bpl;
}

/* End, $: last byte of the hex line or of the display row. */
static void
cmd_line_end(struct editor *ed)
{
	size_t e;

	if (ed->view == VIEW_TEXT)
		e = textview_row_end(data(ed), size(ed), cursor_row(ed),
		    text_width(ed));
	else
		e = ed->cursor - ed->cursor % ed->lay.bpl + ed->lay.bpl;
	ed->cursor = (e < size(ed) ? e : size(ed)) - 1;
}

/* G: the last byte. */
static void
cmd_end(struct editor *ed)
{
	ed->cursor = size(ed) - 1;
}

/* Wheel: the view moves WHEEL_ROWS rows, the cursor only if it must. */
static void
wheel(struct editor *ed, long rows)
{
	size_t step, max, bottom, row;
	long k;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, rows);
		if (ed->cursor < ed->top) {
			ed->cursor = ed->top;
			return;
		}
		row = ed->top;
		for (k = 1; k < (long)page_rows(ed); k++)
			if (!textview_next_row(data(ed), size(ed), row,
			    text_width(ed), &row))
				break;
		bottom = textview_row_end(data(ed), size(ed), row,
		    text_width(ed));
		if (ed->cursor >= bottom)
			ed->cursor = row;
		return;
	}
	step = (size_t)(rows < 0 ? -rows : rows) * ed->lay.bpl;
	max = layout_max_top(&ed->lay);
	if (rows < 0)
		ed->top = ed->top > step ? ed->top - step : 0;
	else
		ed->top = max - ed->top > step ? ed->top + step : max;
	if (ed->cursor < ed->top)
		ed->cursor = ed->top + ed->cursor % ed->lay.bpl;
	bottom = ed->top + page_rows(ed) * ed->lay.bpl;
	if (ed->cursor >= bottom)
		ed->cursor = bottom - ed->lay.bpl + ed->cursor % ed->lay.bpl;
	if (ed->cursor >= size(ed))
		ed->cursor = size(ed) - 1;
}

/* Wheel up. */
static void
cmd_scroll_up(struct editor *ed)
{
	wheel(ed, -WHEEL_ROWS);
}

/* Wheel down. */
static void
cmd_scroll_down(struct editor *ed)
{
	wheel(ed, WHEEL_ROWS);
}

/* Is the find prompt about to take hex (the hex pane of the hex view)? */
static bool
wants_hex(const struct editor *ed)
{
	return ed->view == VIEW_HEX && ed->pane == PANE_HEX;
}

/* Label of the open prompt: what it does, and for find whether hex or text. */
static void
prompt_relabel(struct editor *ed)
{
	struct prompt *p = &ed->prompt;
	const char *what;

	switch (p->kind) {
	case PROMPT_GOTO:
		what = "goto";
		break;
	case PROMPT_FIND:
		what = p->hex ? "find hex" : "find text";
		break;
	case PROMPT_RFIND:
		what = p->hex ? "find hex backward" : "find text backward";
		break;
	case PROMPT_REGEX:
		what = "regex";
		break;
	case PROMPT_RREGEX:
		what = "regex backward";
		break;
	case PROMPT_FILL:
		what = p->hex ? "fill hex" : "fill text";
		break;
	case PROMPT_WRITE_AS:
		what = "write the file to";
		break;
	default:
		what = "";
		break;
	}
	snprintf(p->label, sizeof(p->label), "%s: ", what);
}

/* The history a prompt kind shares. */
static struct history *
prompt_history(struct editor *ed, enum prompt_kind k)
{
	switch (k) {
	case PROMPT_GOTO:
		return &ed->history[HISTORY_GOTO];
	case PROMPT_FIND:
	case PROMPT_RFIND:
		return &ed->history[HISTORY_FIND];
	case PROMPT_FILL:
		return &ed->history[HISTORY_FILL];
	case PROMPT_WRITE_AS:
		return &ed->history[HISTORY_PATH];
	default:
		return &ed->history[HISTORY_REGEX];
	}
}

/* Open an empty prompt of kind k. */
static void
prompt_open(struct editor *ed, enum prompt_kind k)
{
	struct prompt *p = &ed->prompt;

	memset(p, 0, sizeof(*p));
	p->kind = k;
	p->hex = wants_hex(ed);
	p->hist_pos = prompt_history(ed, k)->n;
	prompt_relabel(ed);
}

/* g: the goto prompt. */
static void
cmd_goto(struct editor *ed)
{
	prompt_open(ed, PROMPT_GOTO);
}

/* f: the find prompt, hex or text by the pane. */
static void
cmd_find(struct editor *ed)
{
	prompt_open(ed, PROMPT_FIND);
}

/* F: the backward find prompt. */
static void
cmd_rfind(struct editor *ed)
{
	prompt_open(ed, PROMPT_RFIND);
}

/* /: the regex prompt. */
static void
cmd_regex(struct editor *ed)
{
	prompt_open(ed, PROMPT_REGEX);
}

/* ?: the backward regex prompt. */
static void
cmd_rregex(struct editor *ed)
{
	prompt_open(ed, PROMPT_RREGEX);
}

/* Forget the last search. */
static void
search_clear(struct search *s)
{
	free(s->typed);
	finder_free(s->finder);
	pattern_free(&s->pat);
	regex_free(s->re);
	memset(s, 0, sizeof(*s));
}

/* Land on a match. */
static void
land(struct editor *ed, size_t at, size_t len)
{
	ed->match.at = at;
	ed->match.len = len;
	ed->has_match = true;
	editor_set_cursor(ed, at);
}

/*
 * The last bytes search from the cursor: forward, the first match
 * starting after the cursor, else (*wrapped) the first in the file, which
 * then starts at or before the cursor, so the scan stops there.
 * Backward, the last match starting before the cursor (it may end past
 * it), else the last in the file.
 */
static enum scan_result
search_bytes(struct editor *ed, bool backward, size_t *at, bool *wrapped)
{
	const struct finder *f = ed->search.finder;
	size_t n = size(ed), c = ed->cursor, len = ed->search.pat.len, end;
	enum scan_result r;

	*wrapped = false;
	if (!backward) {
		r = finder_find(f, data(ed), n, c + 1, at, ed->progress);
		if (r != SCAN_NOT_FOUND)
			return r;
		*wrapped = true;
		end = n - c > len ? c + len : n;
		return finder_find(f, data(ed), end, 0, at, ed->progress);
	}
	end = n - c > len - 1 ? c + len - 1 : n;
	r = finder_rfind(f, data(ed), end, at, ed->progress);
	if (r != SCAN_NOT_FOUND)
		return r;
	*wrapped = true;
	return finder_rfind(f, data(ed), n, at, ed->progress);
}

/*
 * The last regex search from the cursor, as search_bytes().  Empty
 * matches count (^ finds line starts), except one at the very end of the
 * window where there is no byte to put the cursor on.
 */
static enum scan_result
search_regex(struct editor *ed, bool backward, size_t *at, size_t *len,
    bool *wrapped, struct error *err)
{
	struct regex *re = ed->search.re;
	size_t n = size(ed), c = ed->cursor;
	enum scan_result r;

	*wrapped = false;
	if (!backward) {
		r = regex_find(re, data(ed), n, c + 1, false, at, len,
		    ed->progress, err);
		if (r == SCAN_FOUND && *at >= n)
			r = SCAN_NOT_FOUND;
		if (r != SCAN_NOT_FOUND)
			return r;
		*wrapped = true;
		r = regex_find(re, data(ed), n, 0, false, at, len,
		    ed->progress, err);
		return r == SCAN_FOUND && *at >= n ? SCAN_NOT_FOUND : r;
	}
	r = regex_rfind(re, data(ed), n, c, at, len, ed->progress, err);
	if (r != SCAN_NOT_FOUND)
		return r;
	*wrapped = true;
	return regex_rfind(re, data(ed), n, n, at, len, ed->progress, err);
}

/*
 * Run the last search from the cursor, backward or not, and land on the
 * match with "search wrapped" when it came round from the other end.  A
 * miss, a cancelled scan or an error moves nothing and says why.
 */
static void
search_run(struct editor *ed, bool backward)
{
	size_t at = 0, len = 0;
	enum scan_result r;
	struct error err;
	bool wrapped;

	if (size(ed) == 0) {
		set_msg(ed, true, "empty file");
		return;
	}
	memset(&err, 0, sizeof(err));
	/* A scan reads ahead; browsing afterwards jumps around again. */
	mapping_advise_sequential(ed->m, true);
	if (ed->search.kind == SEARCH_REGEX)
		r = search_regex(ed, backward, &at, &len, &wrapped, &err);
	else {
		len = ed->search.pat.len;
		r = search_bytes(ed, backward, &at, &wrapped);
	}
	mapping_advise_sequential(ed->m, false);
	switch (r) {
	case SCAN_FOUND:
		land(ed, at, len);
		if (wrapped)
			set_msg(ed, false, "search wrapped");
		break;
	case SCAN_NOT_FOUND:
		set_msg(ed, true, "not found: %s", ed->search.typed);
		break;
	case SCAN_CANCELLED:
		set_msg(ed, true, "search cancelled");
		break;
	case SCAN_ERROR:
		set_msg(ed, true, "%s", err.msg);
		break;
	}
}

/* n and N: the last search again, in its direction or the other. */
static void
repeat_search(struct editor *ed, bool flip)
{
	if (ed->search.kind == SEARCH_NONE) {
		set_msg(ed, true, "no previous search");
		return;
	}
	search_run(ed, ed->search.backward != flip);
}

/* n: the last search again, same direction. */
static void
cmd_next(struct editor *ed)
{
	repeat_search(ed, false);
}

/* N: the last search again, the other direction. */
static void
cmd_prev(struct editor *ed)
{
	repeat_search(ed, true);
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
	scroll(ed);
}

/*
 * i: the inspector panel takes rows from the data area, or gives them
 * back.
 */
static void
cmd_toggle_inspector(struct editor *ed)
{
	ed->inspector = !ed->inspector;
	relayout(ed);
	scroll(ed);
}

/* m: wait for the mark letter. */
static void
cmd_set_mark(struct editor *ed)
{
	ed->pending = PENDING_SET_MARK;
	set_msg(ed, false, "set mark: a-z");
}

/* ': wait for the mark letter. */
static void
cmd_jump_mark(struct editor *ed)
{
	ed->pending = PENDING_JUMP_MARK;
	set_msg(ed, false, "jump to mark: a-z");
}

/* Ctrl-L: ask the UI to repaint everything. */
static void
cmd_redraw(struct editor *ed)
{
	ed->redraw = true;
}

/* F1, H: show or hide the help screen, from its top. */
static void
cmd_help(struct editor *ed)
{
	ed->help = !ed->help;
	ed->help_top = 0;
}

/* ---- editing ------------------------------------------------------------ */

/* "1 byte", "12 bytes". */
static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* Are the bytes editable at all (not a read-only session)? */
static bool
writable(const struct editor *ed)
{
	return ed->m->session != SESSION_RO;
}

/* What an editing key says in a read-only session. */
static void
refuse_read_only(struct editor *ed)
{
	if (ed->m->note != NULL)
		set_msg(ed, true, "read-only session (%s)", ed->m->note);
	else
		set_msg(ed, true, "read-only session");
}

/* Put a question to the user; the next key answers it (ask_key()). */
static void __attribute__((format(printf, 3, 4)))
ask(struct editor *ed, enum ask what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ed->question, sizeof(ed->question), fmt, ap);
	va_end(ap);
	ed->ask = what;
	set_msg(ed, false, "%s", ed->question);
}

/*
 * The one way bytes change: record [off, off + len) old and new in the
 * journal (joining the open group when join, else starting a new one),
 * then write through the session.  On failure nothing changed and the
 * message says why, except for what a failing write-through write got to
 * the file before it failed: that much stays recorded, to be undone.
 * The group stays open: callers close it when the undo step is complete.
 */
static int
edit_write(struct editor *ed, size_t off, const void *buf, size_t len,
    bool join)
{
	struct error err;
	size_t done;

	if (!join)
		journal_close(&ed->journal);
	if (journal_record(&ed->journal, off, len, data(ed) + off, buf) == -1) {
		set_msg(ed, true, "not enough memory to keep %zu byte%s for undo: "
		    "nothing changed", len, plural(len));
		return -1;
	}
	if (mapping_write(ed->m, off, buf, len, &done, &err) == -1) {
		/* What reached the file (a full disk) stays undoable. */
		journal_trim_last(&ed->journal, done);
		if (done > 0)
			set_msg(ed, true, "%s; u undoes the %zu byte%s written",
			    err.msg, done, plural(done));
		else
			set_msg(ed, true, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* Where undo and redo write: the mapping, and the error if it fails. */
struct apply_ctx {
	struct editor	*ed;
	struct error	 err;
	struct dirty	 skipped;	/* bytes past the end of the window */
};

/*
 * journal_apply_fn: undo and redo write through the session too.  An
 * entry past the end of a file that shrank is skipped (and counted), so
 * the older edits can still be undone.
 */
static int
apply_bytes(void *ctx, size_t off, const unsigned char *bytes, size_t len)
{
	struct apply_ctx *a = ctx;
	size_t n = size(a->ed);

	if (off >= n || len > n - off) {
		size_t keep = off >= n ? 0 : n - off;

		dirty_add(&a->skipped, off + keep, bytes + keep, len - keep);
		len = keep;
	}
	if (len == 0)
		return 0;
	return mapping_write(a->ed->m, off, bytes, len, NULL, &a->err);
}

/* u and Ctrl-R: one step back or forth; the cursor goes to the edit. */
static void
undo_redo(struct editor *ed, bool redo)
{
	struct apply_ctx a;
	size_t at = 0, bytes = 0, skipped;
	int r;

	memset(&a, 0, sizeof(a));
	a.ed = ed;
	dirty_init(&a.skipped);
	r = redo ? journal_redo(&ed->journal, apply_bytes, &a, &at, &bytes) :
	    journal_undo(&ed->journal, apply_bytes, &a, &at, &bytes);
	skipped = (size_t)a.skipped.bytes;
	dirty_free(&a.skipped);
	if (r == 0) {
		set_msg(ed, true, redo ? "nothing to redo" : "nothing to undo");
		return;
	}
	if (r == -1) {
		set_msg(ed, true, "%s failed, nothing changed: %s",
		    redo ? "redo" : "undo", a.err.msg);
		return;
	}
	editor_set_cursor(ed, at);
	if (skipped > 0) {
		bytes = bytes > skipped ? bytes - skipped : 0;
		set_msg(ed, true, "%s %zu byte%s at 0x%" PRIx64 "; %zu byte%s "
		    "past the end of the file skipped", redo ? "redone:" :
		    "undone:", bytes, plural(bytes), ed->m->origin + at,
		    skipped, plural(skipped));
		return;
	}
	set_msg(ed, false, "%s %zu byte%s at 0x%" PRIx64 " (%zu more to %s)",
	    redo ? "redone:" : "undone:", bytes, plural(bytes),
	    ed->m->origin + at, redo ? journal_redo_steps(&ed->journal) :
	    journal_undo_steps(&ed->journal), redo ? "redo" : "undo");
}

/* u: undo the last edit. */
static void
cmd_undo(struct editor *ed)
{
	undo_redo(ed, false);
}

/* Ctrl-R: redo the last undone edit. */
static void
cmd_redo(struct editor *ed)
{
	undo_redo(ed, true);
}

/*
 * Flush the dirty bytes; 0 when they are durable (or there were none),
 * -1 with the message set when they stay dirty, ready to retry.
 */
static int
flush(struct editor *ed, const char *on_failure)
{
	uint64_t n = ed->m->dirty.bytes;
	struct error err;

	if (n == 0)
		return 0;
	if (mapping_flush(ed->m, &err) == -1) {
		uint64_t done = n - ed->m->dirty.bytes;

		if (done > 0)
			set_msg(ed, true, "%s: flushed %" PRIu64 " byte%s, not "
			    "the rest: %s", on_failure, done, plural(done),
			    err.msg);
		else
			set_msg(ed, true, "%s: %s", on_failure, err.msg);
		return -1;
	}
	set_msg(ed, false, "flushed %" PRIu64 " byte%s", n, plural(n));
	return 0;
}

/*
 * Everything this session changed, flushed or not, with the bytes the view
 * shows there: what must reach a file that replaces ours on disk.
 */
static void
session_edits(const struct editor *ed, struct dirty *set)
{
	const struct journal *j = &ed->journal;
	size_t n, i;

	dirty_init(set);
	/* Applied groups hold entries [0, start of the first undone group). */
	if (j->done < j->ngroups)
		n = j->group[j->done];
	else
		n = j->ne;
	for (i = 0; i < n; i++) {
		const struct journal_entry *e = &j->e[i];

		if (e->off < size(ed))
			dirty_add(set, e->off, data(ed) + e->off,
			    e->len < size(ed) - e->off ? e->len :
			    size(ed) - e->off);
	}
	for (i = 0; i < ed->m->dirty.n; i++) {
		const struct range *r = &ed->m->dirty.r[i];

		if (r->start < size(ed))
			dirty_add(set, r->start, r->bytes, (r->end < size(ed) ?
			    r->end : size(ed)) - r->start);
	}
}

/* The path names another file now, or none: where should the edits go? */
static void
ask_where(struct editor *ed, enum ask what)
{
	struct dirty set;
	uint64_t n;

	session_edits(ed, &set);
	n = set.bytes;
	dirty_free(&set);
	if (n == 0) {
		if (what == ASK_GONE_QUIT)
			ed->quit = true;
		else
			set_msg(ed, false, "nothing to flush");
		return;
	}
	if (ed->m->gone == GONE_REPLACED)
		ask(ed, what, "%s was replaced on disk, %" PRIu64 " edited "
		    "byte%s only here: write to (t)he new one, (a)nother path, "
		    "%s(c)ancel", editor_file_name(ed), n, plural(n),
		    what == ASK_GONE_QUIT ? "(d)iscard and quit, " : "");
	else
		ask(ed, what, "%s was deleted, %" PRIu64 " edited byte%s only "
		    "here: write to (a)nother path, %s(c)ancel",
		    editor_file_name(ed), n, plural(n), what == ASK_GONE_QUIT ?
		    "(d)iscard and quit, " : "");
}

/* w, F2, Ctrl-S: make the edits reach the file. */
static void
cmd_flush(struct editor *ed)
{
	if (ed->m->gone != GONE_NO) {
		ask_where(ed, ASK_GONE_FLUSH);
		return;
	}
	if (ed->m->dirty.bytes == 0) {
		set_msg(ed, false, "nothing to flush");
		return;
	}
	(void)flush(ed, "flush failed, edits kept");
}

/* Switch the session to s, keeping every edit, and say so. */
static void
switch_session(struct editor *ed, enum session s)
{
	uint64_t n = ed->m->dirty.bytes;
	struct error err;

	if (mapping_set_session(ed->m, s, &err) == -1) {
		set_msg(ed, true, "%s", err.msg);
		return;
	}
	if (s == SESSION_COW)
		set_msg(ed, false, "copy-on-write: edits stay private until "
		    "flushed");
	else if (n > 0)
		set_msg(ed, false, "write-through: %" PRIu64 " changed byte%s "
		    "written to the file, flush makes them durable", n,
		    plural(n));
	else
		set_msg(ed, false, "write-through: edits reach the file at once");
}

/*
 * M: copy-on-write <-> write-through.  Leaving copy-on-write with
 * unflushed edits writes them to the file, so it asks first.
 */
static void
cmd_toggle_session(struct editor *ed)
{
	uint64_t n = ed->m->dirty.bytes;

	if (ed->m->in_memory || !ed->m->fd_writable) {
		set_msg(ed, true, "%s: cannot switch to write-through",
		    ed->m->note != NULL ? ed->m->note : "read into memory");
		return;
	}
	if (ed->m->session == SESSION_WT) {
		switch_session(ed, SESSION_COW);
		return;
	}
	if (n == 0) {
		switch_session(ed, SESSION_WT);
		return;
	}
	ask(ed, ASK_SWITCH_WT, "write %" PRIu64 " changed byte%s to the file "
	    "and switch to write-through? (y/n)", n, plural(n));
}

/* R, Enter: overwrite mode (a selection ends). */
static void
cmd_overwrite(struct editor *ed)
{
	ed->mode = MODE_OVERWRITE;
	ed->selecting = false;
	set_msg(ed, false, "overwrite: type over the bytes, Esc leaves");
}

/* Esc: overwrite mode or the selection ends. */
static void
cmd_leave_mode(struct editor *ed)
{
	ed->mode = MODE_NORMAL;
	ed->selecting = false;
}

/* v: start a selection at the cursor, or end the one shown. */
static void
cmd_select(struct editor *ed)
{
	if (ed->selecting) {
		ed->selecting = false;
		return;
	}
	ed->selecting = true;
	ed->sel_anchor = ed->cursor;
	set_msg(ed, false, "select: move to extend, y copies, = fills, "
	    "Esc cancels");
}

/*
 * y: copy the selection's bytes.  The clipboard is a copy, not a
 * reference: a paste over the bytes it came from (mmap move) must still
 * write what was copied.
 */
static void
cmd_copy(struct editor *ed)
{
	size_t start, end;
	unsigned char *p;

	if (!editor_selection(ed, &start, &end)) {
		set_msg(ed, true, "nothing selected: v starts a selection");
		return;
	}
	/* A selection may be huge: running out of memory is a message. */
	if ((p = malloc(end - start)) == NULL) {
		set_msg(ed, true, "not enough memory to copy %zu bytes",
		    end - start);
		return;
	}
	memcpy(p, data(ed) + start, end - start);
	free(ed->clip);
	ed->clip = p;
	ed->clip_len = end - start;
	ed->selecting = false;
	set_msg(ed, false, "copied %zu byte%s", ed->clip_len,
	    plural(ed->clip_len));
}

/*
 * p: write the clipboard over the bytes from the cursor on, as one undo
 * step, clipped at the end of the window.  The cursor stays.
 */
static void
cmd_paste(struct editor *ed)
{
	size_t n;

	if (ed->clip == NULL) {
		set_msg(ed, true, "nothing copied: v selects, y copies");
		return;
	}
	n = size(ed) - ed->cursor;
	if (n > ed->clip_len)
		n = ed->clip_len;
	ed->selecting = false;
	if (edit_write(ed, ed->cursor, ed->clip, n, false) == -1)
		return;
	journal_close(&ed->journal);
	if (n < ed->clip_len)
		set_msg(ed, true, "pasted %zu of %zu bytes: end of file", n,
		    ed->clip_len);
	else
		set_msg(ed, false, "pasted %zu byte%s", n, plural(n));
}

/* =: the fill prompt; Enter fills the selection, or the cursor byte. */
static void
cmd_fill(struct editor *ed)
{
	prompt_open(ed, PROMPT_FILL);
	ed->prompt.hex = true;
	prompt_relabel(ed);
}

/* The fill prompt's Enter: the pattern repeated over the range, one step. */
static void
run_fill(struct editor *ed, const char *line, bool hex)
{
	struct pattern pat;
	struct error err;
	size_t start, end, len, i;
	unsigned char *buf;
	int rc;

	memset(&pat, 0, sizeof(pat));
	rc = hex ? pattern_parse_hex(&pat, line, &err) :
	    pattern_parse_text(&pat, line, &err);
	if (rc == -1) {
		set_msg(ed, true, "fill: %s", err.msg);
		return;
	}
	if (pat.mask != NULL) {
		set_msg(ed, true, "fill: ?? is not a byte to write");
		pattern_free(&pat);
		return;
	}
	if (!editor_selection(ed, &start, &end)) {
		start = ed->cursor;
		end = start + 1;
	}
	len = end - start;
	if ((buf = malloc(len)) == NULL) {
		set_msg(ed, true, "fill: not enough memory for %zu bytes", len);
		pattern_free(&pat);
		return;
	}
	for (i = 0; i < len; i += pat.len)
		memcpy(buf + i, pat.bytes, len - i < pat.len ? len - i : pat.len);
	pattern_free(&pat);
	if (edit_write(ed, start, buf, len, false) == 0) {
		journal_close(&ed->journal);
		ed->selecting = false;
		set_msg(ed, false, "filled %zu byte%s", len, plural(len));
	}
	free(buf);
}

/* Does typing go to the text (the text pane, or the line view)? */
static bool
types_text(const struct editor *ed)
{
	return ed->view == VIEW_TEXT || ed->pane == PANE_TEXT;
}

/* After the byte is complete: on to the next one (the last byte stays). */
static void
advance(struct editor *ed)
{
	if (ed->cursor + 1 < size(ed))
		ed->cursor++;
	scroll(ed);
}

/*
 * A key overwrite mode has no binding for: typed over the cursor byte.
 * In the hex pane a hex digit replaces the high nibble, then (low set)
 * the low one and the cursor moves on; both nibbles are one undo step.
 * In the text pane a printable character replaces the byte.
 */
static void
overwrite_key(struct editor *ed, int key, bool low)
{
	bool was_dirty;
	unsigned char b;
	int d;

	if (size(ed) == 0) {
		set_msg(ed, true, "empty file");
		return;
	}
	if (types_text(ed)) {
		if (key < 0x20 || key > 0x7e) {
			set_msg(ed, true, "key %s: only printable characters "
			    "are typed here; the hex pane takes any byte",
			    keymap_key_name(key));
			return;
		}
		b = (unsigned char)key;
		if (edit_write(ed, ed->cursor, &b, 1, false) == 0) {
			journal_close(&ed->journal);
			advance(ed);
		}
		return;
	}
	if ((d = hex_digit_value(key)) == -1) {
		set_msg(ed, true, "key %s: not a hex digit (Esc leaves overwrite "
		    "mode)", keymap_key_name(key));
		ed->low_nibble = low;
		return;
	}
	if (!low) {
		b = (unsigned char)((data(ed)[ed->cursor] & 0x0f) | d << 4);
		was_dirty = editor_changed(ed, ed->cursor);
		if (edit_write(ed, ed->cursor, &b, 1, false) == 0) {
			ed->low_nibble = true;
			ed->nibble_at = ed->cursor;
			ed->nibble_was_dirty = was_dirty;
		}
		return;
	}
	b = (unsigned char)((data(ed)[ed->cursor] & 0xf0) | d);
	if (edit_write(ed, ed->cursor, &b, 1, true) == 0)
		advance(ed);
	journal_close(&ed->journal);
}

/* q: quit, asking about unflushed copy-on-write edits; WT flushes first. */
static void
cmd_quit(struct editor *ed)
{
	uint64_t n = ed->m->dirty.bytes;

	/* What was flushed went to a file no path names: as if it never was. */
	if (ed->m->gone != GONE_NO && ed->m->session != SESSION_RO) {
		ask_where(ed, ASK_GONE_QUIT);
		return;
	}
	if (n == 0 || ed->m->session == SESSION_RO) {
		ed->quit = true;
		return;
	}
	if (ed->m->session == SESSION_WT) {
		if (flush(ed, "flush failed, not quitting (Q quits)") == 0)
			ed->quit = true;
		return;
	}
	ask(ed, ASK_QUIT, "%" PRIu64 " unflushed byte%s: (f)lush and quit, "
	    "(d)iscard, (c)ancel", n, plural(n));
}

/* Q: quit, discarding unflushed copy-on-write edits, without a question. */
static void
cmd_quit_discard(struct editor *ed)
{
	ed->quit = true;
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
	[CMD_UNDO] =		{ cmd_undo, true, false, true },
	[CMD_REDO] =		{ cmd_redo, true, false, true },
	[CMD_FLUSH] =		{ cmd_flush, false, false, true },
	[CMD_TOGGLE_SESSION] =	{ cmd_toggle_session, false, false, true },
	[CMD_PASTE] =		{ cmd_paste, true, false, true },
	[CMD_FILL] =		{ cmd_fill, true, false, true },
	[CMD_SELECT] =		{ cmd_select, true, false, false },
	[CMD_COPY] =		{ cmd_copy, true, false, false },
	[CMD_LEAVE_MODE] =	{ cmd_leave_mode, false, false, false },
};

/* ---- prompt ------------------------------------------------------------ */

/* Remember line in history h (not twice in a row, oldest dropped). */
static void
history_add(struct history *h, const char *line)
{
	if (line[0] == '\0')
		return;
	if (h->n > 0 && strcmp(h->items[h->n - 1], line) == 0)
		return;
	if (h->n == HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (HISTORY_MAX - 1) *
		    sizeof(h->items[0]));
		h->n--;
	}
	h->items[h->n++] = xstrdup(line);
}

/* Replace the prompt line with s, cursor at its end. */
static void
prompt_set_line(struct prompt *p, const char *s)
{
	snprintf(p->buf, sizeof(p->buf), "%s", s);
	p->len = p->pos = strlen(p->buf);
}

/* The goto prompt's Enter. */
static void
run_goto(struct editor *ed, const char *line)
{
	struct error err;

	if (editor_goto(ed, line, &err) == -1)
		set_msg(ed, true, "goto: %s", err.msg);
}

/* The find prompts' Enter: parse, make it the last search, run it. */
static void
run_find(struct editor *ed, const char *line, bool hex, bool backward)
{
	struct pattern pat;
	struct error err;
	int rc;

	memset(&pat, 0, sizeof(pat));
	rc = hex ? pattern_parse_hex(&pat, line, &err) :
	    pattern_parse_text(&pat, line, &err);
	if (rc == -1) {
		set_msg(ed, true, "find: %s", err.msg);
		return;
	}
	search_clear(&ed->search);
	ed->search.kind = hex ? SEARCH_HEX : SEARCH_TEXT;
	ed->search.backward = backward;
	ed->search.typed = xstrdup(line);
	ed->search.pat = pat;
	ed->search.finder = finder_new(&ed->search.pat);
	search_run(ed, backward);
}

/* The regex prompts' Enter. */
static void
run_regex(struct editor *ed, const char *line, bool backward)
{
	struct regex *re;
	struct error err;

	if (line[0] == '\0') {
		set_msg(ed, true, "regex: empty pattern");
		return;
	}
	re = regex_compile(line, &err);
	if (re == NULL) {
		set_msg(ed, true, "regex: %s", err.msg);
		return;
	}
	search_clear(&ed->search);
	ed->search.kind = SEARCH_REGEX;
	ed->search.backward = backward;
	ed->search.typed = xstrdup(line);
	ed->search.re = re;
	search_run(ed, backward);
}

/* The write-to prompt's Enter: the whole file to a new path. */
static void
run_write_as(struct editor *ed, const char *line)
{
	struct error err;
	uint64_t n;

	if (line[0] == '\0') {
		set_msg(ed, true, "write: no path given: nothing written");
		return;
	}
	if (mapping_write_as(ed->m, line, &err) < 0) {
		set_msg(ed, true, "nothing written, edits kept: %s", err.msg);
		return;
	}
	n = ed->m->file_size;
	set_msg(ed, false, "wrote %" PRIu64 " byte%s to %s; editing that file",
	    n, plural(n), ed->m->path);
	ed->redraw = true;
}

/* Enter in a prompt: close it, remember the line, run it. */
static void
prompt_enter(struct editor *ed)
{
	struct prompt *p = &ed->prompt;
	enum prompt_kind k = p->kind;
	char line[PROMPT_MAX];
	bool hex = p->hex;

	memcpy(line, p->buf, sizeof(line));
	p->kind = PROMPT_NONE;
	history_add(prompt_history(ed, k), line);
	switch (k) {
	case PROMPT_GOTO:
		run_goto(ed, line);
		break;
	case PROMPT_FIND:
	case PROMPT_RFIND:
		run_find(ed, line, hex, k == PROMPT_RFIND);
		break;
	case PROMPT_REGEX:
	case PROMPT_RREGEX:
		run_regex(ed, line, k == PROMPT_RREGEX);
		break;
	case PROMPT_FILL:
		run_fill(ed, line, hex);
		break;
	case PROMPT_WRITE_AS:
		run_write_as(ed, line);
		break;
	default:
		break;
	}
}

/* Up (older, dir < 0) or Down (newer) through the prompt's history. */
static void
prompt_history_step(struct editor *ed, int dir)
{
	struct prompt *p = &ed->prompt;
	struct history *h = prompt_history(ed, p->kind);

	if (dir < 0) {
		if (p->hist_pos == 0)
			return;
		if (p->hist_pos == h->n)
			memcpy(p->draft, p->buf, sizeof(p->draft));
		p->hist_pos--;
		prompt_set_line(p, h->items[p->hist_pos]);
	} else {
		if (p->hist_pos >= h->n)
			return;
		p->hist_pos++;
		prompt_set_line(p, p->hist_pos == h->n ? p->draft :
		    h->items[p->hist_pos]);
	}
}

/* A key while a prompt is open: line editing, Enter, Esc. */
static void
prompt_key(struct editor *ed, int key)
{
	struct prompt *p = &ed->prompt;

	switch (key) {
	case EK_ESC:
	case EK_CTRL('C'):
	case EK_CTRL('G'):
		p->kind = PROMPT_NONE;
		break;
	case EK_ENTER:
		prompt_enter(ed);
		break;
	case EK_LEFT:
		if (p->pos > 0)
			p->pos--;
		break;
	case EK_RIGHT:
		if (p->pos < p->len)
			p->pos++;
		break;
	case EK_HOME:
	case EK_CTRL('A'):
		p->pos = 0;
		break;
	case EK_END:
	case EK_CTRL('E'):
		p->pos = p->len;
		break;
	case EK_BACKSPACE:
		if (p->pos == 0)
			break;
		memmove(p->buf + p->pos - 1, p->buf + p->pos,
		    p->len - p->pos + 1);
		p->pos--;
		p->len--;
		break;
	case EK_DELETE:
		if (p->pos == p->len)
			break;
		memmove(p->buf + p->pos, p->buf + p->pos + 1, p->len - p->pos);
		p->len--;
		break;
	case EK_CTRL('U'):
		prompt_set_line(p, "");
		break;
	case EK_UP:
		prompt_history_step(ed, -1);
		break;
	case EK_DOWN:
		prompt_history_step(ed, 1);
		break;
	case EK_TAB:
		if (p->kind == PROMPT_FIND || p->kind == PROMPT_RFIND ||
		    p->kind == PROMPT_FILL) {
			p->hex = !p->hex;
			prompt_relabel(ed);
		}
		break;
	default:
		if (key < 0x20 || key > 0xff || key == 0x7f ||
		    p->len + 1 >= sizeof(p->buf))
			break;
		memmove(p->buf + p->pos + 1, p->buf + p->pos,
		    p->len - p->pos + 1);
		p->buf[p->pos++] = (char)key;
		p->len++;
		break;
	}
}

/* ---- the rest of the key routing ---------------------------------------- */

/* The letter after m or '. */
static void
mark_key(struct editor *ed, int key)
{
	enum pending what = ed->pending;
	unsigned i;

	ed->pending = PENDING_NONE;
	if (key == EK_ESC)
		return;
	if (key < 'a' || key > 'z') {
		set_msg(ed, true, "marks are a-z");
		return;
	}
	i = (unsigned)(key - 'a');
	if (what == PENDING_SET_MARK) {
		ed->marks[i] = ed->cursor;
		ed->marks_set |= (uint32_t)1 << i;
		set_msg(ed, false, "mark %c set", key);
	} else if ((ed->marks_set & ((uint32_t)1 << i)) == 0)
		set_msg(ed, true, "mark %c not set", key);
	else
		editor_set_cursor(ed, ed->marks[i]);
}

/* Lines on the help screen. */
static size_t
help_nlines(void)
{
	char **lines;
	size_t n;

	n = keymap_help_lines(&lines);
	keymap_help_free(lines);
	return n;
}

/* A key while the help screen is shown: scroll it or leave it. */
static void
help_key(struct editor *ed, int key)
{
	enum command c = keymap_lookup(KEYMAP_NORMAL, key);
	size_t n, page = page_rows(ed);

	if (c == CMD_HELP || c == CMD_QUIT || key == EK_ESC) {
		ed->help = false;
		return;
	}
	n = help_nlines();
	switch (c) {
	case CMD_UP:
		if (ed->help_top > 0)
			ed->help_top--;
		break;
	case CMD_DOWN:
		ed->help_top++;
		break;
	case CMD_PAGE_UP:
		ed->help_top = ed->help_top > page ? ed->help_top - page : 0;
		break;
	case CMD_PAGE_DOWN:
		ed->help_top += page;
		break;
	case CMD_SCROLL_UP:
		ed->help_top = ed->help_top > WHEEL_ROWS ?
		    ed->help_top - WHEEL_ROWS : 0;
		break;
	case CMD_SCROLL_DOWN:
		ed->help_top += WHEEL_ROWS;
		break;
	case CMD_REDRAW:
		ed->redraw = true;
		break;
	default:
		break;
	}
	if (ed->help_top >= n)
		ed->help_top = n - 1;
}

/* y to the M question: write the COW edits to the file, switch to WT. */
static void
answer_switch(struct editor *ed)
{
	switch_session(ed, SESSION_WT);
}

/* n to the M question. */
static void
answer_stay(struct editor *ed)
{
	set_msg(ed, false, "still copy-on-write, nothing written");
}

/* f to the q question: quit once the flush succeeded, else stay and say why. */
static void
answer_flush_quit(struct editor *ed)
{
	if (flush(ed, "flush failed, not quitting") == 0)
		ed->quit = true;
}

/* d to the q question: quit; the private pages go with the mapping. */
static void
answer_discard(struct editor *ed)
{
	ed->quit = true;
}

/* c to the q question. */
static void
answer_cancel_quit(struct editor *ed)
{
	set_msg(ed, false, "quit cancelled");
}

/* t to a question about a replaced file: our edits go to the new one. */
static void
answer_rebind(struct editor *ed)
{
	struct dirty set;
	struct error err;
	uint64_t n;

	if (ed->m->gone != GONE_REPLACED) {
		set_msg(ed, true, "no file at %s now: a writes to another path",
		    ed->m->path);
		return;
	}
	session_edits(ed, &set);
	n = set.bytes;
	if (mapping_rebind(ed->m, &set, &err) < 0)
		set_msg(ed, true, "nothing written, edits kept: %s", err.msg);
	else
		set_msg(ed, false, "wrote %" PRIu64 " edited byte%s to the file "
		    "now at %s; editing that one", n, plural(n), ed->m->path);
	dirty_free(&set);
	ed->redraw = true;
}

/* a to a question about a deleted or replaced file: the path prompt. */
static void
answer_write_as(struct editor *ed)
{
	prompt_open(ed, PROMPT_WRITE_AS);
}

/* c to the questions about a deleted or replaced file. */
static void
answer_cancel_gone(struct editor *ed)
{
	set_msg(ed, false, "nothing written");
}

/* The answers each question takes (Esc, Ctrl-C and Ctrl-G take the last). */
static const struct answer {
	enum ask	 ask;
	int		 key;
	void		(*exec)(struct editor *);
} answers[] = {
	{ ASK_SWITCH_WT,	'y',	answer_switch },
	{ ASK_SWITCH_WT,	'Y',	answer_switch },
	{ ASK_SWITCH_WT,	'n',	answer_stay },
	{ ASK_SWITCH_WT,	'N',	answer_stay },
	{ ASK_SWITCH_WT,	EK_ESC,	answer_stay },
	{ ASK_QUIT,		'f',	answer_flush_quit },
	{ ASK_QUIT,		'F',	answer_flush_quit },
	{ ASK_QUIT,		'd',	answer_discard },
	{ ASK_QUIT,		'D',	answer_discard },
	{ ASK_QUIT,		'c',	answer_cancel_quit },
	{ ASK_QUIT,		'C',	answer_cancel_quit },
	{ ASK_QUIT,		EK_ESC,	answer_cancel_quit },
	{ ASK_GONE_FLUSH,	't',	answer_rebind },
	{ ASK_GONE_FLUSH,	'a',	answer_write_as },
	{ ASK_GONE_FLUSH,	'c',	answer_cancel_gone },
	{ ASK_GONE_FLUSH,	EK_ESC,	answer_cancel_gone },
	{ ASK_GONE_QUIT,	't',	answer_rebind },
	{ ASK_GONE_QUIT,	'a',	answer_write_as },
	{ ASK_GONE_QUIT,	'd',	answer_discard },
	{ ASK_GONE_QUIT,	'c',	answer_cancel_quit },
	{ ASK_GONE_QUIT,	EK_ESC,	answer_cancel_quit },
};

/* A key while a question is asked: an answer, or the question again. */
static void
ask_key(struct editor *ed, int key)
{
	enum ask what = ed->ask;
	size_t i;

	if (key == EK_CTRL('C') || key == EK_CTRL('G'))
		key = EK_ESC;
	for (i = 0; i < ARRAY_LEN(answers); i++)
		if (answers[i].ask == what && answers[i].key == key) {
			ed->ask = ASK_NONE;
			ed->question[0] = '\0';
			answers[i].exec(ed);
			return;
		}
	set_msg(ed, false, "%s", ed->question);
}

/* The key table mode for the editor's state. */
static enum keymap_mode
key_mode(const struct editor *ed)
{
	if (ed->mode == MODE_OVERWRITE)
		return KEYMAP_OVERWRITE;
	return ed->selecting ? KEYMAP_SELECT : KEYMAP_NORMAL;
}

/* Route one key; see editor.h. */
void
editor_key(struct editor *ed, int key)
{
	const struct command_entry *ce;
	enum command c;
	bool low;

	if (key == '\n')
		key = EK_ENTER;
	else if (key == EK_CTRL('H'))
		key = EK_BACKSPACE;
	ed->msg[0] = '\0';
	ed->msg_error = false;
	if (key == EK_RESIZE) {
		ed->redraw = true;
		return;
	}
	/*
	 * Only the low nibble typed right after the high one continues it,
	 * and only on the byte that got the high one: a cursor moved meanwhile
	 * (the file shrank under it) drops the half-typed byte.
	 */
	low = ed->low_nibble && ed->nibble_at == ed->cursor;
	ed->low_nibble = false;
	if (ed->prompt.kind != PROMPT_NONE) {
		prompt_key(ed, key);
		return;
	}
	if (ed->ask != ASK_NONE) {
		ask_key(ed, key);
		return;
	}
	if (ed->pending != PENDING_NONE) {
		mark_key(ed, key);
		return;
	}
	if (ed->help) {
		help_key(ed, key);
		return;
	}
	c = keymap_lookup(key_mode(ed), key);
	if (c == CMD_NONE && ed->mode == MODE_OVERWRITE) {
		overwrite_key(ed, key, low);
		return;
	}
	ce = &commands[c];
	if (c == CMD_NONE || ce->exec == NULL) {
		set_msg(ed, true, "key %s not bound; F1 for help",
		    keymap_key_name(key));
		return;
	}
	if (ce->edits && !writable(ed)) {
		refuse_read_only(ed);
		return;
	}
	if (ce->needs_data && size(ed) == 0) {
		set_msg(ed, true, "empty file");
		return;
	}
	ce->exec(ed);
	if (ce->moves)
		scroll(ed);
}

/* ---- the public rest ---------------------------------------------------- */

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
	journal_init(&ed->journal);
	relayout(ed);
	if (m->size == 0)
		set_msg(ed, false, "empty file");
	else if (m->note != NULL)
		set_msg(ed, false, "%s", m->note);
}

/*
 * What a refresh found, for the message line.  A new size is always
 * said; lesser news (a page that could not be read, a rewrite) does not
 * replace the error the last key got (a failed flush, say): the user must
 * see it until the next key.
 */
static void
refresh_say(struct editor *ed, uint64_t was, int r, const struct error *err)
{
	const struct refreshed *rep = &ed->m->refreshed;
	uint64_t size = ed->m->file_size;
	char kept[96] = "";

	if (r < 0) {
		set_msg(ed, true, "%s", err->msg);
		return;
	}
	if (rep->past_end > 0)
		snprintf(kept, sizeof(kept), ": %" PRIu64 " unflushed byte%s "
		    "past the end kept, not written", rep->past_end,
		    plural(rep->past_end));
	else if (rep->cut > 0)
		snprintf(kept, sizeof(kept), ": %" PRIu64 " written byte%s past "
		    "the end went with it", rep->cut, plural(rep->cut));
	if (size < was)
		set_msg(ed, true, "file shrank to %" PRIu64 " byte%s%s", size,
		    plural(size), kept);
	else if (size > was)
		set_msg(ed, false, "file grew to %" PRIu64 " byte%s%s", size,
		    plural(size), kept);
	else if (ed->msg_error && ed->msg[0] != '\0')
		return;
	else if (rep->restored > 0)
		set_msg(ed, true, "file rewritten by another process: your %"
		    PRIu64 " unflushed byte%s shown over it again",
		    ed->m->dirty.bytes, plural(ed->m->dirty.bytes));
	else if (rep->unreadable)
		set_msg(ed, true, "part of the file could not be read (I/O "
		    "error, or no room to page it in): shown as zeros");
	else
		set_msg(ed, true, "file changed under us: shown again from disk");
}

/*
 * The file shrank under the cursor in overwrite mode: the keys typed for
 * the old place must not land on the new one.  A half-typed byte is taken
 * back (both nibbles or neither) and overwrite mode ends, so what the user
 * typed ahead is not written anywhere.  The caller says so.
 */
static void
leave_moved_overwrite(struct editor *ed)
{
	struct apply_ctx a;

	if (ed->low_nibble) {
		memset(&a, 0, sizeof(a));
		a.ed = ed;
		dirty_init(&a.skipped);
		if (journal_take_back(&ed->journal, apply_bytes, &a) == 1) {
			/* Past the new end the old byte could not be stored:
			 * the half byte must not wait there to be flushed. */
			if (a.skipped.bytes > 0)
				dirty_remove(&ed->m->dirty, ed->nibble_at, 1);
			if (a.skipped.bytes > 0 && ed->nibble_was_dirty)
				dirty_add(&ed->m->dirty, ed->nibble_at,
				    a.skipped.r[0].bytes, 1);
			if (!ed->nibble_was_dirty && a.skipped.bytes == 0)
				dirty_remove(&ed->m->dirty, ed->nibble_at, 1);
		}
		dirty_free(&a.skipped);
		ed->low_nibble = false;
	}
	ed->mode = MODE_NORMAL;
	if (ed->m->session == SESSION_COW)
		ed->m->refreshed.past_end = dirty_bytes_in(&ed->m->dirty,
		    size(ed), UINT64_MAX);
}

/* The file changed size under us; see editor.h. */
int
editor_refresh(struct editor *ed)
{
	uint64_t was = ed->m->file_size;
	enum gone was_gone = ed->m->gone;
	bool at_end = size(ed) > 0 && ed->cursor + 1 == size(ed);
	size_t cursor = ed->cursor;
	struct error err;
	size_t n, i;
	bool moved;
	int r;

	r = mapping_refresh(ed->m, &err);
	if (ed->m->gone != was_gone && ed->m->gone == GONE_DELETED)
		set_msg(ed, true, "file deleted: still shown as it was; w "
		    "offers to write it elsewhere");
	else if (ed->m->gone != was_gone && ed->m->gone == GONE_REPLACED)
		set_msg(ed, true, "file replaced by another: still showing this "
		    "one; w offers where to write");
	if (r == 0)
		return 0;
	n = size(ed);
	/* At the end, follow what was appended, like tail -f. */
	if (at_end && n > 0 && ed->m->file_size > was && ed->mode == MODE_NORMAL &&
	    !ed->selecting)
		ed->cursor = n - 1;
	if (ed->selecting && ed->sel_anchor >= n)
		ed->selecting = false;
	for (i = 0; i < EDITOR_NMARKS; i++)
		if (ed->marks[i] >= n)
			ed->marks_set &= ~((uint32_t)1 << i);
	if (ed->has_match && ed->match.at + ed->match.len > n)
		ed->has_match = false;
	relayout(ed);
	scroll(ed);
	ed->redraw = true;
	moved = ed->cursor != cursor && ed->mode == MODE_OVERWRITE;
	if (moved)
		leave_moved_overwrite(ed);
	refresh_say(ed, was, r, &err);
	if (moved) {
		size_t len = strlen(ed->msg);

		snprintf(ed->msg + len, sizeof(ed->msg) - len, "%s", len > 0 ?
		    "; the cursor moved: overwrite mode left" :
		    "the cursor moved: overwrite mode left");
		ed->msg_error = true;
	}
	return r;
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
	free(ed->clip);
	memset(ed, 0, sizeof(*ed));
}

/* New terminal size. */
void
editor_resize(struct editor *ed, int cols, int rows)
{
	ed->cols = cols;
	ed->rows = rows;
	relayout(ed);
	scroll(ed);
	ed->redraw = true;
}

/* A mouse click; see editor.h. */
void
editor_click(struct editor *ed, int x, int y)
{
	size_t off, row;
	enum pane pane;
	int k;

	ed->msg[0] = '\0';
	if (ed->ask != ASK_NONE)
		set_msg(ed, false, "%s", ed->question);
	if (ed->prompt.kind != PROMPT_NONE || ed->ask != ASK_NONE || ed->help ||
	    size(ed) == 0 || y < 0 || x < 0 || y >= ed->lay.view_rows)
		return;
	ed->low_nibble = false;
	if (ed->view == VIEW_HEX) {
		if (layout_hit(&ed->lay, ed->top, x, y, &off, &pane) == -1)
			return;
		ed->pane = pane;
		editor_set_cursor(ed, off);
		return;
	}
	row = ed->top;
	for (k = 0; k < y; k++)
		if (!textview_next_row(data(ed), size(ed), row, text_width(ed),
		    &row))
			return;
	editor_set_cursor(ed, textview_hit(data(ed), size(ed), row, x,
	    text_width(ed)));
}

/* Go to a goto expression; see editor.h. */
int
editor_goto(struct editor *ed, const char *s, struct error *err)
{
	struct expr_ctx ctx;
	uint64_t to;

	if (size(ed) == 0) {
		error_set(err, -1, "empty file");
		return -1;
	}
	ctx.cursor = ed->m->origin + ed->cursor;
	ctx.origin = ed->m->origin;
	ctx.size = size(ed);
	ctx.lo = ed->m->origin;
	ctx.hi = ed->m->origin + size(ed) - 1;
	if (expr_eval(s, &ctx, &to, err) == -1)
		return -1;
	editor_set_cursor(ed, (size_t)(to - ed->m->origin));
	return 0;
}

/* Matches of the last search on screen; see editor.h. */
size_t
editor_matches(struct editor *ed, size_t from, size_t to, struct match *out,
    size_t max)
{
	struct search *s = &ed->search;
	struct regex_iter it;
	struct error err;
	size_t n = size(ed), lo, hi, at, len, count = 0;

	if (s->kind == SEARCH_NONE || n == 0 || max == 0)
		return 0;
	if (to > n)
		to = n;
	if (from >= to)
		return 0;
	if (s->kind == SEARCH_REGEX) {
		lo = from > EDITOR_REGEX_MARGIN ?
		    from - EDITOR_REGEX_MARGIN : 0;
		hi = n - to > EDITOR_REGEX_MARGIN ?
		    to + EDITOR_REGEX_MARGIN : n;
		it.pos = lo;
		while (count < max && regex_next(s->re, data(ed), hi, &it, &at,
		    &len, NULL, &err) == SCAN_FOUND && at < to) {
			if (at + len > from) {
				out[count].at = at;
				out[count++].len = len;
			}
		}
		return count;
	}
	len = s->pat.len;
	lo = from >= len - 1 ? from - (len - 1) : 0;
	hi = n - to > len - 1 ? to + len - 1 : n;
	while (count < max && lo < hi && finder_find(s->finder, data(ed), hi,
	    lo, &at, NULL) == SCAN_FOUND && at < to) {
		out[count].at = at;
		out[count++].len = len;
		lo = at + 1;
	}
	return count;
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
void
editor_status(const struct editor *ed, char *buf, size_t len)
{
	const char *name, *what, *mode, *gone;
	char modebuf[48], changed[48];
	size_t start, end;
	uint64_t abs;
	unsigned pct;
	int w;

	name = editor_file_name(ed);
	/* Said as long as it is true: a message would go with the next key. */
	gone = ed->m->gone == GONE_DELETED ? "  DELETED" :
	    ed->m->gone == GONE_REPLACED ? "  REPLACED" : "";
	if (ed->view == VIEW_TEXT)
		what = "lines";
	else
		what = ed->pane == PANE_HEX ? "hex" : "text";
	modebuf[0] = '\0';
	if (editor_selection(ed, &start, &end))
		snprintf(modebuf, sizeof(modebuf), "  select %zu", end - start);
	else if ((mode = editor_mode_name(ed)) != NULL)
		snprintf(modebuf, sizeof(modebuf), "  %s", mode);
	changed[0] = '\0';
	if (ed->m->dirty.bytes > 0)
		snprintf(changed, sizeof(changed), "  [%" PRIu64 " changed]",
		    ed->m->dirty.bytes);
	if (size(ed) == 0) {
		snprintf(buf, len, "%s  %s%s  empty  %s", name,
		    session_name(ed->m->session), gone, what);
		return;
	}
	abs = ed->m->origin + ed->cursor;
	/* Counting the cursor byte as seen: the last byte shows 100%. */
	pct = (unsigned)(((long double)ed->cursor + 1) * 100 / size(ed));
	w = ed->lay.offset_width;
	snprintf(buf, len, "%s  %s%s  0x%0*" PRIx64 " %" PRIu64 " / %" PRIu64
	    " (%u%%)  %s%s%s", name, session_name(ed->m->session), gone, w,
	    abs, abs, ed->m->file_size, pct, what, modebuf, changed);
}

/* Changed and not flushed? */
bool
editor_changed(const struct editor *ed, size_t off)
{
	return ed->m->dirty.n > 0 && dirty_contains(&ed->m->dirty, off);
}

/* The selection's range; see editor.h. */
bool
editor_selection(const struct editor *ed, size_t *start, size_t *end)
{
	size_t a = ed->sel_anchor, c = ed->cursor;

	if (!ed->selecting || size(ed) == 0)
		return false;
	if (a >= size(ed))
		a = size(ed) - 1;
	*start = a < c ? a : c;
	*end = (a < c ? c : a) + 1;
	return true;
}

/* In the selection? */
bool
editor_selected(const struct editor *ed, size_t off)
{
	size_t start, end;

	return editor_selection(ed, &start, &end) && off >= start && off < end;
}

/* The mode for the status line. */
const char *
editor_mode_name(const struct editor *ed)
{
	if (ed->mode == MODE_OVERWRITE)
		return "overwrite";
	return ed->selecting ? "select" : NULL;
}

/* Rows of the data area. */
int
editor_view_rows(const struct editor *ed)
{
	return ed->lay.view_rows;
}
