/*
 * editor-compare.c - two files compared (mmhex FILE1 FILE2): each file's
 * editor has the other's as ed->other, and the same offset of both is
 * always on screen.
 *
 * ] and [ go to the next and the previous run of bytes that differ, the
 * bytes as each editor shows them (unflushed edits included): straight
 * over the spans of the two mappings, a vector at a time (diff.h), in
 * chunks through ed->progress (Esc stops).  The holes both files have
 * are skipped unread while neither has unflushed edits.  The bytes only
 * the longer file has are one more run, after the last.
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

#include "diff.h"
#include "editor.h"
#include "editor-int.h"
#include "mapping.h"
#include "progress.h"

/* Bytes compared between two looks at the progress hook. */
#define COMPARE_CHUNK	((size_t)16 << 20)

/* A scan over both files' bytes. */
struct scan {
	struct editor	*ed;		/* the focused one: its progress */
	struct bytes	 ra, rb;	/* the bytes of ed and of ed->other */
	const struct mapping *ma, *mb;	/* their files' holes, or NULL */
	size_t		 upto;		/* holes need not be asked below here */
	size_t		 done, total;	/* for the progress hook */
	bool		 cancelled;
};

static void
scan_init(struct scan *sc, struct editor *ed, size_t total)
{
	memset(sc, 0, sizeof(*sc));
	sc->ed = ed;
	editor_bytes(ed, &sc->ra);
	editor_bytes(ed->other, &sc->rb);
	/* A private page written in a hole holds what the file does not. */
	if (!editor_unflushed(ed) && !editor_unflushed(ed->other)) {
		sc->ma = ed->m;
		sc->mb = ed->other->m;
	}
	sc->total = total;
}

static size_t
min3(uint64_t a, uint64_t b, size_t c)
{
	uint64_t m = a < b ? a : b;

	return m < c ? (size_t)m : c;
}

/* len more bytes looked at: false when the user stopped the scan. */
static bool
scan_tick(struct scan *sc, size_t len)
{
	sc->done += len;
	if (progress_tick(sc->ed->progress, sc->done, sc->total))
		sc->cancelled = true;
	return !sc->cancelled;
}

/*
 * The first offset in [from, to) where the bytes differ (same 0) or are
 * the same (same 1); to when there is none, or the scan was stopped.
 */
static size_t
scan_fwd(struct scan *sc, size_t from, size_t to, int same)
{
	size_t chunk_end = from, chunk_start = from;

	while (from < to && !sc->cancelled) {
		const unsigned char *pa, *pb;
		uint64_t la, lb;
		size_t len, i, skip;

		if (!same && sc->ma != NULL && from >= sc->upto) {
			skip = mapping_holes_end(sc->ma, sc->mb, from, to,
			    &sc->upto);
			if (skip > from) {
				(void)scan_tick(sc, skip - from);
				from = chunk_end = skip;
				continue;
			}
		}
		if (from >= chunk_end) {
			chunk_start = from;
			chunk_end = to - from > COMPARE_CHUNK ? from +
			    COMPARE_CHUNK : to;
		}
		pa = bytes_span(&sc->ra, from, &la);
		pb = bytes_span(&sc->rb, from, &lb);
		len = min3(la, lb, chunk_end - from);
		if (!same && sc->ma != NULL && sc->upto > from &&
		    sc->upto - from < len)
			len = sc->upto - from;
		i = diff_first(pa, pb, len, same);
		if (i != DIFF_NONE)
			return from + i;
		from += len;
		if (from == chunk_end)
			(void)scan_tick(sc, chunk_end - chunk_start);
	}
	return to;
}

/*
 * The last offset in [lo, hi) where the bytes differ (same 0) or are the
 * same (same 1); DIFF_NONE when there is none or the scan was stopped.
 * Chunk by chunk from hi down; a chunk both files have as a hole is
 * skipped unread.
 */
static size_t
scan_back(struct scan *sc, size_t lo, size_t hi, int same)
{
	while (hi > lo && !sc->cancelled) {
		size_t clo = hi - lo > COMPARE_CHUNK ? hi - COMPARE_CHUNK : lo;
		size_t at, last = DIFF_NONE, i, len, upto = 0;
		const unsigned char *pa, *pb;
		uint64_t la, lb;

		if (same || sc->ma == NULL ||
		    mapping_holes_end(sc->ma, sc->mb, clo, hi, &upto) < hi) {
			for (at = clo; at < hi; at += len) {
				pa = bytes_span(&sc->ra, at, &la);
				pb = bytes_span(&sc->rb, at, &lb);
				len = min3(la, lb, hi - at);
				i = diff_last(pa, pb, len, same);
				if (i != DIFF_NONE)
					last = at + i;
			}
			if (last != DIFF_NONE)
				return last;
		}
		if (!scan_tick(sc, hi - clo))
			break;
		hi = clo;
	}
	return DIFF_NONE;
}

/* Window sizes: the shorter one's, and the longer one's. */
static void
sizes(const struct editor *ed, size_t *n, size_t *longer)
{
	size_t a = ed_size(ed), b = ed_size(ed->other);

	*n = a < b ? a : b;
	*longer = a < b ? b : a;
}

/*
 * The run of differing bytes offset c is in: 1 with *run set, 0 when the
 * bytes there are the same.  The bytes only the longer file has are a
 * run of their own, from the shorter one's end.
 */
static int
run_at(struct scan *sc, size_t c, struct diff_run *run)
{
	size_t n, longer, s, e;

	sizes(sc->ed, &n, &longer);
	if (c >= n) {
		if (c >= longer)
			return 0;
		run->start = n;
		run->len = longer - n;
		return 1;
	}
	if (bytes_at(&sc->ra, c) == bytes_at(&sc->rb, c))
		return 0;
	s = c > 0 ? scan_back(sc, 0, c, 1) : DIFF_NONE;
	s = s == DIFF_NONE ? 0 : s + 1;
	e = scan_fwd(sc, c, n, 1);
	run->start = s;
	run->len = e - s;
	return 1;
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

/* The next run after the one at c (or after c); 1, 0 when none, -1 stopped. */
static int
next_run(struct scan *sc, size_t c, struct diff_run *run)
{
	size_t n, longer, from = c, s;

	sizes(sc->ed, &n, &longer);
	if (c >= n)
		return 0;		/* in the longer file's tail: the last run */
	if (bytes_at(&sc->ra, c) != bytes_at(&sc->rb, c))
		from = scan_fwd(sc, c, n, 1);
	s = scan_fwd(sc, from, n, 0);
	if (sc->cancelled)
		return -1;
	if (s < n) {
		run->start = s;
		run->len = scan_fwd(sc, s, n, 1) - s;
		return sc->cancelled ? -1 : 1;
	}
	if (longer == n)
		return 0;
	run->start = n;
	run->len = longer - n;
	return 1;
}

/* The run before the one at c (or before c); 1, 0 when none, -1 stopped. */
static int
prev_run(struct scan *sc, size_t c, struct diff_run *run)
{
	size_t n, longer, start = c, j, k;
	struct diff_run here;

	sizes(sc->ed, &n, &longer);
	if (run_at(sc, c, &here) == 1)
		start = here.start;
	if (start > n)
		start = n;
	j = scan_back(sc, 0, start, 0);
	if (sc->cancelled)
		return -1;
	if (j == DIFF_NONE)
		return 0;
	k = scan_back(sc, 0, j, 1);
	if (sc->cancelled)
		return -1;
	run->start = k == DIFF_NONE ? 0 : k + 1;
	run->len = j + 1 - run->start;
	return 1;
}

/* Say where a landing is, and the run's length. */
static void
say_run(struct editor *ed, const struct diff_run *run)
{
	size_t n, longer;
	const struct editor *owner;

	sizes(ed, &n, &longer);
	if (run->start >= n) {
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
	struct scan sc;
	size_t c = compare_pos(ed), size = ed_size(ed);
	int r;

	if (ed->other == NULL) {
		ed_msg(ed, true, "one file: ] and [ compare two (mmhex FILE1 "
		    "FILE2)");
		return;
	}
	scan_init(&sc, ed, backward ? c : ed_size(ed) > c ? ed_size(ed) - c :
	    0);
	ed->busy = "comparing";
	mapping_advise_sequential(ed->m, true);
	mapping_advise_sequential(ed->other->m, true);
	r = backward ? prev_run(&sc, c, &run) : next_run(&sc, c, &run);
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
	editor_set_cursor(ed, run.start < size ? run.start : size - 1);
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
	struct scan sc;
	size_t s, e;
	int r;

	if (editor_selection(ed, &s, &e)) {
		*start = s;
		*len = e - s;
		ed_set_mode(ed, INPUT_NORMAL);
		return true;
	}
	scan_init(&sc, ed, 0);
	ed->busy = "comparing";
	r = run_at(&sc, compare_pos(ed), &run);
	ed->busy = NULL;
	if (sc.cancelled) {
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

/* q without the key; see editor.h. */
void
editor_quit(struct editor *ed)
{
	cmd_quit(ed);
}

bool
editor_part_moved(const struct editor *ed)
{
	return ed_part_moved(ed);
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
