/*
 * check_compare.c - the walk over the runs of differing bytes, against a
 * brute-force list: forwards from 0 and backwards from the end give the
 * same runs, from inside a run and from between runs; the longer source's
 * tail is one more run; a source that is a piece list (an edited file,
 * its spans cut at every piece) walks as the flat bytes it shows; and a
 * progress hook that says stop stops it.  (Chunk borders and the holes of
 * sparse files: check_editor_compare.c, over real files.)
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "compare.h"
#include "pieces.h"
#include "unit.h"

enum { N = 5000, MAXRUNS = 512 };

static uint64_t rng_state = 7;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(rng_state >> 33);
}

/* The runs of a (na) and b (nb) by brute force, the tail last. */
static size_t
brute_runs(const unsigned char *a, size_t na, const unsigned char *b,
    size_t nb, struct diff_run *out)
{
	size_t n = na < nb ? na : nb, i = 0, k = 0;

	while (i < n) {
		if (a[i] == b[i]) {
			i++;
			continue;
		}
		out[k].start = i;
		while (i < n && a[i] != b[i])
			i++;
		out[k].len = i - out[k].start;
		k++;
	}
	if (na != nb) {
		out[k].start = n;
		out[k++].len = (na > nb ? na : nb) - n;
	}
	return k;
}

/* a and b: N random bytes, b changed here and there (0 and N - 1 too). */
static void
make_pair(unsigned char *a, unsigned char *b)
{
	size_t i;

	for (i = 0; i < N; i++)
		a[i] = b[i] = (unsigned char)rng();
	for (i = 0; i < 200; i++)
		b[rng() % N] ^= 0x5a;
	for (i = 1000; i < 1100; i++)
		b[i] ^= 0xff;
	b[0] ^= 1;
	b[N - 1] ^= 1;
}

/* Every run both ways over the sources ra (na) and rb (nb). */
static void
expect_runs(const struct bytes *ra, size_t na, const struct bytes *rb,
    size_t nb, const struct diff_run *want, size_t nwant)
{
	struct compare c;
	struct diff_run r;
	size_t k = 0, off;
	int got;

	compare_init(&c, ra, na, rb, nb, NULL, NULL, NULL);
	for (got = compare_first(&c, 0, &r); got == 1;
	    got = compare_first(&c, r.start + r.len, &r)) {
		ck_assert_uint_lt(k, nwant);
		ck_assert_uint_eq(r.start, want[k].start);
		ck_assert_uint_eq(r.len, want[k].len);
		k++;
	}
	ck_assert_int_eq(got, 0);
	ck_assert_uint_eq(k, nwant);
	/* Backwards from the last run, run by run. */
	for (off = want[--k].start; k > 0; off = r.start) {
		ck_assert_int_eq(compare_prev(&c, off, &r), 1);
		k--;
		ck_assert_uint_eq(r.start, want[k].start);
		ck_assert_uint_eq(r.len, want[k].len);
	}
	ck_assert_int_eq(compare_prev(&c, off, &r), 0);
	/* From inside each run: the run itself, the next one, the one before. */
	for (k = 0; k < nwant; k++) {
		off = want[k].start + want[k].len / 2;
		ck_assert_int_eq(compare_run_at(&c, off, &r), 1);
		ck_assert_uint_eq(r.start, want[k].start);
		ck_assert_uint_eq(r.len, want[k].len);
		got = compare_next(&c, off, &r);
		ck_assert_int_eq(got, k + 1 < nwant);
		if (got == 1)
			ck_assert_uint_eq(r.start, want[k + 1].start);
		got = compare_prev(&c, off, &r);
		ck_assert_int_eq(got, k > 0);
		if (got == 1)
			ck_assert_uint_eq(r.start, want[k - 1].start);
	}
}

/* Flat sources of the same size, and of different sizes both ways. */
START_TEST(test_flat)
{
	static unsigned char a[N], b[N];
	static struct diff_run want[MAXRUNS];
	struct bytes ra, rb;
	struct compare c;
	struct diff_run r;
	size_t n;

	make_pair(a, b);
	bytes_flat(&ra, a, N);
	bytes_flat(&rb, b, N);
	n = brute_runs(a, N, b, N, want);
	ck_assert_uint_gt(n, 100);
	expect_runs(&ra, N, &rb, N, want, n);
	/* b shorter: a's tail is a run of its own after b's end. */
	bytes_flat(&rb, b, N - 300);
	n = brute_runs(a, N, b, N - 300, want);
	ck_assert_uint_eq(want[n - 1].start, N - 300);
	expect_runs(&ra, N, &rb, N - 300, want, n);
	expect_runs(&rb, N - 300, &ra, N, want, n);
	/* The same bytes: no run from anywhere. */
	compare_init(&c, &ra, N, &ra, N, NULL, NULL, NULL);
	ck_assert_int_eq(compare_first(&c, 0, &r), 0);
	ck_assert_int_eq(compare_prev(&c, N, &r), 0);
	ck_assert_int_eq(compare_run_at(&c, 10, &r), 0);
	/* An empty one: all of the other is its tail. */
	compare_init(&c, &ra, 0, &rb, N - 300, NULL, NULL, NULL);
	ck_assert_int_eq(compare_first(&c, 0, &r), 1);
	ck_assert_uint_eq(r.start, 0);
	ck_assert_uint_eq(r.len, N - 300);
	ck_assert_int_eq(compare_next(&c, 0, &r), 0);
}
END_TEST

/*
 * b as a piece list: its bytes inserted and deleted here and there over a
 * base, so that its spans end at every piece; the walk is that of the
 * flat bytes it shows.
 */
START_TEST(test_pieces)
{
	static unsigned char a[N + 64], base[N], flat[N + 64];
	static struct diff_run want[MAXRUNS];
	struct pieces ps;
	struct bytes ra, rb;
	size_t i, n;

	make_pair(a, base);
	pieces_init(&ps, N);
	for (i = 0; i < 40; i++) {
		size_t at = rng() % (N - 100);
		unsigned char x = (unsigned char)rng();

		if (i % 2 == 0)
			ck_assert_int_eq(pieces_insert(&ps, at, &x, 1), 0);
		else
			ck_assert_int_eq(pieces_delete(&ps, at, 1), 0);
	}
	ck_assert_uint_gt(ps.n, 20);
	n = ps.size;
	pieces_read(&ps, base, 0, flat, n);
	bytes_flat(&ra, a, N);
	bytes_pieces(&rb, &ps, base);
	n = brute_runs(a, N, flat, ps.size, want);
	expect_runs(&ra, N, &rb, ps.size, want, n);
	pieces_free(&ps);
}
END_TEST

/* A hook that says stop at once: every walk says so, nothing is found. */
static int
stop(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	(void)done;
	(void)total;
	return 1;
}

START_TEST(test_stopped)
{
	static unsigned char *a, *b;
	const struct progress p = { stop, NULL };
	size_t size = 3 * COMPARE_CHUNK;
	struct bytes ra, rb;
	struct compare c;
	struct diff_run r;

	a = calloc(1, size);
	b = calloc(1, size);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	b[size - 1] = 1;
	bytes_flat(&ra, a, size);
	bytes_flat(&rb, b, size);
	compare_init(&c, &ra, size, &rb, size, NULL, NULL, &p);
	ck_assert_int_eq(compare_first(&c, 0, &r), -1);
	ck_assert(c.cancelled);
	compare_init(&c, &ra, size, &rb, size, NULL, NULL, &p);
	ck_assert_int_eq(compare_prev(&c, size - 2, &r), -1);
	/* Without the hook, the byte at the end. */
	compare_init(&c, &ra, size, &rb, size, NULL, NULL, NULL);
	ck_assert_int_eq(compare_first(&c, 0, &r), 1);
	ck_assert_uint_eq(r.start, size - 1);
	free(a);
	free(b);
}
END_TEST

static Suite *
compare_suite(void)
{
	Suite *s = suite_create("compare");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_flat);
	tcase_add_test(tc, test_pieces);
	tcase_add_test(tc, test_stopped);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(compare_suite)
