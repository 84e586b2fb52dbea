/*
 * editor-compare.c - two files compared (mmhex FILE1 FILE2): each file's
 * editor has the other's as ed->other, and the same offset of both is
 * always on screen.
 *
 * ] and [ go to the next and the previous run of bytes that differ, the
 * bytes as each editor shows them (unflushed edits included), walked by
 * compare.c through ed->progress (Esc stops); the holes both files have
 * are skipped unread while neither has unflushed edits.
 *
 * > and < copy the bytes of the difference under the cursor (or of the
 * selection) from one file over the other's: an edit of the receiving
 * file under its own session (refused when it is read-only), one undo
 * step there.  A run only the longer file has is inserted at the end of
 * the shorter one, or deleted from the longer.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "editor.h"
#include "editor-int.h"

/*
 * A walk over the bytes ed and ed->other show; their files' holes are
 * skipped while neither has unflushed edits (a private page written in
 * a hole holds what the file does not).
 */
static void
walk_init(struct compare *c, struct editor *ed)
{
	struct bytes a, b;
	bool files = !editor_unflushed(ed) && !editor_unflushed(ed->other);

	editor_bytes(ed, &a);
	editor_bytes(ed->other, &b);
	compare_init(c, &a, ed_size(ed), &b, ed_size(ed->other),
	    files ? ed->m : NULL, files ? ed->other->m : NULL, ed->progress);
}

/*
 * Where ] and [ count from: the cursor, or the run landed on when the
 * cursor could not go there (the shorter file's cursor stops at its last
 * byte before the other's tail) and has not moved since.
 */
static size_t
compare_pos(const struct editor *ed)
{
	if (ed->diff_landed && ed->cursor == ed->diff_cursor)
		return ed->diff_pos;
	return ed->cursor;
}

/* Say where a landing is, and the run's length. */
static void
say_run(struct editor *ed, const struct diff_run *run)
{
	const struct editor *owner;

	if (run->start >= ed_size(ed) || run->start >= ed_size(ed->other)) {
		owner = ed_size(ed) > ed_size(ed->other) ? ed : ed->other;
		ed_msg(ed, false, "only in %s: %" PRIu64 " byte%s from 0x%"
		    PRIx64, editor_file_name(owner), run->len,
		    ed_plural(run->len), ed->m->origin + run->start);
		return;
	}
	ed_msg(ed, false, "difference at 0x%" PRIx64 ": %" PRIu64 " byte%s",
	    ed->m->origin + run->start, run->len, ed_plural(run->len));
}

/* ] and [: the next or the previous run of differing bytes. */
static void
diff_step(struct editor *ed, bool backward)
{
	struct diff_run run;
	struct compare cmp;
	size_t c = compare_pos(ed), size = ed_size(ed);
	int r;

	if (ed->other == NULL) {
		ed_msg(ed, true, "one file: ] and [ compare two (mmhex FILE1 "
		    "FILE2)");
		return;
	}
	walk_init(&cmp, ed);
	ed->busy = "comparing";
	mapping_advise_sequential(ed->m, true);
	mapping_advise_sequential(ed->other->m, true);
	r = backward ? compare_prev(&cmp, c, &run) : compare_next(&cmp, c,
	    &run);
	mapping_advise_sequential(ed->m, false);
	mapping_advise_sequential(ed->other->m, false);
	ed->busy = NULL;
	if (r < 0) {
		ed_msg(ed, true, "compare cancelled");
		return;
	}
	if (r == 0) {
		ed_msg(ed, true, backward ? "no earlier differences" :
		    "no more differences");
		return;
	}
	ed_jump(ed, run.start < size ? run.start : size - 1);
	ed->diff_landed = run.start >= size;
	ed->diff_cursor = ed->cursor;
	ed->diff_pos = run.start;
	say_run(ed, &run);
}

void
cmd_diff_next(struct editor *ed)
{
	diff_step(ed, false);
}

void
cmd_diff_prev(struct editor *ed)
{
	diff_step(ed, true);
}

/* Ctrl-W: the UI moves the focus. */
void
cmd_other_file(struct editor *ed)
{
	if (ed->other == NULL) {
		ed_msg(ed, true, "one file: Ctrl-W goes to the other of two "
		    "(mmhex FILE1 FILE2)");
		return;
	}
	ed->focus_other = true;
}

/*
 * Make to's bytes [start, start + len) those of from (the run or the
 * selection): overwritten where both files have them; from's bytes past
 * to's end inserted there; to's bytes past from's end deleted.  One undo
 * step of to.  What it did is said in say (the focused editor).
 */
static void
copy_run(struct editor *from, struct editor *to, size_t start, size_t len,
    struct editor *say)
{
	size_t nf = ed_size(from), nt = ed_size(to), end = start + len;
	size_t have = end < nf ? end : nf, common = have < nt ? have : nt;
	size_t done = 0, lo, hi;
	unsigned char *buf = NULL;
	int r = 0;

	if (start > nt) {
		ed_msg(say, true, "%s ends at 0x%" PRIx64 ": nothing there to "
		    "copy over", editor_file_name(to), to->m->origin + nt);
		return;
	}
	if (have > start && (buf = malloc(have - start)) == NULL) {
		ed_msg(say, true, "not enough memory to copy %zu bytes",
		    have - start);
		return;
	}
	if (have > start)
		ed_read(from, start, buf, have - start);
	if (common > start) {
		r = ed_write(to, start, buf, common - start);
		done = r == 0 ? common - start : 0;
	}
	if (r == 0 && have > nt) {
		/* from's bytes past to's end: to grows by them. */
		r = ed_edit_size(to, JOURNAL_INSERT, nt, buf + (nt - start),
		    have - nt, to->cursor, done > 0);
		done += r == 0 ? have - nt : 0;
	} else if (r == 0 && end > nf && nt > nf) {
		/* to's bytes past from's end: they go. */
		lo = start > nf ? start : nf;
		hi = end < nt ? end : nt;
		r = ed_edit_size(to, JOURNAL_DELETE, lo, NULL, hi - lo,
		    lo < to->cursor ? lo : to->cursor, done > 0);
		done += r == 0 ? hi - lo : 0;
	}
	free(buf);
	journal_close(&to->journal);
	if (r < 0) {
		/* The receiving editor's message says why. */
		if (say != to)
			ed_msg(say, true, "%s: %s", editor_file_name(to),
			    to->msg);
		return;
	}
	if (r == 1) {
		if (say != to)
			ed_msg(say, true, "%s asks first: Ctrl-W to answer",
			    editor_file_name(to));
		return;
	}
	if (say != to)
		to->msg[0] = '\0';	/* say has it all */
	ed_msg(say, false, "%zu byte%s of %s copied over %s (u there undoes)",
	    done, ed_plural(done), editor_file_name(from),
	    editor_file_name(to));
}

/* The bytes > and < act on: the selection, or the run under the cursor. */
static bool
diff_range(struct editor *ed, size_t *start, size_t *len)
{
	struct diff_run run;
	struct compare cmp;
	size_t s, e;
	int r;

	if (editor_selection(ed, &s, &e)) {
		*start = s;
		*len = e - s;
		ed_set_mode(ed, INPUT_NORMAL);
		return true;
	}
	walk_init(&cmp, ed);
	ed->busy = "comparing";
	r = compare_run_at(&cmp, compare_pos(ed), &run);
	ed->busy = NULL;
	if (r < 0) {
		ed_msg(ed, true, "compare cancelled");
		return false;
	}
	if (r != 1) {
		ed_msg(ed, true, "no difference under the cursor: ] goes to the "
		    "next");
		return false;
	}
	*start = run.start;
	*len = run.len;
	return true;
}

/* >: this file's bytes of the difference over the other's. */
void
cmd_diff_put(struct editor *ed)
{
	size_t start, len;

	if (ed->other == NULL) {
		ed_msg(ed, true, "one file: > copies to the other of two "
		    "(mmhex FILE1 FILE2)");
		return;
	}
	if (ed->other->m->session == SESSION_RO) {
		ed_msg(ed, true, "%s: read-only session%s%s%s",
		    editor_file_name(ed->other), ed->other->m->note != NULL ?
		    " (" : "", ed->other->m->note != NULL ? ed->other->m->note :
		    "", ed->other->m->note != NULL ? ")" : "");
		return;
	}
	if (ed_part_moved(ed->other)) {
		ed_msg(ed, true, "%s: a flush stopped half-way: Ctrl-W, then w "
		    "goes on", editor_file_name(ed->other));
		return;
	}
	if (diff_range(ed, &start, &len))
		copy_run(ed, ed->other, start, len, ed);
}

/* <: the other file's bytes of the difference over this one's. */
void
cmd_diff_get(struct editor *ed)
{
	size_t start, len;

	if (ed->other == NULL) {
		ed_msg(ed, true, "one file: < copies from the other of two "
		    "(mmhex FILE1 FILE2)");
		return;
	}
	if (diff_range(ed, &start, &len))
		copy_run(ed->other, ed, start, len, ed);
}

/* Compare a with b; see editor.h. */
void
editor_pair(struct editor *a, struct editor *b)
{
	a->other = b;
	b->other = a;
}

/* The other file shows what the focused one does; see editor.h. */
void
editor_follow(struct editor *dst, const struct editor *src)
{
	size_t n = ed_size(dst);

	dst->cursor = src->cursor < n ? src->cursor : n > 0 ? n - 1 : 0;
	ed_scroll(dst);
	/*
	 * The same rows, even past the shorter one's end (its pane then
	 * says the rest is only in the other): offsets side by side match.
	 */
	if (dst->view == VIEW_HEX && src->view == VIEW_HEX &&
	    dst->lay.bpl == src->lay.bpl)
		dst->top = src->top;
}

/* Does the byte at off differ from the other file's; see editor.h. */
bool
editor_differs(const struct editor *ed, size_t off)
{
	if (ed->other == NULL || off >= ed_size(ed))
		return false;
	if (off >= ed_size(ed->other))
		return true;
	return ed_byte(ed, off) != ed_byte(ed->other, off);
}

/* The other file's message, on this one's status line; see editor.h. */
void
editor_relay(struct editor *ed)
{
	struct editor *o = ed->other;

	if (o == NULL || o->msg[0] == '\0')
		return;
	ed_msg(ed, o->msg_error, "%s: %s", editor_file_name(o), o->msg);
	o->msg[0] = '\0';
	o->msg_error = false;
}
