/*
 * dirty.c - the set of changed byte ranges, kept sorted and coalesced so a
 * flush writes each changed byte exactly once and nothing else.
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
dirty_free(struct dirty *d)
{
	free(d->r);
	dirty_init(d);
}

void
dirty_clear(struct dirty *d)
{
	d->n = 0;
	d->bytes = 0;
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

/*
 * Insert [start, end) and swallow every range it overlaps or touches:
 * ranges [i, j) merge into one, so the set stays disjoint and non-adjacent.
 */
void
dirty_add(struct dirty *d, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	size_t i, j;

	if (len == 0)
		return;
	i = first_touching(d, start);
	for (j = i; j < d->n && d->r[j].start <= end; j++) {
		if (d->r[j].start < start)
			start = d->r[j].start;
		if (d->r[j].end > end)
			end = d->r[j].end;
		d->bytes -= d->r[j].end - d->r[j].start;
	}
	if (i == j) {
		if (d->n == d->cap) {
			d->cap = d->cap != 0 ? d->cap * 2 : 16;
			d->r = xrealloc(d->r, d->cap * sizeof(*d->r));
		}
		memmove(d->r + i + 1, d->r + i, (d->n - i) * sizeof(*d->r));
		d->n++;
	} else if (j - i > 1) {
		memmove(d->r + i + 1, d->r + j, (d->n - j) * sizeof(*d->r));
		d->n -= j - i - 1;
	}
	d->r[i].start = start;
	d->r[i].end = end;
	d->bytes += end - start;
}

bool
dirty_contains(const struct dirty *d, uint64_t off)
{
	size_t i = first_touching(d, off + 1);

	/* r[i] is the first range with end >= off + 1, i.e. end > off. */
	return i < d->n && d->r[i].start <= off;
}
