/*
 * diff.c - runs of differing bytes between two ranges (see diff.h).
 *
 * A compare of 16 (SSE2) or 32 (AVX2) bytes gives a mask of the bytes
 * that are equal; the first or last bit of the mask (or of its inverse)
 * is the answer.  Long equal stretches go 64 bytes a round: the four
 * compares are and-ed, and only a round with a difference is looked into.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define DIFF_X86 1
#endif

#include "diff.h"
#include "find.h"

/* One byte at a time: the tail, and CPUs without vectors. */
static size_t
first_scalar(const unsigned char *a, const unsigned char *b, size_t lo,
    size_t hi, int same)
{
	for (; lo < hi; lo++)
		if ((a[lo] == b[lo]) == (same != 0))
			return lo;
	return DIFF_NONE;
}

static size_t
last_scalar(const unsigned char *a, const unsigned char *b, size_t lo,
    size_t hi, int same)
{
	while (hi > lo) {
		hi--;
		if ((a[hi] == b[hi]) == (same != 0))
			return hi;
	}
	return DIFF_NONE;
}

#ifdef DIFF_X86
/* The mask of the 16 bytes at p that qualify (equal when same). */
static inline uint32_t
mask_sse2(const unsigned char *a, const unsigned char *b, size_t p, int same)
{
	__m128i eq = _mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(const void *)(a + p)),
	    _mm_loadu_si128((const __m128i *)(const void *)(b + p)));
	uint32_t m = (uint32_t)_mm_movemask_epi8(eq);

	return same ? m : ~m & 0xffffu;
}

static size_t
first_sse2(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	size_t p = 0;
	uint32_t m;

	/* Looking for a difference: 64 equal bytes a round, and-ed. */
	for (; !same && p + 64 <= len; p += 64) {
		__m128i e = _mm_and_si128(_mm_and_si128(
		    _mm_cmpeq_epi8(_mm_loadu_si128((const void *)(a + p)),
		    _mm_loadu_si128((const void *)(b + p))),
		    _mm_cmpeq_epi8(_mm_loadu_si128((const void *)(a + p + 16)),
		    _mm_loadu_si128((const void *)(b + p + 16)))),
		    _mm_and_si128(
		    _mm_cmpeq_epi8(_mm_loadu_si128((const void *)(a + p + 32)),
		    _mm_loadu_si128((const void *)(b + p + 32))),
		    _mm_cmpeq_epi8(_mm_loadu_si128((const void *)(a + p + 48)),
		    _mm_loadu_si128((const void *)(b + p + 48)))));

		if (_mm_movemask_epi8(e) != 0xffff)
			break;
	}
	for (; p + 16 <= len; p += 16)
		if ((m = mask_sse2(a, b, p, same)) != 0)
			return p + (size_t)__builtin_ctz(m);
	return first_scalar(a, b, p, len, same);
}

static size_t
last_sse2(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	size_t p = len;
	uint32_t m;

	for (; p >= 16; p -= 16)
		if ((m = mask_sse2(a, b, p - 16, same)) != 0)
			return p - 16 + 31 - (size_t)__builtin_clz(m);
	return last_scalar(a, b, 0, p, same);
}

__attribute__((target("avx2")))
static inline uint32_t
mask_avx2(const unsigned char *a, const unsigned char *b, size_t p, int same)
{
	__m256i eq = _mm256_cmpeq_epi8(
	    _mm256_loadu_si256((const __m256i *)(const void *)(a + p)),
	    _mm256_loadu_si256((const __m256i *)(const void *)(b + p)));
	uint32_t m = (uint32_t)_mm256_movemask_epi8(eq);

	return same ? m : ~m;
}

__attribute__((target("avx2")))
static size_t
first_avx2(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	size_t p = 0;
	uint32_t m;

	for (; !same && p + 64 <= len; p += 64) {
		__m256i e = _mm256_and_si256(
		    _mm256_cmpeq_epi8(_mm256_loadu_si256((const void *)(a + p)),
		    _mm256_loadu_si256((const void *)(b + p))),
		    _mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const void *)(a + p + 32)),
		    _mm256_loadu_si256((const void *)(b + p + 32))));

		if ((uint32_t)_mm256_movemask_epi8(e) != 0xffffffffu)
			break;
	}
	for (; p + 32 <= len; p += 32)
		if ((m = mask_avx2(a, b, p, same)) != 0)
			return p + (size_t)__builtin_ctz(m);
	return first_scalar(a, b, p, len, same);
}

__attribute__((target("avx2")))
static size_t
last_avx2(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	size_t p = len;
	uint32_t m;

	for (; p >= 32; p -= 32)
		if ((m = mask_avx2(a, b, p - 32, same)) != 0)
			return p - 32 + 31 - (size_t)__builtin_clz(m);
	return last_scalar(a, b, 0, p, same);
}
#endif

size_t
diff_first(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	switch (finder_simd_level()) {
#ifdef DIFF_X86
	case FINDER_SIMD_AVX2:
		return first_avx2(a, b, len, same);
	case FINDER_SIMD_SSE2:
		return first_sse2(a, b, len, same);
#endif
	default:
		return first_scalar(a, b, 0, len, same);
	}
}

size_t
diff_last(const unsigned char *a, const unsigned char *b, size_t len,
    int same)
{
	switch (finder_simd_level()) {
#ifdef DIFF_X86
	case FINDER_SIMD_AVX2:
		return last_avx2(a, b, len, same);
	case FINDER_SIMD_SSE2:
		return last_sse2(a, b, len, same);
#endif
	default:
		return last_scalar(a, b, 0, len, same);
	}
}
