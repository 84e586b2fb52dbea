/*
 * diff.h - where two byte ranges of the same length differ, as runs of
 * differing bytes: the first byte that differs, the first one after it
 * that does not, and the same backwards.  Straight over the bytes given
 * (two mappings), 16 or 32 of them compared at a time (the vector level
 * find.h picks), no copies.
 */
#ifndef MMHEX_DIFF_H
#define MMHEX_DIFF_H

#include <stddef.h>
#include <stdint.h>

/* No byte of the range qualifies. */
#define DIFF_NONE	SIZE_MAX

/*
 * The first i in [0, len) where a[i] != b[i] (same false) or a[i] == b[i]
 * (same true); DIFF_NONE when there is none.
 */
size_t	diff_first(const unsigned char *a, const unsigned char *b, size_t len,
	    int same);

/* The last such i in [0, len); DIFF_NONE when there is none. */
size_t	diff_last(const unsigned char *a, const unsigned char *b, size_t len,
	    int same);

/* A run of differing bytes: [start, start + len). */
struct diff_run {
	uint64_t	 start;
	uint64_t	 len;
};

#endif
