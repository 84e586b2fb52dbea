/*
 * check_find.c - find and rfind against a naive reference: on many random
 * haystacks and patterns (wildcards, overlaps, edges), across the borders
 * of the progress chunks, and when a tick cancels the scan.  Every case
 * runs with each vector level this CPU has, so the AVX2, SSE2 and memchr
 * paths are all held to the same answers.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "pattern.h"
#include "unit.h"

#define NO_MATCH SIZE_MAX

static const enum finder_simd levels[] = {
	FINDER_SIMD_AUTO, FINDER_SIMD_NONE, FINDER_SIMD_SSE2, FINDER_SIMD_AVX2,
};

/* A small reproducible generator (xorshift64*). */
static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/* Python's find, one position at a time. */
static size_t
naive_find(const unsigned char *hay, size_t size, size_t from,
    const struct pattern *p)
{
	size_t i;

	if (from > size || size - from < p->len)
		return NO_MATCH;
	for (i = from; i + p->len <= size; i++)
		if (pattern_match_at(p, hay + i))
			return i;
	return NO_MATCH;
}

/* Python's rfind(sub, 0, end). */
static size_t
naive_rfind(const unsigned char *hay, size_t end, const struct pattern *p)
{
	size_t i;

	if (end < p->len)
		return NO_MATCH;
	for (i = end - p->len + 1; i-- > 0;)
		if (pattern_match_at(p, hay + i))
			return i;
	return NO_MATCH;
}

/* finder_find as an offset or NO_MATCH; it must never cancel here. */
static size_t
do_find(const struct finder *f, const unsigned char *hay, size_t size,
    size_t from)
{
	size_t at = 12345;
	enum scan_result r = finder_find(f, hay, size, from, &at, NULL);

	ck_assert_int_ne(r, SCAN_CANCELLED);
	ck_assert_int_ne(r, SCAN_ERROR);
	if (r == SCAN_NOT_FOUND) {
		ck_assert_uint_eq(at, 12345);
		return NO_MATCH;
	}
	return at;
}

static size_t
do_rfind(const struct finder *f, const unsigned char *hay, size_t end)
{
	size_t at = 12345;
	enum scan_result r = finder_rfind(f, hay, end, &at, NULL);

	ck_assert_int_ne(r, SCAN_CANCELLED);
	ck_assert_int_ne(r, SCAN_ERROR);
	if (r == SCAN_NOT_FOUND) {
		ck_assert_uint_eq(at, 12345);
		return NO_MATCH;
	}
	return at;
}

/* Parse hex or fail the test. */
static void
hex(struct pattern *p, const char *s)
{
	struct error err;

	ck_assert_msg(pattern_parse_hex(p, s, &err) == 0, "%s: %s", s, err.msg);
}

/*
 * Compare finder and reference for every from in [0, size + 2] and every
 * end in [0, size].  The haystack ends where its malloc'd block ends (the
 * sanitizer build catches any read past it) and starts at a random shift
 * into the block, so the vector loops meet every alignment.
 */
static void
compare_all(const struct pattern *p, const unsigned char *bytes, size_t size)
{
	size_t shift = rng() % 32;
	unsigned char *block = malloc(shift + size + (shift + size == 0));
	unsigned char *hay = block + shift;
	struct finder *f = finder_new(p);
	size_t i, want, got;

	ck_assert_ptr_nonnull(block);
	memcpy(hay, bytes, size);
	for (i = 0; i <= size + 2; i++) {
		want = naive_find(hay, size, i, p);
		got = do_find(f, hay, size, i);
		ck_assert_msg(want == got, "find(len %zu, size %zu, from %zu): "
		    "want %zu got %zu", p->len, size, i, want, got);
	}
	for (i = 0; i <= size; i++) {
		want = naive_rfind(hay, i, p);
		got = do_rfind(f, hay, i);
		ck_assert_msg(want == got, "rfind(len %zu, end %zu): "
		    "want %zu got %zu", p->len, i, want, got);
	}
	finder_free(f);
	free(block);
}

/* Run the loop's test body once per vector level this CPU has. */
#define FOR_EACH_LEVEL(l)						\
	for ((l) = 0; (l) < ARRAY_LEN(levels); (l)++)			\
		if (finder_set_simd(levels[(l)]) == 0)

START_TEST(overlapping_needles)
{
	const unsigned char hay[] = "aaaa";
	struct pattern p;
	struct finder *f;
	size_t l;

	FOR_EACH_LEVEL(l) {
		pattern_from_bytes(&p, "aa", 2);
		f = finder_new(&p);
		ck_assert_uint_eq(do_find(f, hay, 4, 0), 0);
		ck_assert_uint_eq(do_find(f, hay, 4, 1), 1);
		ck_assert_uint_eq(do_find(f, hay, 4, 2), 2);
		ck_assert_uint_eq(do_find(f, hay, 4, 3), NO_MATCH);
		ck_assert_uint_eq(do_rfind(f, hay, 4), 2);
		ck_assert_uint_eq(do_rfind(f, hay, 3), 1);
		ck_assert_uint_eq(do_rfind(f, hay, 2), 0);
		ck_assert_uint_eq(do_rfind(f, hay, 1), NO_MATCH);
		finder_free(f);
		pattern_free(&p);
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

START_TEST(empty_ranges)
{
	const unsigned char hay[] = "xyzxyz";
	struct pattern p;
	struct finder *f;
	size_t l;

	FOR_EACH_LEVEL(l) {
		pattern_from_bytes(&p, "xyz", 3);
		f = finder_new(&p);
		ck_assert_uint_eq(do_find(f, hay, 6, 3), 3);
		ck_assert_uint_eq(do_find(f, hay, 6, 4), NO_MATCH);
		ck_assert_uint_eq(do_find(f, hay, 6, 6), NO_MATCH);
		ck_assert_uint_eq(do_find(f, hay, 6, 7), NO_MATCH);
		ck_assert_uint_eq(do_find(f, hay, 6, SIZE_MAX), NO_MATCH);
		ck_assert_uint_eq(do_find(f, hay, 2, 0), NO_MATCH);
		ck_assert_uint_eq(do_find(f, hay, 0, 0), NO_MATCH);
		ck_assert_uint_eq(do_rfind(f, hay, 6), 3);
		ck_assert_uint_eq(do_rfind(f, hay, 5), 0);
		ck_assert_uint_eq(do_rfind(f, hay, 2), NO_MATCH);
		ck_assert_uint_eq(do_rfind(f, hay, 0), NO_MATCH);
		/* The haystack pointer is never read when nothing fits. */
		ck_assert_uint_eq(do_find(f, NULL, 0, 0), NO_MATCH);
		ck_assert_uint_eq(do_rfind(f, NULL, 0), NO_MATCH);
		finder_free(f);
		pattern_free(&p);
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* Only wildcards: every start where the pattern fits is a match. */
START_TEST(all_wildcards)
{
	const unsigned char hay[] = "0123456789";
	struct pattern p;
	struct finder *f;

	hex(&p, "?? ?? ??");
	f = finder_new(&p);
	ck_assert_uint_eq(do_find(f, hay, 10, 0), 0);
	ck_assert_uint_eq(do_find(f, hay, 10, 7), 7);
	ck_assert_uint_eq(do_find(f, hay, 10, 8), NO_MATCH);
	ck_assert_uint_eq(do_rfind(f, hay, 10), 7);
	ck_assert_uint_eq(do_rfind(f, hay, 3), 0);
	ck_assert_uint_eq(do_rfind(f, hay, 2), NO_MATCH);
	finder_free(f);
	pattern_free(&p);
}
END_TEST

/* One fixed byte among wildcards goes through memchr/memrchr. */
START_TEST(one_fixed_byte)
{
	const unsigned char hay[] = "A.B.C..B";
	struct pattern p;
	struct finder *f;

	hex(&p, "?? 42 ??");
	f = finder_new(&p);
	ck_assert_uint_eq(do_find(f, hay, 8, 0), 1);
	ck_assert_uint_eq(do_find(f, hay, 8, 2), NO_MATCH);
	ck_assert_uint_eq(do_rfind(f, hay, 8), 1);
	ck_assert_uint_eq(do_rfind(f, hay, 2), NO_MATCH);
	compare_all(&p, hay, 8);
	finder_free(f);
	pattern_free(&p);
}
END_TEST

START_TEST(needles_at_the_edges)
{
	const unsigned char hay[] = "\xde\xad..............................."
	    "...................................\xbe\xef";
	size_t size = sizeof(hay) - 1, l;
	struct pattern p;
	struct finder *f;

	FOR_EACH_LEVEL(l) {
		hex(&p, "de ad");
		f = finder_new(&p);
		ck_assert_uint_eq(do_find(f, hay, size, 0), 0);
		ck_assert_uint_eq(do_find(f, hay, size, 1), NO_MATCH);
		ck_assert_uint_eq(do_rfind(f, hay, size), 0);
		finder_free(f);
		pattern_free(&p);
		hex(&p, "be ef");
		f = finder_new(&p);
		ck_assert_uint_eq(do_find(f, hay, size, 0), size - 2);
		ck_assert_uint_eq(do_rfind(f, hay, size), size - 2);
		ck_assert_uint_eq(do_rfind(f, hay, size - 1), NO_MATCH);
		finder_free(f);
		pattern_free(&p);
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/*
 * Random haystacks over small alphabets (so matches are frequent), with
 * needles cut from the haystack or made up, sometimes with wildcards.
 */
/*
 * A reference for long inputs, independent of memmem: Knuth-Morris-Pratt
 * over hay[from, end), linear.  The lowest match start (or NO_MATCH) and,
 * in *last, the highest.
 */
static size_t
kmp(const unsigned char *hay, size_t from, size_t end,
    const unsigned char *nd, size_t m, size_t *last)
{
	size_t *fail = malloc(m * sizeof(*fail)), i, k = 0, first = NO_MATCH;

	ck_assert_ptr_nonnull(fail);
	fail[0] = 0;
	for (i = 1; i < m; i++) {
		while (k > 0 && nd[i] != nd[k])
			k = fail[k - 1];
		if (nd[i] == nd[k])
			k++;
		fail[i] = k;
	}
	*last = NO_MATCH;
	for (k = 0, i = from; i < end; i++) {
		while (k > 0 && hay[i] != nd[k])
			k = fail[k - 1];
		if (hay[i] == nd[k])
			k++;
		if (k == m) {
			if (first == NO_MATCH)
				first = i + 1 - m;
			*last = i + 1 - m;
			k = fail[k - 1];
		}
	}
	free(fail);
	return first;
}

/*
 * Periodic data, where nearly every start is a candidate for the first
 * pair: past the first probe the scan takes the pattern's rarest digram
 * ("bb" in "abab...abba", nowhere in "abab..."), and past a second probe
 * where that is no better either (random letters a and b) the scan is
 * memmem's, linear.  Answers against the reference at starts and ends
 * around the probes' borders, both ways, at every level; the candidates
 * verified stay within about one probe's worth, where verifying every
 * start would be 196,000.
 */
/*
 * p is nowhere in hay, and find and rfind say so verifying at most 70,000
 * candidates of its ~200,000: they went linear after the first probe.
 */
static void
absent_few_verified(const struct pattern *p, const unsigned char *hay,
    size_t size)
{
	struct finder *f = finder_new(p);
	size_t before = finder_verified();

	ck_assert_uint_eq(do_find(f, hay, size, 0), NO_MATCH);
	ck_assert_uint_le(finder_verified() - before, 70000);
	before = finder_verified();
	ck_assert_uint_eq(do_rfind(f, hay, size), NO_MATCH);
	ck_assert_uint_le(finder_verified() - before, 70000);
	finder_free(f);
}

START_TEST(periodic_goes_linear)
{
	size_t size = (size_t)384 << 10, i, k, l, want, got, last, end;
	unsigned char *hay = malloc(size), needle[1002];
	const size_t at[] = { 0, 1, 65535, 65537, 200001, size - 1002,
	    size - 5 };
	struct finder *f;
	struct pattern p;

	ck_assert_ptr_nonnull(hay);
	for (i = 0; i < size; i++)
		hay[i] = i % 2 == 0 ? 'a' : 'b';
	/* "abab...ba": nowhere, found only after checking ~1000 bytes. */
	for (i = 0; i < sizeof(needle); i++)
		needle[i] = i % 2 == 0 ? 'a' : 'b';
	needle[1000] = 'b';
	needle[1001] = 'a';
	p.bytes = needle;
	p.len = sizeof(needle);
	p.mask = NULL;
	FOR_EACH_LEVEL(l) {
		size_t linear = finder_linear();

		absent_few_verified(&p, hay, size);
		/*
		 * The digram took over: no start was left to the linear scan
		 * (pairs are vector code: without any, one byte leads).
		 */
		if (finder_simd_level() != FINDER_SIMD_NONE)
			ck_assert_uint_eq(finder_linear(), linear);
		/* Plant it at a few places: found where the reference finds it. */
		for (k = 0; k < ARRAY_LEN(at); k++) {
			unsigned char *h = malloc(size);

			ck_assert_ptr_nonnull(h);
			memcpy(h, hay, size);
			if (at[k] + p.len <= size)
				memcpy(h + at[k], needle, p.len);
			f = finder_new(&p);
			for (i = 0; i < ARRAY_LEN(at); i++) {
				want = kmp(h, at[i], size, needle, p.len, &last);
				got = do_find(f, h, size, at[i]);
				ck_assert_msg(want == got, "find from %zu, planted "
				    "at %zu: want %zu got %zu", at[i], at[k], want,
				    got);
				end = at[i] + p.len < size ? at[i] + p.len : size;
				(void)kmp(h, 0, end, needle, p.len, &want);
				got = do_rfind(f, h, end);
				ck_assert_msg(want == got, "rfind to %zu, planted "
				    "at %zu: want %zu got %zu", end, at[k], want,
				    got);
			}
			finder_free(f);
			free(h);
		}
	}
	/*
	 * Random a and b, the needle too: both pairs' candidates are
	 * everywhere, so the scan ends linear, with the reference's answers.
	 */
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < size; i++)
		hay[i] = (unsigned char)('a' + rng() % 2);
	for (i = 0; i < 40; i++)
		needle[i] = (unsigned char)('a' + rng() % 2);
	p.len = 40;
	memcpy(hay + 300001, needle, p.len);
	FOR_EACH_LEVEL(l) {
		size_t linear = finder_linear();

		f = finder_new(&p);
		for (i = 0; i < ARRAY_LEN(at) - 2; i++) {
			want = kmp(hay, at[i], size, needle, p.len, &last);
			ck_assert_uint_eq(do_find(f, hay, size, at[i]), want);
			(void)kmp(hay, 0, size - at[i], needle, p.len, &want);
			ck_assert_uint_eq(do_rfind(f, hay, size - at[i]), want);
		}
		ck_assert_uint_gt(finder_linear(), linear);
		finder_free(f);
	}
	/* Short needles in a run of one byte: every start a candidate. */
	memset(hay, 'a', size);
	hay[size - 1] = 'b';
	pattern_from_bytes(&p, "aaaab", 5);
	FOR_EACH_LEVEL(l) {
		f = finder_new(&p);
		ck_assert_uint_eq(do_find(f, hay, size, 0), size - 5);
		ck_assert_uint_eq(do_rfind(f, hay, size), size - 5);
		ck_assert_uint_eq(do_rfind(f, hay, size - 1), NO_MATCH);
		finder_free(f);
	}
	pattern_free(&p);
	finder_set_simd(FINDER_SIMD_AUTO);
	free(hay);
}
END_TEST

/*
 * Wildcards over bytes where every start is a candidate: once a probe
 * has too many, the runs of fixed bytes are found by KMP and counted per
 * start (linear in the bytes times the runs), with the answers of the
 * one-start-at-a-time reference.  The 1002-byte "abab...ba" with two
 * wildcards in the middle took ~1000 compares a start before.
 */
START_TEST(periodic_wildcards_go_linear)
{
	size_t size = (size_t)384 << 10, i, k, l, want, got, round;
	unsigned char *hay = malloc(size), needle[1002], mask[1002];
	const size_t from[] = { 0, 1, 65535, 65537, 200001, size - 1002 };
	struct finder *f;
	struct pattern p;

	ck_assert_ptr_nonnull(hay);
	for (i = 0; i < size; i++)
		hay[i] = i % 2 == 0 ? 'a' : 'b';
	for (i = 0; i < sizeof(needle); i++) {
		needle[i] = i % 2 == 0 ? 'a' : 'b';
		mask[i] = 0xff;
	}
	needle[1000] = 'b';
	needle[1001] = 'a';
	needle[500] = needle[501] = 0;
	mask[500] = mask[501] = 0;
	p.bytes = needle;
	p.mask = mask;
	p.len = sizeof(needle);
	FOR_EACH_LEVEL(l) {
		absent_few_verified(&p, hay, size);
	}
	/* Planted (with other bytes where the wildcards are): found. */
	memcpy(hay + 300001, needle, sizeof(needle));
	hay[300001 + 500] = 'x';
	hay[300001 + 501] = 'y';
	FOR_EACH_LEVEL(l) {
		f = finder_new(&p);
		for (k = 0; k < ARRAY_LEN(from); k++) {
			want = naive_find(hay, size, from[k], &p);
			ck_assert_uint_eq(do_find(f, hay, size, from[k]), want);
			want = naive_rfind(hay, from[k] + 1002, &p);
			ck_assert_uint_eq(do_rfind(f, hay, from[k] + 1002), want);
		}
		ck_assert_uint_eq(do_find(f, hay, size, 0), 300001);
		ck_assert_uint_eq(do_rfind(f, hay, size), 300001);
		finder_free(f);
	}
	/* Random wildcard patterns over two letters: dense candidates. */
	rng_state = 0x2545f4914f6cdd1dULL;
	for (i = 0; i < size; i++)
		hay[i] = (unsigned char)('a' + rng() % 2);
	for (round = 0; round < 24; round++) {
		p.len = 3 + rng() % 30;
		for (i = 0; i < p.len; i++) {
			mask[i] = rng() % 3 == 0 ? 0 : 0xff;
			needle[i] = mask[i] ? (unsigned char)('a' + rng() % 2) : 0;
		}
		mask[0] = mask[p.len - 1] = 0xff;
		FOR_EACH_LEVEL(l) {
			f = finder_new(&p);
			for (k = 0; k < ARRAY_LEN(from) - 1; k++) {
				want = naive_find(hay, size, from[k], &p);
				got = do_find(f, hay, size, from[k]);
				ck_assert_msg(want == got, "round %zu from %zu: want "
				    "%zu got %zu", round, from[k], want, got);
				want = naive_rfind(hay, size - from[k], &p);
				got = do_rfind(f, hay, size - from[k]);
				ck_assert_msg(want == got, "round %zu rfind to %zu: "
				    "want %zu got %zu", round, size - from[k], want,
				    got);
			}
			finder_free(f);
		}
	}
	finder_set_simd(FINDER_SIMD_AUTO);
	free(hay);
}
END_TEST

START_TEST(random_against_reference)
{
	unsigned char hay[700], needle[80], mask[80];
	struct pattern p;
	size_t round, size, len, i, l, alpha;

	rng_state = 0x9e3779b97f4a7c15ULL;
	FOR_EACH_LEVEL(l) {
		for (round = 0; round < 300; round++) {
			size = rng() % (round < 100 ? 80 : sizeof(hay));
			alpha = 1 + rng() % (round % 3 == 0 ? 3 : 256);
			for (i = 0; i < size; i++)
				hay[i] = (unsigned char)(rng() % alpha + 'a');
			len = 1 + rng() % (rng() % 4 == 0 ? 70 : 8);
			if (size >= len && rng() % 4 != 0)
				memcpy(needle, hay + rng() % (size - len + 1), len);
			else
				for (i = 0; i < len; i++)
					needle[i] = (unsigned char)(rng() % alpha + 'a');
			p.bytes = needle;
			p.len = len;
			p.mask = NULL;
			if (rng() % 3 == 0) {
				for (i = 0; i < len; i++) {
					mask[i] = rng() % 4 == 0 ? 0x00 : 0xff;
					needle[i] &= mask[i];
				}
				p.mask = mask;
			}
			compare_all(&p, hay, size);
		}
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* Random bytes, and patterns cut from them: matches are rare and exact. */
START_TEST(random_bytes_against_reference)
{
	unsigned char hay[600];
	struct pattern p;
	size_t round, len, i, l, at;

	rng_state = 42;
	FOR_EACH_LEVEL(l) {
		for (round = 0; round < 40; round++) {
			for (i = 0; i < sizeof(hay); i++)
				hay[i] = (unsigned char)rng();
			len = 1 + rng() % 64;
			at = rng() % (sizeof(hay) - len + 1);
			pattern_from_bytes(&p, hay + at, len);
			compare_all(&p, hay, sizeof(hay));
			pattern_free(&p);
		}
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* A finder is made once and may run over different haystacks. */
START_TEST(finder_reused_over_haystacks)
{
	const unsigned char a[] = "....needle....", b[] = "needle";
	struct pattern p;
	struct finder *f;

	pattern_from_bytes(&p, "needle", 6);
	f = finder_new(&p);
	ck_assert_uint_eq(do_find(f, a, sizeof(a) - 1, 0), 4);
	ck_assert_uint_eq(do_find(f, b, sizeof(b) - 1, 0), 0);
	ck_assert_uint_eq(do_rfind(f, a, sizeof(a) - 1), 4);
	ck_assert_uint_eq(do_rfind(f, b, sizeof(b) - 1), 0);
	finder_free(f);
	pattern_free(&p);
}
END_TEST

/*
 * Big haystacks: more than two progress chunks of lower-case letters,
 * with needles planted so they straddle the chunk borders of the forward
 * scan (multiples of PROGRESS_CHUNK from 0) and of the reverse scan
 * (multiples from the last start).  The needles hold '#', which the
 * letters never do, so the planted places are the only matches.
 */
#define BIG_SIZE (2 * PROGRESS_CHUNK + PROGRESS_CHUNK / 2 + 12345)

static unsigned char *big;

static void
big_setup(void)
{
	size_t i;

	big = malloc(BIG_SIZE);
	ck_assert_ptr_nonnull(big);
	rng_state = 7;
	for (i = 0; i < BIG_SIZE; i++)
		big[i] = (unsigned char)('a' + rng() % 26);
}

static void
big_teardown(void)
{
	free(big);
	big = NULL;
}

/*
 * Plant p at every offset in at[0..n) (sorted, not overlapping), check
 * that repeated find and repeated rfind (as the CLI runs them) report
 * exactly those, then restore the letters.
 */
static void
check_planted(const struct pattern *p, const size_t *at, size_t n)
{
	unsigned char *saved = malloc(n * p->len);
	struct finder *f = finder_new(p);
	size_t i, pos, got;

	ck_assert_ptr_nonnull(saved);
	for (i = 0; i < n; i++) {
		memcpy(saved + i * p->len, big + at[i], p->len);
		memcpy(big + at[i], p->bytes, p->len);
	}
	for (i = 0, pos = 0; i < n; i++) {
		got = do_find(f, big, BIG_SIZE, pos);
		ck_assert_msg(got == at[i], "find from %zu: want %zu got %zu",
		    pos, at[i], got);
		pos = got + 1;
	}
	ck_assert_uint_eq(do_find(f, big, BIG_SIZE, pos), NO_MATCH);
	for (i = n, pos = BIG_SIZE; i-- > 0;) {
		got = do_rfind(f, big, pos);
		ck_assert_msg(got == at[i], "rfind end %zu: want %zu got %zu",
		    pos, at[i], got);
		pos = got;
	}
	ck_assert_uint_eq(do_rfind(f, big, pos), NO_MATCH);
	for (i = 0; i < n; i++)
		memcpy(big + at[i], saved + i * p->len, p->len);
	finder_free(f);
	free(saved);
}

/*
 * The borders a whole-haystack scan crosses: forward chunks of starts
 * begin at multiples of PROGRESS_CHUNK, reverse chunks end at the last
 * start + 1 minus multiples of it.  A pattern planted `before` bytes
 * ahead of a border straddles it; each is planted alone, so the scan
 * that meets it is the one from the haystack's end.
 */
static void
check_borders(const struct pattern *p, size_t before)
{
	size_t starts = BIG_SIZE - p->len + 1, k, at;

	for (k = 1; k <= 2; k++) {
		at = k * PROGRESS_CHUNK - before;
		check_planted(p, &at, 1);
		at = starts - k * PROGRESS_CHUNK - before;
		check_planted(p, &at, 1);
	}
}

START_TEST(chunk_borders)
{
	static const char *needles[] = {
		"#@", "#@~mmhex~@#!",
		"#@~mmhex-needle-of-sixty-four-bytes-planted-near-the-end~@#~~~~",
	};
	struct pattern p;
	size_t i, l, k, before[3];

	FOR_EACH_LEVEL(l) {
		for (i = 0; i < ARRAY_LEN(needles); i++) {
			pattern_from_bytes(&p, needles[i], strlen(needles[i]));
			before[0] = 1;
			before[1] = p.len / 2;
			before[2] = p.len - 1;
			for (k = 0; k < 3; k++)
				check_borders(&p, before[k]);
			/* The same with a wildcard inside. */
			p.mask = malloc(p.len);
			ck_assert_ptr_nonnull(p.mask);
			memset(p.mask, 0xff, p.len);
			p.mask[p.len - 1] = 0;
			p.bytes[p.len - 1] = 0;
			check_borders(&p, p.len - 1);
			pattern_free(&p);
		}
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* A match as the very first and very last start of a big haystack. */
START_TEST(big_first_and_last)
{
	struct pattern p;
	size_t at[2];

	pattern_from_bytes(&p, "#@~", 3);
	at[0] = 0;
	at[1] = BIG_SIZE - 3;
	check_planted(&p, at, 2);
	pattern_free(&p);
}
END_TEST

struct tick_log {
	size_t	calls;
	size_t	last_done;
	size_t	total;
	size_t	cancel_at;	/* return 1 on this call (1-based); 0: never */
	int	monotonic;
};

static int
log_tick(void *ctx, size_t done, size_t total)
{
	struct tick_log *t = ctx;

	t->calls++;
	if (done <= t->last_done || done > total ||
	    (t->total != 0 && total != t->total))
		t->monotonic = 0;
	t->last_done = done;
	t->total = total;
	return t->cancel_at != 0 && t->calls == t->cancel_at;
}

/* Progress over a scan with no match: one tick per chunk, ending at total. */
START_TEST(progress_ticks)
{
	struct tick_log t = { .monotonic = 1 };
	struct progress pr = { log_tick, &t };
	struct pattern p;
	struct finder *f;
	size_t at = 99, starts;

	pattern_from_bytes(&p, "#@", 2);
	f = finder_new(&p);
	starts = BIG_SIZE - 2 + 1;
	ck_assert_int_eq(finder_find(f, big, BIG_SIZE, 0, &at, &pr),
	    SCAN_NOT_FOUND);
	ck_assert_uint_eq(t.calls, (starts + PROGRESS_CHUNK - 1) / PROGRESS_CHUNK);
	ck_assert_uint_eq(t.last_done, starts);
	ck_assert_uint_eq(t.total, starts);
	ck_assert(t.monotonic);

	memset(&t, 0, sizeof(t));
	t.monotonic = 1;
	ck_assert_int_eq(finder_find(f, big, BIG_SIZE, 1000, &at, &pr),
	    SCAN_NOT_FOUND);
	ck_assert_uint_eq(t.total, starts - 1000);
	ck_assert_uint_eq(t.last_done, starts - 1000);
	ck_assert(t.monotonic);

	memset(&t, 0, sizeof(t));
	t.monotonic = 1;
	ck_assert_int_eq(finder_rfind(f, big, BIG_SIZE, &at, &pr),
	    SCAN_NOT_FOUND);
	ck_assert_uint_eq(t.calls, (starts + PROGRESS_CHUNK - 1) / PROGRESS_CHUNK);
	ck_assert_uint_eq(t.last_done, starts);
	ck_assert(t.monotonic);
	ck_assert_uint_eq(at, 99);

	/* A progress with no tick function runs silently to the end. */
	pr.tick = NULL;
	ck_assert_int_eq(finder_rfind(f, big, BIG_SIZE, &at, &pr),
	    SCAN_NOT_FOUND);
	finder_free(f);
	pattern_free(&p);
}
END_TEST

/* A tick that says stop: SCAN_CANCELLED, and *at keeps its value. */
START_TEST(cancellation)
{
	struct tick_log t = { .cancel_at = 1 };
	struct progress pr = { log_tick, &t };
	struct pattern p;
	struct finder *f;
	size_t at = 77, l;

	FOR_EACH_LEVEL(l) {
		pattern_from_bytes(&p, "#@", 2);
		f = finder_new(&p);
		/* Planted in the last chunk: the first tick stops the scan. */
		memcpy(big + BIG_SIZE - 100, "#@", 2);
		at = 77;
		memset(&t, 0, sizeof(t));
		t.cancel_at = 1;
		ck_assert_int_eq(finder_find(f, big, BIG_SIZE, 0, &at, &pr),
		    SCAN_CANCELLED);
		ck_assert_uint_eq(at, 77);
		ck_assert_uint_eq(t.calls, 1);
		/* Cancelled on the second tick, still before the match. */
		memset(&t, 0, sizeof(t));
		t.cancel_at = 2;
		ck_assert_int_eq(finder_find(f, big, BIG_SIZE, 0, &at, &pr),
		    SCAN_CANCELLED);
		ck_assert_uint_eq(at, 77);
		ck_assert_uint_eq(t.calls, 2);
		/* Reverse: the match is in the first chunk scanned. */
		memset(&t, 0, sizeof(t));
		t.cancel_at = 1;
		ck_assert_int_eq(finder_rfind(f, big, BIG_SIZE, &at, &pr),
		    SCAN_FOUND);
		ck_assert_uint_eq(at, BIG_SIZE - 100);
		ck_assert_uint_eq(t.calls, 0);
		/* ...but a match at the start lies behind the first tick. */
		memcpy(big + BIG_SIZE - 100, "zz", 2);
		memcpy(big + 10, "#@", 2);
		at = 77;
		ck_assert_int_eq(finder_rfind(f, big, BIG_SIZE, &at, &pr),
		    SCAN_CANCELLED);
		ck_assert_uint_eq(at, 77);
		ck_assert_uint_eq(t.calls, 1);
		/* A forward scan finds it before any tick. */
		memset(&t, 0, sizeof(t));
		t.cancel_at = 1;
		ck_assert_int_eq(finder_find(f, big, BIG_SIZE, 0, &at, &pr),
		    SCAN_FOUND);
		ck_assert_uint_eq(at, 10);
		ck_assert_uint_eq(t.calls, 0);
		memcpy(big + 10, "zz", 2);
		finder_free(f);
		pattern_free(&p);
	}
	finder_set_simd(FINDER_SIMD_AUTO);
}
END_TEST

/* A level the CPU or build lacks is refused and changes nothing. */
START_TEST(simd_levels)
{
	ck_assert_int_eq(finder_set_simd(FINDER_SIMD_AUTO), 0);
	ck_assert_int_eq(finder_set_simd(FINDER_SIMD_NONE), 0);
	ck_assert_int_eq(finder_set_simd((enum finder_simd)99), -1);
	ck_assert_int_eq(finder_set_simd(FINDER_SIMD_AUTO), 0);
#if defined(__x86_64__)
	ck_assert_int_eq(finder_set_simd(FINDER_SIMD_SSE2), 0);
	ck_assert_int_eq(finder_set_simd(FINDER_SIMD_AUTO), 0);
#endif
}
END_TEST

static Suite *
find_suite(void)
{
	Suite *s = suite_create("find");
	TCase *tc = tcase_create("small");
	TCase *big_tc = tcase_create("chunks");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, overlapping_needles);
	tcase_add_test(tc, empty_ranges);
	tcase_add_test(tc, all_wildcards);
	tcase_add_test(tc, one_fixed_byte);
	tcase_add_test(tc, needles_at_the_edges);
	tcase_add_test(tc, random_against_reference);
	tcase_add_test(tc, periodic_goes_linear);
	tcase_add_test(tc, periodic_wildcards_go_linear);
	tcase_add_test(tc, random_bytes_against_reference);
	tcase_add_test(tc, finder_reused_over_haystacks);
	tcase_add_test(tc, simd_levels);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(big_tc, big_setup, big_teardown);
	tcase_set_timeout(big_tc, 300);
	tcase_add_test(big_tc, chunk_borders);
	tcase_add_test(big_tc, big_first_and_last);
	tcase_add_test(big_tc, progress_ticks);
	tcase_add_test(big_tc, cancellation);
	suite_add_tcase(s, big_tc);
	return s;
}

UNIT_MAIN(find_suite)
