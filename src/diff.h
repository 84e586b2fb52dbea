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

/*
 * The first run of differing bytes of a and b (len bytes each) that ends
 * after from, or the part of it from there on when from is inside it;
 * 0 when the bytes from there on are the same, 1 with *run set.
 */
int	diff_next_run(const unsigned char *a, const unsigned char *b,
	    size_t len, size_t from, struct diff_run *run);

/*
 * The last run that begins before from (len bytes each), whole (a run
 * going on past from is cut there); 0 when there is none, 1 with *run.
 */
int	diff_prev_run(const unsigned char *a, const unsigned char *b,
	    size_t len, size_t from, struct diff_run *run);

#endif
