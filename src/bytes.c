/*
 * bytes.c - a reader over flat bytes or a piece list; see bytes.h.
 */
#include "config.h"

#include <string.h>

#include "bytes.h"

void
bytes_flat(struct bytes *b, const unsigned char *data, uint64_t size)
{
	memset(b, 0, sizeof(*b));
	b->base = data;
	b->size = size;
	b->run = data;
	b->len = size;
}

void
bytes_pieces(struct bytes *b, const struct pieces *ps,
    const unsigned char *base)
{
	memset(b, 0, sizeof(*b));
	b->ps = ps;
	b->base = base;
	b->size = ps->size;
}

void
bytes_window(struct bytes *dst, const struct bytes *src, uint64_t size)
{
	*dst = *src;
	dst->size = size;
	if (dst->ps == NULL)
		dst->len = size;
}

void
bytes_seek(struct bytes *b, uint64_t off)
{
	uint64_t len;

	if (b->ps == NULL)
		return;		/* the one run already holds every offset */
	b->run = pieces_span(b->ps, b->base, off, &len);
	b->lo = off;
	b->len = len;
}

const unsigned char *
bytes_span(struct bytes *b, uint64_t off, uint64_t *len)
{
	if (off - b->lo >= b->len)
		bytes_seek(b, off);
	*len = b->lo + b->len - off;
	return b->run + (off - b->lo);
}

void
bytes_read(struct bytes *b, uint64_t off, void *buf, size_t len)
{
	unsigned char *out = buf;
	const unsigned char *p;
	uint64_t n;

	while (len > 0) {
		p = bytes_span(b, off, &n);
		if (n > len)
			n = len;
		memcpy(out, p, (size_t)n);
		out += n;
		off += n;
		len -= (size_t)n;
	}
}

uint64_t
bytes_count_byte(struct bytes *b, uint64_t lo, uint64_t hi, int c)
{
	const unsigned char *p, *end, *hit;
	uint64_t n, count = 0;

	while (lo < hi) {
		p = bytes_span(b, lo, &n);
		if (n > hi - lo)
			n = hi - lo;
		for (end = p + n; (hit = memchr(p, c, (size_t)(end - p))) != NULL;
		    p = hit + 1)
			count++;
		lo += n;
	}
	return count;
}

uint64_t
bytes_rfind_byte(struct bytes *b, uint64_t lo, uint64_t hi, int c)
{
	const unsigned char *p, *hit;
	uint64_t n, start;

	while (hi > lo) {
		/* The run holding hi - 1, from its start or from lo. */
		p = bytes_span(b, hi - 1, &n);
		start = b->lo > lo ? b->lo : lo;
		p -= (hi - 1) - start;
		if ((hit = memrchr(p, c, (size_t)(hi - start))) != NULL)
			return start + (uint64_t)(hit - p);
		hi = start;
	}
	return UINT64_MAX;
}
