/*
 * pieces-find.h - find and rfind of a byte pattern over an edited file
 * (a piece list, pieces.h), with find.h's semantics and speed: each run
 * of one piece is searched in place by the finder, without a copy, and a
 * match across a piece border is looked for in a small buffer holding
 * the pattern's length - 1 bytes either side of it, the way find.c
 * treats its chunk borders.  An unedited file is one piece: the search is
 * finder_find over the mapping.
 */
#ifndef MMHEX_PIECES_FIND_H
#define MMHEX_PIECES_FIND_H

#include <stdint.h>

#include "find.h"
#include "pattern.h"
#include "pieces.h"

/*
 * The lowest offset >= from where p (the finder f's pattern) lies inside
 * the edited bytes [0, end) (end past the size: the size); base holds
 * the base.  Progress counts bytes of the edited file from `from`.
 */
enum scan_result pieces_find(const struct pieces *ps, const unsigned char *base,
		    const struct finder *f, const struct pattern *p,
		    uint64_t from, uint64_t end, uint64_t *at,
		    const struct progress *progress);

/* The highest offset where p lies inside the edited bytes [0, end). */
enum scan_result pieces_rfind(const struct pieces *ps,
		    const unsigned char *base, const struct finder *f,
		    const struct pattern *p, uint64_t end, uint64_t *at,
		    const struct progress *progress);

#endif
