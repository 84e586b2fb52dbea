/*
 * find.c - find and rfind of a byte pattern over a mapping, without
 * copying a byte of it.
 *
 * A finder picks the two rarest fixed bytes of the pattern (b1 at offset
 * i1, b2 at i2, i1 < i2).  A candidate start p is one where hay[p + i1] ==
 * b1 and hay[p + i2] == b2; the vector loops test 32 (AVX2) or 16 (SSE2)
 * candidates per compare pair, so on ordinary data only a few positions in
 * 65536 reach pattern_match_at().  Unlike a memchr on one byte, two bytes
 * stay selective even when the pattern is short or made of common bytes.
 *
 * Scans cover candidate starts in chunks of PROGRESS_CHUNK.  A candidate
 * near the end of a chunk reads the pattern's bytes past it, so a match
 * across a chunk border is found like any other.
 *
 * Never quadratic: verifying a candidate costs up to the pattern's length,
 * and on periodic data (a run of "abab" against "abab...ba", "aab" in a
 * run of 'a') nearly every start is one.  So a scan goes in probes of
 * PROBE bytes of starts, and once a probe has had more than one candidate
 * in PROBE_RATIO (ordinary data has a few in 65536), the scan moves on:
 *
 *  1. to a second pair, two neighbours that are the pattern's rarest
 *     digram (the "bb" where "abab...abba" breaks its period): rare in
 *     the pattern, it is most often rare in data like the pattern too;
 *  2. then, when that one is no better, to a linear scan for the rest:
 *     without wildcards glibc's memmem (Two-Way), forward over the bytes
 *     in place, backward over a reversed copy of each probe's bytes
 *     searched for the reversed pattern, whose first match is the last.
 *
 * At most two probes' verifying is spent before the linear scan.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define FIND_X86 1
#endif

#include "find.h"

/* No candidate matched in the range scanned. */
#define NONE SIZE_MAX

struct finder;

/*
 * Scan candidate starts [lo, hi) for a match: the lowest (forward) or the
 * highest (reverse) one, or NONE.
 */
typedef size_t (*scan_fn)(const struct finder *, const unsigned char *,
    size_t, size_t);

struct finder {
	const struct pattern	*pat;
	unsigned char		*rpat;		/* the bytes reversed; NULL with
						   wildcards (no memmem then) */
	size_t			 i1, i2;	/* offsets of the two prefilter bytes */
	unsigned char		 b1, b2;
	size_t			 ir;		/* offset of the rarest fixed byte */
	unsigned char		 br;
	bool			 any;		/* no fixed byte: every start matches */
	scan_fn			 fwd, rev;
	struct finder		*digram;	/* the second pair's (1. above), or
						   NULL: it shares pat, seg, rpat */
	/*
	 * With wildcards, the runs of fixed bytes, each with its KMP
	 * table: the linear scan when candidates stop paying off.
	 */
	struct segment {
		size_t	 off, len;
		size_t	*fail;		/* longest border of each prefix */
	}			*seg;
	size_t			 nseg;
};

/*
 * How common each byte value is in the files people search: executables,
 * libraries, disk images, text.  Higher is more common; only the order
 * matters.  Zero and 0xff fill padding and tables, space and the letters
 * of English text follow their frequency in prose, x86 opcode and REX
 * bytes (0x48, 0x89, 0x8b, 0x83) are boosted for code; the rarest are
 * little-used punctuation ('~', '^', '`') and the high bytes that are
 * neither UTF-8 lead bytes nor common opcodes.
 */
static const unsigned char byte_rank[256] = {
	/* 0x00 */ 255, 120,  90,  70,  80,  50,  45,  40,
		    70, 110, 150,  30,  40,  80,  30,  50,
	/* 0x10 */  70,  35,  35,  30,  40,  30,  30,  28,
		    55,  28,  28,  30,  30,  25,  25,  35,
	/* ' '  */ 250,  40,  70,  35,  60,  40,  35,  50,
		    70,  70,  45,  40,  90,  80, 110,  75,
	/* '0'  */ 115, 100,  85,  75,  70,  65,  62,  58,
		    62,  58,  60,  50,  40,  55,  45,  35,
	/* '@'  */  45,  70,  50,  60,  60,  70,  50,  45,
		    90,  65,  20,  25,  60,  55,  60,  55,
	/* 'P'  */  50,  20,  60,  65,  70,  40,  25,  30,
		    20,  20,  15,  40,  35,  40,  20,  75,
	/* '`'  */  20, 170,  80, 120, 125, 200,  95,  95,
		   130, 160,  30,  55, 135, 110, 160, 165,
	/* 'p'  */ 100,  25, 150, 155, 180, 115,  70,  80,
		    50,  85,  25,  30,  25,  30,  15,  20,
	/* 0x80 */  50,  30,  25,  60,  30,  45,  25,  25,
		    30,  80,  30,  80,  25,  55,  25,  25,
	/* 0x90 */  30,  22,  22,  22,  22,  22,  22,  22,
		    22,  22,  22,  22,  22,  22,  22,  22,
	/* 0xa0 */  25,  22,  22,  22,  22,  22,  22,  22,
		    22,  22,  22,  22,  22,  22,  22,  22,
	/* 0xb0 */  22,  22,  22,  22,  22,  22,  22,  22,
		    30,  22,  22,  22,  22,  22,  22,  22,
	/* 0xc0 */  45,  25,  35,  45,  25,  22,  25,  35,
		    22,  22,  22,  22,  22,  22,  22,  22,
	/* 0xd0 */  22,  22,  22,  22,  22,  22,  22,  22,
		    22,  22,  22,  22,  22,  22,  22,  22,
	/* 0xe0 */  25,  22,  30,  22,  22,  22,  22,  22,
		    50,  35,  22,  22,  22,  22,  22,  22,
	/* 0xf0 */  40,  22,  22,  22,  22,  22,  22,  22,
		    25,  22,  22,  22,  22,  22,  40, 180,
};

static enum finder_simd simd_forced = FINDER_SIMD_AUTO;

/* Is byte i of p fixed (not a wildcard)? */
static bool
is_fixed(const struct pattern *p, size_t i)
{
	return p->mask == NULL || p->mask[i] != 0;
}

/* Candidates verified, all scans together: the probes' measure. */
static size_t verified;
static size_t linear_bytes;		/* starts scanned linearly, for tests */

/* Does the whole pattern match at start p? */
static inline bool
verify(const struct finder *f, const unsigned char *hay, size_t p)
{
	verified++;
	return pattern_match_at(f->pat, hay + p);
}

size_t
finder_verified(void)
{
	return verified;
}

size_t
finder_linear(void)
{
	return linear_bytes;
}

/* Starts a probe covers, and the candidates per start that end it. */
#define PROBE		((size_t)64 << 10)
#define PROBE_RATIO	256

/*
 * One fixed byte leads: memchr finds each place the rarest fixed byte
 * could sit, then the whole pattern is checked there.  Used when the
 * pattern has a single fixed byte, and for every pattern where there is
 * no vector code (glibc's memchr is vectorised itself).
 */
static size_t
scan_byte_fwd(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const unsigned char *q;
	size_t p;

	while (lo < hi) {
		q = memchr(hay + lo + f->ir, f->br, hi - lo);
		if (q == NULL)
			return NONE;
		p = (size_t)(q - hay) - f->ir;
		if (verify(f, hay, p))
			return p;
		lo = p + 1;
	}
	return NONE;
}

/* The same from the top of the range down, with memrchr. */
static size_t
scan_byte_rev(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const unsigned char *q;
	size_t p;

	while (lo < hi) {
		q = memrchr(hay + lo + f->ir, f->br, hi - lo);
		if (q == NULL)
			return NONE;
		p = (size_t)(q - hay) - f->ir;
		if (verify(f, hay, p))
			return p;
		hi = p;
	}
	return NONE;
}

#ifdef FIND_X86
/* The last few candidates of a range, one at a time. */
static size_t
pair_fwd_scalar(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	for (; lo < hi; lo++)
		if (hay[lo + f->i1] == f->b1 && hay[lo + f->i2] == f->b2 &&
		    verify(f, hay, lo))
			return lo;
	return NONE;
}

/* The first few candidates of a range, from the top down. */
static size_t
pair_rev_scalar(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	while (hi > lo) {
		hi--;
		if (hay[hi + f->i1] == f->b1 && hay[hi + f->i2] == f->b2 &&
		    verify(f, hay, hi))
			return hi;
	}
	return NONE;
}

/* Check the candidates set in bits (bit k: start base + k), lowest first. */
static inline size_t
check_bits_fwd(const struct finder *f, const unsigned char *hay, size_t base,
    uint64_t bits)
{
	size_t p;

	while (bits != 0) {
		p = base + (size_t)__builtin_ctzll(bits);
		if (verify(f, hay, p))
			return p;
		bits &= bits - 1;
	}
	return NONE;
}

/* The same, highest first. */
static inline size_t
check_bits_rev(const struct finder *f, const unsigned char *hay, size_t base,
    uint64_t bits)
{
	unsigned k;

	while (bits != 0) {
		k = 63 - (unsigned)__builtin_clzll(bits);
		if (verify(f, hay, base + k))
			return base + k;
		bits &= ~((uint64_t)1 << k);
	}
	return NONE;
}

/*
 * Candidate bits for the 16 starts at p: both prefilter bytes in place.
 * Loads stay inside the haystack because p + 16 <= hi and hi - 1 + i2
 * is at most the last byte of the haystack.
 */
static inline uint32_t
pair_mask_sse2(const unsigned char *s1, const unsigned char *s2, size_t p,
    __m128i v1, __m128i v2)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s1 + p));
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s2 + p));

	return (uint32_t)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, v1),
	    _mm_cmpeq_epi8(b, v2)));
}

/* SSE2, part of every x86_64: 64 candidates per round. */
static size_t
pair_fwd_sse2(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const __m128i v1 = _mm_set1_epi8((char)f->b1);
	const __m128i v2 = _mm_set1_epi8((char)f->b2);
	const unsigned char *s1 = hay + f->i1, *s2 = hay + f->i2;
	uint64_t bits;
	size_t p = lo, r;

	for (; hi - p >= 64; p += 64) {
		bits = pair_mask_sse2(s1, s2, p, v1, v2) |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 16, v1, v2) << 16 |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 32, v1, v2) << 32 |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 48, v1, v2) << 48;
		if (bits != 0 && (r = check_bits_fwd(f, hay, p, bits)) != NONE)
			return r;
	}
	for (; hi - p >= 16; p += 16) {
		bits = pair_mask_sse2(s1, s2, p, v1, v2);
		if (bits != 0 && (r = check_bits_fwd(f, hay, p, bits)) != NONE)
			return r;
	}
	return pair_fwd_scalar(f, hay, p, hi);
}

/* SSE2 from the top of the range down. */
static size_t
pair_rev_sse2(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const __m128i v1 = _mm_set1_epi8((char)f->b1);
	const __m128i v2 = _mm_set1_epi8((char)f->b2);
	const unsigned char *s1 = hay + f->i1, *s2 = hay + f->i2;
	uint64_t bits;
	size_t p = hi, r;

	while (p - lo >= 64) {
		p -= 64;
		bits = pair_mask_sse2(s1, s2, p, v1, v2) |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 16, v1, v2) << 16 |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 32, v1, v2) << 32 |
		    (uint64_t)pair_mask_sse2(s1, s2, p + 48, v1, v2) << 48;
		if (bits != 0 && (r = check_bits_rev(f, hay, p, bits)) != NONE)
			return r;
	}
	while (p - lo >= 16) {
		p -= 16;
		bits = pair_mask_sse2(s1, s2, p, v1, v2);
		if (bits != 0 && (r = check_bits_rev(f, hay, p, bits)) != NONE)
			return r;
	}
	return pair_rev_scalar(f, hay, lo, p);
}

/* Candidate bits for the 32 starts at p (AVX2). */
__attribute__((target("avx2")))
static inline uint32_t
pair_mask_avx2(const unsigned char *s1, const unsigned char *s2, size_t p,
    __m256i v1, __m256i v2)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s1 + p));
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s2 + p));

	return (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(
	    _mm256_cmpeq_epi8(a, v1), _mm256_cmpeq_epi8(b, v2)));
}

/*
 * AVX2: 128 candidates per round.  The four masks are ORed before the
 * one branch, which on ordinary data is almost never taken.
 */
__attribute__((target("avx2")))
static size_t
pair_fwd_avx2(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const __m256i v1 = _mm256_set1_epi8((char)f->b1);
	const __m256i v2 = _mm256_set1_epi8((char)f->b2);
	const unsigned char *s1 = hay + f->i1, *s2 = hay + f->i2;
	uint32_t m0, m1, m2, m3;
	size_t p = lo, r;

	/*
	 * One unaligned block, then on from where the first stream is
	 * 32-byte aligned: its loads then never straddle a cache line.  The
	 * blocks overlap by a few candidates, checked twice, never missed.
	 */
	if (hi - p >= 160) {
		m0 = pair_mask_avx2(s1, s2, p, v1, v2);
		if (m0 != 0 && (r = check_bits_fwd(f, hay, p, m0)) != NONE)
			return r;
		p += 32 - ((uintptr_t)(s1 + p) & 31);
	}
	for (; hi - p >= 128; p += 128) {
		m0 = pair_mask_avx2(s1, s2, p, v1, v2);
		m1 = pair_mask_avx2(s1, s2, p + 32, v1, v2);
		m2 = pair_mask_avx2(s1, s2, p + 64, v1, v2);
		m3 = pair_mask_avx2(s1, s2, p + 96, v1, v2);
		if ((m0 | m1 | m2 | m3) == 0)
			continue;
		if ((r = check_bits_fwd(f, hay, p,
		    m0 | (uint64_t)m1 << 32)) != NONE)
			return r;
		if ((r = check_bits_fwd(f, hay, p + 64,
		    m2 | (uint64_t)m3 << 32)) != NONE)
			return r;
	}
	for (; hi - p >= 32; p += 32) {
		m0 = pair_mask_avx2(s1, s2, p, v1, v2);
		if (m0 != 0 && (r = check_bits_fwd(f, hay, p, m0)) != NONE)
			return r;
	}
	return pair_fwd_scalar(f, hay, p, hi);
}

/* AVX2 from the top of the range down. */
__attribute__((target("avx2")))
static size_t
pair_rev_avx2(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	const __m256i v1 = _mm256_set1_epi8((char)f->b1);
	const __m256i v2 = _mm256_set1_epi8((char)f->b2);
	const unsigned char *s1 = hay + f->i1, *s2 = hay + f->i2;
	uint32_t m0, m1, m2, m3;
	size_t p = hi, r;

	/* As forward: one unaligned block, then aligned from below it. */
	if (p - lo >= 160) {
		m0 = pair_mask_avx2(s1, s2, hi - 32, v1, v2);
		if (m0 != 0 &&
		    (r = check_bits_rev(f, hay, hi - 32, m0)) != NONE)
			return r;
		p = hi - ((uintptr_t)(s1 + hi) & 31);
	}
	while (p - lo >= 128) {
		p -= 128;
		m0 = pair_mask_avx2(s1, s2, p, v1, v2);
		m1 = pair_mask_avx2(s1, s2, p + 32, v1, v2);
		m2 = pair_mask_avx2(s1, s2, p + 64, v1, v2);
		m3 = pair_mask_avx2(s1, s2, p + 96, v1, v2);
		if ((m0 | m1 | m2 | m3) == 0)
			continue;
		if ((r = check_bits_rev(f, hay, p + 64,
		    m2 | (uint64_t)m3 << 32)) != NONE)
			return r;
		if ((r = check_bits_rev(f, hay, p,
		    m0 | (uint64_t)m1 << 32)) != NONE)
			return r;
	}
	while (p - lo >= 32) {
		p -= 32;
		m0 = pair_mask_avx2(s1, s2, p, v1, v2);
		if (m0 != 0 && (r = check_bits_rev(f, hay, p, m0)) != NONE)
			return r;
	}
	return pair_rev_scalar(f, hay, lo, p);
}
#endif /* FIND_X86 */

/* The vector level finders made now will use. */
static enum finder_simd
simd_level(void)
{
	if (simd_forced != FINDER_SIMD_AUTO)
		return simd_forced;
#ifdef FIND_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return FINDER_SIMD_AVX2;
	return FINDER_SIMD_SSE2;
#else
	return FINDER_SIMD_NONE;
#endif
}

enum finder_simd
finder_simd_level(void)
{
	return simd_level();
}

/* Force a vector level (tests, benchmarks); -1 if this CPU lacks it. */
int
finder_set_simd(enum finder_simd level)
{
	switch (level) {
	case FINDER_SIMD_AUTO:
	case FINDER_SIMD_NONE:
		break;
#ifdef FIND_X86
	case FINDER_SIMD_SSE2:
		break;
	case FINDER_SIMD_AVX2:
		__builtin_cpu_init();
		if (!__builtin_cpu_supports("avx2"))
			return -1;
		break;
#endif
	default:
		return -1;
	}
	simd_forced = level;
	return 0;
}

/*
 * The fixed byte of p rarest by byte_rank, skipping offset skip (pass
 * p->len to skip none); ties go to the first.  Returns p->len if none.
 */
static size_t
rarest_fixed(const struct pattern *p, size_t skip)
{
	size_t i, best = p->len;

	for (i = 0; i < p->len; i++) {
		if (i == skip || !is_fixed(p, i))
			continue;
		if (best == p->len || byte_rank[p->bytes[i]] <
		    byte_rank[p->bytes[best]])
			best = i;
	}
	return best;
}

/*
 * The runs of fixed bytes of a pattern with wildcards, and their KMP
 * tables (fail[i]: the longest proper border of the run's first i + 1
 * bytes).
 */
static void
segments_new(struct finder *f)
{
	const struct pattern *p = f->pat;
	struct segment *g;
	size_t i, j, k;

	f->seg = xcalloc(p->len, sizeof(*f->seg));
	for (i = 0; i < p->len; i = j) {
		for (; i < p->len && !is_fixed(p, i); i++)
			;
		for (j = i; j < p->len && is_fixed(p, j); j++)
			;
		if (j == i)
			break;
		g = &f->seg[f->nseg++];
		g->off = i;
		g->len = j - i;
		g->fail = xcalloc(g->len, sizeof(*g->fail));
		for (k = 0, i = 1; i < g->len; i++) {
			while (k > 0 && p->bytes[g->off + i] != p->bytes[g->off + k])
				k = g->fail[k - 1];
			if (p->bytes[g->off + i] == p->bytes[g->off + k])
				k++;
			g->fail[i] = k;
		}
	}
}

/*
 * The first of two neighbouring fixed bytes whose digram occurs least
 * often in p (ties to the last, where a period most often breaks), or
 * p->len when no two fixed bytes are neighbours.
 */
static size_t
rarest_digram(const struct pattern *p)
{
	uint32_t *seen;
	size_t i, best = p->len;

	if (p->len < 2)
		return best;
	seen = xcalloc(65536, sizeof(*seen));
	for (i = 0; i + 1 < p->len; i++)
		if (is_fixed(p, i) && is_fixed(p, i + 1))
			seen[p->bytes[i] << 8 | p->bytes[i + 1]]++;
	for (i = 0; i + 1 < p->len; i++)
		if (is_fixed(p, i) && is_fixed(p, i + 1) && (best == p->len ||
		    seen[p->bytes[i] << 8 | p->bytes[i + 1]] <=
		    seen[p->bytes[best] << 8 | p->bytes[best + 1]]))
			best = i;
	free(seen);
	return best;
}

/* The finder f with its pair at (i, i + 1) instead, for 1. above. */
static struct finder *
digram_finder(const struct finder *f, size_t i)
{
	struct finder *d = xmalloc(sizeof(*d));

	*d = *f;
	d->i1 = i;
	d->i2 = i + 1;
	d->b1 = f->pat->bytes[i];
	d->b2 = f->pat->bytes[i + 1];
	d->digram = NULL;
	return d;
}

/*
 * Prepare a finder: choose the prefilter bytes and the scan functions.
 * The caller owns the result (finder_free) and must keep p alive.
 */
struct finder *
finder_new(const struct pattern *p)
{
	struct finder *f = xcalloc(1, sizeof(*f));
	enum finder_simd level = simd_level();
	size_t a, b;

	f->pat = p;
	if (p->mask == NULL) {
		f->rpat = xmalloc(p->len);
		for (a = 0; a < p->len; a++)
			f->rpat[a] = p->bytes[p->len - 1 - a];
	}
	a = rarest_fixed(p, p->len);
	if (a == p->len) {
		f->any = true;
		return f;
	}
	if (p->mask != NULL)
		segments_new(f);
	f->ir = a;
	f->br = p->bytes[a];
	f->fwd = scan_byte_fwd;
	f->rev = scan_byte_rev;
	b = rarest_fixed(p, a);
	if (b == p->len || level == FINDER_SIMD_NONE)
		return f;
	f->i1 = a < b ? a : b;
	f->i2 = a < b ? b : a;
	f->b1 = p->bytes[f->i1];
	f->b2 = p->bytes[f->i2];
#ifdef FIND_X86
	if (level == FINDER_SIMD_AVX2) {
		f->fwd = pair_fwd_avx2;
		f->rev = pair_rev_avx2;
	} else {
		f->fwd = pair_fwd_sse2;
		f->rev = pair_rev_sse2;
	}
#endif
	a = rarest_digram(p);
	if (a != p->len && (a != f->i1 || a + 1 != f->i2))
		f->digram = digram_finder(f, a);
	return f;
}

/* Free a finder (not its pattern); NULL is allowed. */
void
finder_free(struct finder *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nseg; i++)
		free(f->seg[i].fail);
	free(f->seg);
	free(f->rpat);
	free(f->digram);
	free(f);
}

/*
 * The state of one scan: its stage (0 the first pair, 1 the digram's, 2
 * linear), one on each time a probe's candidates stopped paying off.
 */
struct scan {
	int		 stage;
	unsigned char	*buf;		/* backward: a probe's bytes reversed */
	size_t		 cap;
	uint32_t	*count;		/* wildcards: runs matched per start */
	size_t		 ncount;
};

/*
 * With wildcards, the lowest (or with rev the highest) start in [lo, hi)
 * where every run of fixed bytes matches: each run's occurrences found
 * by KMP over the bytes where it can lie, counted per start; a start
 * that every run counted matches.  O(runs x (hi - lo)), whatever the
 * bytes: verifying each candidate is O(length) a candidate, and on
 * periodic bytes every start is one.
 */
static size_t
linear_wild(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi, bool rev, struct scan *st)
{
	const unsigned char *bytes = f->pat->bytes;
	size_t n = hi - lo, j, t, end, k, i;

	if (n > st->ncount) {
		free(st->count);
		st->count = xmalloc(n * sizeof(*st->count));
		st->ncount = n;
	}
	memset(st->count, 0, n * sizeof(*st->count));
	for (j = 0; j < f->nseg; j++) {
		const struct segment *g = &f->seg[j];
		const unsigned char *run = bytes + g->off;

		/* Run j of a start in [lo, hi) lies in [lo + off, end). */
		end = hi + g->off + g->len - 1;
		for (k = 0, t = lo + g->off; t < end; t++) {
			while (k > 0 && hay[t] != run[k])
				k = g->fail[k - 1];
			if (hay[t] == run[k] && ++k == g->len) {
				st->count[t + 1 - g->len - g->off - lo]++;
				k = g->fail[k - 1];
			}
		}
	}
	for (i = 0; i < n; i++) {
		k = rev ? n - 1 - i : i;
		if (st->count[k] == f->nseg)
			return lo + k;
	}
	return NONE;
}

/* The lowest match starting in [lo, hi), by memmem over the bytes. */
static size_t
linear_fwd(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi)
{
	size_t len = f->pat->len;
	const unsigned char *p;

	p = memmem(hay + lo, hi - lo + len - 1, f->pat->bytes, len);
	return p != NULL ? (size_t)(p - hay) : NONE;
}

/* The highest match starting in [lo, hi): the reversed copy's first. */
static size_t
linear_rev(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi, struct scan *st)
{
	size_t len = f->pat->len, n = hi - lo + len - 1, k;
	const unsigned char *p;

	if (n > st->cap) {
		free(st->buf);
		st->buf = xmalloc(n);
		st->cap = n;
	}
	for (k = 0; k < n; k++)
		st->buf[k] = hay[lo + n - 1 - k];
	p = memmem(st->buf, n, f->rpat, len);
	return p != NULL ? lo + n - len - (size_t)(p - st->buf) : NONE;
}

/*
 * Scan starts [lo, hi) forward (or backward with rev) probe by probe,
 * switching st to memmem when a probe had too many candidates.
 */
static size_t
scan_range(const struct finder *f, const unsigned char *hay, size_t lo,
    size_t hi, bool rev, struct scan *st)
{
	/* A probe long enough that its copy is not mostly the overlap. */
	size_t probe = PROBE > 4 * f->pat->len ? PROBE : 4 * f->pat->len;
	size_t a, b, r, before;
	const struct finder *use;

	while (lo < hi) {
		if (rev) {
			a = hi - lo > probe ? hi - probe : lo;
			b = hi;
		} else {
			a = lo;
			b = hi - lo > probe ? lo + probe : hi;
		}
		before = verified;
		if (st->stage == 1 && f->digram == NULL)
			st->stage = 2;
		use = st->stage == 1 ? f->digram : f;
		if (st->stage == 2) {
			linear_bytes += b - a;
			if (f->rpat == NULL)
				r = linear_wild(f, hay, a, b, rev, st);
			else
				r = rev ? linear_rev(f, hay, a, b, st) :
				    linear_fwd(f, hay, a, b);
		} else
			r = rev ? use->rev(use, hay, a, b) :
			    use->fwd(use, hay, a, b);
		if (r != NONE)
			return r;
		if (st->stage < 2 && verified - before > (b - a) / PROBE_RATIO)
			st->stage++;
		if (rev)
			hi = a;
		else
			lo = b;
	}
	return NONE;
}

/*
 * Lowest start >= from where the pattern fits in hay[0, size).  The scan
 * goes chunk by chunk over candidate starts and ticks after each chunk
 * that found nothing.
 */
enum scan_result
finder_find(const struct finder *f, const unsigned char *hay, size_t size,
    size_t from, size_t *at, const struct progress *progress)
{
	size_t len = f->pat->len, end, c, next, r;
	struct scan st = { 0, NULL, 0, NULL, 0 };
	enum scan_result res = SCAN_NOT_FOUND;

	if (from > size || size - from < len)
		return SCAN_NOT_FOUND;
	if (f->any) {
		*at = from;
		return SCAN_FOUND;
	}
	end = size - len + 1;
	for (c = from; c < end; c = next) {
		next = end - c > PROGRESS_CHUNK ? c + PROGRESS_CHUNK : end;
		if ((r = scan_range(f, hay, c, next, false, &st)) != NONE) {
			*at = r;
			res = SCAN_FOUND;
			break;
		}
		if (progress_tick(progress, next - from, end - from)) {
			res = SCAN_CANCELLED;
			break;
		}
	}
	free(st.count);
	return res;
}

/* Highest start where the pattern fits in hay[0, end); chunks from the end. */
enum scan_result
finder_rfind(const struct finder *f, const unsigned char *hay, size_t end,
    size_t *at, const struct progress *progress)
{
	size_t len = f->pat->len, starts, c, next, r;
	struct scan st = { 0, NULL, 0, NULL, 0 };
	enum scan_result res = SCAN_NOT_FOUND;

	if (end < len)
		return SCAN_NOT_FOUND;
	starts = end - len + 1;
	if (f->any) {
		*at = starts - 1;
		return SCAN_FOUND;
	}
	for (c = starts; c > 0; c = next) {
		next = c > PROGRESS_CHUNK ? c - PROGRESS_CHUNK : 0;
		if ((r = scan_range(f, hay, next, c, true, &st)) != NONE) {
			*at = r;
			res = SCAN_FOUND;
			break;
		}
		if (progress_tick(progress, starts - next, starts)) {
			res = SCAN_CANCELLED;
			break;
		}
	}
	free(st.buf);
	free(st.count);
	return res;
}
