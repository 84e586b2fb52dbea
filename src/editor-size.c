/*
 * editor-size.c - inserting and deleting bytes: the piece list the editor
 * reads through once the size changed, insert mode, x, d and P, marks
 * that move with their bytes, and the flush that moves the tail.
 *
 * While editing, an insert or a delete changes only ed->pieces: O(pieces),
 * whatever the size of the file.  A copy-on-write flush first writes the
 * overwritten bytes of the window where they are (mapping_flush), then
 * makes the file hold the list in place (pieces_write: the tail moves
 * once, in chunks, with progress; Esc stops it at a chunk border), then
 * maps the file afresh: the list is the file again, and the journal's
 * offsets, which are offsets of the edited bytes, stay true across it.
 * Write-through moves the tail at once, edit by edit.
 *
 * A move that stopped half-way (cancelled, a full disk) leaves the file
 * neither old nor new.  ed->move and ed->move_list say where it got; the
 * screen shows the file as it is, every edit waits, and the next flush
 * goes on from there (q asks to finish it first).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "keymap.h"
#include "editor-int.h"

/* Is the list what the user sees (it differs from the window)? */
bool
ed_sized(const struct editor *ed)
{
	return !ed_part_moved(ed) && !pieces_unedited(&ed->pieces);
}

/* Did a flush's move stop half-way? */
bool
ed_part_moved(const struct editor *ed)
{
	return ed->move.stage != PIECES_MOVE_START || ed->move_resumed;
}

bool
editor_part_moved(const struct editor *ed)
{
	return ed_part_moved(ed);
}

/* The edited bytes' size; see editor.h. */
size_t
editor_size(const struct editor *ed)
{
	return ed_sized(ed) ? (size_t)ed->pieces.size : ed->m->size;
}

/* A reader over the edited bytes; see editor.h. */
void
editor_bytes(const struct editor *ed, struct bytes *b)
{
	if (ed_sized(ed))
		bytes_pieces(b, &ed->pieces, ed->m->data);
	else
		bytes_flat(b, ed->m->data, ed->m->size);
}

/* A reader for one walk; every call starts it afresh. */
struct bytes *
ed_rd(const struct editor *ed)
{
	static struct bytes rd;

	editor_bytes(ed, &rd);
	return &rd;
}

/* Copy [off, off + len) of the edited bytes. */
void
ed_read(const struct editor *ed, size_t off, void *buf, size_t len)
{
	bytes_read(ed_rd(ed), off, buf, len);
}

/* The byte at off. */
unsigned char
ed_byte(const struct editor *ed, size_t off)
{
	return bytes_at(ed_rd(ed), off);
}

/*
 * [off, off + len) in one piece of memory: in place when it is (always in
 * an unedited window), else a copy in *tmp (NULL when none was made; the
 * caller frees it).  NULL when there is no memory for the copy.
 */
const unsigned char *
ed_view(const struct editor *ed, size_t off, size_t len, unsigned char **tmp)
{
	const unsigned char *p;
	uint64_t run;

	*tmp = NULL;
	if (len == 0)
		return ed->m->data;
	p = bytes_span(ed_rd(ed), off, &run);
	if (run >= len)
		return p;
	if ((*tmp = malloc(len)) == NULL)
		return NULL;
	ed_read(ed, off, *tmp, len);
	return *tmp;
}

/* Where the cursor may be: on a byte, or one past the last in insert mode. */
size_t
ed_extent(const struct editor *ed)
{
	return ed_size(ed) + (ed->inserting ? 1 : 0);
}

/* The list over the window, in step with its size while unedited. */
static struct pieces *
ed_pieces(struct editor *ed)
{
	if (pieces_unedited(&ed->pieces) &&
	    ed->pieces.base_size != ed->m->size) {
		pieces_free(&ed->pieces);
		pieces_init(&ed->pieces, ed->m->size);
	}
	return &ed->pieces;
}

/* Where the edited bytes [lo, hi) come from in the window; see editor.h. */
void
editor_base_range(const struct editor *ed, size_t lo, size_t hi, size_t *blo,
    size_t *bhi)
{
	const struct pieces *ps = &ed->pieces;
	uint64_t a = UINT64_MAX, b = 0;
	size_t i;

	if (!ed_sized(ed)) {
		*blo = lo < ed->m->size ? lo : ed->m->size;
		*bhi = hi < ed->m->size ? hi : ed->m->size;
		return;
	}
	if (hi > ps->size)
		hi = (size_t)ps->size;
	/* Base runs are in the order of their sources: first and last do. */
	for (i = lo < hi ? pieces_at(ps, lo) : ps->n;
	    i < ps->n && ps->p[i].at < hi; i++) {
		const struct piece *p = &ps->p[i];
		uint64_t s = lo > p->at ? lo - p->at : 0;
		uint64_t e = hi - p->at < p->len ? hi - p->at : p->len;

		if (p->added)
			continue;
		if (a == UINT64_MAX)
			a = p->src + s;
		b = p->src + e;
	}
	*blo = a == UINT64_MAX ? 0 : (size_t)a;
	*bhi = a == UINT64_MAX ? 0 : (size_t)b;
}

/* Changed, and waiting for a flush; see editor.h. */
uint64_t
editor_changed_bytes(const struct editor *ed, int64_t *delta)
{
	const struct pieces *ps = &ed->pieces;
	uint64_t n = 0;
	size_t i;

	if (delta != NULL)
		*delta = 0;
	if (!ed_sized(ed))
		return ed->m->dirty.bytes;
	if (delta != NULL)
		*delta = (int64_t)ps->size - (int64_t)ps->base_size;
	/* What is still there of the window's changed bytes, and the new ones. */
	for (i = 0; i < ps->n; i++)
		n += ps->p[i].added ? ps->p[i].len : ed->m->dirty.n == 0 ? 0 :
		    dirty_bytes_in(&ed->m->dirty, ps->p[i].src,
		    ps->p[i].src + ps->p[i].len);
	return n;
}

bool
editor_unflushed(const struct editor *ed)
{
	return ed->m->dirty.bytes > 0 || ed_sized(ed) || ed_part_moved(ed);
}

/* Changed and not flushed: an inserted byte, or a changed one of the window. */
bool
editor_changed(const struct editor *ed, size_t off)
{
	const struct piece *p;

	if (!ed_sized(ed))
		return ed->m->dirty.n > 0 && dirty_contains(&ed->m->dirty, off);
	if (off >= ed->pieces.size)
		return false;
	p = &ed->pieces.p[pieces_at(&ed->pieces, off)];
	return p->added || (ed->m->dirty.n > 0 &&
	    dirty_contains(&ed->m->dirty, p->src + (off - p->at)));
}

/*
 * Overwrite [off, off + len) of the edited bytes with buf: a byte of the
 * window through the session at its window offset (so m->dirty has it
 * and the flush writes it where it is before the tail moves), an
 * inserted byte in the list.  *done as mapping_write() says.
 */
int
ed_store(struct editor *ed, size_t off, const void *buf, size_t len,
    size_t *done, struct error *err)
{
	const unsigned char *in = buf;
	struct pieces *ps = &ed->pieces;
	size_t got = 0, n, part;
	int r = 0;

	ed_lines_edited(ed, off);
	if (!ed_sized(ed))
		return mapping_write(ed->m, off, buf, len, done, err);
	while (got < len && r == 0) {
		const struct piece *p = &ps->p[pieces_at(ps, off + got)];
		uint64_t at = off + got - p->at;

		n = p->len - at < len - got ? (size_t)(p->len - at) : len - got;
		if (p->added) {
			memcpy(ps->add + p->src + at, in + got, n);
			part = n;
		} else
			r = mapping_write(ed->m, (size_t)(p->src + at), in + got,
			    n, &part, err);
		got += part;
	}
	if (done != NULL)
		*done = got;
	return r;
}

/* An offset after an insert of len bytes before off, or a delete at off. */
static bool
shift(size_t *o, enum journal_op op, size_t off, size_t len)
{
	if (*o < off)
		return true;
	if (op == JOURNAL_INSERT) {
		*o += len;
		return true;
	}
	if (*o < off + len)
		return false;	/* its byte is gone */
	*o -= len;
	return true;
}

/* Marks, the selection's anchor and the match move with their bytes. */
static void
shift_places(struct editor *ed, enum journal_op op, size_t off, size_t len)
{
	size_t i, end;

	for (i = 0; i < EDITOR_NMARKS; i++)
		if ((ed->marks_set & ((uint32_t)1 << i)) != 0 &&
		    !shift(&ed->marks[i], op, off, len))
			ed->marks_set &= ~((uint32_t)1 << i);
	if (!shift(&ed->sel_anchor, op, off, len))
		ed->sel_anchor = off;
	if (ed->has_match) {
		end = ed->match.at + ed->match.len;
		if (end <= off)
			return;
		if (ed->match.at >= off + (op == JOURNAL_DELETE ? len : 0))
			(void)shift(&ed->match.at, op, off, len);
		else
			ed->has_match = false;	/* cut into, or split */
	}
}

/*
 * The list of the whole file a flush makes it hold: the file before the
 * window, the window's list, the file after it.
 */
static void
file_list(const struct editor *ed, struct pieces *out)
{
	const struct pieces *ps = &ed->pieces;
	uint64_t origin = ed->m->origin, end = origin + ps->base_size;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->cap = ps->n + 2;
	out->p = xmalloc(out->cap * sizeof(*out->p));
	out->base_size = ed->m->file_size;
	if (origin > 0)
		out->p[out->n++] = (struct piece){ 0, origin, 0, false };
	out->size = origin;
	for (i = 0; i < ps->n; i++) {
		struct piece pc = ps->p[i];

		pc.at += origin;
		if (!pc.added)
			pc.src += origin;
		out->p[out->n++] = pc;
		out->size += pc.len;
	}
	if (end < ed->m->file_size) {
		out->p[out->n++] = (struct piece){ out->size,
		    ed->m->file_size - end, end, false };
		out->size += ed->m->file_size - end;
	}
	/* The added bytes are borrowed: file_list_free() leaves them. */
	out->add = ps->add;
	out->add_len = ps->add_len;
	out->add_cap = ps->add_cap;
}

static void
file_list_free(struct pieces *fl)
{
	fl->add = NULL;
	pieces_free(fl);
}

/*
 * The move is over (done, or given up): the file is mapped afresh and the
 * list is the window again.  A window asked with a length keeps what the
 * edits made of it.
 */
static int
move_over(struct editor *ed, struct error *err)
{
	uint64_t want = ed->m->want_len == UINT64_MAX ? UINT64_MAX :
	    ed->pieces.size;

	file_list_free(&ed->move_list);
	pieces_move_free(&ed->move);
	pieces_free(&ed->pieces);
	dirty_clear(&ed->m->dirty);
	if (mapping_reload(ed->m, want, err) < 0) {
		pieces_init(&ed->pieces, ed->m->size);
		return -1;
	}
	pieces_init(&ed->pieces, ed->m->size);
	ed_relayout(ed);
	ed_scroll(ed);
	ed->redraw = true;
	return 0;
}

/* The chunk of a move over a file of size bytes (EDITOR_MOVE_CHUNK). */
static size_t
move_chunk_for(uint64_t size)
{
	uint64_t c = size / 32 >> 20 << 20;

	return c < EDITOR_MOVE_CHUNK ? EDITOR_MOVE_CHUNK :
	    c > EDITOR_MOVE_CHUNK_MAX ? EDITOR_MOVE_CHUNK_MAX : (size_t)c;
}

/*
 * Make the file hold the list, in place, going on from where a move that
 * stopped got to.  Returns 0 when it does (the list is the file again),
 * 1 when cancelled, -1 with *err set; stopped half-way, ed->move says so
 * and the screen shows the file as it is now.
 */
static int
move_tail(struct editor *ed, struct error *err)
{
	bool started = ed_part_moved(ed);
	int r;

	if (!started) {
		file_list(ed, &ed->move_list);
		ed->move_chunk = move_chunk_for(ed->move_list.size);
		ed->mlog_err[0] = '\0';	/* a new move: what it says is its own */
		ed_move_log_begin(ed);
	}
	ed->busy = "moving";
	r = pieces_write(&ed->move_list, ed->m->fd, ed->m->path,
	    ed->move_chunk, &ed->move, ed->progress, err);
	ed->busy = NULL;
	ed->move_resumed = false;
	if (r == 0) {
		ed->move_moved = ed->move.moved;
		if (fdatasync(ed->m->fd) == 0) {
			ed_journal_mark(ed, JREC_FLUSH_DONE, 0);
			ed_move_log_end(ed);
			return move_over(ed, err);
		}
		/* All there, not known to be durable: the next flush syncs. */
		error_set(err, -1, "%s: fdatasync: %s", ed->m->path,
		    strerror(errno));
		r = -1;
	}
	if (r == 1)
		error_set(err, -1, "%s: move cancelled after %" PRIu64 " of %"
		    PRIu64 " bytes", ed->m->path, ed->move.moved,
		    ed->move.total);
	if (!ed_part_moved(ed)) {
		/* Nothing moved: the file is as it was, the list stays. */
		file_list_free(&ed->move_list);
		ed_move_log_end(ed);
		return -1;
	}
	snprintf(ed->move_err, sizeof(ed->move_err), "%s", err->msg);
	/* Every edit waits now: typing does not go on. */
	if (editor_mode(ed) == INPUT_OVERWRITE)
		ed_set_mode(ed, INPUT_NORMAL);
	/* Show the file as it is: the old pages are not what it holds. */
	{
		struct error e2;
		size_t n = strlen(ed->move_err);

		if (mapping_reload(ed->m, ed->m->want_len, &e2) < 0)
			(void)snprintf(ed->move_err + n,
			    sizeof(ed->move_err) - n, "; %.*s",
			    (int)(sizeof(ed->move_err) - n), e2.msg);
	}
	ed_relayout(ed);
	ed_scroll(ed);
	ed->redraw = true;
	return r;
}

/* The move stopped half-way: what every key that would edit hears. */
void
ed_say_part_moved(struct editor *ed)
{
	if (ed->move.stage == PIECES_MOVE_DONE)
		ed_msg(ed, true, "%s: the file holds the edits, not known to "
		    "be on disk: w syncs again", ed->move_err);
	else
		ed_msg(ed, true, "%s: the file is part moved, neither old nor "
		    "new: w goes on with the move", ed->move_err);
}

/*
 * Flush with inserts or deletes (or a move to finish): the overwrites,
 * then the tail.  Returns 0, 1 when cancelled, -1 with *err set.
 */
int
ed_flush_sizes(struct editor *ed, struct error *err)
{
	if (ed->m->in_memory) {
		error_set(err, -1, "%s: read into memory: nothing to flush to",
		    editor_file_name(ed));
		return -1;
	}
	if (!ed_part_moved(ed)) {
		/* What the flush is of, counted before any of it is written. */
		ed->move_changed = editor_changed_bytes(ed, &ed->move_delta);
		ed_journal_mark(ed, JREC_FLUSH_BEGIN, 1);
		if (mapping_flush(ed->m, err) < 0)
			return -1;
	}
	return move_tail(ed, err);
}

/* Finish a stopped move before the viewer ends; see editor.h. */
int
editor_finish_move(struct editor *ed, struct error *err)
{
	const struct progress *saved = ed->progress;
	int r;

	if (!ed_part_moved(ed))
		return 0;
	ed->progress = NULL;
	r = move_tail(ed, err);
	ed->progress = saved;
	return r == 0 ? 0 : -1;
}

/*
 * Insert len bytes before off (JOURNAL_INSERT) or delete the len at off
 * (JOURNAL_DELETE) in the list, without recording it; write-through
 * moves the tail at once.  Returns 0, or -1 with *err set and nothing
 * changed.
 */
int
ed_resize(struct editor *ed, enum journal_op op, size_t off,
    const unsigned char *bytes, size_t len, struct error *err)
{
	struct pieces *ps = ed_pieces(ed);
	int r;

	if (ed_part_moved(ed)) {
		error_set(err, -1, "%s: the file is part moved: w goes on with "
		    "the move", ed->move_err);
		return -1;
	}
	ed_lines_edited(ed, off);
	r = op == JOURNAL_INSERT ? pieces_insert(ps, off, bytes, len) :
	    pieces_delete(ps, off, len);
	if (r < 0) {
		error_set(err, -1, "offset %zu is past the end (%" PRIu64
		    " bytes)", off, ps->size);
		return -1;
	}
	/* Bytes put back where they were are the file's again. */
	pieces_rejoin(ps, ed->m->data, off);
	shift_places(ed, op, off, len);
	ed_relayout(ed);
	if (ed->m->session != SESSION_WT)
		return 0;
	ed->move_changed = editor_changed_bytes(ed, &ed->move_delta);
	r = move_tail(ed, err);
	/* No flush message follows a write-through move: it is said here. */
	if (r == 0 && ed->mlog_err[0] != '\0') {
		ed_msg(ed, true, "moved, not crash-safe: journal: %s",
		    ed->mlog_err);
		ed->mlog_err[0] = '\0';
	}
	if (r != 0 && !ed_part_moved(ed)) {
		/* Nothing moved: take the edit back out of the list. */
		(void)(op == JOURNAL_INSERT ? pieces_delete(ps, off, len) :
		    pieces_insert(ps, off, bytes, len));
		shift_places(ed, op == JOURNAL_INSERT ? JOURNAL_DELETE :
		    JOURNAL_INSERT, off, len);
		ed_relayout(ed);
		return -1;
	}
	return 0;
}

/* Bytes a write-through edit at off would move. */
static uint64_t
tail_after(const struct editor *ed, size_t off)
{
	uint64_t abs = ed->m->origin + off;

	return ed->m->file_size > abs ? ed->m->file_size - abs : 0;
}

/* Forget the edit a question was about. */
static void
asked_free(struct editor *ed)
{
	free(ed->asked.bytes);
	memset(&ed->asked, 0, sizeof(ed->asked));
}

/* Record and make one insert or delete; the cursor goes to cursor. */
static int
size_now(struct editor *ed, const struct size_edit *se, bool join)
{
	struct error err;

	if (!join)
		journal_close(&ed->journal);
	if (journal_record_size(&ed->journal, se->op, se->off, se->len,
	    se->bytes) == -1) {
		ed_msg(ed, true, "not enough memory to keep %zu byte%s for undo: "
		    "nothing changed", se->len, ed_plural(se->len));
		return -1;
	}
	if (ed_resize(ed, se->op, se->off, se->bytes, se->len, &err) < 0) {
		journal_unrecord(&ed->journal);
		ed_msg(ed, true, "%s: nothing changed", err.msg);
		return -1;
	}
	ed->cursor = se->cursor;
	ed_scroll(ed);
	if (ed_part_moved(ed))
		ed_say_part_moved(ed);
	return 0;
}

/*
 * The one way the size changes: record it, then make it.  bytes are an
 * insert's, or a delete's old bytes (copied here: NULL reads them).  In
 * write-through a move of more than EDITOR_ASK_MOVE asks first (then 1:
 * the answer makes it).  Returns 0 when made, 1 when asked, -1 with the
 * message set.
 */
static int
edit_size(struct editor *ed, enum journal_op op, size_t off,
    const void *bytes, size_t len, size_t cursor, bool join)
{
	struct size_edit se = { .op = op, .off = off, .len = len, .cursor = cursor };
	uint64_t tail;
	int r;

	if (len == 0)
		return 0;
	if ((se.bytes = malloc(len)) == NULL) {
		ed_msg(ed, true, "not enough memory for %zu bytes: nothing "
		    "changed", len);
		return -1;
	}
	if (bytes != NULL)
		memcpy(se.bytes, bytes, len);
	else
		ed_read(ed, off, se.bytes, len);
	tail = tail_after(ed, off);
	if (ed->m->session == SESSION_WT && tail > EDITOR_ASK_MOVE &&
	    !ed->move_always) {
		asked_free(ed);
		ed->asked = se;
		ed_ask(ed, ASK_MOVE_TAIL, "write-through: this %s moves the %"
		    PRIu64 " MiB after it now: (y)es, (a)lways, (n)o, (M) "
		    "copy-on-write", op == JOURNAL_INSERT ? "insert" : "delete",
		    tail >> 20);
		return 1;
	}
	r = size_now(ed, &se, join);
	free(se.bytes);
	return r;
}

/* An insert or delete for another module; see editor-int.h. */
int
ed_edit_size(struct editor *ed, enum journal_op op, size_t off,
    const void *bytes, size_t len, size_t cursor, bool join)
{
	return edit_size(ed, op, off, bytes, len, cursor, join);
}

/* y to ASK_MOVE_TAIL: make the edit. */
static void
answer_move(struct editor *ed)
{
	struct size_edit se = ed->asked;

	memset(&ed->asked, 0, sizeof(ed->asked));
	if (size_now(ed, &se, false) == 0) {
		if (se.nibble) {
			ed->low_nibble = true;
			ed->nibble_at = se.off;
			ed->nibble_was_dirty = false;
		}
		if (se.cut && se.op == JOURNAL_DELETE) {
			free(ed->clip);
			ed->clip = se.bytes;
			ed->clip_len = se.len;
			se.bytes = NULL;
		}
		journal_close(&ed->journal);
		if (ed->msg[0] == '\0')
			ed_msg(ed, false, "%s %zu byte%s", se.op ==
			    JOURNAL_INSERT ? "inserted" : "deleted", se.len,
			    ed_plural(se.len));
	}
	free(se.bytes);
}

/* a to ASK_MOVE_TAIL: yes, and to every later one of this session. */
static void
answer_move_always(struct editor *ed)
{
	ed->move_always = true;
	answer_move(ed);
}

/*
 * M to ASK_MOVE_TAIL: go copy-on-write (nothing is unflushed in
 * write-through) and make the edit there: moved once, at the flush.
 */
static void
answer_move_cow(struct editor *ed)
{
	struct error err;

	if (mapping_set_session(ed->m, SESSION_COW, &err) < 0) {
		asked_free(ed);
		ed_msg(ed, true, "%s: nothing changed", err.msg);
		return;
	}
	answer_move(ed);
	if (!ed->msg_error)
		ed_msg(ed, false, "copy-on-write now: the flush moves the rest "
		    "of the file, once");
}

/* n to ASK_MOVE_TAIL. */
static void
answer_no_move(struct editor *ed)
{
	asked_free(ed);
	ed_msg(ed, false, "nothing changed");
}

const struct ed_action ed_answer_move = { "move",
	"move the bytes after it now", answer_move };
const struct ed_action ed_answer_move_always = { "move-always",
	"move them now, and do not ask again in this session",
	answer_move_always };
const struct ed_action ed_answer_move_cow = { "copy-on-write",
	"switch to copy-on-write and make the edit there (moved at the flush)",
	answer_move_cow };
const struct ed_action ed_answer_no_move = { "cancel", "nothing changed",
	answer_no_move };

/* I, Insert: insert mode. */
void
cmd_insert(struct editor *ed)
{
	char leave[32], other[40];

	ed_set_mode(ed, INPUT_OVERWRITE);
	ed->inserting = true;
	ed_relayout(ed);
	ed_hint(leave, sizeof(leave), KEYMAP_OVERWRITE, CMD_LEAVE_MODE,
	    "leaves");
	ed_hint(other, sizeof(other), KEYMAP_OVERWRITE, CMD_TOGGLE_INSERT,
	    "overwrites");
	ed_msg(ed, false, "insert: type before the cursor%s%s%s%s",
	    other[0] != '\0' ? ", " : "", other, leave[0] != '\0' ? ", " : "",
	    leave);
}

/* Insert while typing: insert <-> overwrite. */
void
cmd_toggle_insert(struct editor *ed)
{
	if (!ed->inserting) {
		ed->inserting = true;
		ed_relayout(ed);
		ed_msg(ed, false, "insert");
		return;
	}
	ed->inserting = false;
	ed_relayout(ed);
	ed_scroll(ed);
	ed_msg(ed, false, "overwrite");
}

/* x, Delete: delete the byte under the cursor. */
void
cmd_delete(struct editor *ed)
{
	size_t at = ed->cursor;

	if (at >= ed_size(ed)) {
		ed_msg(ed, true, ed_size(ed) == 0 ? "empty file" :
		    "nothing under the cursor: Backspace deletes before it");
		return;
	}
	if (edit_size(ed, JOURNAL_DELETE, at, NULL, 1, at, false) == 0)
		journal_close(&ed->journal);
}

/* The last edit recorded taken back, as never made: false if it failed. */
static bool
take_back(struct editor *ed)
{
	struct apply_ctx a;
	int r;

	memset(&a, 0, sizeof(a));
	a.ed = ed;
	dirty_init(&a.skipped);
	if ((r = journal_take_back(&ed->journal, apply_bytes, &a)) < 0)
		ed_msg(ed, true, "%s", a.err.msg);
	dirty_free(&a.skipped);
	return r == 1;
}

/*
 * Backspace in overwrite mode, as in vim's replace mode: the byte typed
 * before the cursor in this run (or the one half typed, or the last of
 * the file, where the cursor stays) gets its old value back, and the
 * cursor goes to it; before the run, a step back.
 */
static void
overwrite_back(struct editor *ed)
{
	const struct journal_entry *e = journal_last(&ed->journal);
	size_t at;

	if (!ed->run || ed->cursor != ed->run_at || e == NULL ||
	    e->op != JOURNAL_OVERWRITE || e->len != 1 ||
	    (e->off + 1 != ed->cursor && e->off != ed->cursor)) {
		cmd_left(ed);
		return;
	}
	/* Both nibbles of a hex byte are entries of their own. */
	at = e->off;
	while ((e = journal_last(&ed->journal)) != NULL &&
	    e->op == JOURNAL_OVERWRITE && e->off == at && e->len == 1)
		if (!take_back(ed))
			break;
	ed->low_nibble = false;
	ed->cursor = at;
	ed_run_on(ed);
}

/* Backspace while typing: delete the byte before the cursor, or step back. */
void
cmd_backspace(struct editor *ed)
{
	if (!ed->inserting) {
		overwrite_back(ed);
		return;
	}
	/* A byte of which one digit is typed: taken back, as never made. */
	if (ed->half_typed) {
		if (take_back(ed))
			ed_msg(ed, false, "half-typed byte taken back");
		ed->cursor = ed->nibble_at;
		return;
	}
	if (ed->cursor == 0) {
		ed_msg(ed, true, "start of file: nothing before the cursor");
		return;
	}
	/* Part of the typing run, as in vim: one u takes it all back. */
	if (edit_size(ed, JOURNAL_DELETE, ed->cursor - 1, NULL, 1,
	    ed->cursor - 1, ed_run_joins(ed)) == 0)
		ed_run_on(ed);
	else
		ed_run_end(ed);
}

/* d, x in select mode: the selection to the clipboard, and deleted. */
void
cmd_cut(struct editor *ed)
{
	size_t start, end, len;
	unsigned char *p;
	int r;

	if (!editor_selection(ed, &start, &end)) {
		ed_msg(ed, true, "nothing selected: v starts a selection");
		return;
	}
	len = end - start;
	if ((p = malloc(len)) == NULL) {
		ed_msg(ed, true, "not enough memory to cut %zu bytes", len);
		return;
	}
	ed_read(ed, start, p, len);
	ed_set_mode(ed, INPUT_NORMAL);
	r = edit_size(ed, JOURNAL_DELETE, start, p, len, start, false);
	if (r == 1) {
		ed->asked.cut = true;
		free(p);
		return;
	}
	if (r < 0) {
		free(p);
		return;
	}
	journal_close(&ed->journal);
	free(ed->clip);
	ed->clip = p;
	ed->clip_len = len;
	if (ed->msg[0] == '\0')
		ed_msg(ed, false, "cut %zu byte%s (P inserts them)", len,
		    ed_plural(len));
}

/* P: the clipboard inserted before the cursor, one undo step. */
void
cmd_paste_insert(struct editor *ed)
{
	size_t at = ed->cursor;

	if (ed->clip == NULL) {
		ed_msg(ed, true, "nothing copied: v selects, y copies");
		return;
	}
	if (editor_mode(ed) == INPUT_SELECT)
		ed_set_mode(ed, INPUT_NORMAL);
	if (at > ed_size(ed))
		at = ed_size(ed);
	if (edit_size(ed, JOURNAL_INSERT, at, ed->clip, ed->clip_len, at,
	    false) != 0)
		return;
	journal_close(&ed->journal);
	if (ed->msg[0] == '\0')
		ed_msg(ed, false, "inserted %zu byte%s", ed->clip_len,
		    ed_plural(ed->clip_len));
}

/*
 * A key typed in insert mode: in the hex pane a hex digit makes a new
 * byte before the cursor (high nibble; the next digit, on that byte, its
 * low one, both one undo step), in the text pane a character is inserted.
 */
void
insert_key(struct editor *ed, int key, bool low, bool text)
{
	unsigned char b;
	size_t at = ed->cursor;
	int d;

	if (text) {
		b = (unsigned char)key;
		if (edit_size(ed, JOURNAL_INSERT, at, &b, 1, at + 1,
		    ed_run_joins(ed)) == 0)
			ed_run_on(ed);
		else
			ed_run_end(ed);
		return;
	}
	d = hex_digit_value(key);
	if (!low) {
		b = (unsigned char)(d << 4);
		switch (edit_size(ed, JOURNAL_INSERT, at, &b, 1, at,
		    ed_run_joins(ed))) {
		case 0:
			ed->low_nibble = true;
			ed->nibble_at = at;
			ed->nibble_was_dirty = false;
			break;
		case 1:
			ed->asked.nibble = true;	/* once the answer made it */
			break;
		}
		return;
	}
	/* The low nibble overwrites the byte just inserted. */
	b = (unsigned char)(ed_byte(ed, at) | d);
	overwrite_low(ed, at, b);
}

/* The file's size changed under an edited list: fit the list to it. */
uint64_t
ed_sizes_rebase(struct editor *ed)
{
	uint64_t gone;

	/*
	 * An unedited list too: it stands for the whole old window (a
	 * write-through insert leaves one), and reading through it later
	 * would ask for bytes the window no longer has.
	 */
	if (ed_part_moved(ed) || ed->pieces.base_size == ed->m->size)
		return 0;
	/* Unedited, it stays unedited: the whole of the new window. */
	if (!ed_sized(ed)) {
		pieces_free(&ed->pieces);
		pieces_init(&ed->pieces, ed->m->size);
		ed_relayout(ed);
		return 0;
	}
	gone = pieces_rebase(&ed->pieces, ed->m->size);
	ed_relayout(ed);
	return gone;
}

/* Free what the size edits hold. */
void
ed_sizes_free(struct editor *ed)
{
	asked_free(ed);
	file_list_free(&ed->move_list);
	pieces_move_free(&ed->move);
	pieces_free(&ed->pieces);
}
