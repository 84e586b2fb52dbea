/*
 * find.h - find and rfind of a byte pattern straight over a mapping.
 *
 * The semantics are Python mmap's find/rfind: find returns the lowest
 * offset >= from where the whole pattern lies inside hay[0, size); rfind the
 * highest offset where the whole pattern lies inside hay[0, end).  Nothing
 * is copied: a vectorised prefilter on the pattern's two rarest fixed bytes
 * proposes candidates and pattern_match_at() verifies them.
 *
 * On data where the prefilter stops paying off (periodic bytes, where
 * nearly every start is a candidate) a pattern without wildcards goes on
 * with memmem, linear in the bytes, both ways (find.c); with wildcards
 * it stays O(bytes x pattern) at worst.
 *
 * A finder is prepared once per pattern (choice of prefilter bytes) and may
 * then be run many times, over any haystack.  Scans report progress and can
 * be cancelled (progress.h); a cancelled scan changes no output.
 */
#ifndef MMHEX_FIND_H
#define MMHEX_FIND_H

#include <stddef.h>

#include "pattern.h"
#include "progress.h"

enum scan_result {
	SCAN_FOUND,
	SCAN_NOT_FOUND,
	SCAN_CANCELLED,
	SCAN_ERROR,		/* regex only: see the struct error */
};

struct finder;

/* Prepare a finder for p; p must outlive the finder. */
struct finder	*finder_new(const struct pattern *p);
void		 finder_free(struct finder *f);

enum scan_result finder_find(const struct finder *f, const unsigned char *hay,
		    size_t size, size_t from, size_t *at,
		    const struct progress *progress);
enum scan_result finder_rfind(const struct finder *f, const unsigned char *hay,
		    size_t end, size_t *at, const struct progress *progress);

/*
 * The vector code behind the prefilter, chosen when a finder is made:
 * AUTO is the best this CPU has (AVX2, else SSE2 on x86_64, else memchr on
 * the rarest byte).  Tests and benchmarks force a level to cover each
 * path; returns -1 (and changes nothing) if this CPU or build lacks it.
 */
enum finder_simd {
	FINDER_SIMD_AUTO,
	FINDER_SIMD_NONE,
	FINDER_SIMD_SSE2,
	FINDER_SIMD_AVX2,
};

int		 finder_set_simd(enum finder_simd level);

/*
 * Candidates verified so far, all scans together: what the tests check
 * "linear" by (after the switch to memmem, none are).
 */
size_t		 finder_verified(void);
/* Starts scanned linearly (past both pairs), all scans together. */
size_t		 finder_linear(void);
/* The vector level in use (forced, or the best this CPU has). */
enum finder_simd finder_simd_level(void);

#endif
