/*
 * expr.h - the goto/number expressions of the product: 1234, 0x4d2, +16,
 * -16 (relative to the cursor), $ (last byte), $-16, $+16, 50%, and the
 * suffixes K, M, G (powers of 1024, either case) on any number.  Blanks may
 * surround the expression and separate its tokens.  The grammar is in
 * expr.c.
 *
 * Evaluation is overflow-safe and range-checked.  A malformed expression is
 * an error naming the 0-based position of the fault (err->pos and the end
 * of the message agree); a result outside [lo, hi] is an error with
 * pos -1.  On error *out is left untouched.  All offsets are absolute
 * file offsets.
 *
 * N% is origin + floor(size * N / 100), N in 0..100.  100% is the end,
 * origin + size, unless that is above hi: then it is the last byte, so a
 * goto (hi = last byte) lands on the last byte while a length (hi large)
 * of 100% covers the whole rest.  $ in an empty view (size 0) is an error.
 *
 * A length (--length) is not an offset: a number with its suffix, or N%
 * of a size, never relative to anything (expr_length).
 */
#ifndef MMHEX_EXPR_H
#define MMHEX_EXPR_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct expr_ctx {
	uint64_t	cursor;	/* what +N / -N are relative to */
	uint64_t	origin;	/* file offset of the first byte in view */
	uint64_t	size;	/* bytes in view; $ is origin + size - 1, 50% is origin + size / 2 */
	uint64_t	lo;	/* smallest result accepted */
	uint64_t	hi;	/* largest result accepted */
};

/* Evaluate s in ctx.  Returns 0 with *out set, or -1 with *err set. */
int	expr_eval(const char *s, const struct expr_ctx *ctx, uint64_t *out,
	    struct error *err);

/*
 * Evaluate the length s: num (as in expr.c's grammar) or num% of size,
 * floor(size * num / 100) with num <= 100.  A sign or $ is an error naming
 * its position.  Returns 0 with *out set, or -1 with *err set.
 */
int	expr_length(const char *s, uint64_t size, uint64_t *out,
	    struct error *err);

/*
 * Whether s refers to the size ($, N%): an input whose size is known
 * only once it has been read must be read before s is evaluated.
 */
bool	expr_uses_size(const char *s);

#endif
