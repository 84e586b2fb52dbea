/*
 * filemap.c - the kinds of a file's blocks; see filemap.h.
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "filemap.h"

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

static const char *const kind_names[] = {
	[FILEMAP_ZERO] = "zero", [FILEMAP_TEXT] = "text",
	[FILEMAP_BINARY] = "binary", [FILEMAP_RANDOM] = "random",
};

const char *
filemap_kind_name(enum filemap_kind k)
{
	return kind_names[k];
}

/*
 * The text rule without a histogram: no NUL, and at least 90% of the
 * bytes tab, newline, carriage return or 0x20-0x7e.  Most blocks of a
 * text file are decided here at several bytes a cycle, and most others
 * after their first 256 bytes (a NUL, or more than a tenth of the block
 * not text already); only those go on to the histogram.
 */
static bool
text_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
}

/* The rule over bytes [i, n), other of those before i not text. */
static bool
text_from(const unsigned char *p, size_t i, size_t n, size_t other)
{
	for (; i < n; i++) {
		if (p[i] == 0)
			return false;
		other += !text_byte(p[i]);
	}
	return 10 * other <= n;
}

#if defined(__x86_64__)
static bool
is_text(const unsigned char *p, size_t n)
{
	const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
	const __m128i base = _mm_set1_epi8(0x20), flip = _mm_set1_epi8((char)0x80);
	const __m128i span = _mm_set1_epi8((char)((0x7f - 0x20) ^ 0x80));
	__m128i acc, zeros, v, m;
	size_t i = 0, k, other = 0;

	while (n - i >= 256) {
		acc = zero;
		zeros = zero;
		for (k = 0; k < 16; k++, i += 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			/* v - 0x20 < 0x5f unsigned, as a signed compare. */
			m = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(v, base),
			    flip), span);
			m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, tab),
			    _mm_or_si128(_mm_cmpeq_epi8(v, nl),
			    _mm_cmpeq_epi8(v, cr))));
			acc = _mm_sub_epi8(acc, m);
			zeros = _mm_or_si128(zeros, _mm_cmpeq_epi8(v, zero));
		}
		acc = _mm_sad_epu8(acc, zero);
		other += 256 - (size_t)_mm_cvtsi128_si32(acc) -
		    (size_t)_mm_extract_epi16(acc, 4);
		if (_mm_movemask_epi8(zeros) != 0 || 10 * other > n)
			return false;
	}
	return text_from(p, i, n, other);
}
#else
static bool
is_text(const unsigned char *p, size_t n)
{
	return text_from(p, 0, n, 0);
}
#endif

/*
 * The entropy is of a sample, every FILEMAP_STRIDE-th byte from the
 * first: a histogram of every byte costs about a cycle a byte, five times
 * a scan, and the kinds it tells apart (code near 6 bits a byte,
 * compressed data near 8) stay as far apart in the sample.  The stride is
 * odd, so the sample takes every lane of an array of 2-, 4- or 8-byte
 * values alike.
 */
#define SAMPLES_MAX	((FILEMAP_BLOCK + FILEMAP_STRIDE - 1) / FILEMAP_STRIDE)

/*
 * c log2 c for every count a sample can have, in units of 2^-32, made
 * once: sums of integers need no order (doubles would chain on the
 * latency of each add), and a tie at 7 bits exactly stays one, for the
 * logarithms of powers of two are exact.
 */
static uint64_t clogc[SAMPLES_MAX + 1];
static bool clogc_made;

enum filemap_kind
filemap_classify(const unsigned char *p, size_t n)
{
	uint16_t h[2][256];
	size_t i, k;
	uint64_t sum = 0;

	static const unsigned char zeros[FILEMAP_BLOCK];

	/* Against a block of zeros that stays in the cache: memory speed. */
	if (p[0] == 0 && memcmp(p, zeros, n) == 0)
		return FILEMAP_ZERO;
	if (is_text(p, n))
		return FILEMAP_TEXT;
	if (!clogc_made) {
		for (i = 1; i <= SAMPLES_MAX; i++)
			clogc[i] = (uint64_t)((double)i * log2((double)i) *
			    0x1p32);
		clogc_made = true;
	}
	/* Two histograms: equal samples in a row do not wait on each other. */
	memset(h, 0, sizeof(h));
	for (i = 0; i + FILEMAP_STRIDE < n; i += 2 * FILEMAP_STRIDE) {
		h[0][p[i]]++;
		h[1][p[i + FILEMAP_STRIDE]]++;
	}
	if (i < n)
		h[0][p[i]]++;
	for (i = 0; i < 256; i++)
		sum += clogc[h[0][i] + h[1][i]];
	k = (n + FILEMAP_STRIDE - 1) / FILEMAP_STRIDE;
	return log2((double)k) - (double)sum / 0x1p32 / (double)k >=
	    FILEMAP_RANDOM_BITS ? FILEMAP_RANDOM : FILEMAP_BINARY;
}

/* The run being built: emitted when a block of another kind comes. */
struct run {
	size_t		 off, len;
	enum filemap_kind kind;
	int		(*emit)(void *, size_t, size_t, enum filemap_kind);
	void		*ctx;
};

/* Add [off, off + len) of kind k; non-zero when emit said stop. */
static int
add(struct run *r, size_t off, size_t len, enum filemap_kind k)
{
	int stop = 0;

	if (r->len > 0 && r->kind == k) {
		r->len += len;
		return 0;
	}
	if (r->len > 0)
		stop = r->emit(r->ctx, r->off, r->len, r->kind);
	r->off = off;
	r->len = len;
	r->kind = k;
	return stop;
}

int
filemap_walk(const struct mapping *m,
    int (*emit)(void *, size_t, size_t, enum filemap_kind), void *ctx,
    const struct progress *progress)
{
	struct run r = { 0, 0, FILEMAP_ZERO, emit, ctx };
	size_t n = m->size, at = 0, seg = 0, len, whole, ticked = 0;
	bool data = true;

	while (at < n) {
		if (at >= seg)
			seg = mapping_segment_end(m, at, n, &data);
		len = n - at < FILEMAP_BLOCK ? n - at : FILEMAP_BLOCK;
		if (!data && at + len <= seg) {
			/* Every whole block in the hole at once. */
			whole = (seg - at) / FILEMAP_BLOCK * FILEMAP_BLOCK;
			if (whole == 0)
				whole = len;
			if (add(&r, at, whole, FILEMAP_ZERO))
				return 1;
			at += whole;
		} else {
			if (add(&r, at, len, filemap_classify(m->data + at, len)))
				return 1;
			at += len;
		}
		if (at - ticked >= PROGRESS_CHUNK) {
			ticked = at;
			if (progress_tick(progress, at, n))
				return 1;
		}
	}
	if (r.len > 0 && emit(ctx, r.off, r.len, r.kind))
		return 1;
	return 0;
}
