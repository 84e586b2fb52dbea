/*
 * regex.h - PCRE2 (8-bit, JIT) searches over the raw bytes of a mapping.
 *
 * Patterns compile in non-UTF mode with PCRE2_MULTILINE (^ and $ at line
 * ends; ^ also after a newline that ends the subject, as Python's re.M),
 * so any byte sequence is a valid subject.  A match limit stops
 * catastrophic backtracking with an error instead of hanging.
 *
 * Scans run in windows of PROGRESS_CHUNK start offsets, and every match is
 * the one a single search over the whole subject would give: a match may
 * start in one window and end in the next.  The subject always starts at
 * hay[0], so lookbehind sees the bytes before the start offset.  Items
 * whose result would depend on where a window begins are refused at compile
 * time with their position: \G, \K, (*COMMIT) and (*SKIP).
 *
 * PCRE2's memory is the one allocation in mmhex that may fail without
 * ending it: no memory to compile or to match is a "regex too complex"
 * error, as the match limits are.
 */
#ifndef MMHEX_REGEX_H
#define MMHEX_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "find.h"
#include "progress.h"
#include "util.h"

struct regex;

/* Compile; on error returns NULL with *err naming the 0-based position. */
struct regex	*regex_compile(const char *pattern, struct error *err);
void		 regex_free(struct regex *re);

/*
 * Leftmost match starting at an offset >= from; *at and *len describe it
 * (len may be 0).  With not_empty_at_start an empty match at 'from' itself
 * is refused (PCRE2_NOTEMPTY_ATSTART), as iteration needs after an empty match.
 */
enum scan_result regex_find(struct regex *re, const unsigned char *hay,
		    size_t size, size_t from, bool not_empty_at_start,
		    size_t *at, size_t *len, const struct progress *progress,
		    struct error *err);

/*
 * The match with the greatest start offset < before (the match may end
 * past it): the start offset s is the greatest one where a search
 * anchored at s succeeds, and the match is the one that search gives.
 */
enum scan_result regex_rfind(struct regex *re, const unsigned char *hay,
		    size_t size, size_t before, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);

/*
 * Iterate non-empty matches left to right, non-overlapping, as Python's
 * re.finditer does once its empty matches are dropped.  Start with
 * it->pos = 0; each SCAN_FOUND call returns the next non-empty match.
 * Empty matches are never returned, so there is no empty match to step
 * past: the position is all the state.  (back is regex_prev's.)
 */
struct regex_back;
struct regex_iter {
	size_t			 pos;	/* where the next search starts */
	struct regex_back	*back;	/* regex_prev's marks: NULL to start */
};
enum scan_result regex_next(struct regex *re, const unsigned char *hay,
		    size_t size, struct regex_iter *it, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);

/*
 * The same matches right to left: start with it->pos = P and back = NULL;
 * each SCAN_FOUND call returns the previous one of regex_next's matches
 * that start before P, the last first, and sets it->pos to its start.
 * The first call runs the forward iteration up to P once, keeping where
 * it resumes before every 65,536th match; each such part is then found
 * again forwards and handed out in reverse.  So the cost is two forward
 * passes, however the matches overlap (a start-by-start search backwards
 * is quadratic on a long line under .+), and a cancelled or failed first
 * call leaves nothing to free.  Free with regex_iter_free.
 */
enum scan_result regex_prev(struct regex *re, const unsigned char *hay,
		    size_t size, struct regex_iter *it, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);
void		 regex_iter_free(struct regex_iter *it);

/*
 * The same four over the bytes a reader reads (bytes.h): a flat reader
 * is searched in place as above, an edited file's pieces in copies of
 * the part each step needs, with the same results as one run holding
 * the same bytes.
 */
struct bytes;
enum scan_result regex_find_in(struct regex *re, struct bytes *b, size_t from,
		    bool not_empty_at_start, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);
enum scan_result regex_rfind_in(struct regex *re, struct bytes *b,
		    size_t before, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);
enum scan_result regex_next_in(struct regex *re, struct bytes *b,
		    struct regex_iter *it, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);
enum scan_result regex_prev_in(struct regex *re, struct bytes *b,
		    struct regex_iter *it, size_t *at, size_t *len,
		    const struct progress *progress, struct error *err);

/*
 * For tests: use windows of 'window' start offsets instead of
 * PROGRESS_CHUNK (0 restores it), and the interpreter instead of JIT code
 * when use_jit is false; the next search times its ways afresh.  Returns
 * whether JIT code now runs.
 */
bool		 regex_tune(struct regex *re, size_t window, bool use_jit);

/*
 * For tests: from now on PCRE2 may hold at most 'bytes' (SIZE_MAX: no
 * bound but malloc's) for all regexes together; an allocation past it
 * fails as malloc would, which makes a "regex too complex" error.
 * Returns the bytes held now: 0 once every regex is freed.
 */
size_t		 regex_test_limit(size_t bytes);

/* For tests: the pcre2 match calls made so far, by every regex. */
size_t		 regex_test_searches(void);

/*
 * For tests: the bytes the searches for a line-local pattern's needed
 * byte have walked so far (memchr, before pcre2 sees a line).
 */
size_t		 regex_test_walked(void);

/*
 * For tests: the clock (nanoseconds) that times a line-local pattern's
 * two ways of searching against each other; NULL restores the real one.
 */
void		 regex_test_clock(uint64_t (*clock)(void));

#endif
