/*
 * expr.c - goto/number expressions.
 *
 * Grammar (blanks are spaces and tabs; a number and its suffix are one
 * token, blanks may come between tokens and around the whole):
 *
 *	expr	:= num			absolute offset
 *		 | num '%'		origin + floor(size * num / 100), num <= 100
 *		 | ('+' | '-') num	cursor + num, cursor - num
 *		 | '$' [('+' | '-') num]	last byte (origin + size - 1) +/- num
 *	num	:= (dec | hex) [suffix]
 *	dec	:= [0-9]+			decimal, never octal
 *	hex	:= ('0x' | '0X') [0-9a-fA-F]+
 *	suffix	:= 'K' | 'M' | 'G'		x 1024, 1024^2, 1024^3; any case
 *
 * A length is only num or num '%' (of the size it is given).
 *
 * The arithmetic is done on values that cannot wrap: a result below 0 or
 * at/above 2^64 is carried as such up to the range check, so the message
 * names the real offset instead of a wrapped one.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "expr.h"
#include "util.h"

/* An offset that may lie outside uint64_t: -v, v, or 2^64 + v. */
struct val {
	int		 side;	/* -1 negative, 0 in range, +1 at/above 2^64 */
	uint64_t	 v;
};

/* Where the parse is; errors go straight to the caller's record. */
struct parser {
	const char	*s;
	size_t		 i;	/* next character to read */
	struct error	*err;
};

/* Step over spaces and tabs. */
static void
skip_blanks(struct parser *p)
{
	while (p->s[p->i] == ' ' || p->s[p->i] == '\t')
		p->i++;
}

/*
 * Report the character at the current position as unexpected; the end of
 * the input is reported as a missing number since that is all that can be
 * missing where this is called.
 */
static int
unexpected(struct parser *p)
{
	unsigned char c = (unsigned char)p->s[p->i];

	if (c == '\0')
		error_set(p->err, (long)p->i,
		    "number expected at position %ld", (long)p->i);
	else if (c >= 0x20 && c < 0x7f)
		error_set(p->err, (long)p->i,
		    "unexpected '%c' at position %ld", c, (long)p->i);
	else
		error_set(p->err, (long)p->i,
		    "unexpected byte 0x%02x at position %ld", c, (long)p->i);
	return -1;
}

/*
 * Read a number with its optional suffix at the current position into *n.
 * Errors name the position of the number's first character when it does
 * not fit in 64 bits, where the digits should have been otherwise.
 */
static int
parse_number(struct parser *p, uint64_t *n)
{
	size_t start = p->i;
	uint64_t v = 0;
	unsigned shift = 0;
	int d;

	if (p->s[p->i] < '0' || p->s[p->i] > '9')
		return unexpected(p);
	if (p->s[p->i] == '0' &&
	    (p->s[p->i + 1] == 'x' || p->s[p->i + 1] == 'X')) {
		p->i += 2;
		if (hex_digit_value(p->s[p->i]) < 0) {
			error_set(p->err, (long)p->i,
			    "hex digit expected at position %ld", (long)p->i);
			return -1;
		}
		while ((d = hex_digit_value(p->s[p->i])) >= 0) {
			if (v > UINT64_MAX >> 4)
				goto toolarge;
			v = v << 4 | (uint64_t)d;
			p->i++;
		}
	} else {
		while (p->s[p->i] >= '0' && p->s[p->i] <= '9') {
			d = p->s[p->i] - '0';
			if (v > (UINT64_MAX - (uint64_t)d) / 10)
				goto toolarge;
			v = v * 10 + (uint64_t)d;
			p->i++;
		}
	}

	switch (p->s[p->i]) {
	case 'K':
	case 'k':
		shift = 10;
		break;
	case 'M':
	case 'm':
		shift = 20;
		break;
	case 'G':
	case 'g':
		shift = 30;
		break;
	}
	if (shift != 0) {
		if (v > UINT64_MAX >> shift)
			goto toolarge;
		v <<= shift;
		p->i++;
	}
	*n = v;
	return 0;

toolarge:
	error_set(p->err, (long)start, "number too large at position %ld",
	    (long)start);
	return -1;
}

/* a + b, carried past 2^64 rather than wrapped. */
static struct val
val_add(uint64_t a, uint64_t b)
{
	struct val r;

	r.side = b > UINT64_MAX - a ? 1 : 0;
	r.v = a + b;	/* modulo 2^64: the low part when side is 1 */
	return r;
}

/* a - b, as a negative magnitude rather than wrapped. */
static struct val
val_sub(uint64_t a, uint64_t b)
{
	struct val r;

	if (b > a) {
		r.side = -1;
		r.v = b - a;
	} else {
		r.side = 0;
		r.v = a - b;
	}
	return r;
}

/*
 * floor(size * pct / 100) for pct <= 100 without a wider type: with
 * size = 100q + r the product is q * pct + r * pct / 100, and neither term
 * can overflow (q * pct <= size, r * pct < 10000).
 */
static uint64_t
percent_of(uint64_t size, uint64_t pct)
{
	return size / 100 * pct + size % 100 * pct / 100;
}

/* Store v in *out if it is a value in [lo, hi]; else say which side it left. */
static int
check_range(struct val v, const struct expr_ctx *ctx, uint64_t *out,
    struct error *err)
{
	if (v.side < 0) {
		error_set(err, -1,
		    "offset -0x%" PRIx64 " is before the start (at least 0x%"
		    PRIx64 ")", v.v, ctx->lo);
		return -1;
	}
	if (v.side > 0) {
		error_set(err, -1,
		    "offset 0x1%016" PRIx64 " is past the end (at most 0x%"
		    PRIx64 ")", v.v, ctx->hi);
		return -1;
	}
	if (v.v < ctx->lo) {
		error_set(err, -1,
		    "offset 0x%" PRIx64 " is before the start (at least 0x%"
		    PRIx64 ")", v.v, ctx->lo);
		return -1;
	}
	if (v.v > ctx->hi) {
		error_set(err, -1,
		    "offset 0x%" PRIx64 " is past the end (at most 0x%"
		    PRIx64 ")", v.v, ctx->hi);
		return -1;
	}
	*out = v.v;
	return 0;
}

/*
 * The part after '$': nothing, or '+'/'-' and a number.  An empty view has
 * no last byte, so '$' is refused there whatever follows it.
 */
static int
parse_dollar(struct parser *p, const struct expr_ctx *ctx, size_t dollar,
    struct val *r)
{
	struct val last;
	uint64_t n = 0;
	char op;

	if (ctx->size == 0) {
		error_set(p->err, (long)dollar,
		    "empty file: no last byte for $ at position %ld",
		    (long)dollar);
		return -1;
	}
	skip_blanks(p);
	op = p->s[p->i];
	if (op == '+' || op == '-') {
		p->i++;
		skip_blanks(p);
		if (parse_number(p, &n) == -1)
			return -1;
	}
	last = val_add(ctx->origin, ctx->size - 1);
	if (last.side != 0) {
		/* A view ending past 2^64 breaks the contract: refuse it. */
		error_set(p->err, -1, "the view ends past offset 2^64");
		return -1;
	}
	*r = op == '-' ? val_sub(last.v, n) : val_add(last.v, n);
	return 0;
}

/*
 * A number ending in '%': origin + floor(size * pct / 100).  100% is the
 * end of the view (origin + size); where the end is not an accepted result
 * it is the last byte instead, so "100%" in a goto lands on the last byte
 * while a length of "100%" covers everything.
 */
static int
eval_percent(struct parser *p, const struct expr_ctx *ctx, size_t start,
    uint64_t pct, struct val *r)
{
	if (pct > 100) {
		error_set(p->err, (long)start,
		    "percentage %" PRIu64 " is over 100 at position %ld", pct,
		    (long)start);
		return -1;
	}
	*r = val_add(ctx->origin, percent_of(ctx->size, pct));
	if (pct == 100 && ctx->size > 0 && (r->side != 0 || r->v > ctx->hi))
		*r = val_add(ctx->origin, ctx->size - 1);
	return 0;
}

/*
 * Parse one whole expression, blanks around it allowed, then range-check
 * the result; *out is written only on success.
 */
int
expr_eval(const char *s, const struct expr_ctx *ctx, uint64_t *out,
    struct error *err)
{
	struct parser p = { s, 0, err };
	struct val r;
	uint64_t n;
	size_t start;
	char c;

	skip_blanks(&p);
	c = p.s[p.i];
	if (c == '+' || c == '-') {
		p.i++;
		skip_blanks(&p);
		if (parse_number(&p, &n) == -1)
			return -1;
		r = c == '+' ? val_add(ctx->cursor, n) :
		    val_sub(ctx->cursor, n);
	} else if (c == '$') {
		start = p.i++;
		if (parse_dollar(&p, ctx, start, &r) == -1)
			return -1;
	} else {
		start = p.i;
		if (parse_number(&p, &n) == -1)
			return -1;
		skip_blanks(&p);
		if (p.s[p.i] == '%') {
			p.i++;
			if (eval_percent(&p, ctx, start, n, &r) == -1)
				return -1;
		} else {
			r.side = 0;
			r.v = n;
		}
	}
	skip_blanks(&p);
	if (p.s[p.i] != '\0')
		return unexpected(&p);
	return check_range(r, ctx, out, err);
}

/*
 * A length: a count of bytes.  A sign would make it relative (to what?),
 * and $ is an offset: both are refused where they stand.
 */
int
expr_length(const char *s, uint64_t size, uint64_t *out, struct error *err)
{
	struct parser p = { s, 0, err };
	struct expr_ctx ctx;
	struct val r;
	uint64_t n;
	size_t start;
	char c;

	skip_blanks(&p);
	c = p.s[p.i];
	if (c == '+' || c == '-') {
		error_set(err, (long)p.i, "a length has no sign: '%c' at "
		    "position %ld", c, (long)p.i);
		return -1;
	}
	if (c == '$') {
		error_set(err, (long)p.i, "a length is not an offset: '$' at "
		    "position %ld", (long)p.i);
		return -1;
	}
	start = p.i;
	if (parse_number(&p, &n) == -1)
		return -1;
	skip_blanks(&p);
	if (p.s[p.i] == '%') {
		memset(&ctx, 0, sizeof(ctx));
		ctx.size = size;
		ctx.hi = UINT64_MAX;
		p.i++;
		if (eval_percent(&p, &ctx, start, n, &r) == -1)
			return -1;
		n = r.v;	/* at most size: no carry */
	}
	skip_blanks(&p);
	if (p.s[p.i] != '\0')
		return unexpected(&p);
	*out = n;
	return 0;
}

/* Syntax aside: any '$' or '%' in an expression refers to the size. */
bool
expr_uses_size(const char *s)
{
	return strpbrk(s, "$%") != NULL;
}
