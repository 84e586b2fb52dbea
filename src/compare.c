/*
 * compare.c - runs of differing bytes between two byte sources (see
 * compare.h).
 */
#include "config.h"

#include <string.h>

#include "compare.h"

void
compare_init(struct compare *c, const struct bytes *a, size_t na,
    const struct bytes *b, size_t nb, const struct mapping *ma,
    const struct mapping *mb, const struct progress *progress)
{
	memset(c, 0, sizeof(*c));
	c->a = *a;
	c->b = *b;
	c->na = na;
	c->nb = nb;
	if (ma != NULL && mb != NULL) {
		c->ma = ma;
		c->mb = mb;
	}
	c->progress = progress;
}

static size_t
min3(uint64_t a, uint64_t b, size_t c)
{
	uint64_t m = a < b ? a : b;

	return m < c ? (size_t)m : c;
}

/* len more bytes looked at, the walk at at: false when told to stop. */
static bool
tick(struct compare *c, size_t at, size_t len)
{
	c->at = at;
	c->done += len;
	if (progress_tick(c->progress, c->done, c->total))
		c->cancelled = true;
	return !c->cancelled;
}

/*
 * The first offset in [from, to) where the bytes differ (same 0) or are
 * the same (same 1); to when there is none, or the walk was stopped.
 */
static size_t
walk_fwd(struct compare *c, size_t from, size_t to, int same)
{
	size_t chunk_end = from, chunk_start = from;

	while (from < to && !c->cancelled) {
		const unsigned char *pa, *pb;
		uint64_t la, lb;
		size_t len, i, skip;

		if (!same && c->ma != NULL && from >= c->upto) {
			skip = mapping_holes_end(c->ma, c->mb, from, to,
			    &c->upto);
			if (skip > from) {
				(void)tick(c, skip, skip - from);
				from = chunk_end = skip;
				continue;
			}
		}
		if (from >= chunk_end) {
			chunk_start = from;
			chunk_end = to - from > COMPARE_CHUNK ? from +
			    COMPARE_CHUNK : to;
		}
		pa = bytes_span(&c->a, from, &la);
		pb = bytes_span(&c->b, from, &lb);
		len = min3(la, lb, chunk_end - from);
		if (!same && c->ma != NULL && c->upto > from &&
		    c->upto - from < len)
			len = c->upto - from;
		i = diff_first(pa, pb, len, same);
		if (i != DIFF_NONE)
			return from + i;
		from += len;
		if (from == chunk_end)
			(void)tick(c, from, chunk_end - chunk_start);
	}
	return to;
}

/*
 * The last offset in [lo, hi) where the bytes differ (same 0) or are the
 * same (same 1); DIFF_NONE when there is none or the walk was stopped.
 * Chunk by chunk from hi down; a chunk both files have as a hole is
 * skipped unread.
 */
static size_t
walk_back(struct compare *c, size_t lo, size_t hi, int same)
{
	while (hi > lo && !c->cancelled) {
		size_t clo = hi - lo > COMPARE_CHUNK ? hi - COMPARE_CHUNK : lo;
		size_t at, last = DIFF_NONE, i, len, upto = 0;
		const unsigned char *pa, *pb;
		uint64_t la, lb;

		if (same || c->ma == NULL ||
		    mapping_holes_end(c->ma, c->mb, clo, hi, &upto) < hi) {
			for (at = clo; at < hi; at += len) {
				pa = bytes_span(&c->a, at, &la);
				pb = bytes_span(&c->b, at, &lb);
				len = min3(la, lb, hi - at);
				i = diff_last(pa, pb, len, same);
				if (i != DIFF_NONE)
					last = at + i;
			}
			if (last != DIFF_NONE)
				return last;
		}
		if (!tick(c, clo, hi - clo))
			break;
		hi = clo;
	}
	return DIFF_NONE;
}

/* The shorter size, and the longer one. */
static size_t
shorter(const struct compare *c, size_t *longer)
{
	*longer = c->na < c->nb ? c->nb : c->na;
	return c->na < c->nb ? c->na : c->nb;
}

/* The longer one's tail, when off is not past it. */
static int
tail_run(const struct compare *c, size_t off, struct diff_run *run)
{
	size_t longer, n = shorter(c, &longer);

	if (longer == n || off > n)
		return 0;
	run->start = n;
	run->len = longer - n;
	return 1;
}

int
compare_run_at(struct compare *c, size_t off, struct diff_run *run)
{
	size_t longer, n = shorter(c, &longer), s;

	if (off >= n)
		return off < longer ? tail_run(c, n, run) : 0;
	if (bytes_at(&c->a, off) == bytes_at(&c->b, off))
		return 0;
	c->done = 0;
	c->total = n;
	s = off > 0 ? walk_back(c, 0, off, 1) : DIFF_NONE;
	run->start = s == DIFF_NONE ? 0 : s + 1;
	run->len = walk_fwd(c, off, n, 1) - run->start;
	return c->cancelled ? -1 : 1;
}

int
compare_first(struct compare *c, size_t off, struct diff_run *run)
{
	size_t longer, n = shorter(c, &longer), s;

	c->done = 0;
	c->total = n > off ? n - off : 0;
	if (off < n) {
		s = walk_fwd(c, off, n, 0);
		if (c->cancelled)
			return -1;
		if (s < n) {
			run->start = s;
			run->len = walk_fwd(c, s, n, 1) - s;
			return c->cancelled ? -1 : 1;
		}
	}
	return tail_run(c, off, run);
}

int
compare_next(struct compare *c, size_t off, struct diff_run *run)
{
	size_t longer, n = shorter(c, &longer);

	if (off >= n)
		return 0;		/* in the longer one's tail: the last run */
	if (bytes_at(&c->a, off) != bytes_at(&c->b, off)) {
		c->done = 0;
		c->total = n - off;
		off = walk_fwd(c, off, n, 1);
		if (c->cancelled)
			return -1;
	}
	return compare_first(c, off, run);
}

int
compare_prev(struct compare *c, size_t off, struct diff_run *run)
{
	size_t longer, n = shorter(c, &longer), start = off, j, k;
	struct diff_run here;
	int r;

	if ((r = compare_run_at(c, off, &here)) < 0)
		return -1;
	if (r == 1)
		start = here.start;
	if (start > n)
		start = n;
	c->done = 0;
	c->total = start;
	j = walk_back(c, 0, start, 0);
	if (c->cancelled)
		return -1;
	if (j == DIFF_NONE)
		return 0;
	k = walk_back(c, 0, j, 1);
	if (c->cancelled)
		return -1;
	run->start = k == DIFF_NONE ? 0 : k + 1;
	run->len = j + 1 - run->start;
	return 1;
}
