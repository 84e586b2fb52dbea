/*
 * dirty.c - the unflushed edits: sorted, coalesced byte ranges, each with
 * its own copy of the bytes, so a flush writes each changed byte exactly
 * once, from the session's record and not from pages the kernel may drop.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dirty.h"
#include "util.h"

void
dirty_init(struct dirty *d)
{
	memset(d, 0, sizeof(*d));
}

void
dirty_clear(struct dirty *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->r[i].bytes);
	d->n = 0;
	d->bytes = 0;
}

void
dirty_free(struct dirty *d)
{
	dirty_clear(d);
	free(d->r);
	dirty_init(d);
}

/* Index of the first range whose end is >= off (it may touch off). */
static size_t
first_touching(const struct dirty *d, uint64_t off)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->r[mid].end < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for len bytes in r, doubling so that appends stay amortised O(1). */
static void
reserve(struct range *r, size_t len)
{
	size_t cap = r->cap != 0 ? r->cap : 16;

	if (len <= r->cap)
		return;
	while (cap < len)
		cap = cap > SIZE_MAX / 2 ? len : cap * 2;
	r->bytes = xrealloc(r->bytes, cap);
	r->cap = cap;
}

/* Make room for one range at index i. */
static void
open_slot(struct dirty *d, size_t i)
{
	if (d->n == d->cap) {
		d->cap = d->cap != 0 ? d->cap * 2 : 16;
		d->r = xrealloc(d->r, d->cap * sizeof(*d->r));
	}
	memmove(d->r + i + 1, d->r + i, (d->n - i) * sizeof(*d->r));
	memset(&d->r[i], 0, sizeof(d->r[i]));
	d->n++;
}

/*
 * Insert [start, end) and swallow every range it overlaps or touches:
 * ranges [i, j) merge into one, so the set stays disjoint and non-adjacent.
 * Overwriting inside one range or extending it at its end copies only the
 * new bytes; a true merge copies the merged ranges once.
 */
void
dirty_add(struct dirty *d, uint64_t start, const void *bytes, uint64_t len)
{
	uint64_t end = start + len, ns, ne;
	struct range *r, merged;
	size_t i, j, k;

	if (len == 0)
		return;
	i = first_touching(d, start);
	for (j = i; j < d->n && d->r[j].start <= end; j++)
		;
	if (j == i) {
		open_slot(d, i);
		r = &d->r[i];
		reserve(r, (size_t)len);
		memcpy(r->bytes, bytes, (size_t)len);
		r->start = start;
		r->end = end;
		d->bytes += len;
		return;
	}
	r = &d->r[i];
	if (j == i + 1 && r->start <= start) {
		if (end > r->end) {
			reserve(r, (size_t)(end - r->start));
			d->bytes += end - r->end;
			r->end = end;
		}
		memcpy(r->bytes + (start - r->start), bytes, (size_t)len);
		return;
	}
	ns = start < r->start ? start : r->start;
	ne = end > d->r[j - 1].end ? end : d->r[j - 1].end;
	memset(&merged, 0, sizeof(merged));
	reserve(&merged, (size_t)(ne - ns));
	for (k = i; k < j; k++) {
		memcpy(merged.bytes + (d->r[k].start - ns), d->r[k].bytes,
		    (size_t)(d->r[k].end - d->r[k].start));
		d->bytes -= d->r[k].end - d->r[k].start;
		free(d->r[k].bytes);
	}
	memcpy(merged.bytes + (start - ns), bytes, (size_t)len);
	merged.start = ns;
	merged.end = ne;
	memmove(d->r + i + 1, d->r + j, (d->n - j) * sizeof(*d->r));
	d->n -= j - i - 1;
	d->r[i] = merged;
	d->bytes += ne - ns;
}

void
dirty_remove(struct dirty *d, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	size_t i;

	if (len == 0)
		return;
	/* The first range ending after start: it may overlap. */
	for (i = first_touching(d, start + 1); i < d->n &&
	    d->r[i].start < end;) {
		struct range *r = &d->r[i];

		if (r->start < start && end < r->end) {
			/* A hole in the middle: the tail becomes its own range. */
			open_slot(d, i + 1);
			r = &d->r[i];
			reserve(&d->r[i + 1], (size_t)(r->end - end));
			memcpy(d->r[i + 1].bytes, r->bytes + (end - r->start),
			    (size_t)(r->end - end));
			d->r[i + 1].start = end;
			d->r[i + 1].end = r->end;
			d->bytes -= end - start;
			r->end = start;
			return;
		}
		if (r->start < start) {
			d->bytes -= r->end - start;
			r->end = start;
			i++;
		} else if (end < r->end) {
			memmove(r->bytes, r->bytes + (end - r->start),
			    (size_t)(r->end - end));
			d->bytes -= end - r->start;
			r->start = end;
			return;
		} else {
			d->bytes -= r->end - r->start;
			free(r->bytes);
			memmove(d->r + i, d->r + i + 1,
			    (d->n - i - 1) * sizeof(*d->r));
			d->n--;
		}
	}
}

bool
dirty_contains(const struct dirty *d, uint64_t off)
{
	size_t i = first_touching(d, off + 1);

	/* r[i] is the first range with end >= off + 1, i.e. end > off. */
	return i < d->n && d->r[i].start <= off;
}

uint64_t
dirty_bytes_in(const struct dirty *d, uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (size_t i = first_touching(d, start + 1); i < d->n &&
	    d->r[i].start < end; i++) {
		uint64_t s = d->r[i].start > start ? d->r[i].start : start;
		uint64_t e = d->r[i].end < end ? d->r[i].end : end;

		n += e - s;
	}
	return n;
}
