/*
 * journal.c - the undo/redo record: entries in one array, their bytes in
 * one arena, groups as the index of their first entry.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"

/* The arena is never shrunk below this. */
#define ARENA_MIN	4096

/* Undoing an insert is a delete, undoing a delete an insert. */
static enum journal_op
undo_op(enum journal_op op)
{
	return op == JOURNAL_INSERT ? JOURNAL_DELETE :
	    op == JOURNAL_DELETE ? JOURNAL_INSERT : JOURNAL_OVERWRITE;
}

/* An empty journal. */
void
journal_init(struct journal *j)
{
	memset(j, 0, sizeof(*j));
}

/* Free the arrays and the arena; the journal is empty again. */
void
journal_free(struct journal *j)
{
	journal_log_fn log = j->log;
	void *ctx = j->log_ctx;

	free(j->e);
	free(j->group);
	free(j->arena);
	journal_init(j);
	j->log = log;
	j->log_ctx = ctx;
}

/* Tell the log, if there is one. */
static void
tell(const struct journal *j, enum journal_event ev,
    const struct journal_entry *e)
{
	if (j->log != NULL)
		j->log(j->log_ctx, ev, e, e != NULL ? j->arena + e->data : NULL);
}

/*
 * Make room for want more items of size sz in *p (capacity *cap, count n),
 * doubling.  Returns 0, or -1 with nothing changed when memory ran out.
 */
static int
grow(void **p, size_t *cap, size_t n, size_t want, size_t sz)
{
	size_t ncap;
	void *q;

	if (*cap - n >= want)
		return 0;
	if (want > SIZE_MAX / sz - n)
		return -1;
	ncap = *cap != 0 ? *cap : 16;
	while (ncap - n < want)
		ncap = ncap > SIZE_MAX / sz / 2 ? n + want : ncap * 2;
	q = realloc(*p, ncap * sz);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = ncap;
	return 0;
}

/* Entries [first, end) of group g. */
static void
group_span(const struct journal *j, size_t g, size_t *first, size_t *end)
{
	*first = j->group[g];
	*end = g + 1 < j->ngroups ? j->group[g + 1] : j->ne;
}

/*
 * Forget the undone groups.  The arena shrinks when it was mostly theirs,
 * so a huge paste undone and replaced does not hold its memory forever.
 */
static void
drop_redo_tail(struct journal *j)
{
	size_t first, end;
	void *q;

	if (j->done == j->ngroups)
		return;
	group_span(j, j->done, &first, &end);
	j->arena_len = j->e[first].data;
	j->ne = first;
	j->ngroups = j->done;
	j->open = false;
	if (j->arena_cap > ARENA_MIN && j->arena_len < j->arena_cap / 4) {
		size_t ncap = j->arena_len > ARENA_MIN ? j->arena_len * 2 :
		    ARENA_MIN;

		if ((q = realloc(j->arena, ncap)) != NULL) {
			j->arena = q;
			j->arena_cap = ncap;
		}
	}
}

/*
 * Add an entry of op at off, len bytes, with nbytes bytes of arena data
 * copied from a and then b (b may be NULL).
 */
static int
record(struct journal *j, enum journal_op op, size_t off, size_t len,
    const void *a, const void *b)
{
	size_t nbytes = b != NULL ? 2 * len : len;
	struct journal_entry *en;

	if (len == 0)
		return 0;
	drop_redo_tail(j);
	if (len > (SIZE_MAX - j->arena_len) / 2)
		return -1;
	if (grow((void **)&j->arena, &j->arena_cap, j->arena_len, nbytes,
	    1) < 0 ||
	    grow((void **)&j->e, &j->ecap, j->ne, 1, sizeof(*j->e)) < 0 ||
	    (!j->open && grow((void **)&j->group, &j->gcap, j->ngroups, 1,
	    sizeof(*j->group)) < 0))
		return -1;
	if (!j->open) {
		j->group[j->ngroups++] = j->ne;
		j->done = j->ngroups;
		j->open = true;
	}
	en = &j->e[j->ne++];
	en->op = op;
	en->off = off;
	en->len = len;
	en->data = j->arena_len;
	memcpy(j->arena + j->arena_len, a, len);
	if (b != NULL)
		memcpy(j->arena + j->arena_len + len, b, len);
	j->arena_len += nbytes;
	if (op != JOURNAL_OVERWRITE)
		j->sizes = true;
	tell(j, JOURNAL_EV_RECORD, en);
	return 0;
}

/* Record one overwrite; see journal.h. */
int
journal_record(struct journal *j, size_t off, size_t len,
    const void *old_bytes, const void *new_bytes)
{
	return record(j, JOURNAL_OVERWRITE, off, len, old_bytes, new_bytes);
}

/* Record one insert or delete; see journal.h. */
int
journal_record_size(struct journal *j, enum journal_op op, size_t off,
    size_t len, const void *bytes)
{
	return record(j, op, off, len, bytes, NULL);
}

/* Ever an insert or a delete? */
bool
journal_has_sizes(const struct journal *j)
{
	return j->sizes;
}

/* Forget the last entry, telling no one. */
static void
forget_last(struct journal *j)
{
	j->ne--;
	j->arena_len = j->e[j->ne].data;
	if (j->ngroups > 0 && j->group[j->ngroups - 1] == j->ne) {
		j->ngroups--;
		j->done = j->ngroups;
		j->open = false;
	}
}

/* Take back the last entry; see journal.h. */
void
journal_unrecord(struct journal *j)
{
	if (j->ne == 0 || j->done != j->ngroups)
		return;
	forget_last(j);
	tell(j, JOURNAL_EV_UNRECORD, NULL);
}

/* Shrink the last entry to its first len bytes; see journal.h. */
void
journal_trim_last(struct journal *j, size_t len)
{
	struct journal_entry *e;

	if (j->ne == 0 || j->done != j->ngroups)
		return;
	e = &j->e[j->ne - 1];
	if (len == 0) {
		journal_unrecord(j);
		return;
	}
	if (len >= e->len || e->op != JOURNAL_OVERWRITE)
		return;
	/* Old bytes, then new bytes: the new ones move down next to the old. */
	memmove(j->arena + e->data + len, j->arena + e->data + e->len, len);
	e->len = len;
	j->arena_len = e->data + 2 * len;
	tell(j, JOURNAL_EV_TRIM, e);
}

/* Undo and forget the last entry; see journal.h. */
int
journal_take_back(struct journal *j, journal_apply_fn apply, void *ctx)
{
	const struct journal_entry *e;

	if (j->ne == 0 || j->done != j->ngroups)
		return 0;
	e = &j->e[j->ne - 1];
	if (apply(ctx, undo_op(e->op), e->off, j->arena + e->data, e->len) < 0)
		return -1;
	forget_last(j);
	tell(j, JOURNAL_EV_TAKE_BACK, NULL);
	return 1;
}

/* The last entry of the open group; see journal.h. */
const struct journal_entry *
journal_last(const struct journal *j)
{
	if (j->ne == 0 || j->done != j->ngroups || !j->open)
		return NULL;
	return &j->e[j->ne - 1];
}

/* The next record starts a new group. */
void
journal_close(struct journal *j)
{
	if (j->open)
		tell(j, JOURNAL_EV_CLOSE, NULL);
	j->open = false;
}

/* Is there a group to undo? */
bool
journal_can_undo(const struct journal *j)
{
	return j->done > 0;
}

/* Is there a group to redo? */
bool
journal_can_redo(const struct journal *j)
{
	return j->done < j->ngroups;
}

/* Groups that can be undone. */
size_t
journal_undo_steps(const struct journal *j)
{
	return j->done;
}

/* Groups that can be redone. */
size_t
journal_redo_steps(const struct journal *j)
{
	return j->ngroups - j->done;
}

/* Old bytes of entry i. */
static const unsigned char *
old_of(const struct journal *j, size_t i)
{
	return j->arena + j->e[i].data;
}

/* New bytes of entry i (an insert's or a delete's only bytes). */
static const unsigned char *
new_of(const struct journal *j, size_t i)
{
	const struct journal_entry *e = &j->e[i];

	return j->arena + e->data + (e->op == JOURNAL_OVERWRITE ? e->len : 0);
}

/* Undo entry i: what the caller is asked to do. */
static int
undo_entry(const struct journal *j, journal_apply_fn apply, void *ctx,
    size_t i)
{
	const struct journal_entry *e = &j->e[i];

	return apply(ctx, undo_op(e->op), e->off, old_of(j, i), e->len);
}

/* Redo entry i. */
static int
redo_entry(const struct journal *j, journal_apply_fn apply, void *ctx,
    size_t i)
{
	const struct journal_entry *e = &j->e[i];

	return apply(ctx, e->op, e->off, new_of(j, i), e->len);
}

/*
 * Where a group's cursor goes (its first entry) and the span it covers,
 * from its lowest to its highest byte: a byte typed as two nibbles is two
 * entries but one byte.
 */
static void
group_report(const struct journal *j, size_t first, size_t end, size_t *at,
    size_t *span)
{
	size_t i, lo = SIZE_MAX, hi = 0;

	for (i = first; i < end; i++) {
		if (j->e[i].off < lo)
			lo = j->e[i].off;
		if (j->e[i].off + j->e[i].len > hi)
			hi = j->e[i].off + j->e[i].len;
	}
	if (at != NULL)
		*at = j->e[first].off;
	if (span != NULL)
		*span = hi - lo;
}

/* Undo one group: old bytes, last entry first; see journal.h. */
int
journal_undo(struct journal *j, journal_apply_fn apply, void *ctx,
    size_t *at, size_t *span)
{
	size_t first, end, i, k;

	journal_close(j);
	if (j->done == 0)
		return 0;
	group_span(j, j->done - 1, &first, &end);
	for (i = end; i > first; i--) {
		if (undo_entry(j, apply, ctx, i - 1) == 0)
			continue;
		/* Put forward again what this undo already took back. */
		for (k = i; k < end; k++)
			(void)redo_entry(j, apply, ctx, k);
		return -1;
	}
	j->done--;
	group_report(j, first, end, at, span);
	tell(j, JOURNAL_EV_UNDO, NULL);
	return 1;
}

/* Redo one group: new bytes, first entry first; see journal.h. */
int
journal_redo(struct journal *j, journal_apply_fn apply, void *ctx,
    size_t *at, size_t *span)
{
	size_t first, end, i, k;

	journal_close(j);
	if (j->done == j->ngroups)
		return 0;
	group_span(j, j->done, &first, &end);
	for (i = first; i < end; i++) {
		if (redo_entry(j, apply, ctx, i) == 0)
			continue;
		/* Take back what this redo already applied. */
		for (k = i; k > first; k--)
			(void)undo_entry(j, apply, ctx, k - 1);
		return -1;
	}
	j->done++;
	group_report(j, first, end, at, span);
	tell(j, JOURNAL_EV_REDO, NULL);
	return 1;
}
