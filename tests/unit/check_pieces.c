/*
 * check_pieces.c - the piece list against a plain array: thousands of
 * random inserts and deletes, every read and span compared with the
 * array; the cost of an edit does not grow with the file; and
 * pieces_write() leaves a real file equal to the array, in place, for
 * random edits and chunk sizes, touching only what moved; and find and
 * rfind over the pieces give what brute force gives over the array.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pieces-find.h"
#include "pieces.h"
#include "unit.h"

/* The model: a growable array of the bytes the list should hold. */
struct model {
	unsigned char	*b;
	size_t		 len;
};

static void
model_insert(struct model *m, size_t off, const unsigned char *bytes,
    size_t len)
{
	m->b = realloc(m->b, m->len + len + 1);
	ck_assert_ptr_nonnull(m->b);
	memmove(m->b + off + len, m->b + off, m->len - off);
	memcpy(m->b + off, bytes, len);
	m->len += len;
}

static void
model_delete(struct model *m, size_t off, size_t len)
{
	memmove(m->b + off, m->b + off + len, m->len - off - len);
	m->len -= len;
}

/* Every invariant of the list, and its bytes equal to the model's. */
static void
expect_same(const struct pieces *ps, const unsigned char *base,
    const struct model *m)
{
	unsigned char *got = malloc(m->len + 1);
	uint64_t at = 0, run, base_end = 0;
	size_t i;

	ck_assert_uint_eq(ps->size, m->len);
	for (i = 0; i < ps->n; i++) {
		const struct piece *p = &ps->p[i];

		ck_assert_uint_eq(p->at, at);
		ck_assert_uint_gt(p->len, 0);
		if (p->added)
			ck_assert_uint_le(p->src + p->len, ps->add_len);
		else {
			ck_assert_uint_le(p->src + p->len, ps->base_size);
			/* Base runs in the order of their sources, apart. */
			ck_assert_uint_ge(p->src, base_end);
			base_end = p->src + p->len;
		}
		at += p->len;
	}
	ck_assert_uint_eq(at, ps->size);
	pieces_read(ps, base, 0, got, m->len);
	ck_assert(memcmp(got, m->b, m->len) == 0);
	/* A span is the piece's rest, without a copy, and the right bytes. */
	for (at = 0; at < m->len; at += run) {
		const unsigned char *s = pieces_span(ps, base, at, &run);

		ck_assert_uint_gt(run, 0);
		ck_assert_uint_le(at + run, m->len);
		ck_assert(memcmp(s, m->b + at, (size_t)run) == 0);
	}
	free(got);
}

/* rand() in [0, n). */
static size_t
below(size_t n)
{
	return n == 0 ? 0 : (size_t)rand() % n;
}

/* One random insert or delete, to the list and the model alike. */
static void
random_edit(struct pieces *ps, struct model *m)
{
	unsigned char bytes[64];
	size_t off, len, k;

	if (m->len == 0 || below(3) != 0) {
		off = below(m->len + 1);
		len = 1 + below(below(4) == 0 ? sizeof(bytes) : 3);
		for (k = 0; k < len; k++)
			bytes[k] = (unsigned char)rand();
		ck_assert_int_eq(pieces_insert(ps, off, bytes, len), 0);
		model_insert(m, off, bytes, len);
	} else {
		off = below(m->len);
		len = 1 + below(below(8) == 0 ? m->len - off : 4);
		if (len > m->len - off)
			len = m->len - off;
		ck_assert_int_eq(pieces_delete(ps, off, len), 0);
		model_delete(m, off, len);
	}
}

static unsigned char *
base_bytes(size_t n)
{
	unsigned char *b = malloc(n + 1);

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 31 + 7);
	return b;
}

START_TEST(test_random_against_array)
{
	static const size_t sizes[] = { 0, 1, 2, 4095, 4096, 4097, 100000 };
	size_t s, i;

	srand(20261202);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		unsigned char *base = base_bytes(sizes[s]);
		struct model m = { malloc(sizes[s] + 1), sizes[s] };
		struct pieces ps;

		memcpy(m.b, base, sizes[s]);
		pieces_init(&ps, sizes[s]);
		ck_assert(pieces_unedited(&ps));
		expect_same(&ps, base, &m);
		for (i = 0; i < 3000; i++) {
			random_edit(&ps, &m);
			if (i % 97 == 0)
				expect_same(&ps, base, &m);
		}
		expect_same(&ps, base, &m);
		pieces_free(&ps);
		free(m.b);
		free(base);
	}
}
END_TEST

/*
 * Bytes put back where they were (an undone delete, a redone insert) are
 * the base's again after pieces_rejoin: the list ends unedited when the
 * bytes are, and random edits with a rejoin after each keep every
 * invariant (base runs in order and apart: nothing reads a run twice).
 */
START_TEST(test_rejoin)
{
	static const size_t sizes[] = { 1, 2, 17, 4096 };
	size_t s, i;

	srand(42);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t n = sizes[s];
		unsigned char *base = base_bytes(n), cut[64];
		struct model m = { malloc(n + 1), n };
		struct pieces ps;

		memcpy(m.b, base, n);
		pieces_init(&ps, n);
		/* Delete and put back, anywhere: unedited again. */
		for (i = 0; i < 200; i++) {
			size_t off = below(n), len = 1 + below(n - off < 8 ?
			    n - off : 8);

			memcpy(cut, base + off, len);
			ck_assert_int_eq(pieces_delete(&ps, off, len), 0);
			pieces_rejoin(&ps, base, off);
			ck_assert_int_eq(pieces_insert(&ps, off, cut, len), 0);
			pieces_rejoin(&ps, base, off);
			ck_assert_msg(pieces_unedited(&ps), "%zu at %zu of %zu",
			    len, off, n);
		}
		/* Random edits, with the bytes of a base run put back often. */
		for (i = 0; i < 2000; i++) {
			size_t off = below(m.len + 1);

			if (m.len > 0 && below(2) == 0) {
				size_t at = below(n), len = 1 + below(n - at < 4 ?
				    n - at : 4);

				ck_assert_int_eq(pieces_insert(&ps, off,
				    base + at, len), 0);
				model_insert(&m, off, base + at, len);
			} else
				random_edit(&ps, &m);
			pieces_rejoin(&ps, base, off < ps.size ? off : ps.size);
			/* Each assertion is a pipe write in fork mode: not every time. */
			if (i % 50 == 0)
				expect_same(&ps, base, &m);
		}
		expect_same(&ps, base, &m);
		pieces_free(&ps);
		free(m.b);
		free(base);
	}
}
END_TEST

START_TEST(test_bad_ranges_change_nothing)
{
	struct pieces ps;
	unsigned char x = 'x';

	pieces_init(&ps, 10);
	ck_assert_int_eq(pieces_insert(&ps, 11, &x, 1), -1);
	ck_assert_int_eq(pieces_delete(&ps, 5, 6), -1);
	ck_assert_int_eq(pieces_delete(&ps, 11, 0), -1);
	ck_assert_int_eq(pieces_delete(&ps, 3, UINT64_MAX), -1);
	ck_assert(pieces_unedited(&ps));
	ck_assert_int_eq(pieces_insert(&ps, 10, &x, 1), 0);	/* append */
	ck_assert_uint_eq(ps.size, 11);
	ck_assert(!pieces_unedited(&ps));
	ck_assert_int_eq(pieces_delete(&ps, 10, 1), 0);
	ck_assert(pieces_unedited(&ps));	/* the two halves joined again */
	ck_assert_int_eq(pieces_delete(&ps, 0, 10), 0);
	ck_assert_uint_eq(ps.size, 0);
	ck_assert_uint_eq(ps.n, 0);
	pieces_free(&ps);
}
END_TEST

/*
 * Typing 10,000 characters at one place makes one piece, not 10,000, and
 * an edit at offset 0 of a huge base (never read: its bytes are not
 * touched) costs the pieces, not the size.
 */
START_TEST(test_cost_is_pieces_not_bytes)
{
	struct pieces ps;
	unsigned char c = 'a';
	size_t i;

	pieces_init(&ps, (uint64_t)100 << 30);
	for (i = 0; i < 10000; i++)
		ck_assert_int_eq(pieces_insert(&ps, 5 + i, &c, 1), 0);
	ck_assert_uint_eq(ps.n, 3);
	ck_assert_int_eq(pieces_insert(&ps, 0, &c, 1), 0);
	ck_assert_int_eq(pieces_delete(&ps, ((uint64_t)50 << 30), 4096), 0);
	ck_assert_uint_eq(ps.n, 5);
	ck_assert_uint_eq(ps.size, ((uint64_t)100 << 30) + 10001 - 4096);
	ck_assert_uint_eq(pieces_at(&ps, ps.size - 1), 4);
	pieces_free(&ps);
}
END_TEST

/* Brute force over the model: the lowest start >= from, or -1. */
static long
model_find(const struct model *m, const unsigned char *pat, size_t len,
    size_t from)
{
	for (size_t i = from; i + len <= m->len; i++)
		if (memcmp(m->b + i, pat, len) == 0)
			return (long)i;
	return -1;
}

/* The highest start whose match ends by end, or -1. */
static long
model_rfind(const struct model *m, const unsigned char *pat, size_t len,
    size_t end)
{
	for (size_t i = end >= len ? end - len + 1 : 0; i-- > 0;)
		if (memcmp(m->b + i, pat, len) == 0)
			return (long)i;
	return -1;
}

/*
 * find and rfind over an edited file give what brute force gives over
 * the array: patterns of 1 to 9 bytes over a 3-letter alphabet (so they
 * match often, and across borders of pieces of 1 byte and more), taken
 * from the edited bytes, from every kind of place.
 */
START_TEST(test_find_across_pieces)
{
	size_t round, q, k;

	srand(99);
	for (round = 0; round < 60; round++) {
		size_t size = below(3000);
		unsigned char *base = malloc(size + 1);
		struct model m = { malloc(size + 1), size };
		struct pieces ps;

		for (k = 0; k < size; k++)
			base[k] = (unsigned char)('a' + below(3));
		memcpy(m.b, base, size);
		pieces_init(&ps, size);
		for (k = 0; k < 1 + below(60); k++) {
			unsigned char bytes[8];
			size_t off = below(m.len + 1), len = 1 + below(4);

			if (m.len > 0 && below(3) == 0) {
				off = below(m.len);
				len = 1 + below(m.len - off < 6 ? m.len - off : 6);
				ck_assert_int_eq(pieces_delete(&ps, off, len), 0);
				model_delete(&m, off, len);
				continue;
			}
			for (size_t j = 0; j < len; j++)
				bytes[j] = (unsigned char)('a' + below(3));
			ck_assert_int_eq(pieces_insert(&ps, off, bytes, len), 0);
			model_insert(&m, off, bytes, len);
		}
		for (q = 0; q < 20; q++) {
			unsigned char pat[9];
			size_t len = 1 + below(9), from = below(m.len + 2);
			struct pattern p;
			struct finder *f;
			uint64_t at;
			long want;

			for (k = 0; k < len; k++)
				pat[k] = m.len > 0 && below(4) != 0 ?
				    m.b[(below(m.len) + k) % m.len] :
				    (unsigned char)('a' + below(3));
			pattern_from_bytes(&p, pat, len);
			f = finder_new(&p);
			want = from > m.len ? -1 : model_find(&m, pat, len, from);
			if (want < 0)
				ck_assert_int_eq(pieces_find(&ps, base, f, &p, from, UINT64_MAX,
				    &at, NULL), SCAN_NOT_FOUND);
			else {
				ck_assert_int_eq(pieces_find(&ps, base, f, &p, from, UINT64_MAX,
				    &at, NULL), SCAN_FOUND);
				ck_assert_uint_eq(at, (uint64_t)want);
			}
			want = model_rfind(&m, pat, len,
			    from < m.len ? from : m.len);
			if (want < 0)
				ck_assert_int_eq(pieces_rfind(&ps, base, f, &p, from,
				    &at, NULL), SCAN_NOT_FOUND);
			else {
				ck_assert_int_eq(pieces_rfind(&ps, base, f, &p, from,
				    &at, NULL), SCAN_FOUND);
				ck_assert_uint_eq(at, (uint64_t)want);
			}
			/* Bounded: the first match ending by `end`. */
			{
				size_t end = below(m.len + 2);
				long w = from > m.len ? -1 :
				    model_find(&m, pat, len, from);

				if (w >= 0 && (size_t)w + len > end)
					w = -1;
				ck_assert_int_eq(pieces_find(&ps, base, f, &p,
				    from, end, &at, NULL), w < 0 ?
				    SCAN_NOT_FOUND : SCAN_FOUND);
				if (w >= 0)
					ck_assert_uint_eq(at, (uint64_t)w);
			}
			finder_free(f);
			pattern_free(&p);
		}
		pieces_free(&ps);
		free(m.b);
		free(base);
	}
}
END_TEST

/* A scan over pieces is cancelled like one over the mapping. */
static int
cancel_at_once(void *ctx, size_t done, size_t total)
{
	(void)done;
	(void)total;
	++*(int *)ctx;
	return 1;
}

START_TEST(test_find_cancelled)
{
	size_t size = (size_t)64 << 20;
	unsigned char *base = calloc(size, 1);
	struct pieces ps;
	struct pattern p;
	struct finder *f;
	uint64_t at = 12345;
	int ticks = 0;
	struct progress pr = { cancel_at_once, &ticks };

	pieces_init(&ps, size);
	for (size_t k = 0; k < 100; k++)
		ck_assert_int_eq(pieces_insert(&ps, k * 4096, "z", 1), 0);
	pattern_from_bytes(&p, "needle", 6);
	f = finder_new(&p);
	ck_assert_int_eq(pieces_find(&ps, base, f, &p, 0, UINT64_MAX, &at, &pr),
	    SCAN_CANCELLED);
	ck_assert_int_eq(ticks, 1);
	ck_assert_int_eq(pieces_rfind(&ps, base, f, &p, ps.size, &at, &pr),
	    SCAN_CANCELLED);
	ck_assert_int_eq(ticks, 2);
	ck_assert_uint_eq(at, 12345);		/* untouched */
	finder_free(f);
	pattern_free(&p);
	pieces_free(&ps);
	free(base);
}
END_TEST

/* A temporary file holding len bytes of base. */
static int
temp_file(char *path, const unsigned char *base, size_t len)
{
	int fd;

	strcpy(path, "/tmp/check_pieces.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, base, len), (ssize_t)len);
	return fd;
}

/* The file's bytes equal the model's. */
static void
expect_file(int fd, const struct model *m)
{
	unit_expect_file(fd, m->b, m->len);
}

/*
 * A base of size bytes, the model equal to it, the list over it, and a
 * temporary file holding it.
 */
struct fixture {
	unsigned char	*base;
	struct model	 m;
	struct pieces	 ps;
	char		 path[64];
	int		 fd;
};

static void
fixture_open(struct fixture *fx, size_t size)
{
	fx->base = base_bytes(size);
	fx->m.b = malloc(size + 1);
	memcpy(fx->m.b, fx->base, size);
	fx->m.len = size;
	pieces_init(&fx->ps, size);
	fx->fd = temp_file(fx->path, fx->base, size);
}

/* Write the list to the file: it then holds the model's bytes. */
static uint64_t
fixture_write(struct fixture *fx, size_t chunk)
{
	struct pieces_move mv = { 0 };
	struct error err;
	uint64_t moved;

	ck_assert_int_eq(pieces_write(&fx->ps, fx->fd, fx->path, chunk, &mv,
	    NULL, &err), 0);
	ck_assert_int_eq(mv.stage, PIECES_MOVE_DONE);
	ck_assert_uint_le(mv.moved, mv.total);
	expect_file(fx->fd, &fx->m);
	moved = mv.moved;
	pieces_move_free(&mv);
	return moved;
}

static void
fixture_close(struct fixture *fx)
{
	pieces_free(&fx->ps);
	close(fx->fd);
	unlink(fx->path);
	free(fx->m.b);
	free(fx->base);
}

START_TEST(test_write_in_place)
{
	static const size_t sizes[] = { 0, 1, 4095, 4097, 65536 };
	static const size_t chunks[] = { 1, 7, 4096, 1 << 20 };
	size_t s, c, round, i;

	srand(4242);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++)
	for (round = 0; round < 6; round++) {
		struct fixture fx;
		struct stat before, after;
		size_t edits = 1 + below(round * 10 + 1);

		if (chunks[c] == 1 && sizes[s] > 4097)
			continue;	/* a byte a call: slow, and nothing new */
		fixture_open(&fx, sizes[s]);
		ck_assert_int_eq(fstat(fx.fd, &before), 0);
		for (i = 0; i < edits; i++)
			random_edit(&fx.ps, &fx.m);
		ck_assert_uint_le(fixture_write(&fx, chunks[c]), fx.m.len);
		ck_assert_int_eq(fstat(fx.fd, &after), 0);
		ck_assert_uint_eq(after.st_ino, before.st_ino);	/* in place */
		fixture_close(&fx);
	}
}
END_TEST

/*
 * Only what moved is written: an insert near the end of a file moves the
 * bytes after it, not the file; an unedited list writes nothing.
 */
START_TEST(test_write_moves_only_the_tail)
{
	struct fixture fx;

	fixture_open(&fx, 1 << 20);
	ck_assert_uint_eq(fixture_write(&fx, 4096), 0);
	ck_assert_int_eq(pieces_insert(&fx.ps, (1 << 20) - 1000, "abc", 3), 0);
	model_insert(&fx.m, (1 << 20) - 1000, (const unsigned char *)"abc", 3);
	ck_assert_uint_eq(fixture_write(&fx, 4096), 1000 + 3);
	fixture_close(&fx);
}
END_TEST

/* Does the file system under /tmp shift blocks (FALLOC_FL_INSERT_RANGE)? */
static bool
shifts_blocks(void)
{
	unsigned char page[8192] = { 0 };
	char path[64];
	int fd = temp_file(path, page, sizeof(page));
	bool yes = fallocate(fd, FALLOC_FL_INSERT_RANGE, 0, 4096) == 0;

	close(fd);
	unlink(path);
	return yes;
}

/*
 * Edits in whole blocks at block borders: the file system shifts the
 * blocks (where it can), so only the added bytes are written; anywhere,
 * the file ends up as the array.  Random sequences of such edits, and
 * one whose collapse must find its block border inside a deleted range.
 */
START_TEST(test_write_by_blocks)
{
	bool fs = shifts_blocks();
	size_t round, i, k;

	srand(77);
	for (round = 0; round < 40; round++) {
		unsigned char page[4096 * 3];
		struct fixture fx;
		uint64_t added = 0, moved;

		fixture_open(&fx, 4096 * (1 + below(16)));
		for (i = 0; i < 1 + below(4); i++) {
			size_t blocks = fx.m.len / 4096, off, len;

			if (blocks == 0 || below(2) == 0) {
				len = 4096 * (1 + below(3));
				for (k = 0; k < len; k++)
					page[k] = (unsigned char)rand();
				off = 4096 * below(blocks + 1);
				ck_assert_int_eq(pieces_insert(&fx.ps, off, page,
				    len), 0);
				model_insert(&fx.m, off, page, len);
				added += len;
			} else {
				off = 4096 * below(blocks);
				len = 4096 * (1 + below(blocks - off / 4096));
				ck_assert_int_eq(pieces_delete(&fx.ps, off, len), 0);
				model_delete(&fx.m, off, len);
			}
		}
		moved = fixture_write(&fx, 4096);
		if (fs)
			ck_assert_uint_le(moved, added);	/* never the tail */
		fixture_close(&fx);
	}
}
END_TEST

START_TEST(test_write_by_blocks_inside_a_cut)
{
	unsigned char add[3808];
	struct fixture fx;
	uint64_t moved;

	fixture_open(&fx, 65536);
	memset(add, 'a', sizeof(add));
	/* 12000 bytes out at 1000, 3808 in: 8192 fewer, collapsed at 4096. */
	ck_assert_int_eq(pieces_delete(&fx.ps, 1000, 12000), 0);
	ck_assert_int_eq(pieces_insert(&fx.ps, 1000, add, sizeof(add)), 0);
	model_delete(&fx.m, 1000, 12000);
	model_insert(&fx.m, 1000, add, sizeof(add));
	moved = fixture_write(&fx, 4096);
	if (shifts_blocks())
		ck_assert_uint_eq(moved, sizeof(add));
	fixture_close(&fx);
}
END_TEST

/* A file that cannot be written says which call failed and how far it got. */
START_TEST(test_write_error_says_why)
{
	struct pieces_move mv = { 0 };
	struct pieces ps;
	struct error err;
	char path[64];
	int fd, ro;

	fd = temp_file(path, (const unsigned char *)"0123456789", 10);
	ro = open(path, O_RDONLY);
	ck_assert_int_ge(ro, 0);
	pieces_init(&ps, 10);
	ck_assert_int_eq(pieces_insert(&ps, 0, "x", 1), 0);
	ck_assert_int_eq(pieces_write(&ps, ro, path, 4, &mv, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, ": fallocate: Bad file descriptor "
	    "(0 bytes moved)"));
	ck_assert_int_eq(mv.stage, PIECES_MOVE_START);	/* nothing changed */
	ck_assert_int_eq(pieces_delete(&ps, 0, 2), 0);	/* shrinks: no growth */
	ck_assert_int_eq(pieces_write(&ps, ro, path, 4, &mv, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, ": write: Bad file descriptor "
	    "(0 bytes moved)"));
	ck_assert_int_eq(mv.stage, PIECES_MOVE_START);
	pieces_move_free(&mv);
	pieces_free(&ps);
	close(ro);
	close(fd);
	unlink(path);
}
END_TEST

/* Cancel after chunk number *ctx (counting down). */
static int
cancel_after(void *ctx, size_t done, size_t total)
{
	int *left = ctx;

	(void)done;
	(void)total;
	return --*left == 0;
}

/*
 * A write cancelled at a chunk border, then called again, goes on from
 * there and ends with the file as the list says: at every border of a
 * move with pieces going up, going down and added, in small chunks.
 */
START_TEST(test_write_cancel_and_go_on)
{
	int stop, left, calls;

	for (stop = 1; ; stop++) {
		struct pieces_move mv = { 0 };
		struct progress pr = { cancel_after, &left };
		struct fixture fx;
		struct error err;
		int r;

		fixture_open(&fx, 20000);
		ck_assert_int_eq(pieces_insert(&fx.ps, 5000, "abcdefg", 7), 0);
		model_insert(&fx.m, 5000, (const unsigned char *)"abcdefg", 7);
		ck_assert_int_eq(pieces_delete(&fx.ps, 12000, 3001), 0);
		model_delete(&fx.m, 12000, 3001);
		ck_assert_int_eq(pieces_insert(&fx.ps, 100, "XY", 2), 0);
		model_insert(&fx.m, 100, (const unsigned char *)"XY", 2);
		left = stop;
		r = pieces_write(&fx.ps, fx.fd, fx.path, 1024, &mv, &pr, &err);
		for (calls = 1; r == 1; calls++) {
			ck_assert_int_ne(mv.stage, PIECES_MOVE_DONE);
			left = 0;	/* no more cancels */
			r = pieces_write(&fx.ps, fx.fd, fx.path, 1024, &mv, &pr,
			    &err);
		}
		ck_assert_int_eq(r, 0);
		expect_file(fx.fd, &fx.m);
		pieces_move_free(&mv);
		fixture_close(&fx);
		if (calls == 1)
			break;		/* stop was past the last chunk */
	}
	ck_assert_int_gt(stop, 10);
}
END_TEST

/*
 * A write that fails part-way through a chunk moving up (the file size
 * limit cuts the pwrite short, then EFBIG) has covered part of that
 * chunk's own source: the next call writes the rest from the bytes it
 * kept, never reading them again, and the file comes out right.
 */
static int
limit_after_first(void *ctx, size_t done, size_t total)
{
	struct rlimit rl = { *(rlim_t *)ctx, RLIM_INFINITY };

	(void)total;
	if (done == 4096)
		ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	return 0;
}

START_TEST(test_write_goes_on_after_a_short_write)
{
	struct rlimit all = { RLIM_INFINITY, RLIM_INFINITY };
	rlim_t limit = 59000;
	struct progress pr = { limit_after_first, &limit };
	struct pieces_move mv = { 0 };
	struct fixture fx;
	struct error err;

	signal(SIGXFSZ, SIG_IGN);
	fixture_open(&fx, 65536);
	ck_assert_int_eq(pieces_insert(&fx.ps, 0, "!", 1), 0);
	model_insert(&fx.m, 0, (const unsigned char *)"!", 1);
	/* Chunk 1 goes to [61441, 65537), chunk 2 to [57345, 61441): cut. */
	ck_assert_int_eq(pieces_write(&fx.ps, fx.fd, fx.path, 4096, &mv, &pr,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "File too large (5751 bytes "
	    "moved)"));
	ck_assert_uint_eq(mv.held, 59000 - 57345);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &all), 0);
	ck_assert_int_eq(pieces_write(&fx.ps, fx.fd, fx.path, 4096, &mv, NULL,
	    &err), 0);
	expect_file(fx.fd, &fx.m);
	ck_assert_uint_eq(mv.moved, 65536 + 1);	/* each byte once */
	ck_assert_uint_eq(mv.total, 65536 + 1);
	pieces_move_free(&mv);
	fixture_close(&fx);
}
END_TEST

static Suite *
pieces_suite(void)
{
	Suite *s = suite_create("pieces");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_random_against_array);
	tcase_add_test(tc, test_rejoin);
	tcase_add_test(tc, test_bad_ranges_change_nothing);
	tcase_add_test(tc, test_cost_is_pieces_not_bytes);
	tcase_add_test(tc, test_write_in_place);
	tcase_add_test(tc, test_write_moves_only_the_tail);
	tcase_add_test(tc, test_write_by_blocks);
	tcase_add_test(tc, test_write_by_blocks_inside_a_cut);
	tcase_add_test(tc, test_write_error_says_why);
	tcase_add_test(tc, test_write_cancel_and_go_on);
	tcase_add_test(tc, test_write_goes_on_after_a_short_write);
	tcase_add_test(tc, test_find_across_pieces);
	tcase_add_test(tc, test_find_cancelled);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pieces_suite)
