/*
 * editor-edit.c - changing the bytes: the one write path (journal, then
 * the session), overwrite mode (nibbles in the hex pane, characters in
 * the text pane), undo and redo, selecting, copy, paste and fill.
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
	const unsigned char *old;
	unsigned char *tmp;
	struct error err;
	size_t done;
	int r;

	if (!join)
		journal_close(&ed->journal);
	old = ed_view(ed, off, len, &tmp);
	r = old == NULL ? -1 : journal_record(&ed->journal, off, len, old, buf);
	free(tmp);
	if (r == -1) {
		ed_msg(ed, true, "not enough memory to keep %zu byte%s for undo: "
		    "nothing changed", len, ed_plural(len));
		return -1;
	}
	if (ed_store(ed, off, buf, len, &done, &err) == -1) {
		/* What reached the file (a full disk) stays undoable. */
		journal_trim_last(&ed->journal, done);
		if (done > 0)
			ed_msg(ed, true, "%s; u undoes the %zu byte%s written",
			    err.msg, done, ed_plural(done));
		else
			ed_msg(ed, true, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* Overwrite bytes for another module; see editor-int.h. */
int
ed_write(struct editor *ed, size_t off, const void *buf, size_t len)
{
	return edit_write(ed, off, buf, len, false);
}

/*
 * journal_apply_fn: undo and redo write through the session too, and
 * insert and delete through the list.  An overwrite past the end of a
 * file that shrank is skipped (and counted), so the older edits can
 * still be undone.
 */
int
apply_bytes(void *ctx, enum journal_op op, size_t off,
    const unsigned char *bytes, size_t len)
{
	struct apply_ctx *a = ctx;
	size_t n = ed_size(a->ed);

	if (op != JOURNAL_OVERWRITE)
		return ed_resize(a->ed, op, off, bytes, len, &a->err);
	if (off >= n || len > n - off) {
		size_t keep = off >= n ? 0 : n - off;

		dirty_add(&a->skipped, off + keep, bytes + keep, len - keep);
		len = keep;
	}
	if (len == 0)
		return 0;
	return ed_store(a->ed, off, bytes, len, NULL, &a->err);
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
		ed_msg(ed, true, redo ? "nothing to redo" : "nothing to undo");
		return;
	}
	if (r == -1) {
		ed_msg(ed, true, "%s failed, nothing changed: %s",
		    redo ? "redo" : "undo", a.err.msg);
		return;
	}
	ed_jump(ed, at);
	if (skipped > 0) {
		bytes = bytes > skipped ? bytes - skipped : 0;
		ed_msg(ed, true, "%s %zu byte%s at 0x%" PRIx64 "; %zu byte%s "
		    "past the end of the file skipped", redo ? "redone:" :
		    "undone:", bytes, ed_plural(bytes), ed->m->origin + at,
		    skipped, ed_plural(skipped));
		return;
	}
	ed_msg(ed, false, "%s %zu byte%s at 0x%" PRIx64 " (%zu more to %s)",
	    redo ? "redone:" : "undone:", bytes, ed_plural(bytes),
	    ed->m->origin + at, redo ? journal_redo_steps(&ed->journal) :
	    journal_undo_steps(&ed->journal), redo ? "redo" : "undo");
}

/* u: undo the last edit. */
void
cmd_undo(struct editor *ed)
{
	undo_redo(ed, false);
}

/* Ctrl-R: redo the last undone edit. */
void
cmd_redo(struct editor *ed)
{
	undo_redo(ed, true);
}

/* R, Enter: overwrite mode (a selection ends). */
void
cmd_overwrite(struct editor *ed)
{
	char leave[32];

	ed_set_mode(ed, INPUT_OVERWRITE);
	ed_hint(leave, sizeof(leave), KEYMAP_OVERWRITE, CMD_LEAVE_MODE, "leaves");
	ed_msg(ed, false, "overwrite: type over the bytes%s%s",
	    leave[0] != '\0' ? ", " : "", leave);
}

/* Esc: overwrite mode or the selection ends. */
void
cmd_leave_mode(struct editor *ed)
{
	ed_set_mode(ed, INPUT_NORMAL);
}

/* v: start a selection at the cursor, or end the one shown. */
void
cmd_select(struct editor *ed)
{
	if (editor_mode(ed) == INPUT_SELECT) {
		ed_set_mode(ed, INPUT_NORMAL);
		return;
	}
	static const struct {
		enum command	 cmd;
		const char	*does;
	} hints[] = {
		{ CMD_COPY, "copies" }, { CMD_FILL, "fills" },
		{ CMD_LEAVE_MODE, "cancels" },
	};
	char msg[EDITOR_MSG_MAX] = "select: move to extend", hint[32];
	size_t i;

	ed_set_mode(ed, INPUT_SELECT);
	ed->sel_anchor = ed->cursor;
	for (i = 0; i < ARRAY_LEN(hints); i++) {
		ed_hint(hint, sizeof(hint), KEYMAP_SELECT, hints[i].cmd,
		    hints[i].does);
		if (hint[0] != '\0')
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
			    ", %s", hint);
	}
	ed_msg(ed, false, "%s", msg);
}

/*
 * y: copy the selection's bytes.  The clipboard is a copy, not a
 * reference: a paste over the bytes it came from (mmap move) must still
 * write what was copied.
 */
void
cmd_copy(struct editor *ed)
{
	size_t start, end;
	unsigned char *p;

	if (!editor_selection(ed, &start, &end)) {
		ed_msg(ed, true, "nothing selected: v starts a selection");
		return;
	}
	/* A selection may be huge: running out of memory is a message. */
	if ((p = malloc(end - start)) == NULL) {
		ed_msg(ed, true, "not enough memory to copy %zu bytes",
		    end - start);
		return;
	}
	ed_read(ed, start, p, end - start);
	free(ed->clip);
	ed->clip = p;
	ed->clip_len = end - start;
	if (editor_mode(ed) == INPUT_SELECT)
		ed_set_mode(ed, INPUT_NORMAL);
	ed_msg(ed, false, "copied %zu byte%s", ed->clip_len,
	    ed_plural(ed->clip_len));
}

/*
 * p: write the clipboard over the bytes from the cursor on, as one undo
 * step, clipped at the end of the window.  The cursor stays.
 */
void
cmd_paste(struct editor *ed)
{
	size_t n;

	if (ed->clip == NULL) {
		ed_msg(ed, true, "nothing copied: v selects, y copies");
		return;
	}
	n = ed_size(ed) - ed->cursor;
	if (n > ed->clip_len)
		n = ed->clip_len;
	if (editor_mode(ed) == INPUT_SELECT)
		ed_set_mode(ed, INPUT_NORMAL);
	if (edit_write(ed, ed->cursor, ed->clip, n, false) == -1)
		return;
	journal_close(&ed->journal);
	if (n < ed->clip_len)
		ed_msg(ed, true, "pasted %zu of %zu bytes: end of file", n,
		    ed->clip_len);
	else
		ed_msg(ed, false, "pasted %zu byte%s", n, ed_plural(n));
}

/* =: the fill prompt; Enter fills the selection, or the cursor byte. */
void
cmd_fill(struct editor *ed)
{
	prompt_open(ed, PROMPT_FILL);
	ed->prompt.hex = true;
	prompt_relabel(ed);
}

/* The fill prompt's Enter: the pattern repeated over the range, one step. */
void
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
		ed_msg(ed, true, "fill: %s", err.msg);
		return;
	}
	if (pat.mask != NULL) {
		ed_msg(ed, true, "fill: ?? is not a byte to write");
		pattern_free(&pat);
		return;
	}
	if (!editor_selection(ed, &start, &end)) {
		start = ed->cursor;
		end = start + 1;
	}
	len = end - start;
	if ((buf = malloc(len)) == NULL) {
		ed_msg(ed, true, "fill: not enough memory for %zu bytes", len);
		pattern_free(&pat);
		return;
	}
	for (i = 0; i < len; i += pat.len)
		memcpy(buf + i, pat.bytes, len - i < pat.len ? len - i : pat.len);
	pattern_free(&pat);
	if (edit_write(ed, start, buf, len, false) == 0) {
		journal_close(&ed->journal);
		if (editor_mode(ed) == INPUT_SELECT)
		ed_set_mode(ed, INPUT_NORMAL);
		ed_msg(ed, false, "filled %zu byte%s", len, ed_plural(len));
	}
	free(buf);
}

/* Does typing go to the text (the text pane, or the line view)? */
static bool
ed_types_text(const struct editor *ed)
{
	return ed->view == VIEW_TEXT || ed->pane == PANE_TEXT;
}

/*
 * After the byte is complete: on to the next one (the last byte stays;
 * inserting, the cursor may go one past it).
 */
static void
ed_advance(struct editor *ed)
{
	if (ed->cursor + 1 < ed_extent(ed))
		ed->cursor++;
	ed_scroll(ed);
}

bool
ed_run_joins(const struct editor *ed)
{
	return ed->run && ed->cursor == ed->run_at;
}

void
ed_run_on(struct editor *ed)
{
	ed->run = true;
	ed->run_at = ed->cursor;
}

void
ed_run_end(struct editor *ed)
{
	if (ed->run)
		journal_close(&ed->journal);
	ed->run = false;
}

/* The low nibble of the byte at `at`, typed: one step with the high one. */
void
overwrite_low(struct editor *ed, size_t at, unsigned char b)
{
	if (edit_write(ed, at, &b, 1, true) == 0) {
		ed_advance(ed);
		ed_run_on(ed);
	} else
		ed_run_end(ed);
}

/*
 * A key overwrite mode has no binding for: typed over the cursor byte.
 * In the hex pane a hex digit replaces the high nibble, then (low set)
 * the low one and the cursor moves on; both nibbles are one undo step.
 * In the text pane a printable character replaces the byte.
 */
void
overwrite_key(struct editor *ed, int key, bool low)
{
	bool was_dirty;
	unsigned char b;
	int d;

	if (ed_size(ed) == 0 && !ed->inserting) {
		ed_msg(ed, true, "empty file");
		return;
	}
	if (ed_types_text(ed)) {
		/* Inserting text, Enter is a new line. */
		if (ed->inserting && key == EK_ENTER) {
			insert_key(ed, '\n', false, true);
			return;
		}
		if (key < 0x20 || key > 0x7e) {
			ed_msg(ed, true, "key %s: only printable characters "
			    "are typed here; the hex pane takes any byte",
			    keymap_key_name(key));
			return;
		}
		if (ed->inserting) {
			insert_key(ed, key, false, true);
			return;
		}
		b = (unsigned char)key;
		if (edit_write(ed, ed->cursor, &b, 1, ed_run_joins(ed)) == 0) {
			ed_advance(ed);
			ed_run_on(ed);
		} else
			ed_run_end(ed);
		return;
	}
	if ((d = hex_digit_value(key)) == -1) {
		char leave[48];

		ed_hint(leave, sizeof(leave), KEYMAP_OVERWRITE, CMD_LEAVE_MODE,
		    ed->inserting ? "leaves insert mode" :
		    "leaves overwrite mode");
		ed_msg(ed, true, "key %s: not a hex digit%s%s%s",
		    keymap_key_name(key), leave[0] != '\0' ? " (" : "", leave,
		    leave[0] != '\0' ? ")" : "");
		ed->low_nibble = low;
		return;
	}
	if (ed->inserting) {
		insert_key(ed, key, low, false);
		return;
	}
	if (!low) {
		b = (unsigned char)((ed_byte(ed, ed->cursor) & 0x0f) | d << 4);
		was_dirty = editor_changed(ed, ed->cursor);
		if (edit_write(ed, ed->cursor, &b, 1, ed_run_joins(ed)) == 0) {
			ed->low_nibble = true;
			ed->nibble_at = ed->cursor;
			ed->nibble_was_dirty = was_dirty;
		}
		return;
	}
	b = (unsigned char)((ed_byte(ed, ed->cursor) & 0xf0) | d);
	overwrite_low(ed, ed->cursor, b);
}

/* The selection's range; see editor.h. */
bool
editor_selection(const struct editor *ed, size_t *start, size_t *end)
{
	size_t a = ed->sel_anchor, c = ed->cursor;

	if (editor_mode(ed) != INPUT_SELECT || ed_size(ed) == 0)
		return false;
	if (a >= ed_size(ed))
		a = ed_size(ed) - 1;
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
