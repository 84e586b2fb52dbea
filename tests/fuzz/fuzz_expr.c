/*
 * fuzz_expr.c - libFuzzer harness for the goto expressions (expr.h).
 *
 * Input: 16 bytes that make the context (cursor, origin, size, and which
 * of a few [lo, hi] ranges), then the expression text.  Invariants: a
 * result lies in [lo, hi]; an error leaves *out alone, has a message,
 * and a position inside the text (or -1 for a range error).  The same
 * text as a length (expr_length): errors alike, N% at most the size.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t
take64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_ctx ctx;
	struct error err;
	uint64_t out = 0x5a5a5a5a5a5a5a5aULL, v;
	char *s;

	if (size < 9)
		return 0;
	v = take64(data);
	memset(&ctx, 0, sizeof(ctx));
	/* Small and huge sizes both: the interesting edges are at both ends. */
	switch (data[8] & 3) {
	case 0:
		ctx.size = v & 0xffff;
		break;
	case 1:
		ctx.size = v;
		break;
	case 2:
		ctx.size = UINT64_MAX - (v & 0xff);
		break;
	default:
		ctx.size = 0;
		break;
	}
	ctx.origin = (data[8] & 4) ? (v >> 3) & 0xffffff : 0;
	if (ctx.origin > UINT64_MAX - ctx.size)
		ctx.origin = 0;
	ctx.cursor = ctx.size > 0 ? ctx.origin + (v >> 7) % ctx.size : ctx.origin;
	ctx.lo = ctx.origin;
	ctx.hi = (data[8] & 8) ? UINT64_MAX :
	    ctx.size > 0 ? ctx.origin + ctx.size - 1 : ctx.origin;
	data += 9;
	size -= 9;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (expr_eval(s, &ctx, &out, &err) == 0) {
		if (out < ctx.lo || out > ctx.hi)
			abort();
	} else {
		if (out != 0x5a5a5a5a5a5a5a5aULL)
			abort();
		if (err.msg[0] == '\0' || memchr(err.msg, '\0',
		    sizeof(err.msg)) == NULL)
			abort();
		if (err.pos < -1 || err.pos > (long)strlen(s))
			abort();
	}
	/* A length: the same for errors; a percentage stays within size. */
	out = 0x5a5a5a5a5a5a5a5aULL;
	if (expr_length(s, ctx.size, &out, &err) == 0) {
		if (strchr(s, '%') != NULL && out > ctx.size)
			abort();
	} else {
		if (out != 0x5a5a5a5a5a5a5a5aULL)
			abort();
		if (err.pos < -1 || err.pos > (long)strlen(s))
			abort();
	}
	free(s);
	return 0;
}
