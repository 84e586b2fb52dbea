/*
 * move-log.c - the on-disk record of a move in progress: the list once,
 * then two alternating slots of state (see move-log.h).
 */
#include "config.h"

#include <sys/stat.h>

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "journal-file.h"
#include "move-log.h"

static const char move_magic[16] = "mmhex move 1\n\0\0";

#define HEAD_LEN	(16 + 5 * 8 + 4)
#define PIECE_LEN	(4 * 8)
#define SLOT_HEAD	(8 + 4 + 4 * 8 + 8 + 4)
#define SLOT_ALIGN	4096

static void
put64(unsigned char *p, uint64_t v)
{
	v = htole64(v);
	memcpy(p, &v, 8);
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return le64toh(v);
}

static void
put32(unsigned char *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, 4);
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return le32toh(v);
}

void
move_log_path(char *buf, size_t len, const char *journal_path)
{
	size_t n = strlen(journal_path);
	const char *suffix = ".journal";

	if (n >= strlen(suffix) &&
	    strcmp(journal_path + n - strlen(suffix), suffix) == 0)
		n -= strlen(suffix);
	snprintf(buf, len, "%.*s.move", (int)n, journal_path);
}

static int
syserr(struct error *err, const char *path, const char *what)
{
	error_set(err, -1, "%s: %s: %s", path, what, strerror(errno));
	return -1;
}

/*
 * Where the chunk mv has in flight comes from and goes to, and its length
 * (what is left of its piece, at most a chunk); 0 when none is.
 */
static size_t
chunk_place(const struct pieces *list, const struct pieces_move *mv,
    size_t chunk, uint64_t *src, uint64_t *at)
{
	const struct piece *p;
	uint64_t left, in;
	size_t i, n;

	if (mv->step >= list->n)
		return 0;
	i = mv->stage == PIECES_MOVE_UP ? list->n - 1 - mv->step : mv->step;
	p = &list->p[i];
	if (p->added || mv->done >= p->len)
		return 0;
	left = p->len - mv->done;
	n = left < chunk ? (size_t)left : chunk;
	/* Moving up goes from the end backwards (move_piece()). */
	in = p->at > p->src ? left - n : mv->done;
	*src = p->src + in;
	*at = p->at + in;
	return n;
}

/*
 * A chunk written over its own source need not go to the log whole: each
 * file page [a, b) of where it goes is, after a crash, either still old
 * or already new (the kernel copies a write a page at a time, and a kill
 * lands between pages).  A new page holds its share of the chunk.  An old
 * one holds most of its share itself, as the source, and lacks only the
 * bytes of its source outside it (|src - at| of them for a small shift),
 * which the log keeps with a hash of the page new: the page as it is, or
 * as made from itself and those bytes, has that hash, or it was torn.
 * For a small shift that is a few bytes a page instead of the page.
 */
#define PAGE_UNIT	4096
#define PAGED_FORM	0x10000u	/* in the slot's stage: the paged form */
#define PAGED_HEAD	(3 * 8)
#define UNIT_HEAD	8		/* the hash of the page new */

/* The unit of [at, at + n) that begins at a: its end. */
static uint64_t
unit_end(uint64_t a, uint64_t at, size_t n)
{
	uint64_t b = (a / PAGE_UNIT + 1) * PAGE_UNIT;

	return b < at + n ? b : at + n;
}

/* The part of [a, b)'s source [a + s, b + s) outside it, as [*lo, *hi). */
static void
unit_missing(uint64_t a, uint64_t b, uint64_t src, uint64_t at,
    uint64_t *lo, uint64_t *hi)
{
	if (src < at) {			/* s < 0 */
		*lo = a - (at - src);
		*hi = b - (at - src) < a ? b - (at - src) : a;
	} else {
		*lo = a + (src - at) > b ? a + (src - at) : b;
		*hi = b + (src - at);
	}
}

/* The paged form's length for the chunk [src, +n) going to at. */
static size_t
paged_len(uint64_t src, uint64_t at, size_t n)
{
	size_t len = PAGED_HEAD;
	uint64_t a, b, lo, hi;

	for (a = at; a < at + n; a = b) {
		b = unit_end(a, at, n);
		unit_missing(a, b, src, at, &lo, &hi);
		len += UNIT_HEAD + (size_t)(hi - lo);
	}
	return len;
}

/* The paged form of buf (the chunk, from src) going to at, into out. */
static void
encode_paged(unsigned char *out, const unsigned char *buf, uint64_t src,
    uint64_t at, size_t n)
{
	uint64_t a, b, lo, hi;

	put64(out, src);
	put64(out + 8, at);
	put64(out + 16, n);
	out += PAGED_HEAD;
	for (a = at; a < at + n; a = b) {
		b = unit_end(a, at, n);
		put64(out, hash64(buf + (a - at), (size_t)(b - a)));
		unit_missing(a, b, src, at, &lo, &hi);
		memcpy(out + UNIT_HEAD, buf + (lo - src), (size_t)(hi - lo));
		out += UNIT_HEAD + (hi - lo);
	}
}

/*
 * The chunk's bytes back from its paged form p (len bytes) and the file
 * on fd as the crash left it, into buf; *n their length.  Returns 0, or
 * -1 when the form does not fit or a page is neither old nor new (torn
 * by a power cut in the middle of a page: its bytes are nowhere).
 */
static int
decode_paged(unsigned char *buf, size_t chunk, size_t *n, int fd,
    const unsigned char *p, size_t len)
{
	unsigned char cur[PAGE_UNIT];
	uint64_t src, at, a, b, lo, hi, y;
	const unsigned char *end = p + len;
	size_t got;

	if (len < PAGED_HEAD)
		return -1;
	src = get64(p);
	at = get64(p + 8);
	*n = (size_t)get64(p + 16);
	if (*n == 0 || *n > chunk || src == at || at > UINT64_MAX - *n ||
	    src > UINT64_MAX - *n)
		return -1;
	p += PAGED_HEAD;
	for (a = at; a < at + *n; a = b, p += UNIT_HEAD + (hi - lo)) {
		unsigned char *mine = buf + (a - at);

		b = unit_end(a, at, *n);
		unit_missing(a, b, src, at, &lo, &hi);
		if ((size_t)(end - p) < UNIT_HEAD + (hi - lo) ||
		    pread_all(fd, cur, (size_t)(b - a), a, &got) < 0 ||
		    got != b - a)
			return -1;
		if (hash64(cur, (size_t)(b - a)) == get64(p)) {
			memcpy(mine, cur, (size_t)(b - a));	/* new */
			continue;
		}
		/* Old, if made from itself and the log it is the page new. */
		for (y = a + (src - at); y != b + (src - at); y++)
			mine[y - (a + (src - at))] = y >= a && y < b ?
			    cur[y - a] : p[UNIT_HEAD + (y - lo)];
		if (hash64(mine, (size_t)(b - a)) != get64(p))
			return -1;
	}
	return p == end ? 0 : -1;
}

/* The list section: head, pieces, added bytes, their CRC. */
static unsigned char *
encode_list(const struct pieces *list, size_t chunk, size_t *len)
{
	size_t body = list->n * PIECE_LEN + list->add_len, i;
	unsigned char *b = xmalloc(HEAD_LEN + body + 4), *q;

	memcpy(b, move_magic, 16);
	put64(b + 16, chunk);
	put64(b + 24, list->size);
	put64(b + 32, list->base_size);
	put64(b + 40, list->n);
	put64(b + 48, list->add_len);
	put32(b + 56, crc32_update(0, b, 56));
	q = b + HEAD_LEN;
	for (i = 0; i < list->n; i++, q += PIECE_LEN) {
		put64(q, list->p[i].at);
		put64(q + 8, list->p[i].len);
		put64(q + 16, list->p[i].src);
		put64(q + 24, list->p[i].added);
	}
	if (list->add_len > 0)
		memcpy(q, list->add, list->add_len);
	put32(b + HEAD_LEN + body, crc32_update(0, b + HEAD_LEN, body));
	*len = HEAD_LEN + body + 4;
	return b;
}

int
move_log_begin(struct move_log *ml, const char *path, int target,
    const struct pieces *list, size_t chunk, const struct pieces_move *mv,
    struct error *err)
{
	char tmp[4096];
	unsigned char *b;
	size_t len, done;
	int r;

	memset(ml, 0, sizeof(*ml));
	ml->fd = -1;
	/* Written aside and renamed: a log there is always a whole one. */
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	if ((ml->fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0)
		return syserr(err, tmp, "open");
	ml->path = xstrdup(tmp);
	ml->target = target;
	ml->chunk = chunk;
	ml->list = list;
	b = encode_list(list, chunk, &len);
	ml->slots_at = (len + SLOT_ALIGN - 1) / SLOT_ALIGN * SLOT_ALIGN;
	r = pwrite_all(ml->fd, b, len, 0, &done);
	free(b);
	if (r < 0) {
		syserr(err, tmp, "write");
		goto fail;
	}
	/*
	 * The state it begins in, the chunk in flight with it, whole: after
	 * a crash its pages are not known to be either old or new.
	 */
	ml->whole_next = true;
	if (move_log_tell(ml, mv, mv->full ? mv->buf : NULL, mv->full ?
	    chunk_place(list, mv, chunk, &(uint64_t){ 0 }, &(uint64_t){ 0 }) :
	    0) < 0) {
		syserr(err, tmp, "write");
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		syserr(err, path, "rename");
		goto fail;
	}
	free(ml->path);
	ml->path = xstrdup(path);
	(void)jfile_sync_dir(path, err);
	return 0;
fail:
	move_log_end(ml);
	return -1;
}

/* Where region k (0 or 1) of the log begins. */
static uint64_t
region_at(uint64_t slots_at, size_t chunk, int k)
{
	return slots_at + (uint64_t)k * (SLOT_HEAD + chunk);
}

int
move_log_tell(void *ctx, const struct pieces_move *mv,
    const unsigned char *chunk, size_t len)
{
	struct move_log *ml = ctx;
	uint32_t stage = (uint32_t)mv->stage;
	uint64_t at, src;
	unsigned char *b;
	size_t done, body = len;
	int r;

	if (ml->fd < 0)
		return 0;
	if (len > ml->chunk)
		len = body = ml->chunk;
	/*
	 * Paged when that is shorter, and the chunk's pages are all old (a
	 * write cut short may have left one in part new, and a chunk given
	 * back by a log pages a crash may have torn: then the whole chunk).
	 */
	if (len > 0 && !ml->whole_next && mv->held == 0 &&
	    chunk_place(ml->list, mv, ml->chunk, &src, &at) == len &&
	    paged_len(src, at, len) < len) {
		body = paged_len(src, at, len);
		stage |= PAGED_FORM;
	}
	/*
	 * A chunk with its bytes in the log after another such chunk goes
	 * on in the generation: what that one wrote need not be on disk
	 * first.  No chunk writes where another goes, and every byte of a
	 * chunk's source that others may write over (all of it outside
	 * where it goes) is in its record: after a power cut each chunk of
	 * the generation is made again from the file and its record
	 * (move_log_redo()).  Anything else first makes what the move wrote
	 * durable and begins a generation in the other region, the last one
	 * whole until then.
	 */
	if (len == 0 || !ml->gen_bytes ||
	    ml->gen_used + SLOT_HEAD + body > SLOT_HEAD + ml->chunk) {
		if (ml->seq > 0) {
			if (fdatasync(ml->target) < 0)
				return -1;
			ml->region ^= 1;
		}
		ml->gen_used = 0;
	}
	b = xmalloc(SLOT_HEAD + body);
	put64(b, ml->seq);
	put32(b + 8, stage);
	put64(b + 12, mv->step);
	put64(b + 20, mv->done);
	put64(b + 28, mv->moved);
	put64(b + 36, mv->total);
	put64(b + 44, body);
	if (stage & PAGED_FORM)
		encode_paged(b + SLOT_HEAD, chunk, src, at, len);
	else if (len > 0)
		memcpy(b + SLOT_HEAD, chunk, len);
	put32(b + 52, crc32_update(crc32_update(0, b, 52), b + SLOT_HEAD,
	    body));
	r = pwrite_all(ml->fd, b, SLOT_HEAD + body, region_at(ml->slots_at,
	    ml->chunk, ml->region) + ml->gen_used, &done);
	free(b);
	if (r < 0 || fdatasync(ml->fd) < 0)
		return -1;
	ml->seq++;
	ml->gen_used += SLOT_HEAD + body;
	ml->gen_bytes = len > 0;
	ml->whole_next = false;
	return 0;
}

void
move_log_close(struct move_log *ml)
{
	if (ml->fd >= 0)
		(void)close(ml->fd);
	free(ml->path);
	memset(ml, 0, sizeof(*ml));
	ml->fd = -1;
}

void
move_log_end(struct move_log *ml)
{
	struct error err;

	if (ml->path != NULL && unlink(ml->path) == 0)
		(void)jfile_sync_dir(ml->path, &err);
	move_log_close(ml);
}

/* Read [off, off + len) of fd into buf; false when short. */
static bool
read_at(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got;

	return pread_all(fd, buf, len, off, &got) == 0 && got == len;
}

/* A state read back: its head, and its bytes (owned). */
struct slot_rec {
	unsigned char	 head[SLOT_HEAD];
	unsigned char	*body;
	size_t		 len;
};

static void
recs_free(struct slot_rec *r, size_t n)
{
	while (n > 0)
		free(r[--n].body);
	free(r);
}

/*
 * The records of the region at at (room for cap bytes), in order, as
 * long as each is whole and their seqs go on by one (the rest is torn,
 * or left from a generation before): into *out (owned); how many.
 */
static size_t
scan_region(int fd, uint64_t at, size_t cap, size_t chunk,
    struct slot_rec **out)
{
	struct slot_rec *r = NULL;
	size_t n = 0, used = 0;

	for (;;) {
		struct slot_rec x;

		if (cap - used < SLOT_HEAD ||
		    !read_at(fd, x.head, SLOT_HEAD, at + used))
			break;
		x.len = (size_t)get64(x.head + 44);
		if (x.len > chunk || cap - used - SLOT_HEAD < x.len ||
		    (n > 0 && get64(x.head) != get64(r[n - 1].head) + 1))
			break;
		x.body = xmalloc(x.len + 1);
		if (!read_at(fd, x.body, x.len, at + used + SLOT_HEAD) ||
		    get32(x.head + 52) != crc32_update(crc32_update(0, x.head,
		    52), x.body, x.len)) {
			free(x.body);
			break;
		}
		r = xrealloc(r, (n + 1) * sizeof(*r));
		r[n++] = x;
		used += SLOT_HEAD + x.len;
	}
	*out = r;
	return n;
}

/*
 * The log on fd: its list (into *list unless NULL), chunk, and the
 * records of its last generation (the region whose last record is the
 * newest).  Returns 0, 1 when it is no log of a move begun, -1 when it
 * cannot be read (*err set).
 */
static int
read_log(int fd, const char *path, struct pieces *list, size_t *chunk,
    struct slot_rec **recs, size_t *nrecs, struct error *err)
{
	unsigned char head[HEAD_LEN], *body = NULL, *q;
	uint64_t n, add_len, body_len, slots_at;
	struct slot_rec *r[2];
	size_t nr[2], i;
	int k, ret = 1;

	*recs = NULL;
	*nrecs = 0;
	if (!read_at(fd, head, HEAD_LEN, 0) || memcmp(head, move_magic, 16) != 0 ||
	    get32(head + 56) != crc32_update(0, head, 56))
		return 1;		/* torn before it was whole: not begun */
	*chunk = (size_t)get64(head + 16);
	n = get64(head + 40);
	add_len = get64(head + 48);
	if (n > (SIZE_MAX - add_len) / PIECE_LEN || *chunk == 0 ||
	    *chunk > ((size_t)1 << 30)) {
		error_set(err, -1, "%s: not a move log mmhex can read", path);
		return -1;
	}
	body_len = n * PIECE_LEN + add_len;
	body = xmalloc((size_t)body_len + 4);
	if (!read_at(fd, body, (size_t)body_len + 4, HEAD_LEN) ||
	    get32(body + body_len) != crc32_update(0, body, (size_t)body_len))
		goto out;
	slots_at = (HEAD_LEN + body_len + 4 + SLOT_ALIGN - 1) / SLOT_ALIGN *
	    SLOT_ALIGN;
	for (k = 0; k < 2; k++)
		nr[k] = scan_region(fd, region_at(slots_at, *chunk, k),
		    SLOT_HEAD + *chunk, *chunk, &r[k]);
	k = nr[1] > 0 && (nr[0] == 0 || get64(r[1][nr[1] - 1].head) >
	    get64(r[0][nr[0] - 1].head));
	recs_free(r[!k], nr[!k]);
	if (nr[k] == 0) {
		free(r[k]);
		goto out;
	}
	*recs = r[k];
	*nrecs = nr[k];
	ret = 0;
	if (list == NULL)
		goto out;
	memset(list, 0, sizeof(*list));
	list->size = get64(head + 24);
	list->base_size = get64(head + 32);
	list->n = list->cap = (size_t)n;
	list->p = xcalloc(n + 1, sizeof(*list->p));
	for (i = 0, q = body; i < n; i++, q += PIECE_LEN) {
		list->p[i].at = get64(q);
		list->p[i].len = get64(q + 8);
		list->p[i].src = get64(q + 16);
		list->p[i].added = get64(q + 24) != 0;
	}
	list->add_len = list->add_cap = (size_t)add_len;
	list->add = xmalloc((size_t)add_len + 1);
	memcpy(list->add, q, (size_t)add_len);
out:
	free(body);
	return ret;
}

/* The state a record tells, without its bytes. */
static void
rec_state(const struct slot_rec *x, struct pieces_move *mv)
{
	memset(mv, 0, sizeof(*mv));
	mv->stage = (int)(get32(x->head + 8) & ~PAGED_FORM);
	mv->step = (size_t)get64(x->head + 12);
	mv->done = get64(x->head + 20);
	mv->moved = get64(x->head + 28);
	mv->total = get64(x->head + 36);
}

/*
 * The bytes of the chunk record x was told with, whole, into buf (chunk
 * bytes), from the file on target as the crash left it where paged: its
 * length, where it goes in *at; 0 when it has none, -1 when a page is
 * neither old nor new.
 */
static ssize_t
rec_chunk(const struct slot_rec *x, const struct pieces *list, size_t chunk,
    int target, unsigned char *buf, uint64_t *at)
{
	struct pieces_move mv;
	uint64_t src;
	size_t n;

	if (x->len == 0)
		return 0;
	if (get32(x->head + 8) & PAGED_FORM) {
		if (decode_paged(buf, chunk, &n, target, x->body, x->len) < 0)
			return -1;
		*at = get64(x->body + 8);
		return (ssize_t)n;
	}
	rec_state(x, &mv);
	if (chunk_place(list, &mv, chunk, &src, at) != x->len)
		return -1;
	memcpy(buf, x->body, x->len);
	return (ssize_t)x->len;
}

int
move_log_load(const char *path, int target, struct pieces *list,
    struct pieces_move *mv, size_t *chunk, struct error *err)
{
	struct slot_rec *recs;
	unsigned char *bytes;
	size_t nrecs;
	uint64_t at;
	ssize_t len;
	int fd, r;

	memset(list, 0, sizeof(*list));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 1 : syserr(err, path, "open");
	r = read_log(fd, path, list, chunk, &recs, &nrecs, err);
	(void)close(fd);
	if (r != 0)
		return r;
	/* Where the move goes on: the last state, its chunk whole. */
	rec_state(&recs[nrecs - 1], mv);
	bytes = xmalloc(*chunk);
	len = rec_chunk(&recs[nrecs - 1], list, *chunk, target, bytes, &at);
	recs_free(recs, nrecs);
	if (len < 0) {
		free(bytes);
		pieces_free(list);
		error_set(err, -1, "%s: the chunk the move was writing cannot "
		    "be made again from the file (a page neither old nor new)",
		    path);
		return -1;
	}
	pieces_move_resume(mv, *chunk, bytes, (size_t)len);
	free(bytes);
	return 0;
}

int
move_log_redo(const char *path, int target, const char *target_path,
    struct error *err)
{
	struct slot_rec *recs;
	struct pieces list;
	unsigned char *bytes = NULL;
	size_t nrecs, chunk, i, done;
	uint64_t at;
	ssize_t len;
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : syserr(err, path, "open");
	r = read_log(fd, path, &list, &chunk, &recs, &nrecs, err);
	(void)close(fd);
	if (r != 0)
		return r < 0 ? -1 : 0;
	/* The chunks before the last state: each whole again, durable. */
	if (nrecs > 1)
		bytes = xmalloc(chunk);
	for (i = 0; i + 1 < nrecs && r == 0; i++) {
		if ((len = rec_chunk(&recs[i], &list, chunk, target, bytes,
		    &at)) < 0) {
			error_set(err, -1, "%s: a chunk the move wrote cannot be "
			    "made again from the file (a page neither old nor "
			    "new)", path);
			r = -1;
		} else if (len > 0 && pwrite_all(target, bytes, (size_t)len, at,
		    &done) < 0)
			r = syserr(err, target_path, "write");
	}
	if (r == 0 && nrecs > 1 && fdatasync(target) < 0)
		r = syserr(err, target_path, "fdatasync");
	free(bytes);
	recs_free(recs, nrecs);
	pieces_free(&list);
	return r;
}
