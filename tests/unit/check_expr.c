/*
 * check_expr.c - goto expressions as a person types them at the `g' prompt
 * or on the command line: what was typed, in which view, and where it
 * lands, or the exact message and position when it is refused.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "unit.h"
#include "util.h"

#define SENTINEL	UINT64_C(0x5eed5eed5eed5eed)

/* The sample file (737 bytes, last byte 0x2e0) in the goto prompt. */
static const struct expr_ctx view = {
	.cursor = 0x100, .origin = 0, .size = 0x2e1, .lo = 0, .hi = 0x2e0,
};

/* The same file for --offset: its size itself (an empty window) is fine. */
static const struct expr_ctx offset = {
	.cursor = 0, .origin = 0, .size = 0x2e1, .lo = 0, .hi = 0x2e1,
};

/* --length with 1000 bytes left after the offset: any length accepted. */
static const struct expr_ctx length = {
	.cursor = 0, .origin = 0, .size = 1000, .lo = 0, .hi = UINT64_MAX,
};

/* The CLI with the cursor at 2 (the "-5 from 2" case). */
static const struct expr_ctx near0 = {
	.cursor = 2, .origin = 0, .size = 0x2e1, .lo = 0, .hi = 0x2e0,
};

/* A window mapped with -o 0x1000 -l 4K, cursor in the middle. */
static const struct expr_ctx window = {
	.cursor = 0x1800, .origin = 0x1000, .size = 0x1000,
	.lo = 0x1000, .hi = 0x1fff,
};

/* Odd small sizes, where the percentages must round down. */
static const struct expr_ctx seven = {
	.cursor = 0, .origin = 0, .size = 7, .lo = 0, .hi = 6,
};
static const struct expr_ctx one = {
	.cursor = 5, .origin = 5, .size = 1, .lo = 5, .hi = 5,
};

/* An empty file for --offset: offset 0 is the only answer. */
static const struct expr_ctx empty = {
	.cursor = 0, .origin = 0, .size = 0, .lo = 0, .hi = 0,
};

/* An empty window at 0x10 whose accepted range is empty (lo > hi). */
static const struct expr_ctx emptywin = {
	.cursor = 0x10, .origin = 0x10, .size = 0, .lo = 0x10, .hi = 0xf,
};

/* A sparse file of 2^64 - 1 bytes in the goto prompt. */
static const struct expr_ctx huge = {
	.cursor = 0, .origin = 0, .size = UINT64_MAX,
	.lo = 0, .hi = UINT64_MAX - 1,
};

/* The same size as a --length remainder: the end itself is accepted. */
static const struct expr_ctx hugelen = {
	.cursor = 0, .origin = 0, .size = UINT64_MAX,
	.lo = 0, .hi = UINT64_MAX,
};

/* A window in the last 4 GiB below 2^64, its last byte 2^64 - 2. */
static const struct expr_ctx top = {
	.cursor = UINT64_C(0xfffffffffffffff0),
	.origin = UINT64_C(0xffffffff00000000), .size = 0xffffffff,
	.lo = UINT64_C(0xffffffff00000000), .hi = UINT64_MAX - 1,
};

/* A window ending exactly at 2^64: its last byte is UINT64_MAX. */
static const struct expr_ctx topend = {
	.cursor = UINT64_C(0xffffffff00000000),
	.origin = UINT64_C(0xffffffff00000000), .size = UINT64_C(0x100000000),
	.lo = UINT64_C(0xffffffff00000000), .hi = UINT64_MAX,
};

/* A caller bug: a view that would end past 2^64. */
static const struct expr_ctx broken = {
	.cursor = 0, .origin = UINT64_MAX, .size = 2, .lo = 0, .hi = UINT64_MAX,
};

struct ok_case {
	const char		*s;
	const struct expr_ctx	*ctx;
	uint64_t		 want;
};

static const struct ok_case ok_cases[] = {
	/* Absolute decimal and hex. */
	{ "0", &view, 0 },
	{ "700", &view, 700 },
	{ "736", &view, 0x2e0 },
	{ "0010", &view, 10 },			/* decimal, not octal */
	{ "000000000000000000000000042", &view, 42 },
	{ "0x2e0", &view, 0x2e0 },
	{ "0X2E0", &view, 0x2e0 },
	{ "0x2E0", &view, 0x2e0 },
	{ "0x0", &view, 0 },
	{ "0x00000000000000000000001", &view, 1 },
	{ "1234", &length, 1234 },
	{ "0x4d2", &length, 1234 },
	{ "18446744073709551615", &length, UINT64_MAX },
	{ "0xffffffffffffffff", &length, UINT64_MAX },
	{ "0xFFFFFFFFFFFFFFFF", &length, UINT64_MAX },

	/* Blanks around the expression and between its tokens. */
	{ " 16 ", &view, 16 },
	{ "\t16\t", &view, 16 },
	{ "  0x10  ", &view, 16 },
	{ "+ 16", &view, 0x110 },
	{ " -\t16 ", &view, 0xf0 },
	{ "$ - 16", &view, 0x2d0 },
	{ "  $  ", &view, 0x2e0 },
	{ "50 %", &view, 368 },

	/* Relative to the cursor (0x100 in the view). */
	{ "+16", &view, 0x110 },
	{ "-16", &view, 0xf0 },
	{ "+0", &view, 0x100 },
	{ "-0", &view, 0x100 },
	{ "-0x100", &view, 0 },
	{ "+0x1e0", &view, 0x2e0 },
	{ "-2", &near0, 0 },
	{ "+0x7ff", &window, 0x1fff },
	{ "-0x800", &window, 0x1000 },
	{ "-1K", &window, 0x1400 },
	{ "+1k", &window, 0x1c00 },
	{ "+1K", &length, 1024 },
	{ "+0xe", &top, UINT64_MAX - 1 },

	/* From the end. */
	{ "$", &view, 0x2e0 },
	{ "$-16", &view, 0x2d0 },
	{ "$+0", &view, 0x2e0 },
	{ "$-0", &view, 0x2e0 },
	{ "$-0x2e0", &view, 0 },
	{ "$+1", &offset, 0x2e1 },
	{ "$", &window, 0x1fff },
	{ "$-1K", &window, 0x1bff },
	{ "$-0xfff", &window, 0x1000 },
	{ "$", &length, 999 },
	{ "$", &seven, 6 },
	{ "$", &one, 5 },
	{ "$", &huge, UINT64_MAX - 1 },
	{ "$", &top, UINT64_MAX - 1 },
	{ "$", &topend, UINT64_MAX },
	{ "$-0xffffffff", &topend, UINT64_C(0xffffffff00000000) },

	/* Percentages: origin + floor(size * N / 100). */
	{ "0%", &view, 0 },
	{ "1%", &view, 7 },
	{ "50%", &view, 368 },			/* 368.5 rounds down */
	{ "99%", &view, 729 },
	{ "100%", &view, 0x2e0 },		/* the end clamps to the last byte */
	{ "0x32%", &view, 368 },
	{ "100%", &offset, 0x2e1 },		/* the end is accepted: no clamp */
	{ "50%", &length, 500 },
	{ "100%", &length, 1000 },		/* --length 100%: all of it */
	{ "0%", &window, 0x1000 },
	{ "25%", &window, 0x1400 },
	{ "50%", &window, 0x1800 },
	{ "100%", &window, 0x1fff },
	{ "14%", &seven, 0 },			/* 0.98 */
	{ "15%", &seven, 1 },			/* 1.05 */
	{ "50%", &seven, 3 },
	{ "99%", &seven, 6 },
	{ "100%", &seven, 6 },
	{ "0%", &one, 5 },
	{ "50%", &one, 5 },
	{ "100%", &one, 5 },
	{ "0%", &empty, 0 },
	{ "50%", &empty, 0 },
	{ "100%", &empty, 0 },
	{ "1%", &huge, UINT64_C(0x28f5c28f5c28f5c) },
	{ "33%", &huge, UINT64_C(0x547ae147ae147ae0) },
	{ "50%", &huge, UINT64_C(0x7fffffffffffffff) },
	{ "99%", &huge, UINT64_C(0xfd70a3d70a3d70a2) },
	{ "100%", &huge, UINT64_MAX - 1 },
	{ "100%", &hugelen, UINT64_MAX },
	{ "50%", &top, UINT64_C(0xffffffff7fffffff) },
	{ "100%", &top, UINT64_MAX - 1 },
	{ "100%", &topend, UINT64_MAX },	/* the end is 2^64 itself */

	/* Suffixes, any case, on decimal and hex, relative and from $. */
	{ "0K", &length, 0 },
	{ "1K", &length, 1024 },
	{ "1k", &length, 1024 },
	{ "2M", &length, UINT64_C(2) << 20 },
	{ "2m", &length, UINT64_C(2) << 20 },
	{ "3G", &length, UINT64_C(3) << 30 },
	{ "3g", &length, UINT64_C(3) << 30 },
	{ "0x10K", &length, 16384 },
	{ "0x10k", &length, 16384 },
	{ "0x10M", &length, UINT64_C(16) << 20 },
	{ "100G", &length, UINT64_C(100) << 30 },
	{ "17179869183G", &length, UINT64_MAX - ((UINT64_C(1) << 30) - 1) },
	{ "0x3fffffffffffffK", &length, UINT64_C(0xfffffffffffffc00) },
	{ "4K", &window, 0x1000 },
	{ "$-1K", &huge, UINT64_MAX - 1 - 1024 },
};

struct err_case {
	const char		*s;
	const struct expr_ctx	*ctx;
	long			 pos;
	const char		*msg;
};

static const struct err_case err_cases[] = {
	/* Nothing typed. */
	{ "", &view, 0, "number expected at position 0" },
	{ "   ", &view, 3, "number expected at position 3" },

	/* Malformed numbers. */
	{ "z", &view, 0, "unexpected 'z' at position 0" },
	{ "123z", &view, 3, "unexpected 'z' at position 3" },
	{ "0x", &view, 2, "hex digit expected at position 2" },
	{ "0xg", &view, 2, "hex digit expected at position 2" },
	{ "0x 10", &view, 2, "hex digit expected at position 2" },
	{ "0x12z", &view, 4, "unexpected 'z' at position 4" },
	{ "x10", &view, 0, "unexpected 'x' at position 0" },
	{ "0b101", &view, 1, "unexpected 'b' at position 1" },
	{ "1.5", &view, 1, "unexpected '.' at position 1" },
	{ "1,000", &view, 1, "unexpected ',' at position 1" },
	{ "1 2", &view, 2, "unexpected '2' at position 2" },
	{ "16 K", &view, 3, "unexpected 'K' at position 3" },
	{ "1K2", &view, 2, "unexpected '2' at position 2" },
	{ "1KK", &view, 2, "unexpected 'K' at position 2" },
	{ "1T", &view, 1, "unexpected 'T' at position 1" },
	{ "1KB", &view, 2, "unexpected 'B' at position 2" },
	{ "\x01", &view, 0, "unexpected byte 0x01 at position 0" },
	{ "\xc3\xa9", &view, 0, "unexpected byte 0xc3 at position 0" },
	{ "-5\n", &view, 2, "unexpected byte 0x0a at position 2" },

	/* Malformed relative offsets. */
	{ "+", &view, 1, "number expected at position 1" },
	{ "-", &view, 1, "number expected at position 1" },
	{ "+ ", &view, 2, "number expected at position 2" },
	{ "+x", &view, 1, "unexpected 'x' at position 1" },
	{ "--5", &view, 1, "unexpected '-' at position 1" },
	{ "+-5", &view, 1, "unexpected '-' at position 1" },
	{ "-$", &view, 1, "unexpected '$' at position 1" },
	{ "+0x", &view, 3, "hex digit expected at position 3" },

	/* Malformed $ forms. */
	{ "$16", &view, 1, "unexpected '1' at position 1" },
	{ "$ 5", &view, 2, "unexpected '5' at position 2" },
	{ "$-", &view, 2, "number expected at position 2" },
	{ "$ -  ", &view, 5, "number expected at position 5" },
	{ "$-$", &view, 2, "unexpected '$' at position 2" },
	{ "$$", &view, 1, "unexpected '$' at position 1" },
	{ "$*2", &view, 1, "unexpected '*' at position 1" },
	{ "$-1-1", &view, 3, "unexpected '-' at position 3" },

	/* Malformed percentages. */
	{ "%", &view, 0, "unexpected '%' at position 0" },
	{ "50%%", &view, 3, "unexpected '%' at position 3" },
	{ "50%1", &view, 3, "unexpected '1' at position 3" },
	{ "+50%", &view, 3, "unexpected '%' at position 3" },
	{ "-50%", &view, 3, "unexpected '%' at position 3" },
	{ "$-5%", &view, 3, "unexpected '%' at position 3" },
	{ "12.5%", &view, 2, "unexpected '.' at position 2" },
	{ "101%", &view, 0, "percentage 101 is over 100 at position 0" },
	{ "  0x65%", &view, 2, "percentage 101 is over 100 at position 2" },
	{ "1K%", &view, 0, "percentage 1024 is over 100 at position 0" },

	/* Numbers that do not fit in 64 bits, named where they start. */
	{ "18446744073709551616", &length, 0,
	    "number too large at position 0" },
	{ "99999999999999999999", &length, 0,
	    "number too large at position 0" },
	{ "0x10000000000000000", &length, 0,
	    "number too large at position 0" },
	{ "0xffffffffffffffffK", &length, 0,
	    "number too large at position 0" },
	{ "17179869184G", &length, 0, "number too large at position 0" },
	{ "0x40000000000000K", &length, 0, "number too large at position 0" },
	{ "16777216T", &length, 8, "unexpected 'T' at position 8" },
	{ "  +99999999999999999999", &view, 3,
	    "number too large at position 3" },
	{ "$-18446744073709551616", &view, 2,
	    "number too large at position 2" },
	{ "99999999999999999999%", &view, 0,
	    "number too large at position 0" },

	/* $ in an empty file, before anything after it is looked at. */
	{ "$", &empty, 0, "empty file: no last byte for $ at position 0" },
	{ "  $-1", &empty, 2, "empty file: no last byte for $ at position 2" },
	{ "$+0", &emptywin, 0,
	    "empty file: no last byte for $ at position 0" },

	/* Out of range, at and just past each boundary. */
	{ "737", &view, -1, "offset 0x2e1 is past the end (at most 0x2e0)" },
	{ "0x1234", &view, -1,
	    "offset 0x1234 is past the end (at most 0x2e0)" },
	{ "+0x1e1", &view, -1,
	    "offset 0x2e1 is past the end (at most 0x2e0)" },
	{ "$+1", &view, -1, "offset 0x2e1 is past the end (at most 0x2e0)" },
	{ "$+2", &offset, -1, "offset 0x2e2 is past the end (at most 0x2e1)" },
	{ "-0x101", &view, -1,
	    "offset -0x1 is before the start (at least 0x0)" },
	{ "-5", &near0, -1, "offset -0x3 is before the start (at least 0x0)" },
	{ "$-737", &view, -1,
	    "offset -0x1 is before the start (at least 0x0)" },
	{ "18446744073709551615", &view, -1,
	    "offset 0xffffffffffffffff is past the end (at most 0x2e0)" },
	{ "+0xffffffffffffffff", &view, -1,
	    "offset 0x100000000000000ff is past the end (at most 0x2e0)" },
	{ "$-0xffffffffffffffff", &view, -1,
	    "offset -0xfffffffffffffd1f is before the start (at least 0x0)" },
	{ "-1K", &length, -1,
	    "offset -0x400 is before the start (at least 0x0)" },
	{ "4095", &window, -1,
	    "offset 0xfff is before the start (at least 0x1000)" },
	{ "8192", &window, -1,
	    "offset 0x2000 is past the end (at most 0x1fff)" },
	{ "+0x800", &window, -1,
	    "offset 0x2000 is past the end (at most 0x1fff)" },
	{ "-0x801", &window, -1,
	    "offset 0xfff is before the start (at least 0x1000)" },
	{ "$-4K", &window, -1,
	    "offset 0xfff is before the start (at least 0x1000)" },
	{ "0", &one, -1, "offset 0x0 is before the start (at least 0x5)" },
	{ "$-1", &one, -1, "offset 0x4 is before the start (at least 0x5)" },
	{ "+1", &one, -1, "offset 0x6 is past the end (at most 0x5)" },
	{ "1", &empty, -1, "offset 0x1 is past the end (at most 0x0)" },
	{ "0x10", &emptywin, -1,
	    "offset 0x10 is past the end (at most 0xf)" },
	{ "100%", &emptywin, -1,
	    "offset 0x10 is past the end (at most 0xf)" },
	{ "$+1", &huge, -1,
	    "offset 0xffffffffffffffff is past the end "
	    "(at most 0xfffffffffffffffe)" },
	{ "+0x10", &top, -1,
	    "offset 0x10000000000000000 is past the end "
	    "(at most 0xfffffffffffffffe)" },
	{ "+0xffffffffffffffff", &top, -1,
	    "offset 0x1ffffffffffffffef is past the end "
	    "(at most 0xfffffffffffffffe)" },
	{ "$+2", &top, -1,
	    "offset 0x10000000000000000 is past the end "
	    "(at most 0xfffffffffffffffe)" },
	{ "$+1", &topend, -1,
	    "offset 0x10000000000000000 is past the end "
	    "(at most 0xffffffffffffffff)" },
	{ "0", &top, -1,
	    "offset 0x0 is before the start (at least 0xffffffff00000000)" },

	/* A caller's view that ends past 2^64 is refused, not wrapped. */
	{ "$", &broken, -1, "the view ends past offset 2^64" },
};

/* Each accepted expression lands where the table says. */
START_TEST(test_ok)
{
	const struct ok_case *c = &ok_cases[_i];
	struct error err = { "untouched", 12345 };
	uint64_t out = SENTINEL;
	int rc;

	rc = expr_eval(c->s, c->ctx, &out, &err);
	ck_assert_msg(rc == 0, "\"%s\": failed: %s (pos %ld)", c->s, err.msg,
	    err.pos);
	ck_assert_msg(out == c->want,
	    "\"%s\": got 0x%" PRIx64 ", want 0x%" PRIx64, c->s, out, c->want);
	ck_assert_str_eq(err.msg, "untouched");
}
END_TEST

/* Each refused expression gives the exact message and position, no move. */
START_TEST(test_err)
{
	const struct err_case *c = &err_cases[_i];
	struct error err = { "untouched", 12345 };
	uint64_t out = SENTINEL;
	char tail[64];
	int rc;

	rc = expr_eval(c->s, c->ctx, &out, &err);
	ck_assert_msg(rc == -1, "\"%s\": accepted as 0x%" PRIx64, c->s, out);
	ck_assert_msg(out == SENTINEL, "\"%s\": *out changed on error", c->s);
	ck_assert_str_eq(err.msg, c->msg);
	ck_assert_int_eq(err.pos, c->pos);
	/* A position in the record is the one the sentence names. */
	if (c->pos >= 0) {
		snprintf(tail, sizeof(tail), "at position %ld", c->pos);
		ck_assert_msg(strlen(err.msg) >= strlen(tail) &&
		    strcmp(err.msg + strlen(err.msg) - strlen(tail), tail) == 0,
		    "\"%s\" does not end with \"%s\"", err.msg, tail);
	}
}
END_TEST

/* A caller that does not want the message may pass no error record. */
START_TEST(test_null_err)
{
	uint64_t out = SENTINEL;

	ck_assert_int_eq(expr_eval("1z", &view, &out, NULL), -1);
	ck_assert_int_eq(expr_eval("0x1234", &view, &out, NULL), -1);
	ck_assert(out == SENTINEL);
	ck_assert_int_eq(expr_eval("$-1", &view, &out, NULL), 0);
	ck_assert(out == 0x2df);
}
END_TEST

/* The context is only read: one ctx serves many evaluations. */
START_TEST(test_ctx_unchanged)
{
	struct expr_ctx ctx = window, before = window;
	struct error err;
	uint64_t out;

	(void)expr_eval("+16", &ctx, &out, &err);
	(void)expr_eval("$-99999", &ctx, &out, &err);
	(void)expr_eval("100%", &ctx, &out, &err);
	ck_assert(memcmp(&ctx, &before, sizeof(ctx)) == 0);
}
END_TEST

/*
 * Every percentage of a range of sizes, against the plain formula where
 * it cannot overflow: floor(size * pct / 100), clamped at 100%.
 */
START_TEST(test_percent_sweep)
{
	struct expr_ctx ctx = { 0, 0, 0, 0, 0 };
	struct error err;
	char s[16];
	uint64_t out, size, pct, want;

	for (size = 1; size <= 1000; size++) {
		ctx.origin = 0x40;
		ctx.size = size;
		ctx.lo = ctx.origin;
		ctx.hi = ctx.origin + size - 1;
		for (pct = 0; pct <= 100; pct++) {
			snprintf(s, sizeof(s), "%" PRIu64 "%%", pct);
			want = ctx.origin + size * pct / 100;
			if (want > ctx.hi)
				want = ctx.hi;
			ck_assert_int_eq(expr_eval(s, &ctx, &out, &err), 0);
			ck_assert_msg(out == want, "%s of %" PRIu64 ": got %"
			    PRIu64 ", want %" PRIu64, s, size, out, want);
		}
	}
}
END_TEST

/*
 * --length: a count of bytes, or a percentage of the file's size; never
 * relative (issue 10: "-o 10 -l +16" gave 26 bytes, "-l -5" was taken).
 */
static const struct {
	const char	*s;
	uint64_t	 size;
	int		 rc;
	uint64_t	 want;	/* when rc is 0 */
	const char	*msg;	/* when rc is -1 */
	long		 pos;
} length_cases[] = {
	{ "16", 737, 0, 16, NULL, 0 },
	{ " 0x10 ", 737, 0, 16, NULL, 0 },
	{ "2K", 737, 0, 2048, NULL, 0 },
	{ "1g", 0, 0, UINT64_C(1) << 30, NULL, 0 },
	{ "0", 737, 0, 0, NULL, 0 },
	{ "50%", 737, 0, 368, NULL, 0 },
	{ "50 %", 1000, 0, 500, NULL, 0 },
	{ "100%", 737, 0, 737, NULL, 0 },
	{ "100%", UINT64_MAX, 0, UINT64_MAX, NULL, 0 },
	{ "0%", 737, 0, 0, NULL, 0 },
	{ "50%", 0, 0, 0, NULL, 0 },
	{ "18446744073709551615", 1, 0, UINT64_MAX, NULL, 0 },
	{ "+16", 737, -1, 0, "a length has no sign: '+' at position 0", 0 },
	{ "-5", 737, -1, 0, "a length has no sign: '-' at position 0", 0 },
	{ "  -5", 737, -1, 0, "a length has no sign: '-' at position 2", 2 },
	{ "$", 737, -1, 0, "a length is not an offset: '$' at position 0", 0 },
	{ " $-16", 737, -1, 0, "a length is not an offset: '$' at position 1",
	    1 },
	{ "101%", 737, -1, 0, "percentage 101 is over 100 at position 0", 0 },
	{ "16x", 737, -1, 0, "unexpected 'x' at position 2", 2 },
	{ "16 16", 737, -1, 0, "unexpected '1' at position 3", 3 },
	{ "", 737, -1, 0, "number expected at position 0", 0 },
	{ "0x", 737, -1, 0, "hex digit expected at position 2", 2 },
	{ "17179869184G", 737, -1, 0, "number too large at position 0", 0 },
};

START_TEST(test_length)
{
	struct error err = { "untouched", 12345 };
	uint64_t out = SENTINEL;
	int rc;

	rc = expr_length(length_cases[_i].s, length_cases[_i].size, &out, &err);
	ck_assert_msg(rc == length_cases[_i].rc, "\"%s\": rc %d (%s)",
	    length_cases[_i].s, rc, err.msg);
	if (rc == 0) {
		ck_assert_msg(out == length_cases[_i].want, "\"%s\": got %"
		    PRIu64, length_cases[_i].s, out);
		ck_assert_str_eq(err.msg, "untouched");
	} else {
		ck_assert(out == SENTINEL);
		ck_assert_str_eq(err.msg, length_cases[_i].msg);
		ck_assert_int_eq(err.pos, length_cases[_i].pos);
	}
}
END_TEST

/* Which expressions need the size of an input before they mean anything. */
START_TEST(test_uses_size)
{
	ck_assert(expr_uses_size("$"));
	ck_assert(expr_uses_size(" $-3"));
	ck_assert(expr_uses_size("50%"));
	ck_assert(!expr_uses_size("0x10"));
	ck_assert(!expr_uses_size("+16"));
	ck_assert(!expr_uses_size("1K"));
}
END_TEST

static Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_ok, 0, (int)ARRAY_LEN(ok_cases));
	tcase_add_loop_test(tc, test_err, 0, (int)ARRAY_LEN(err_cases));
	tcase_add_test(tc, test_null_err);
	tcase_add_test(tc, test_ctx_unchanged);
	tcase_add_test(tc, test_percent_sweep);
	tcase_add_loop_test(tc, test_length, 0, (int)ARRAY_LEN(length_cases));
	tcase_add_test(tc, test_uses_size);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(expr_suite)
