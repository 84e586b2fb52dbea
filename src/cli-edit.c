/*
 * cli-edit.c - the scripting modes that write: --patch OFFSET:HEX,
 * --insert OFFSET:HEX and --delete OFFSET:LENGTH, repeatable, mixed, in
 * the order given, each offset in the file as the edits before it left
 * it.  Every edit is checked before anything is written: one bad one
 * writes nothing.
 *
 * Patches alone are overwrites, written in the write-through session
 * and put back if one fails (a full disk).  With an insert or a delete
 * the edits build a piece list (pieces.h) over the file, and one
 * pieces_write() makes the file hold it in place: same inode, only the
 * bytes after the first change of size moved, each once.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-int.h"
#include "cli.h"
#include "expr.h"
#include "mapping.h"
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
	return "nothing changed";
}

/* Overwrites only: in the write-through session, undone if one fails. */
static int
patch_in_place(struct mapping *m, const struct edit *eds, size_t n)
{
	unsigned char **olds = xcalloc(n, sizeof(*olds));
	struct error err;
	int status = EXIT_TROUBLE;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t off = (size_t)(eds[i].off - m->origin), done;

		olds[i] = xmalloc(eds[i].pat.len);
		if (mapping_pread(m, off, olds[i], eds[i].pat.len, &err) < 0) {
			complain("%s; %s", err.msg, unpatch(m, eds, olds, i, 0));
			goto out;
		}
		if (mapping_write(m, off, eds[i].pat.bytes, eds[i].pat.len,
		    &done, &err) < 0) {
			complain("%s; %s", err.msg,
			    unpatch(m, eds, olds, i, done));
			goto out;
		}
	}
	if (mapping_flush(m, &err) < 0) {
		complain("%s", err.msg);
		goto out;
	}
	status = EXIT_SUCCESS;
out:
	for (i = 0; i < n; i++)
		free(olds[i]);
	free(olds);
	return status;
}

/*
 * With inserts or deletes: the edits as a piece list over the whole file
 * (an overwrite is a delete and an insert of its bytes), then one write
 * in place, then fdatasync.
 */
static int
edit_sizes(const struct options *o, struct mapping *m, const struct edit *eds,
    const struct edit_arg *args, size_t n)
{
	struct pieces_move mv = { 0 };
	struct pieces ps;
	struct error err;
	int status = EXIT_TROUBLE;
	size_t i;

	pieces_init(&ps, m->file_size);
	for (i = 0; i < n; i++) {
		if (args[i].kind != 'i')
			(void)pieces_delete(&ps, eds[i].off, eds[i].len);
		if (args[i].kind != 'd')
			(void)pieces_insert(&ps, eds[i].off, eds[i].pat.bytes,
			    eds[i].pat.len);
	}
	if (pieces_write(&ps, m->fd, o->path, MOVE_CHUNK, &mv, NULL, &err) < 0) {
		complain("%s; %s", err.msg, mv.stage == PIECES_MOVE_START ?
		    "nothing changed" :
		    "the file is left part moved: neither its old bytes "
		    "nor the new ones");
		goto out;
	}
	if (fdatasync(m->fd) < 0) {
		complain("%s: fdatasync: %s", o->path, strerror(errno));
		goto out;
	}
	status = EXIT_SUCCESS;
out:
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
	    patch_in_place(m, eds, o->nedits);
out:
	for (i = 0; i < o->nedits; i++)
		pattern_free(&eds[i].pat);	/* safe on a zeroed pattern */
	free(eds);
	return status;
}
