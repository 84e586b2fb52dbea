/*
 * pieces.c - the piece list of an edited file, and writing it in place.
 *
 * The list is an array of pieces in file order, each with its offset in
 * the edited file, so finding the piece of an offset is a binary search
 * and an insert or delete is one split and one shift of the offsets after
 * it (O(pieces)).  Inserted bytes are appended to one buffer and never
 * move, so a piece of them stays valid whatever is edited later.
 *
 * Writing in place (pieces_write): a piece of the base that now starts at
 * `at` was read from `src`.  Its shift at - src is the same for all its
 * bytes.  Base pieces keep their order (edits only cut and insert), so
 * for pieces i < k:
 *   - writing i can only cover bytes k still needs when k moves up
 *     (shift > 0): k must be written before i;
 *   - writing k can only cover bytes i still needs when i moves down
 *     (shift < 0): i must be written before k.
 * So the pieces moving up go first, from the last to the first, each
 * copied from its end backwards (like memmove), then the pieces moving
 * down, from the first to the last, each copied forwards.  Nothing then
 * reads a byte already overwritten, each moved byte is read and written
 * once, and a piece that did not move is not touched.  The added bytes
 * go last: they read nothing from the file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "pieces.h"

void
pieces_init(struct pieces *ps, uint64_t base_size)
{
	memset(ps, 0, sizeof(*ps));
	ps->size = ps->base_size = base_size;
	if (base_size > 0) {
		ps->cap = 8;
		ps->p = xmalloc(ps->cap * sizeof(*ps->p));
		ps->p[0] = (struct piece){ 0, base_size, 0, false };
		ps->n = 1;
	}
}

void
pieces_free(struct pieces *ps)
{
	free(ps->p);
	free(ps->add);
	memset(ps, 0, sizeof(*ps));
}

bool
pieces_unedited(const struct pieces *ps)
{
	return ps->size == ps->base_size && (ps->n == 0 ||
	    (ps->n == 1 && !ps->p[0].added && ps->p[0].src == 0));
}

size_t
pieces_at(const struct pieces *ps, uint64_t off)
{
	size_t lo = 0, hi = ps->n;

	/* The last piece starting at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ps->p[mid].at <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Room for more pieces at index i (the ones from i on move up by k). */
static void
open_gap(struct pieces *ps, size_t i, size_t k)
{
	if (ps->n + k > ps->cap) {
		ps->cap = (ps->n + k) * 2;
		ps->p = xrealloc(ps->p, ps->cap * sizeof(*ps->p));
	}
	memmove(&ps->p[i + k], &ps->p[i], (ps->n - i) * sizeof(*ps->p));
	ps->n += k;
}

/* Add delta to the offset of every piece from i on. */
static void
shift_from(struct pieces *ps, size_t i, int64_t delta)
{
	for (; i < ps->n; i++)
		ps->p[i].at += (uint64_t)delta;
}

/*
 * Make off a piece border (0 < off < size): split the piece holding it.
 * Returns the index of the piece starting at off.
 */
static size_t
split_at(struct pieces *ps, uint64_t off)
{
	size_t i = pieces_at(ps, off);
	struct piece *p = &ps->p[i];
	uint64_t head;

	if (p->at == off)
		return i;
	head = off - p->at;
	open_gap(ps, i + 1, 1);
	p = &ps->p[i];
	ps->p[i + 1] = (struct piece){ off, p->len - head, p->src + head,
	    p->added };
	p->len = head;
	return i + 1;
}

/* Does b continue a, in the same source (so they can be one piece)? */
static bool
continues(const struct piece *a, const struct piece *b)
{
	return a->added == b->added && a->src + a->len == b->src;
}

int
pieces_insert(struct pieces *ps, uint64_t off, const void *bytes, size_t len)
{
	struct piece np;
	size_t i;

	if (off > ps->size)
		return -1;
	if (len == 0)
		return 0;
	if (ps->add_len + len > ps->add_cap) {
		ps->add_cap = (ps->add_len + len) * 2;
		ps->add = xrealloc(ps->add, ps->add_cap);
	}
	memcpy(ps->add + ps->add_len, bytes, len);
	np = (struct piece){ off, len, ps->add_len, true };
	ps->add_len += len;
	i = off == ps->size ? ps->n : split_at(ps, off);
	/* Typing appends to the added bytes: one piece grows, none is added. */
	if (i > 0 && continues(&ps->p[i - 1], &np)) {
		ps->p[i - 1].len += len;
	} else {
		open_gap(ps, i, 1);
		ps->p[i++] = np;
	}
	shift_from(ps, i, (int64_t)len);
	ps->size += len;
	return 0;
}

int
pieces_delete(struct pieces *ps, uint64_t off, uint64_t len)
{
	size_t i, j;

	if (off > ps->size || len > ps->size - off)
		return -1;
	if (len == 0)
		return 0;
	i = off == 0 ? 0 : split_at(ps, off);
	j = off + len == ps->size ? ps->n : split_at(ps, off + len);
	memmove(&ps->p[i], &ps->p[j], (ps->n - j) * sizeof(*ps->p));
	ps->n -= j - i;
	/* The pieces either side of the cut may join again (an undo). */
	if (i > 0 && i < ps->n && continues(&ps->p[i - 1], &ps->p[i])) {
		ps->p[i - 1].len += ps->p[i].len;
		memmove(&ps->p[i], &ps->p[i + 1],
		    (ps->n - i - 1) * sizeof(*ps->p));
		ps->n--;
	}
	shift_from(ps, i, -(int64_t)len);
	ps->size -= len;
	return 0;
}

uint64_t
pieces_rebase(struct pieces *ps, uint64_t new_base)
{
	uint64_t old = ps->base_size, at = 0, gone = 0;
	bool ended = ps->n > 0 && !ps->p[ps->n - 1].added &&
	    ps->p[ps->n - 1].src + ps->p[ps->n - 1].len == old;
	size_t i, k = 0;

	for (i = 0; i < ps->n; i++) {
		struct piece pc = ps->p[i];

		if (!pc.added && pc.src + pc.len > new_base) {
			uint64_t keep = pc.src < new_base ? new_base - pc.src : 0;

			gone += pc.len - keep;
			pc.len = keep;
		}
		if (pc.len == 0)
			continue;
		pc.at = at;
		at += pc.len;
		if (k > 0 && continues(&ps->p[k - 1], &pc))
			ps->p[k - 1].len += pc.len;
		else
			ps->p[k++] = pc;
	}
	ps->n = k;
	ps->size = at;
	ps->base_size = new_base;
	if (ended && new_base > old) {
		struct piece tail = { at, new_base - old, old, false };

		if (k > 0 && continues(&ps->p[k - 1], &tail))
			ps->p[k - 1].len += tail.len;
		else {
			open_gap(ps, k, 1);
			ps->p[k] = tail;
		}
		ps->size += tail.len;
	}
	return gone;
}

/*
 * Where in the base the added piece i would continue a base neighbour:
 * the run right after the base piece before it, or right before the one
 * after it.  Base pieces stay in the order of their sources, never
 * overlapping (pieces_write relies on it), so the run must also lie
 * between the nearest base pieces either side.
 */
static bool
rejoin_at(const struct pieces *ps, size_t i, uint64_t *src)
{
	const struct piece *p = &ps->p[i];
	bool before = i > 0 && !ps->p[i - 1].added;
	bool after = i + 1 < ps->n && !ps->p[i + 1].added;
	uint64_t lo = 0, hi = ps->base_size;
	size_t j;

	/* Between two added pieces there is nothing to continue. */
	if (!before && !after && ps->n != 1)
		return false;
	for (j = i; j-- > 0;)
		if (!ps->p[j].added) {
			lo = ps->p[j].src + ps->p[j].len;
			break;
		}
	for (j = i + 1; j < ps->n; j++)
		if (!ps->p[j].added) {
			hi = ps->p[j].src;
			break;
		}
	if (before)
		*src = lo;
	else if (after && hi >= p->len)
		*src = hi - p->len;
	else if (ps->n == 1)
		*src = 0;
	else
		return false;
	return *src >= lo && *src <= hi && p->len <= hi - *src;
}

/* Join piece i with the one before it when it continues it. */
static void
join_back(struct pieces *ps, size_t i)
{
	if (i == 0 || i >= ps->n || !continues(&ps->p[i - 1], &ps->p[i]))
		return;
	ps->p[i - 1].len += ps->p[i].len;
	memmove(&ps->p[i], &ps->p[i + 1], (ps->n - i - 1) * sizeof(*ps->p));
	ps->n--;
}

void
pieces_rejoin(struct pieces *ps, const unsigned char *base, uint64_t off)
{
	size_t c, i, first, last;
	uint64_t src;

	if (ps->n == 0)
		return;
	/* Only the pieces an edit at off touched can have changed. */
	c = off < ps->size ? pieces_at(ps, off) : ps->n - 1;
	first = c > 0 ? c - 1 : 0;
	last = c + 1 < ps->n ? c + 1 : ps->n - 1;
	for (i = last + 1; i-- > first;) {
		struct piece *p = &ps->p[i];

		if (!p->added || !rejoin_at(ps, i, &src) ||
		    memcmp(ps->add + p->src, base + src, (size_t)p->len) != 0)
			continue;
		p->added = false;
		p->src = src;
		join_back(ps, i + 1);
		join_back(ps, i);
	}
}

uint64_t
pieces_added(const struct pieces *ps)
{
	uint64_t n = 0;

	for (size_t i = 0; i < ps->n; i++)
		if (ps->p[i].added)
			n += ps->p[i].len;
	return n;
}

const unsigned char *
pieces_span(const struct pieces *ps, const unsigned char *base, uint64_t off,
    uint64_t *len)
{
	const struct piece *p = &ps->p[pieces_at(ps, off)];
	uint64_t in = off - p->at;

	*len = p->len - in;
	return (p->added ? ps->add : base) + p->src + in;
}

void
pieces_read(const struct pieces *ps, const unsigned char *base, uint64_t off,
    void *buf, size_t len)
{
	unsigned char *out = buf;
	uint64_t run;

	while (len > 0) {
		const unsigned char *src = pieces_span(ps, base, off, &run);
		size_t n = run < len ? (size_t)run : len;

		memcpy(out, src, n);
		out += n;
		off += n;
		len -= n;
	}
}

/* Tell mv's log, if it has one, what is about to change the file. */
static int
log_call(const struct pieces_move *mv, const unsigned char *chunk, size_t len)
{
	if (mv->log == NULL)
		return 0;
	return mv->log(mv->log_ctx, mv, chunk, chunk != NULL ? len : 0);
}

/* One line for a failed call during pieces_write. */
static int
write_error(struct error *err, const char *path, const char *call,
    uint64_t moved)
{
	int e = errno;

	if (e == 0)
		error_set(err, -1, "%s: %s: the file ended early (%" PRIu64
		    " bytes moved)", path, call, moved);
	else
		error_set(err, -1, "%s: %s: %s (%" PRIu64 " bytes moved)",
		    path, call, strerror(e), moved);
	return -1;
}

/*
 * Copy the base piece p from p->src to p->at in chunks of at most chunk
 * bytes through mv->buf: backwards when it moves up, forwards when it
 * moves down, so its own source is read before it is covered.  mv->done
 * bytes of it are there already (the ones at its end when it moves up).
 * After each chunk the progress may cancel: 1, at a chunk border.
 *
 * A chunk moving up covers part of its own source as it is written, so
 * one written in part cannot be read again: its bytes stay in mv->buf
 * (mv->held from mv->held_from) for the next call to finish.  Moving
 * down, what was written is simply done.
 */
static int
move_piece(const struct piece *p, int fd, const char *path, size_t chunk,
    struct pieces_move *mv, const struct progress *progress,
    struct error *err)
{
	bool up = p->at > p->src;

	uint64_t dist = up ? p->at - p->src : p->src - p->at;

	while (mv->done < p->len) {
		uint64_t left = p->len - mv->done;
		size_t n = left < chunk ? (size_t)left : chunk, got, done, from;
		uint64_t in = up ? left - n : mv->done;

		from = mv->full ? mv->held : 0;
		if (!mv->full) {
			if (pread_all(fd, mv->buf, n, p->src + in, &got) < 0)
				return write_error(err, path, "read", mv->moved);
			mv->full = true;
			mv->held = 0;
		}
		/*
		 * A chunk over its own source: its bytes go to the log first
		 * (again before a write that goes on from a short one).
		 */
		if (log_call(mv, dist < n ? mv->buf : NULL, n) < 0)
			return write_error(err, path, "log", mv->moved);
		if (pwrite_all(fd, mv->buf + from, n - from, p->at + in + from,
		    &done) < 0) {
			mv->moved += done;
			if (up)
				mv->held = from + done;
			else {
				mv->done += done;
				mv->full = false;
			}
			return write_error(err, path, "write", mv->moved);
		}
		mv->held = 0;
		mv->full = false;
		mv->done += n;
		mv->moved += n - from;
		if (progress_tick(progress, (size_t)mv->moved, (size_t)mv->total))
			return 1;
	}
	return 0;
}

/*
 * The file from size old to size new: the space taken now (fallocate),
 * so a full disk says so before any byte moves; a file system without
 * fallocate just grows (ftruncate).
 */
static int
grow(int fd, uint64_t old, uint64_t new, const char **call)
{
	*call = "fallocate";
	if (fallocate(fd, 0, (off_t)old, (off_t)(new - old)) == 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != ENOSYS)
		return -1;
	*call = "ftruncate";
	return ftruncate(fd, (off_t)new);
}

/* Write the added piece p in place, what is left of it. */
static int
write_added(const struct pieces *ps, const struct piece *p, int fd,
    const char *path, struct pieces_move *mv, struct error *err)
{
	size_t done;
	int r;

	if (log_call(mv, NULL, 0) < 0)
		return write_error(err, path, "log", mv->moved);
	r = pwrite_all(fd, ps->add + p->src + mv->done,
	    (size_t)(p->len - mv->done), p->at + mv->done, &done);
	mv->done += done;
	mv->moved += done;
	return r < 0 ? write_error(err, path, "write", mv->moved) : 0;
}

/* A change of shift between two base pieces, done by the file system. */
struct block_shift {
	uint64_t	 at;	/* where, in the file as it is before any */
	int64_t		 by;	/* > 0: a hole inserted; < 0: bytes collapsed */
};

/*
 * Where the file system shifts a file's blocks itself (fallocate's
 * FALLOC_FL_INSERT_RANGE and FALLOC_FL_COLLAPSE_RANGE: ext4, XFS), a list
 * whose every change of shift between base pieces is a whole number of
 * blocks, with a block border to do it at in the bytes deleted there,
 * costs one call a change instead of moving the tail.  The changes, in
 * file order, into *ops (owned by the caller); returns how many, 0 when
 * the list cannot be made so (or nothing shifts).
 */
static size_t
block_ops(const struct pieces *ps, int fd, struct block_shift **ops)
{
	struct stat st;
	uint64_t bs, end = 0, x;
	int64_t shift = 0, s, by;
	size_t i, n = 0;

	*ops = NULL;
	if (fstat(fd, &st) < 0 || st.st_blksize <= 0)
		return 0;
	bs = (uint64_t)st.st_blksize;
	*ops = xmalloc((ps->n + 1) * sizeof(**ops));
	for (i = 0; i < ps->n; i++) {
		const struct piece *p = &ps->p[i];

		if (p->added)
			continue;
		s = (int64_t)(p->at - p->src);
		by = s - shift;
		/* The first block border in the deleted bytes [end, p->src). */
		x = (end + bs - 1) / bs * bs;
		if (by != 0 && ((uint64_t)(by < 0 ? -by : by) % bs != 0 ||
		    x > p->src || (by < 0 && x + (uint64_t)-by > p->src)))
			return 0;	/* not in whole blocks: move instead */
		if (by != 0)
			(*ops)[n++] = (struct block_shift){ x, by };
		shift = s;
		end = p->src + p->len;
	}
	return n;
}

/*
 * The shifts of ops (n of them), made from the last to the first (the
 * offsets of those before stay true): mv->step of them are done.  A crash
 * between the log and the call is told by the size, which each shift
 * changes.  Then the size is set.  Returns 1 when done, 0 when the first
 * is not offered here (nothing done: the caller moves the bytes), -1 with
 * *err set (the same call goes on from the shift that failed).
 */
static int
do_shifts(const struct pieces *ps, int fd, const char *path,
    struct pieces_move *mv, const struct block_shift *ops, size_t n,
    struct error *err)
{
	struct stat st;
	uint64_t size = ps->base_size;
	size_t k;

	for (k = 0; k < mv->step && k < n; k++)
		size += (uint64_t)ops[n - 1 - k].by;
	if (mv->step < n && fstat(fd, &st) == 0 && (uint64_t)st.st_size ==
	    size + (uint64_t)ops[n - 1 - mv->step].by) {
		size += (uint64_t)ops[n - 1 - mv->step].by;
		mv->step++;
	}
	for (; mv->step < n; mv->step++) {
		const struct block_shift *op = &ops[n - 1 - mv->step];
		int mode = op->by > 0 ? FALLOC_FL_INSERT_RANGE :
		    FALLOC_FL_COLLAPSE_RANGE;
		uint64_t len = (uint64_t)(op->by > 0 ? op->by : -op->by);

		if (log_call(mv, NULL, 0) < 0)
			return write_error(err, path, "log", mv->moved);
		if (fallocate(fd, mode, (off_t)op->at, (off_t)len) < 0) {
			/* Not offered here (tmpfs, btrfs, NFS...): nothing done. */
			if (mv->step == 0 && (errno == EOPNOTSUPP ||
			    errno == EINVAL || errno == ENOSYS))
				return 0;
			return write_error(err, path, "fallocate", mv->moved);
		}
		size += (uint64_t)op->by;
	}
	/* The bytes after the last base piece: cut, or grown, to the size. */
	if (log_call(mv, NULL, 0) < 0)
		return write_error(err, path, "log", mv->moved);
	if (fstat(fd, &st) < 0 || ((uint64_t)st.st_size != ps->size &&
	    ftruncate(fd, (off_t)ps->size) < 0))
		return write_error(err, path, "ftruncate", mv->moved);
	return 1;
}

/* The bytes a write of the list moves or writes: its progress' total. */
static uint64_t
bytes_to_write(const struct pieces *ps)
{
	uint64_t n = 0;

	for (size_t i = 0; i < ps->n; i++)
		if (ps->p[i].added || ps->p[i].at != ps->p[i].src)
			n += ps->p[i].len;
	return n;
}

/* Does the piece at step of mv's stage take part in it? */
static bool
in_stage(const struct piece *p, int stage)
{
	switch (stage) {
	case PIECES_MOVE_UP:
		return !p->added && p->at > p->src;
	case PIECES_MOVE_DOWN:
		return !p->added && p->at < p->src;
	default:
		return p->added;
	}
}

void
pieces_move_free(struct pieces_move *mv)
{
	int (*log)(void *, const struct pieces_move *, const unsigned char *,
	    size_t) = mv->log;
	void *ctx = mv->log_ctx;

	free(mv->buf);
	memset(mv, 0, sizeof(*mv));
	mv->log = log;
	mv->log_ctx = ctx;
}

void
pieces_move_resume(struct pieces_move *mv, size_t chunk,
    const unsigned char *bytes, size_t len)
{
	free(mv->buf);
	mv->buf = xmalloc(chunk);
	mv->full = len > 0;
	mv->held = 0;
	if (len > 0)
		memcpy(mv->buf, bytes, len < chunk ? len : chunk);
}

/*
 * The block shifts, when they apply: mv from START (or SHIFT) to ADDED
 * once done, back to START when not offered here.  Returns 0 or -1.
 */
static int
write_shifts(const struct pieces *ps, int fd, const char *path,
    struct pieces_move *mv, struct error *err)
{
	struct block_shift *ops;
	size_t n = block_ops(ps, fd, &ops);
	int r;

	if (n == 0) {
		free(ops);
		if (mv->stage == PIECES_MOVE_SHIFT) {
			error_set(err, -1, "%s: the shifts of blocks cannot be "
			    "made again here", path);
			return -1;
		}
		return 0;
	}
	mv->stage = PIECES_MOVE_SHIFT;
	r = do_shifts(ps, fd, path, mv, ops, n, err);
	free(ops);
	if (r < 0)
		return -1;
	mv->step = 0;
	mv->stage = r > 0 ? PIECES_MOVE_ADDED : PIECES_MOVE_START;
	mv->blocks = r > 0;
	return 0;
}

int
pieces_write(const struct pieces *ps, int fd, const char *path, size_t chunk,
    struct pieces_move *mv, const struct progress *progress,
    struct error *err)
{
	const char *call;
	int r;

	if (mv->stage == PIECES_MOVE_DONE)
		return 0;
	if (mv->stage == PIECES_MOVE_START) {
		pieces_move_free(mv);
		mv->total = bytes_to_write(ps);
	}
	if ((mv->stage == PIECES_MOVE_START || mv->stage == PIECES_MOVE_SHIFT) &&
	    write_shifts(ps, fd, path, mv, err) < 0)
		return -1;
	if (mv->stage == PIECES_MOVE_START) {
		if (ps->size > ps->base_size) {
			if (log_call(mv, NULL, 0) < 0)
				return write_error(err, path, "log", 0);
			if (grow(fd, ps->base_size, ps->size, &call) < 0)
				return write_error(err, path, call, 0);
		}
		mv->stage = PIECES_MOVE_UP;
	}
	if (mv->buf == NULL)
		mv->buf = xmalloc(chunk);
	r = 0;
	for (; mv->stage < PIECES_MOVE_SHRINK && r == 0;
	    mv->stage++, mv->step = 0) {
		for (; mv->step < ps->n && r == 0; mv->step++) {
			/* Those moving up go from the last to the first. */
			const struct piece *p = &ps->p[mv->stage == PIECES_MOVE_UP ?
			    ps->n - 1 - mv->step : mv->step];

			if (!in_stage(p, mv->stage))
				continue;
			if (mv->stage == PIECES_MOVE_ADDED)
				r = write_added(ps, p, fd, path, mv, err);
			else
				r = move_piece(p, fd, path, chunk, mv, progress,
				    err);
			if (r == 0 || (r == 1 && mv->done == p->len))
				mv->done = 0;	/* this piece is whole */
			if (r == 1 && mv->done == 0)
				mv->step++;	/* cancelled at its end */
			if (r != 0)
				break;
		}
		if (r != 0)
			break;
	}
	if (r < 0 && mv->moved == 0 && !mv->blocks) {
		/*
		 * Nothing moved yet: the file as it was once the growth is
		 * taken back.  If that fails too, it is not as it was.
		 */
		int e = errno;

		if (ps->size <= ps->base_size ||
		    ftruncate(fd, (off_t)ps->base_size) == 0)
			pieces_move_free(mv);
		errno = e;
	}
	if (r != 0)
		return r;
	if (ps->size < ps->base_size) {
		if (log_call(mv, NULL, 0) < 0)
			return write_error(err, path, "log", mv->moved);
		if (ftruncate(fd, (off_t)ps->size) < 0)
			return write_error(err, path, "ftruncate", mv->moved);
	}
	free(mv->buf);
	mv->buf = NULL;
	mv->full = false;
	mv->stage = PIECES_MOVE_DONE;
	return 0;
}
