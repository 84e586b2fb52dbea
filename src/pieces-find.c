/*
 * pieces-find.c - find and rfind over a piece list; see pieces-find.h.
 *
 * Going forward from `from`, each piece in turn: first the matches that
 * lie wholly in it (finder_find over the piece's bytes in place), then
 * the ones that start in it and end in a later piece (a border buffer of
 * the last len - 1 bytes before the border and the first len - 1 after
 * it, read through the list).  Those come in the order of their starts,
 * so the first found is the lowest.  Backwards it is the mirror: at each
 * piece the matches across its end border first, then those inside it.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pieces-find.h"

/* One piece's search, its progress told as part of the whole scan's. */
struct part {
	const struct progress	*outer;
	uint64_t		 before;	/* bytes of the scan before it */
	uint64_t		 total;
};

static int
part_tick(void *ctx, size_t done, size_t total)
{
	const struct part *pt = ctx;

	(void)total;
	return progress_tick(pt->outer, (size_t)(pt->before + done),
	    (size_t)pt->total);
}

/* The bytes of one piece, where they are. */
static const unsigned char *
piece_bytes(const struct pieces *ps, const unsigned char *base,
    const struct piece *pc)
{
	return (pc->added ? ps->add : base) + pc->src;
}

/*
 * A match that starts in [lo, border) and ends after border, in a copy
 * of [lo, border + len - 1) cut at limit: the lowest one, or with last
 * the highest.  No match in the copy can start at border or later.
 */
static bool
across(const struct pieces *ps, const unsigned char *base,
    const struct finder *f, size_t len, unsigned char *buf, uint64_t lo,
    uint64_t border, uint64_t limit, bool last, uint64_t *at)
{
	uint64_t hi = border + len - 1 < limit ? border + len - 1 : limit;
	size_t r;

	if (lo >= border || hi - lo < len)
		return false;
	pieces_read(ps, base, lo, buf, (size_t)(hi - lo));
	if ((last ? finder_rfind(f, buf, (size_t)(hi - lo), &r, NULL) :
	    finder_find(f, buf, (size_t)(hi - lo), 0, &r, NULL)) != SCAN_FOUND)
		return false;
	*at = lo + r;
	return true;
}

enum scan_result
pieces_find(const struct pieces *ps, const unsigned char *base,
    const struct finder *f, const struct pattern *p, uint64_t from,
    uint64_t end, uint64_t *at, const struct progress *progress)
{
	size_t len = p->len, i, r;
	uint64_t total, ticked = 0;
	unsigned char *buf;
	enum scan_result res = SCAN_NOT_FOUND;

	if (end > ps->size)
		end = ps->size;
	if (from > end || end - from < len)
		return SCAN_NOT_FOUND;
	if (len == 0) {
		*at = from;
		return SCAN_FOUND;
	}
	total = end - from;
	buf = xmalloc(2 * len);
	for (i = pieces_at(ps, from); i < ps->n && ps->p[i].at < end; i++) {
		const struct piece *pc = &ps->p[i];
		uint64_t s = pc->at, e = s + pc->len < end ? s + pc->len : end;
		uint64_t start = from > s ? from : s, lo;
		struct part pt = { progress, start - from, total };
		struct progress inner = { part_tick, &pt };

		res = finder_find(f, piece_bytes(ps, base, pc), (size_t)(e - s),
		    (size_t)(start - s), &r, progress != NULL ? &inner : NULL);
		if (res == SCAN_FOUND) {
			*at = s + r;
			break;
		}
		if (res == SCAN_CANCELLED)
			break;
		res = SCAN_NOT_FOUND;
		lo = e >= len - 1 ? e - (len - 1) : 0;
		if (e < end && across(ps, base, f, len, buf,
		    lo > start ? lo : start, e, end, false, at)) {
			res = SCAN_FOUND;
			break;
		}
		/* Many small pieces: tick between them too. */
		if (e - from - ticked >= PROGRESS_CHUNK) {
			ticked = e - from;
			if (progress_tick(progress, (size_t)ticked, (size_t)total)) {
				res = SCAN_CANCELLED;
				break;
			}
		}
	}
	free(buf);
	return res;
}

enum scan_result
pieces_rfind(const struct pieces *ps, const unsigned char *base,
    const struct finder *f, const struct pattern *p, uint64_t end,
    uint64_t *at, const struct progress *progress)
{
	size_t len = p->len, i, r;
	uint64_t ticked = 0;
	unsigned char *buf;
	enum scan_result res = SCAN_NOT_FOUND;

	if (end > ps->size)
		end = ps->size;
	if (end < len || ps->n == 0)
		return SCAN_NOT_FOUND;
	if (len == 0) {
		*at = end;
		return SCAN_FOUND;
	}
	buf = xmalloc(2 * len);
	for (i = pieces_at(ps, end - 1) + 1; i-- > 0;) {
		const struct piece *pc = &ps->p[i];
		uint64_t s = pc->at, e = s + pc->len < end ? s + pc->len : end;
		struct part pt = { progress, end - e, end };
		struct progress inner = { part_tick, &pt };
		uint64_t lo = e >= len - 1 ? e - (len - 1) : 0;

		/* Across the border at e: starts in [lo, e), ends by `end`. */
		if (e < end && across(ps, base, f, len, buf, lo, e, end, true,
		    at)) {
			res = SCAN_FOUND;
			break;
		}
		res = finder_rfind(f, piece_bytes(ps, base, pc), (size_t)(e - s),
		    &r, progress != NULL ? &inner : NULL);
		if (res == SCAN_FOUND) {
			*at = s + r;
			break;
		}
		if (res == SCAN_CANCELLED)
			break;
		res = SCAN_NOT_FOUND;
		if (end - s - ticked >= PROGRESS_CHUNK) {
			ticked = end - s;
			if (progress_tick(progress, (size_t)ticked, (size_t)end)) {
				res = SCAN_CANCELLED;
				break;
			}
		}
	}
	free(buf);
	return res;
}
