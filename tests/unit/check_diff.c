/*
 * check_diff.c - runs of differing bytes against brute force: random
 * pairs of every length around the vector widths, with differences at
 * every place a round of 16, 32 or 64 bytes begins or ends, at every
 * vector level this CPU has.  (The runs they make: check_compare.c.)
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

static Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_against_brute_force, 0,
	    (int)(sizeof(levels) / sizeof(levels[0])));
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(diff_suite)
