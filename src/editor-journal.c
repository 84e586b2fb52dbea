/*
 * editor-journal.c - the session's journal on disk (journal-file.h): kept
 * from the start of every writable session, told every change of the
 * undo journal and every flush, and read back to restore the edits of a
 * session that ended before it flushed them.
 *
 * Restoring makes the same journal calls again, in order, so the undo
 * history comes back as it was.  The calls before the last point where
 * the file held everything (a finished flush, a change of session, any
 * call made in write-through, where edits reach the file at once) only
 * rebuild the history; the ones after it are the unflushed edits, and
 * are applied to the view too, as unflushed copy-on-write edits.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "editor.h"
#include "journal-file.h"
#include "editor-int.h"

static int	begin(struct editor *ed, const char *path, uint64_t keep,
		    struct error *err);

/* An append waits at most this long for fdatasync (the UI wakes twice a second). */
#define SYNC_MS		250

/* journal_log_fn: each change of the undo journal, as one record. */
static void
log_event(void *ctx, enum journal_event ev, const struct journal_entry *e,
    const unsigned char *bytes)
{
	static const enum jrec_type types[] = {
		[JOURNAL_EV_RECORD] = JREC_RECORD,
		[JOURNAL_EV_UNRECORD] = JREC_UNRECORD,
		[JOURNAL_EV_TRIM] = JREC_TRIM,
		[JOURNAL_EV_TAKE_BACK] = JREC_TAKE_BACK,
		[JOURNAL_EV_CLOSE] = JREC_CLOSE,
		[JOURNAL_EV_UNDO] = JREC_UNDO,
		[JOURNAL_EV_REDO] = JREC_REDO,
	};
	struct editor *ed = ctx;
	struct jrec rec;

	memset(&rec, 0, sizeof(rec));
	rec.type = types[ev];
	if (ev == JOURNAL_EV_RECORD) {
		rec.op = (int)e->op;
		rec.off = e->off;
		rec.len = e->len;
		rec.bytes = bytes;
	} else if (ev == JOURNAL_EV_TRIM)
		rec.len = e->len;
	(void)jfile_append(ed->jf, &rec);
}

/* Is the journal being written? */
static bool
journaling(const struct editor *ed)
{
	return ed->jf != NULL && ed->jf->fd >= 0 && !ed->jf->failed;
}

void
ed_journal_mark(struct editor *ed, enum jrec_type type, int op)
{
	struct jrec rec;

	if (!journaling(ed))
		return;
	memset(&rec, 0, sizeof(rec));
	rec.type = type;
	rec.op = op;
	rec.session = (int)ed->m->session;
	if ((type == JREC_FLUSH_DONE || type == JREC_SESSION) &&
	    jfile_ident(ed->m->fd, &rec.id) < 0)
		return;
	(void)jfile_append(ed->jf, &rec);
	/*
	 * The plan must be on disk before the file is touched, and its end
	 * before the move log that stands for it goes.
	 */
	if (type == JREC_FLUSH_BEGIN || type == JREC_FLUSH_DONE)
		(void)jfile_sync(ed->jf);
}

/* Can this session keep a journal at all? */
static bool
journal_wanted(const struct editor *ed)
{
	return ed->m->session != SESSION_RO && !ed->m->in_memory &&
	    ed->m->fd >= 0;
}

/* The journal's path for our file. */
static int
our_path(const struct editor *ed, char *buf, size_t len, struct error *err)
{
	struct jfile_ident id;

	if (jfile_ident(ed->m->fd, &id) < 0) {
		error_set(err, -1, "%s: fstat: %s", ed->m->path,
		    strerror(errno));
		return -1;
	}
	return jfile_path(buf, len, (dev_t)id.dev, (ino_t)id.ino, err);
}

/*
 * Write the undo journal as it stands as records of a journal begun
 * afresh, and mark the file as holding it all (nothing may be unflushed):
 * what a journal starts from when the file changed under it (write to
 * another path).
 */
static void
write_history(struct editor *ed, size_t first)
{
	const struct journal *j = &ed->journal;
	size_t g, i;

	for (g = first; g < j->ngroups; g++) {
		size_t end = g + 1 < j->ngroups ? j->group[g + 1] : j->ne;

		for (i = j->group[g]; i < end; i++)
			log_event(ed, JOURNAL_EV_RECORD, &j->e[i],
			    j->arena + j->e[i].data);
		if (g + 1 < j->ngroups || !j->open)
			log_event(ed, JOURNAL_EV_CLOSE, NULL, NULL);
	}
	for (g = j->done > first ? j->done : first; g < j->ngroups; g++)
		log_event(ed, JOURNAL_EV_UNDO, NULL, NULL);
	ed_journal_mark(ed, JREC_FLUSH_DONE, 0);
}

/*
 * The first group of the last keep bytes of history (old and new bytes
 * counted as the arena holds them): the older ones are dropped.
 */
static size_t
history_from(const struct journal *j, uint64_t keep)
{
	size_t g = j->ngroups;
	uint64_t bytes = 0;

	while (g > 0) {
		size_t first = j->group[g - 1];
		size_t end = g < j->ngroups ? j->group[g] : j->ne;
		uint64_t b = (end < j->ne ? j->e[end].data : j->arena_len) -
		    j->e[first].data;

		if (bytes + b > keep)
			break;
		bytes += b;
		g--;
	}
	return g;
}

/*
 * A clean end with nothing unflushed: the undo history alone (the last
 * ed->undo_keep bytes of it) is written aside and renamed over the
 * journal, for the next session on the unchanged file.  True when it was
 * (the caller then only closes ed->jf, whose name is the history's now);
 * false when there is none to keep or it could not be written (the caller
 * removes the journal).
 */
static bool
keep_history(struct editor *ed)
{
	char path[PATH_MAX + 8];
	struct jfile *old = ed->jf;
	struct error err;
	size_t first;
	bool kept = false;

	if (ed->undo_keep == 0 || ed->journal.ngroups == 0)
		return false;
	first = history_from(&ed->journal, ed->undo_keep);
	if (first == ed->journal.ngroups)
		return false;
	snprintf(path, sizeof(path), "%s.new", old->path);
	ed->jf = NULL;
	if (begin(ed, path, 0, &err) == 0) {
		write_history(ed, first);
		kept = jfile_sync(ed->jf) == 0 && rename(path, old->path) == 0;
		if (kept)
			jfile_close(ed->jf);
		else
			jfile_remove(ed->jf);
		free(ed->jf);
	}
	ed->jf = old;
	return kept;
}

/* Begin the journal at path, keeping its first keep bytes (0: afresh). */
static int
begin(struct editor *ed, const char *path, uint64_t keep, struct error *err)
{
	struct jrec hdr;

	memset(&hdr, 0, sizeof(hdr));
	hdr.type = JREC_HEADER;
	if (jfile_ident(ed->m->fd, &hdr.id) < 0) {
		error_set(err, -1, "%s: fstat: %s", ed->m->path,
		    strerror(errno));
		return -1;
	}
	hdr.session = (int)ed->m->session;
	hdr.origin = ed->m->origin;
	hdr.want_len = ed->m->want_len;
	hdr.pid = (uint64_t)getpid();
	hdr.started = (int64_t)time(NULL);
	hdr.path = ed->m->path;
	ed->jf = xcalloc(1, sizeof(*ed->jf));
	if (jfile_begin(ed->jf, path, &hdr, keep, err) < 0) {
		free(ed->jf);
		ed->jf = NULL;
		return -1;
	}
	ed->journal.log = log_event;
	ed->journal.log_ctx = ed;
	ed->jf_told = false;
	return 0;
}

int
editor_journal_start(struct editor *ed, struct error *err)
{
	char path[PATH_MAX];

	if (!journal_wanted(ed) || ed->jf != NULL)
		return 0;
	if (our_path(ed, path, sizeof(path), err) < 0 ||
	    begin(ed, path, 0, err) < 0)
		return -1;
	if (ed->journal.ngroups > 0)
		write_history(ed, 0);
	return 0;
}

/* The journal could not be begun: said now, and on the status line. */
static void
not_journaled(struct editor *ed, const struct error *err)
{
	ed->unjournaled = true;
	ed_msg(ed, true, "%s: edits are not journaled", err->msg);
}

void
ed_journal_restart(struct editor *ed)
{
	struct error err;

	if (ed->jf == NULL)
		return;
	jfile_remove(ed->jf);
	free(ed->jf);
	ed->jf = NULL;
	ed->journal.log = NULL;
	if (editor_journal_start(ed, &err) < 0)
		not_journaled(ed, &err);
}

void
editor_journal_tick(struct editor *ed)
{
	if (ed->jf == NULL)
		return;
	/* What the frame will show is written first: a crash loses none of it. */
	(void)jfile_write(ed->jf);
	if (jfile_sync_due(ed->jf, SYNC_MS))
		(void)jfile_sync(ed->jf);
	if (ed->jf->failed && !ed->jf_told) {
		ed->jf_told = true;
		ed->unjournaled = true;
		/* A message of the key (a failed flush) stays: the status says it. */
		if (ed->msg[0] == '\0')
			ed_msg(ed, true, "journal: %s: edits are no longer "
			    "journaled", ed->jf->err.msg);
	}
}

/*
 * Ctrl-Z: a stopped process may never be continued (the terminal closed,
 * a kill -9), so what the journal holds is made durable before the UI
 * stops it (ed->suspend).
 */
void
cmd_suspend(struct editor *ed)
{
	if (ed->jf != NULL) {
		(void)jfile_write(ed->jf);
		(void)jfile_sync(ed->jf);
	}
	ed->suspend = true;
}

void
ed_move_log_begin(struct editor *ed)
{
	char path[PATH_MAX];
	struct error err;
	struct move_log *ml;

	if (!journaling(ed) || ed->mlog != NULL)
		return;
	move_log_path(path, sizeof(path), ed->jf->path);
	ml = xcalloc(1, sizeof(*ml));
	if (move_log_begin(ml, path, ed->m->fd, &ed->move_list,
	    ed->move_chunk, &ed->move, &err) < 0) {
		free(ml);
		/* The flush's own message comes after: it says this too. */
		snprintf(ed->mlog_err, sizeof(ed->mlog_err), "%s", err.msg);
		return;
	}
	ed->mlog = ml;
	ed->move.log = move_log_tell;
	ed->move.log_ctx = ml;
}

void
ed_move_log_end(struct editor *ed)
{
	ed->move.log = NULL;
	ed->move.log_ctx = NULL;
	if (ed->mlog == NULL)
		return;
	move_log_end(ed->mlog);
	free(ed->mlog);
	ed->mlog = NULL;
}

void
editor_journal_end(struct editor *ed)
{
	if (ed->jf == NULL)
		return;
	/*
	 * Unflushed copy-on-write edits the user did not give up, or a move
	 * that could not be finished: keep them.
	 */
	if ((!ed->quit && ed->m->session == SESSION_COW &&
	    editor_unflushed(ed)) || ed->mlog != NULL)
		jfile_close(ed->jf);
	else if (!editor_unflushed(ed) && ed->m->gone == GONE_NO &&
	    keep_history(ed))
		jfile_close(ed->jf);	/* its name is the history's now */
	else
		jfile_remove(ed->jf);
	free(ed->jf);
	ed->jf = NULL;
	ed->journal.log = NULL;
}

void
editor_found_free(struct editor_found *f)
{
	jfile_log_free(&f->log);
	pieces_free(&f->mlist);
	pieces_move_free(&f->mmv);
	memset(f, 0, sizeof(*f));
}

/*
 * Where the unflushed part of the log begins (f->live_from: the records
 * after it), whether it holds edits, whether a flush was cut short, and
 * the identity the file should have.
 */
void
editor_found_survey(struct editor_found *f)
{
	const struct jfile_log *log = &f->log;
	int session = log->r[0].session;
	size_t i, begun = 0;

	f->was = log->r[0].id;
	f->live_from = 0;
	for (i = 1; i < log->n; i++) {
		const struct jrec *r = &log->r[i];

		switch (r->type) {
		case JREC_FLUSH_DONE:
			f->was = r->id;
			f->live_from = i;
			begun = 0;
			break;
		case JREC_SESSION:
			session = r->session;
			f->was = r->id;
			f->live_from = i;
			begun = 0;
			break;
		case JREC_FLUSH_BEGIN:
			begun = i;
			break;
		default:
			/* Write-through: the file has every edit at once. */
			if (session != SESSION_COW)
				f->live_from = i;
			break;
		}
	}
	f->flush_cut = begun > f->live_from;
	/*
	 * Edits as undo counts them (a record that opens a step, an undo, a
	 * redo); bytes: the overwritten ranges, each byte once, and the
	 * bytes inserted or deleted.
	 */
	{
		struct dirty over;
		uint64_t sized = 0;
		bool open = false;

		dirty_init(&over);
		f->edits = 0;
		for (i = f->live_from + 1; i < log->n; i++) {
			const struct jrec *r = &log->r[i];

			if (r->type == JREC_RECORD) {
				if (!open)
					f->edits++;
				open = true;
				if (r->op == JOURNAL_OVERWRITE)
					dirty_add(&over, r->off, r->bytes,
					    (size_t)r->len);
				else
					sized += r->len;
			} else if (r->type == JREC_UNDO || r->type == JREC_REDO) {
				f->edits++;
				open = false;
			} else if (r->type == JREC_CLOSE)
				open = false;
		}
		f->bytes = over.bytes + sized;
		dirty_free(&over);
	}
}

/*
 * Whether each byte of now is the old one or the new one: a flush cut
 * short inside a write (a short pwrite, a crash between its pages)
 * leaves a range part written.
 */
static bool
old_or_new(const unsigned char *now, const unsigned char *old,
    const unsigned char *new, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (now[i] != old[i] && now[i] != new[i])
			return false;
	return true;
}

/* The bytes of [off, off + len) in d, which must hold all of them. */
static const unsigned char *
held_at(const struct dirty *d, uint64_t off, uint64_t len)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (off >= d->r[i].start && off + len <= d->r[i].end)
			return d->r[i].bytes + (off - d->r[i].start);
	return NULL;
}

/*
 * The edited ranges whose bytes in the file are no longer the ones the
 * edits were made over (or, a flush cut short, the ones it would have
 * written: the last edit's of each byte, or part of a range each, a
 * write cut short inside it): each overwrite up to the first
 * insert, delete, undo or redo (after those the offsets no longer are the
 * file's), bytes edited before left out.
 */
static void
compare_bytes(const struct editor *ed, struct editor_found *f)
{
	const struct jfile_log *log = &f->log;
	struct dirty seen, final;
	size_t i, end;

	dirty_init(&seen);
	dirty_init(&final);
	for (end = f->live_from + 1; end < log->n; end++) {
		const struct jrec *r = &log->r[end];

		if (r->type == JREC_RECORD && r->op != JOURNAL_OVERWRITE)
			break;
		if (r->type == JREC_RECORD)
			dirty_add(&final, r->off, r->bytes + r->len, r->len);
		else if (r->type != JREC_CLOSE && r->type != JREC_FLUSH_BEGIN)
			break;
	}
	for (i = f->live_from + 1; i < end; i++) {
		const struct jrec *r = &log->r[i];
		const unsigned char *now, *last;

		if (r->type != JREC_RECORD)
			continue;
		if (dirty_bytes_in(&seen, r->off, r->off + r->len) > 0)
			continue;
		dirty_add(&seen, r->off, r->bytes, (size_t)r->len);
		f->checked++;
		if (r->off >= ed->m->size || r->len > ed->m->size - r->off) {
			f->mismatched++;
			continue;
		}
		now = ed->m->data + r->off;
		last = held_at(&final, r->off, r->len);
		if (memcmp(now, r->bytes, (size_t)r->len) != 0 &&
		    !(f->flush_cut && last != NULL &&
		    old_or_new(now, r->bytes, last, (size_t)r->len)))
			f->mismatched++;
	}
	dirty_free(&seen);
	dirty_free(&final);
}

int
editor_journal_find(struct editor *ed, struct editor_found *f,
    struct error *err)
{
	struct jfile_ident now;
	int r;

	memset(f, 0, sizeof(*f));
	if (!journal_wanted(ed))
		return 0;
	if (our_path(ed, f->path, sizeof(f->path), err) < 0)
		return -1;
	if ((r = jfile_live(f->path, &f->pid, err)) < 0)
		return -1;
	if (r == 1) {
		f->state = FOUND_LIVE;
		return 0;
	}
	if ((r = jfile_load(f->path, &f->log, err)) < 0)
		return -1;
	/* A move a crash cut short: finished before anything else. */
	{
		char mpath[PATH_MAX];
		int m;

		move_log_path(mpath, sizeof(mpath), f->path);
		if ((m = move_log_load(mpath, ed->m->fd, &f->mlist, &f->mmv,
		    &f->mchunk, err)) < 0)
			return -1;
		if (m == 0) {
			f->resume = true;
			f->state = FOUND_EDITS;
			if (f->log.n > 0)
				f->started = f->log.r[0].started;
			return 0;
		}
		/* A log a crash left unfinished, never renamed: not begun. */
		snprintf(mpath + strlen(mpath), sizeof(mpath) - strlen(mpath),
		    ".new");
		(void)unlink(mpath);
	}
	if (r == 1)
		return 0;
	/*
	 * Without a move log, a flush cut short had not begun to move
	 * bytes: what it wrote are overwrites, to be written again.
	 */
	editor_found_survey(f);
	if (f->edits == 0 && !f->flush_cut) {
		/*
		 * Nothing unflushed: a session that ended with everything
		 * written.  Its undo history is taken up when the file is as
		 * that session left it (editor_journal_open()).
		 */
		if (jfile_ident(ed->m->fd, &f->now) == 0 &&
		    jfile_ident_same(&f->now, &f->was) &&
		    f->log.r[0].origin == ed->m->origin &&
		    f->log.r[0].want_len == ed->m->want_len)
			f->history = true;
		else
			jfile_log_free(&f->log);
		return 0;
	}
	f->state = FOUND_EDITS;
	f->started = f->log.r[0].started;
	if (jfile_ident(ed->m->fd, &now) < 0) {
		error_set(err, -1, "%s: fstat: %s", ed->m->path,
		    strerror(errno));
		return -1;
	}
	f->now = now;
	/* A flush cut short changed the mtime itself, not the size. */
	f->changed = now.size != f->was.size || (!f->flush_cut &&
	    !jfile_ident_same(&now, &f->was));
	f->other_window = f->log.r[0].origin != ed->m->origin ||
	    f->log.r[0].want_len != ed->m->want_len;
	compare_bytes(ed, f);
	return 0;
}

/* journal_apply_fn for the history before the unflushed part: nothing to do. */
static int
apply_nothing(void *ctx, enum journal_op op, size_t off,
    const unsigned char *bytes, size_t len)
{
	(void)ctx;
	(void)op;
	(void)off;
	(void)bytes;
	(void)len;
	return 0;
}

/* Make record r's call again; live: apply it to the view too. */
static int
replay(struct editor *ed, const struct jrec *r, bool live,
    struct apply_ctx *a)
{
	struct journal *j = &ed->journal;
	journal_apply_fn fn = live ? apply_bytes : apply_nothing;
	size_t off = (size_t)r->off, len = (size_t)r->len;

	switch (r->type) {
	case JREC_RECORD:
		if (r->op == JOURNAL_OVERWRITE) {
			if (journal_record(j, off, len, r->bytes,
			    r->bytes + len) < 0)
				goto nomem;
			return fn(a, JOURNAL_OVERWRITE, off, r->bytes + len, len);
		}
		if (journal_record_size(j, (enum journal_op)r->op, off, len,
		    r->bytes) < 0)
			goto nomem;
		return fn(a, (enum journal_op)r->op, off, r->bytes, len);
	case JREC_UNRECORD:
		/* The write had failed: put back what was applied above. */
		return journal_take_back(j, fn, a) < 0 ? -1 : 0;
	case JREC_TRIM:
		if (j->ne > 0 && len < j->e[j->ne - 1].len) {
			const struct journal_entry *e = &j->e[j->ne - 1];

			if (fn(a, JOURNAL_OVERWRITE, e->off + len, j->arena +
			    e->data + len, e->len - len) < 0)
				return -1;
		}
		journal_trim_last(j, len);
		return 0;
	case JREC_TAKE_BACK:
		return journal_take_back(j, fn, a) < 0 ? -1 : 0;
	case JREC_CLOSE:
		journal_close(j);
		return 0;
	case JREC_UNDO:
		return journal_undo(j, fn, a, NULL, NULL) < 0 ? -1 : 0;
	case JREC_REDO:
		return journal_redo(j, fn, a, NULL, NULL) < 0 ? -1 : 0;
	default:
		return 0;
	}
nomem:
	error_set(&a->err, -1, "out of memory");
	return -1;
}

/*
 * Take the journal found (its lock, its whole records) and make its calls
 * again, not logged (they are in it already): those after live_from
 * applied to the view too, as unflushed edits.  Returns the records made
 * (f->log.n when all were), a's error saying why one could not be.
 */
static size_t
replay_all(struct editor *ed, struct editor_found *f, size_t live_from,
    struct apply_ctx *a)
{
	size_t i;

	ed->journal.log = NULL;
	memset(a, 0, sizeof(*a));
	a->ed = ed;
	dirty_init(&a->skipped);
	for (i = 1; i < f->log.n; i++)
		if (replay(ed, &f->log.r[i], i > live_from, a) < 0)
			break;
	dirty_free(&a->skipped);
	ed->journal.log = log_event;
	return i < f->log.n ? i : f->log.n;
}

/* Drop every edit the view holds: back to the file as it is. */
static void
forget_edits(struct editor *ed)
{
	struct error err;

	journal_free(&ed->journal);
	ed_sizes_free(ed);
	pieces_init(&ed->pieces, ed->m->size);
	(void)mapping_discard(ed->m, &err);
	ed_relayout(ed);
}

/*
 * Finish the move a crash cut short (f->resume): the history comes back
 * (every record made again, none applied: the flush has them all), then
 * the move goes on from where its log says, logging on, through the
 * editor's own flush of a part moved file.
 */
static int
resume_move(struct editor *ed, struct editor_found *f, struct error *err)
{
	char mpath[PATH_MAX];
	struct apply_ctx a;

	/* The chunks a power cut may have kept in part, whole first. */
	move_log_path(mpath, sizeof(mpath), f->path);
	if (move_log_redo(mpath, ed->m->fd, ed->m->path, err) < 0)
		return -1;
	if (begin(ed, f->path, f->log.n > 0 ? f->log.good : 0, err) < 0)
		return -1;
	if (replay_all(ed, f, f->log.n, &a) < f->log.n)
		journal_free(&ed->journal);	/* no history, then */
	pieces_free(&ed->pieces);
	pieces_init(&ed->pieces, ed->m->size);
	/* The list's added bytes are the flush's: ed->pieces owns them. */
	ed->pieces.add = f->mlist.add;
	ed->pieces.add_len = f->mlist.add_len;
	ed->pieces.add_cap = f->mlist.add_cap;
	ed->move_list = f->mlist;
	memset(&f->mlist, 0, sizeof(f->mlist));
	ed->move = f->mmv;
	memset(&f->mmv, 0, sizeof(f->mmv));
	/* Its chunk in flight is the log's: so are the ones after it. */
	ed->move_chunk = f->mchunk;
	ed->move_resumed = true;
	ed->move_changed = 0;
	ed->move_delta = (int64_t)(ed->move_list.size - ed->move_list.base_size);
	snprintf(ed->move_err, sizeof(ed->move_err), "%s: a flush cut short "
	    "by a crash", ed->m->path);
	ed_move_log_begin(ed);
	if (ed_flush(ed, "finishing the flush a crash cut short failed") < 0) {
		error_set(err, -1, "%s", ed->msg);
		return -1;
	}
	return 0;
}

int
editor_journal_restore(struct editor *ed, struct editor_found *f,
    struct error *err)
{
	struct apply_ctx a;
	size_t i;

	if (f->resume)
		return resume_move(ed, f, err);

	if (ed->m->session == SESSION_WT &&
	    mapping_set_session(ed->m, SESSION_COW, err) < 0)
		return -1;
	/*
	 * A flush cut after its writes left bytes in the file that may not
	 * be on the disk yet, and the replay takes a byte equal to the
	 * file's as unchanged: make what the file holds durable first, so
	 * that dropping the journal later never drops an edit with it
	 * (EINVAL: a file that has nothing to sync).
	 */
	if (!ed->m->in_memory && fdatasync(ed->m->fd) < 0 && errno != EINVAL) {
		error_set(err, -1, "%s: fdatasync: %s; nothing restored",
		    ed->m->path, strerror(errno));
		return -1;
	}
	if (begin(ed, f->path, f->log.good, err) < 0)
		return -1;
	if ((i = replay_all(ed, f, f->live_from, &a)) < f->log.n) {
		error_set(err, -1, "%s: record %zu of the journal cannot be "
		    "made again: %s; nothing restored", f->path, i,
		    a.err.msg[0] != '\0' ? a.err.msg : "it does not fit the file");
		forget_edits(ed);
		jfile_close(ed->jf);
		free(ed->jf);
		ed->jf = NULL;
		ed->journal.log = NULL;
		return -1;
	}
	ed_relayout(ed);
	editor_set_cursor(ed, ed->cursor);
	return 0;
}

int
editor_journal_discard(struct editor *ed, struct editor_found *f,
    struct error *err)
{
	struct jfile jf;

	/* Take the lock first: a session that just began may hold it now. */
	if (jfile_begin(&jf, f->path, &(struct jrec){ .type = JREC_HEADER,
	    .path = "" }, f->log.good, err) < 0)
		return -1;
	jfile_remove(&jf);
	return editor_journal_start(ed, err);
}

/* "2026-12-02 06:40" for when a session began. */
void
editor_journal_when(char *buf, size_t len, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "at %" PRId64, t);
}

/* May the edits found be restored onto the file as it is? */
bool
editor_found_restorable(const struct editor_found *f)
{
	if (f->resume)
		return true;
	return !f->other_window && f->mismatched == 0 &&
	    (!f->changed || f->was.size == f->now.size);
}

/* ASK_RECOVER: what the journal holds and, if it changed, how the file did. */
static void
ask_recover(struct editor *ed)
{
	const struct editor_found *f = ed->found;
	const char *name = editor_file_name(ed);
	char at[32];

	editor_journal_when(at, sizeof(at), f->started);
	if (f->resume)
		ed_ask(ed, ASK_RECOVER, "%s: a flush moving bytes was cut short "
		    "(%" PRIu64 " of %" PRIu64 " bytes moved): (r)esume and finish "
		    "it, (k)eep, read-only", name, f->mmv.moved, f->mmv.total);
	else if (f->other_window)
		ed_ask(ed, ASK_RECOVER, "%s: %" PRIu64 " unflushed edit%s of "
		    "another -o/-l window (offset 0x%" PRIx64 "): (k)eep them, "
		    "read-only, (d)iscard", name, f->edits, ed_plural(f->edits),
		    f->log.r[0].origin);
	else if (f->changed || f->mismatched > 0)
		ed_ask(ed, ASK_RECOVER, "%s changed since its %" PRIu64
		    " unflushed edit%s (%s): size %" PRIu64 " -> %" PRIu64
		    ", %" PRIu64 " of %" PRIu64 " edited range%s differ: %s(k)eep "
		    "them, read-only, (d)iscard", name, f->edits,
		    ed_plural(f->edits), at, f->was.size, f->now.size,
		    f->mismatched, f->checked, ed_plural(f->checked),
		    editor_found_restorable(f) ? "(r)estore anyway, " : "");
	else
		ed_ask(ed, ASK_RECOVER, "%s: %" PRIu64 " unflushed edit%s of a "
		    "session that ended (%s): (r)estore, (d)iscard, (k)eep for "
		    "later, read-only", name, f->edits, ed_plural(f->edits), at);
}

void
editor_journal_open(struct editor *ed)
{
	struct editor_found *f;
	struct error err;

	if (!journal_wanted(ed))
		return;
	f = xcalloc(1, sizeof(*f));
	if (editor_journal_find(ed, f, &err) < 0)
		not_journaled(ed, &err);
	else if (f->state == FOUND_LIVE) {
		if (mapping_make_readonly(ed->m, &err) < 0)
			ed_msg(ed, true, "%s is being edited by another mmhex "
			    "(pid %ld), and: %s", editor_file_name(ed), f->pid,
			    err.msg);
		else
			ed_msg(ed, true, "%s is being edited by another mmhex "
			    "(pid %ld): opened read-only", editor_file_name(ed),
			    f->pid);
	} else if (f->state == FOUND_EDITS) {
		ed->found = f;
		ask_recover(ed);
		return;
	} else if (f->history) {
		if (editor_journal_adopt(ed, f, &err) < 0)
			not_journaled(ed, &err);
		else if (journal_undo_steps(&ed->journal) > 0)
			ed_msg(ed, false, "%zu undo step%s kept from the last "
			    "session (u takes %s back)",
			    journal_undo_steps(&ed->journal),
			    ed_plural(journal_undo_steps(&ed->journal)),
			    journal_undo_steps(&ed->journal) == 1 ? "it" :
			    "them");
	} else if (editor_journal_start(ed, &err) < 0)
		not_journaled(ed, &err);
	editor_found_free(f);
	free(f);
}

int
editor_journal_adopt(struct editor *ed, struct editor_found *f,
    struct error *err)
{
	struct apply_ctx a;

	if (begin(ed, f->path, f->log.good, err) < 0)
		return -1;
	/* A history that cannot be made again: a journal begun afresh. */
	if (replay_all(ed, f, f->log.n, &a) < f->log.n) {
		journal_free(&ed->journal);
		jfile_remove(ed->jf);
		free(ed->jf);
		ed->jf = NULL;
		ed->journal.log = NULL;
		return editor_journal_start(ed, err);
	}
	return 0;
}

/* The question is answered: the journal found is no longer needed. */
static void
found_done(struct editor *ed)
{
	if (ed->found != NULL) {
		editor_found_free(ed->found);
		free(ed->found);
		ed->found = NULL;
	}
}

/* r: the edits back, unflushed. */
static void
answer_restore(struct editor *ed)
{
	struct editor_found *f = ed->found;
	struct error err;
	int64_t delta;
	uint64_t n;

	if (!editor_found_restorable(f)) {
		ed_ask(ed, ASK_RECOVER, "cannot restore: %s: (k)eep the journal, "
		    "read-only, (d)iscard", f->other_window ?
		    "open the same -o/-l window to restore them" :
		    "the file is not the one the edits were made on");
		return;
	}
	if (editor_journal_restore(ed, f, &err) < 0) {
		ed_msg(ed, true, "%s", err.msg);
		(void)mapping_make_readonly(ed->m, &err);
		found_done(ed);
		return;
	}
	if (f->resume) {
		ed_msg(ed, false, "finished the flush a crash cut short (%" PRIu64
		    " bytes moved or written)", ed->move_moved);
		found_done(ed);
		return;
	}
	n = editor_changed_bytes(ed, &delta);
	if (delta != 0)
		ed_msg(ed, false, "restored %" PRIu64 " edit%s: %" PRIu64
		    " changed byte%s, size %+" PRId64 ", not flushed (w flushes, "
		    "u undoes)", f->edits, ed_plural(f->edits), n, ed_plural(n),
		    delta);
	else
		ed_msg(ed, false, "restored %" PRIu64 " edit%s: %" PRIu64
		    " changed byte%s, not flushed (w flushes, u undoes)",
		    f->edits, ed_plural(f->edits), n, ed_plural(n));
	found_done(ed);
}

/* d: the journal goes, a new one begins. */
static void
answer_discard_journal(struct editor *ed)
{
	struct error err;
	uint64_t n = ed->found->edits;

	if (editor_journal_discard(ed, ed->found, &err) < 0)
		ed_msg(ed, true, "%s", err.msg);
	else
		ed_msg(ed, false, "discarded %" PRIu64 " unflushed edit%s",
		    n, ed_plural(n));
	found_done(ed);
}

/* k, Esc: touch nothing, the journal stays for a later session. */
static void
answer_keep_journal(struct editor *ed)
{
	struct error err;

	if (mapping_make_readonly(ed->m, &err) < 0)
		ed_msg(ed, true, "journal kept, but: %s", err.msg);
	else
		ed_msg(ed, false, "journal kept (%s): read-only session",
		    ed->found->path);
	found_done(ed);
}

const struct ed_action
	ed_answer_restore = { "restore",
	    "restore the edits, unflushed and undoable", answer_restore },
	ed_answer_discard_journal = { "discard",
	    "discard them: the journal is removed", answer_discard_journal },
	ed_answer_keep_journal = { "keep",
	    "keep the journal for later; this session is read-only",
	    answer_keep_journal };
