/*
 * check_diff.c - runs of differing bytes against brute force: random
 * pairs of every length around the vector widths, with differences at
 * every place a round of 16, 32 or 64 bytes begins or ends, at every
 * vector level this CPU has; and the runs of a pair found forwards and
 * backwards are the same list.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "find.h"
#include "unit.h"

static uint64_t rng_state = 1;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(rng_state >> 33);
}

static size_t
brute_first(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((a[i] == b[i]) == (same != 0))
			return i;
	return DIFF_NONE;
}

static size_t
brute_last(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	while (len > 0) {
		len--;
		if ((a[len] == b[len]) == (same != 0))
			return len;
	}
	return DIFF_NONE;
}

/* Every start and length of a and b (n bytes), both ways, both kinds. */
static void
expect_all(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t off, len;
	int same;

	for (off = 0; off < n; off += 1 + off / 8)
		for (len = 0; off + len <= n; len += 1 + len / 5)
			for (same = 0; same < 2; same++) {
				ck_assert_uint_eq(diff_first(a + off, b + off,
				    len, same), brute_first(a + off, b + off,
				    len, same));
				ck_assert_uint_eq(diff_last(a + off, b + off,
				    len, same), brute_last(a + off, b + off,
				    len, same));
			}
}

/* The levels this CPU has: each checked. */
static const enum finder_simd levels[] = {
	FINDER_SIMD_NONE, FINDER_SIMD_SSE2, FINDER_SIMD_AVX2,
};

START_TEST(test_against_brute_force)
{
	enum { N = 300 };
	unsigned char a[N], b[N];
	size_t i, k, d;

	if (finder_set_simd(levels[_i]) < 0)
		return;			/* not on this CPU */
	for (k = 0; k < 40; k++) {
		for (i = 0; i < N; i++)
			a[i] = b[i] = (unsigned char)rng();
		/* A few differences, some at the borders of a round. */
		for (d = 0; d < k % 7; d++) {
			i = d % 2 ? (rng() % (N / 16)) * 16 + (rng() % 2 ? 0 : 15) :
			    rng() % N;
			b[i] ^= (unsigned char)(1 + rng() % 255);
		}
		/* And sometimes a long differing stretch. */
		if (k % 5 == 4)
			for (i = k; i < k + 70 && i < N; i++)
				b[i] = (unsigned char)~a[i];
		expect_all(a, b, N);
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* Runs forwards from 0 and backwards from the end: the same list. */
START_TEST(test_runs_both_ways)
{
	enum { N = 5000 };
	static unsigned char a[N], b[N];
	struct diff_run fwd[N], rev[N], r;
	size_t nf = 0, nr = 0, i, from;

	for (i = 0; i < N; i++)
		a[i] = b[i] = (unsigned char)rng();
	for (i = 0; i < 200; i++)
		b[rng() % N] ^= 0x5a;
	for (i = 1000; i < 1100; i++)
		b[i] ^= 0xff;
	b[0] ^= 1;
	b[N - 1] ^= 1;
	for (from = 0; diff_next_run(a, b, N, from, &r); from = r.start + r.len)
		fwd[nf++] = r;
	for (from = N; diff_prev_run(a, b, N, from, &r); from = r.start)
		rev[nr++] = r;
	ck_assert_uint_eq(nf, nr);
	for (i = 0; i < nf; i++) {
		ck_assert_uint_eq(fwd[i].start, rev[nf - 1 - i].start);
		ck_assert_uint_eq(fwd[i].len, rev[nf - 1 - i].len);
		/* Each run: all differ, the bytes either side the same. */
		ck_assert_uint_eq(brute_first(a + fwd[i].start, b + fwd[i].start,
		    fwd[i].len, 1), DIFF_NONE);
		if (fwd[i].start > 0)
			ck_assert(a[fwd[i].start - 1] == b[fwd[i].start - 1]);
		if (fwd[i].start + fwd[i].len < N)
			ck_assert(a[fwd[i].start + fwd[i].len] ==
			    b[fwd[i].start + fwd[i].len]);
	}
	ck_assert_uint_eq(fwd[0].start, 0);
	ck_assert_uint_eq(fwd[nf - 1].start + fwd[nf - 1].len, N);
	/* From inside a run: the rest of it; back from inside: cut there. */
	ck_assert_int_eq(diff_next_run(a, b, N, 1050, &r), 1);
	ck_assert_uint_eq(r.start, 1050);
	ck_assert_int_eq(diff_prev_run(a, b, N, 1050, &r), 1);
	ck_assert_uint_eq(r.start + r.len, 1050);
	/* Identical: no run either way. */
	ck_assert_int_eq(diff_next_run(a, a, N, 0, &r), 0);
	ck_assert_int_eq(diff_prev_run(a, a, N, N, &r), 0);
}
END_TEST

static Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_against_brute_force, 0,
	    (int)(sizeof(levels) / sizeof(levels[0])));
	tcase_add_test(tc, test_runs_both_ways);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(diff_suite)
