/*
 * bytes.h - reading the bytes the user sees, wherever they live: one
 * flat run (a mapping, a buffer) or an edited file's piece list
 * (pieces.h).  A reader keeps the run it read last, so walking byte by
 * byte costs a compare per byte and a lookup per piece border: the text
 * view and the screen read an edited file at the speed of a flat one.
 */
#ifndef MMHEX_BYTES_H
#define MMHEX_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "pieces.h"

struct bytes {
	const struct pieces	*ps;	/* NULL: base is all there is */
	const unsigned char	*base;
	uint64_t		 size;	/* bytes readable: [0, size) */
	const unsigned char	*run;	/* bytes [lo, lo + len) are run[0, len) */
	uint64_t		 lo;
	uint64_t		 len;
};

/* A reader over data[0, size). */
void	bytes_flat(struct bytes *b, const unsigned char *data, uint64_t size);

/* A reader over the edited bytes of ps, whose base is base. */
void	bytes_pieces(struct bytes *b, const struct pieces *ps,
	    const unsigned char *base);

/* src's bytes cut to their first size (<= src->size) bytes. */
void	bytes_window(struct bytes *dst, const struct bytes *src, uint64_t size);

/* Make the run the one holding off (< b->size). */
void	bytes_seek(struct bytes *b, uint64_t off);

/* The byte at off (< b->size). */
static inline unsigned char
bytes_at(struct bytes *b, uint64_t off)
{
	if (off - b->lo >= b->len)
		bytes_seek(b, off);
	return b->run[off - b->lo];
}

/*
 * The bytes from off (< b->size) that lie in one run, in place: returns
 * them and sets *len to how many.
 */
const unsigned char *bytes_span(struct bytes *b, uint64_t off, uint64_t *len);

/* Copy [off, off + len) (inside [0, b->size)) to buf. */
void	bytes_read(struct bytes *b, uint64_t off, void *buf, size_t len);

/* The offset of the last byte c in [lo, hi), or UINT64_MAX (memrchr). */
uint64_t bytes_rfind_byte(struct bytes *b, uint64_t lo, uint64_t hi, int c);

/* How many bytes c there are in [lo, hi): memchr over each run. */
uint64_t bytes_count_byte(struct bytes *b, uint64_t lo, uint64_t hi, int c);

#endif
