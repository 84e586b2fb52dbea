/*
 * cli-edit.c - the scripting modes that write: --patch OFFSET:HEX,
 * --insert OFFSET:HEX and --delete OFFSET:LENGTH, repeatable, mixed, in
 * the order given, each offset in the file as the edits before it left
 * it.  Every edit is checked before anything is written: one bad one
 * writes nothing.
 *
 * Either way the edits are journaled first, as a session's flush is
 * (FLUSH_BEGIN made durable before a byte of the file changes), so a
 * crash at any point is finished by the next open or `mmhex --recover`:
 * never a file with some patches and not others.  Patches alone are
 * overwrites, written in the write-through session and put back if one
 * fails (a full disk).  With an insert or a delete the edits build a
 * piece list (pieces.h) over the file, and one pieces_write() makes the
 * file hold it in place: same inode, only the bytes after the first
 * change of size moved, each once.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli-int.h"
#include "cli.h"
#include "editor.h"
#include "expr.h"
#include "journal-file.h"
#include "journal.h"
#include "mapping.h"
#include "move-log.h"
#include "pattern.h"
#include "pieces.h"

/*
 * Bytes moved per read and write of a size-changing flush: small enough
 * to stay in the CPU cache between the pread and the pwrite (8 MiB was
 * slower than cp, 1 MiB faster: tests/bench/bench-insert.sh).
 */
#define MOVE_CHUNK	((size_t)1 << 20)

/* One edit, checked: where, and what (the bytes, or a length to delete). */
struct edit {
	uint64_t	 off;
	struct pattern	 pat;	/* --patch, --insert */
	uint64_t	 len;	/* --delete */
};

/*
 * The file the edits are for, before it is opened: they change a file in
 * place, so standard input, a FIFO (whose open would wait for a writer),
 * a terminal or a directory is refused at once; a block device keeps its
 * size, so an insert or delete there is refused too.  Returns 0, or -1
 * with the message printed.  What stat cannot see is left to the open.
 */
int
edit_check_target(const struct options *o)
{
	const char *sizing = NULL;
	struct stat st;
	size_t i;

	for (i = 0; i < o->nedits; i++)
		if (o->edits[i].kind != 'p' && sizing == NULL)
			sizing = edit_flag(o->edits[i].kind);
	if (strcmp(o->path, "-") == 0)
		return complain("-: %s changes a file in place, not standard "
		    "input", edit_flag(o->edits[0].kind)), -1;
	if (stat(o->path, &st) < 0 || S_ISREG(st.st_mode) ||
	    (S_ISBLK(st.st_mode) && sizing == NULL))
		return 0;
	if (S_ISBLK(st.st_mode))
		return complain("%s: a block device keeps its size: %s cannot "
		    "change it", o->path, sizing), -1;
	return complain("%s: not a regular file: %s changes a file in place",
	    o->path, edit_flag(o->edits[0].kind)), -1;
}

const char *
edit_flag(int kind)
{
	return kind == 'i' ? "--insert" : kind == 'd' ? "--delete" : "--patch";
}

static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* An expression context for a file of size bytes at the window's origin. */
static void
edit_ctx(struct expr_ctx *ctx, const struct mapping *m, uint64_t size)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->origin = m->origin;
	ctx->cursor = m->origin;
	ctx->size = size;
	ctx->lo = m->origin;
	ctx->hi = m->origin + size;
}

/* "mmhex: FILE: --insert 'ARG': why": one line; returns -1. */
static int __attribute__((format(printf, 3, 4)))
refuse(const struct options *o, const struct edit_arg *e, const char *fmt, ...)
{
	char why[ERROR_MSG_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	complain("%s: %s '%s': %s", o->path, edit_flag(e->kind), e->arg, why);
	return -1;
}

/*
 * Parse e->arg, OFFSET:HEX or OFFSET:LENGTH, against a file of size
 * bytes (the size the edits before it left), and check it fits there.
 * Returns 0, or -1 with the message printed.
 */
static int
parse_edit(const struct options *o, const struct mapping *m,
    const struct edit_arg *e, uint64_t size, struct edit *out)
{
	const char *colon = strchr(e->arg, ':');
	struct expr_ctx ctx;
	struct error err;
	char *where;
	int r;

	if (colon == NULL)
		return refuse(o, e, "expected OFFSET:%s",
		    e->kind == 'd' ? "LENGTH" : "HEX");
	edit_ctx(&ctx, m, size);
	where = xmalloc((size_t)(colon - e->arg) + 1);
	memcpy(where, e->arg, (size_t)(colon - e->arg));
	where[colon - e->arg] = '\0';
	/* hi is the size itself: an insert there appends. */
	r = expr_eval(where, &ctx, &out->off, &err);
	free(where);
	if (r < 0)
		return refuse(o, e, "%s", err.msg);
	if (e->kind == 'd') {
		ctx.lo = 0;
		ctx.hi = UINT64_MAX;	/* a length, checked below */
		if (expr_eval(colon + 1, &ctx, &out->len, &err) < 0)
			return refuse(o, e, "LENGTH: %s", err.msg);
		if (out->len == 0)
			return refuse(o, e, "nothing to delete");
	} else {
		if (pattern_parse_hex(&out->pat, colon + 1, &err) < 0)
			return refuse(o, e, "%s", err.msg);
		if (out->pat.mask != NULL)
			return refuse(o, e, "'?\?' means any byte: %s needs every "
			    "byte given", edit_flag(e->kind));
		out->len = e->kind == 'p' ? out->pat.len : 0;
	}
	if (out->len > m->origin + size - out->off)
		return refuse(o, e, "%" PRIu64 " byte%s at offset %" PRIu64
		    " go%s past the end of the file (%" PRIu64 " byte%s); "
		    "nothing written", out->len, plural(out->len), out->off,
		    out->len == 1 ? "es" : "", m->origin + size,
		    plural(m->origin + size));
	return 0;
}

static const char put_back_all[] = "nothing changed";

/*
 * A patch failed after patches [0, failed) and the first done bytes of
 * patch failed reached the file: put back what they replaced, last first,
 * so that a failed --patch leaves the file as it was.  Says how it went.
 */
static const char *
unpatch(struct mapping *m, const struct edit *eds,
    unsigned char *const *olds, size_t failed, size_t done)
{
	static char msg[512];
	struct error err;
	size_t i = failed + 1, len;

	while (i-- > 0) {
		len = i == failed ? done : eds[i].pat.len;
		if (len == 0)
			continue;
		if (mapping_write(m, (size_t)(eds[i].off - m->origin), olds[i],
		    len, NULL, &err) < 0 || mapping_flush(m, &err) < 0) {
			snprintf(msg, sizeof(msg), "could not put back the bytes "
			    "at 0x%" PRIx64 ": %s", eds[i].off, err.msg);
			return msg;
		}
	}
	return put_back_all;
}

/*
 * What makes the edits crash-safe, as a session's flush is: a journal
 * at the file's journal path holding the edits as a session would have
 * them (records, then FLUSH_BEGIN), and the move log.  A crash anywhere
 * is finished by the next open or by `mmhex --recover FILE`.
 */
struct safe_move {
	struct jfile	 jf;
	bool		 journaled;
	struct move_log	 ml;
	bool		 logged;
	const char	*what;		/* "the move is", "the patches are" */
	char		 path[PATH_MAX];	/* the journal's */
};

/*
 * May the file's journal path be taken?  Not while another mmhex edits
 * the file, nor while a journal there holds edits a session left
 * unflushed (or a move cut short): those are the user's.  Asked as a
 * session opening the file asks (editor_journal_find()).  Returns 0 (no
 * journal, one with only history, or none can be read: said when begun),
 * -1 (message printed).
 */
static int
journal_free_for(const char *file, struct mapping *m)
{
	struct editor ed;
	struct editor_found f;
	struct error err;
	int r = 0;

	editor_init(&ed, m, 80, 24, 0, false);
	if (editor_journal_find(&ed, &f, &err) == 0) {
		if (f.state == FOUND_LIVE) {
			complain("%s is being edited by another mmhex (pid "
			    "%ld): nothing changed", file, f.pid);
			r = -1;
		} else if (f.state == FOUND_EDITS) {
			complain("%s has edits a session left unflushed: "
			    "'mmhex --recover %s' or open it first; nothing "
			    "changed", file, file);
			r = -1;
		}
	}
	editor_found_free(&f);
	editor_free(&ed);
	return r;
}

/* Say that the edits are not crash-safe, and why; they go on. */
static void
unsafe(const struct safe_move *sm, const struct error *err)
{
	fprintf(stderr, "mmhex: journal: %s: %s not crash-safe\n", err->msg,
	    sm->what);
}

/*
 * Copy [at, at + len) of the list into buf: the edits' bytes from memory,
 * the file's own with pread (mapping_pread), so that a hole a full tmpfs
 * cannot page in reads as the zeros it holds, not as a fault.
 */
static int
list_pread(struct mapping *m, const struct pieces *ps, uint64_t at,
    unsigned char *buf, size_t len, struct error *err)
{
	const unsigned char *p;
	uint64_t run;

	while (len > 0) {
		p = pieces_span(ps, m->data, at, &run);
		if (run > len)
			run = len;
		if (m->data != NULL && (uintptr_t)p >= (uintptr_t)m->data &&
		    (uintptr_t)p < (uintptr_t)m->data + m->size) {
			if (mapping_pread(m, (size_t)(p - m->data), buf,
			    (size_t)run, err) < 0)
				return -1;
		} else
			memcpy(buf, p, (size_t)run);
		at += run;
		buf += run;
		len -= (size_t)run;
	}
	return 0;
}

/*
 * Begin the journal of the edits eds (the list ps is built here, edit by
 * edit, each recorded with the bytes it covers), FLUSH_BEGIN made durable.
 * Returns 0, or -1 when the file must not be changed (printed).
 */
static int
safe_begin(struct safe_move *sm, const struct options *o, struct mapping *m,
    struct pieces *ps, const struct edit *eds, const struct edit_arg *args,
    size_t n)
{
	struct jrec hdr, rec;
	struct jfile_ident id;
	struct error err;
	unsigned char *buf;
	size_t i, len;

	memset(sm, 0, sizeof(*sm));
	sm->what = "the patches are";
	for (i = 0; i < n; i++)
		if (args[i].kind != 'p')
			sm->what = "the move is";
	if (jfile_ident(m->fd, &id) < 0) {
		complain("%s: fstat: %s", o->path, strerror(errno));
		return -1;
	}
	if (jfile_path(sm->path, sizeof(sm->path), (dev_t)id.dev,
	    (ino_t)id.ino, &err) < 0) {
		unsafe(sm, &err);
		sm->path[0] = '\0';
	} else if (journal_free_for(o->path, m) < 0)
		return -1;
	memset(&hdr, 0, sizeof(hdr));
	hdr.type = JREC_HEADER;
	hdr.id = id;
	hdr.session = (int)SESSION_COW;
	hdr.origin = m->origin;
	hdr.want_len = m->want_len;
	hdr.pid = (uint64_t)getpid();
	hdr.started = (int64_t)time(NULL);
	hdr.path = o->path;
	if (sm->path[0] != '\0') {
		if (jfile_begin(&sm->jf, sm->path, &hdr, 0, &err) < 0)
			unsafe(sm, &err);
		else
			sm->journaled = true;
	}
	for (i = 0; i < n; i++) {
		/* The window's offsets, as a session's journal has them. */
		uint64_t at = eds[i].off - m->origin;

		/* An overwrite: its old bytes then its new ones. */
		len = args[i].kind == 'd' ? (size_t)eds[i].len : eds[i].pat.len;
		buf = xmalloc(2 * len + 1);
		memset(&rec, 0, sizeof(rec));
		rec.type = JREC_RECORD;
		rec.off = at;
		rec.len = len;
		rec.bytes = buf;
		if (args[i].kind != 'i' &&
		    list_pread(m, ps, at, buf, len, &err) < 0) {
			complain("%s; nothing changed", err.msg);
			free(buf);
			if (sm->journaled)
				jfile_remove(&sm->jf);
			return -1;
		}
		if (args[i].kind == 'p') {
			rec.op = JOURNAL_OVERWRITE;
			memcpy(buf + len, eds[i].pat.bytes, len);
			(void)pieces_delete(ps, at, len);
			(void)pieces_insert(ps, at, eds[i].pat.bytes, len);
		} else if (args[i].kind == 'i') {
			rec.op = JOURNAL_INSERT;
			memcpy(buf, eds[i].pat.bytes, len);
			(void)pieces_insert(ps, at, eds[i].pat.bytes, len);
		} else {
			rec.op = JOURNAL_DELETE;
			(void)pieces_delete(ps, at, len);
		}
		if (sm->journaled) {
			(void)jfile_append(&sm->jf, &rec);
			rec = (struct jrec){ .type = JREC_CLOSE };
			(void)jfile_append(&sm->jf, &rec);
		}
		free(buf);
	}
	if (sm->journaled) {
		rec = (struct jrec){ .type = JREC_FLUSH_BEGIN, .op = 1,
		    .session = (int)SESSION_COW };
		(void)jfile_append(&sm->jf, &rec);
		if (jfile_sync(&sm->jf) < 0) {
			unsafe(sm, &sm->jf.err);
			jfile_remove(&sm->jf);
			sm->journaled = false;
		}
	}
	return 0;
}

/* The move log, begun once the plan is durable; the move is told to it. */
static void
safe_log(struct safe_move *sm, struct mapping *m, const struct pieces *ps,
    struct pieces_move *mv)
{
	char mpath[PATH_MAX];
	struct error err;

	if (!sm->journaled)
		return;
	move_log_path(mpath, sizeof(mpath), sm->path);
	if (move_log_begin(&sm->ml, mpath, m->fd, ps, MOVE_CHUNK, mv,
	    &err) < 0) {
		unsafe(sm, &err);
		return;
	}
	sm->logged = true;
	mv->log = move_log_tell;
	mv->log_ctx = &sm->ml;
}

/*
 * The move is over: done (its end made durable, then the log and the
 * journal go), not begun (both go), or cut short (both stay, for
 * --recover to finish it).
 */
static void
safe_end(struct safe_move *sm, struct mapping *m, bool done, bool begun)
{
	struct jrec rec;

	if (done && sm->journaled) {
		rec = (struct jrec){ .type = JREC_FLUSH_DONE,
		    .session = (int)SESSION_COW };
		if (jfile_ident(m->fd, &rec.id) == 0) {
			(void)jfile_append(&sm->jf, &rec);
			(void)jfile_sync(&sm->jf);
		}
	}
	if (done || !begun) {
		if (sm->logged)
			move_log_end(&sm->ml);
		if (sm->journaled)
			jfile_remove(&sm->jf);
	} else {
		if (sm->logged)
			move_log_close(&sm->ml);
		if (sm->journaled)
			jfile_close(&sm->jf);
	}
}

/*
 * Overwrites only: journaled, then written in the write-through session,
 * put back if one fails.  Put back, the file is as it was and the journal
 * goes; not put back, it stays for --recover to finish the patches.
 */
static int
patch_in_place(const struct options *o, struct mapping *m,
    const struct edit *eds, size_t n)
{
	unsigned char **olds = xcalloc(n, sizeof(*olds));
	const char *back = NULL;
	struct safe_move sm;
	struct pieces ps;
	struct error err;
	int status = EXIT_TROUBLE;
	size_t i, off, done;

	pieces_init(&ps, m->size);
	if (safe_begin(&sm, o, m, &ps, eds, o->edits, n) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		off = (size_t)(eds[i].off - m->origin);
		olds[i] = xmalloc(eds[i].pat.len);
		if (mapping_pread(m, off, olds[i], eds[i].pat.len, &err) < 0) {
			back = unpatch(m, eds, olds, i, 0);
			break;
		}
		if (mapping_write(m, off, eds[i].pat.bytes, eds[i].pat.len,
		    &done, &err) < 0) {
			back = unpatch(m, eds, olds, i, done);
			break;
		}
	}
	if (back != NULL) {
		complain("%s; %s%s", err.msg, back, back == put_back_all ||
		    !sm.journaled ? "" : "; 'mmhex --recover' finishes the "
		    "patches");
		safe_end(&sm, m, false, back != put_back_all);
		goto out;
	}
	if (mapping_flush(m, &err) < 0) {
		complain("%s%s", err.msg, sm.journaled ? "; 'mmhex --recover' "
		    "finishes the patches" : "");
		safe_end(&sm, m, false, true);
		goto out;
	}
	safe_end(&sm, m, true, true);
	status = EXIT_SUCCESS;
out:
	for (i = 0; i < n; i++)
		free(olds[i]);
	free(olds);
	pieces_free(&ps);
	return status;
}

/*
 * With inserts or deletes: the edits as a piece list over the whole file
 * (an overwrite is a delete and an insert of its bytes), journaled, then
 * one write in place, logged, then fdatasync.
 */
static int
edit_sizes(const struct options *o, struct mapping *m, const struct edit *eds,
    const struct edit_arg *args, size_t n)
{
	struct pieces_move mv = { 0 };
	struct safe_move sm;
	struct pieces ps;
	struct error err;
	int status = EXIT_TROUBLE;
	bool done = false;

	pieces_init(&ps, m->file_size);
	if (safe_begin(&sm, o, m, &ps, eds, args, n) < 0) {
		pieces_free(&ps);
		return EXIT_TROUBLE;
	}
	safe_log(&sm, m, &ps, &mv);
	if (pieces_write(&ps, m->fd, o->path, MOVE_CHUNK, &mv, NULL, &err) < 0) {
		complain("%s; %s", err.msg, mv.stage == PIECES_MOVE_START ?
		    "nothing changed" : sm.logged ?
		    "the file is left part moved: 'mmhex --recover' finishes "
		    "the move" : "the file is left part moved: neither its old "
		    "bytes nor the new ones");
		goto out;
	}
	if (fdatasync(m->fd) < 0) {
		complain("%s: fdatasync: %s", o->path, strerror(errno));
		goto out;
	}
	done = true;
	status = EXIT_SUCCESS;
out:
	safe_end(&sm, m, done, mv.stage != PIECES_MOVE_START);
	pieces_move_free(&mv);
	pieces_free(&ps);
	return status;
}

/*
 * Apply every --patch, --insert and --delete, then flush.  All of them
 * are checked first, each against the size the ones before it leave.
 */
int
script_patch(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct edit *eds = xcalloc(o->nedits, sizeof(*eds));
	uint64_t size = m->size;
	bool sizes = false;
	int status = EXIT_TROUBLE;
	size_t i;

	(void)asked;
	for (i = 0; i < o->nedits; i++) {
		if (parse_edit(o, m, &o->edits[i], size, &eds[i]) < 0)
			goto out;
		if (o->edits[i].kind == 'i')
			size += eds[i].pat.len;
		else if (o->edits[i].kind == 'd')
			size -= eds[i].len;
		sizes |= o->edits[i].kind != 'p';
	}
	status = sizes ? edit_sizes(o, m, eds, o->edits, o->nedits) :
	    patch_in_place(o, m, eds, o->nedits);
out:
	for (i = 0; i < o->nedits; i++)
		pattern_free(&eds[i].pat);	/* safe on a zeroed pattern */
	free(eds);
	return status;
}
