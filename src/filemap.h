/*
 * filemap.h - what lies where in a file, for `mmhex --map`: the window cut
 * into blocks of FILEMAP_BLOCK bytes from its start (the last one may be
 * shorter), each of one kind, neighbours of one kind merged into a run.
 *
 * The rule, simple enough for a test to recompute (map.sh does, in
 * Python), for a block of n bytes:
 *
 *	zero	every byte is 0x00 (a hole in the file is, without being read)
 *	text	no byte is 0x00, and at least 90% of them (10 x count >= 9 x n)
 *		are tab, newline, carriage return or 0x20-0x7e
 *	random	else, when the Shannon entropy of its sample, the k bytes
 *		at 0, FILEMAP_STRIDE, 2 x FILEMAP_STRIDE... (k = 586 in a
 *		whole block), is at least FILEMAP_RANDOM_BITS bits a byte:
 *		log2(k) - sum(c log2 c) / k over the count c of each byte
 *		value in it, summed in the order of the values (compressed
 *		or encrypted data; a short block cannot reach it: log2(k) < 7
 *		below 128 samples, 890 bytes)
 *	binary	anything else (code, tables, 0xff padding)
 *
 * Headless: no curses.  The walk asks the file system where its holes are
 * (SEEK_DATA / SEEK_HOLE) and reads only the data.
 */
#ifndef MMHEX_FILEMAP_H
#define MMHEX_FILEMAP_H

#include <stddef.h>

#include "mapping.h"
#include "progress.h"

#define FILEMAP_BLOCK		4096
#define FILEMAP_RANDOM_BITS	7.0
#define FILEMAP_STRIDE		7

enum filemap_kind {
	FILEMAP_ZERO,
	FILEMAP_TEXT,
	FILEMAP_BINARY,
	FILEMAP_RANDOM,
};

/* "zero", "text", "binary", "random". */
const char	*filemap_kind_name(enum filemap_kind k);

/* The kind of the n bytes at p (1 <= n <= FILEMAP_BLOCK), by the rule. */
enum filemap_kind filemap_classify(const unsigned char *p, size_t n);

/*
 * Walk m's window [0, m->size), calling emit(ctx, off, len, kind) for
 * each run in order (window offsets; the runs cover the window).  A
 * non-zero emit stops the walk.  Returns 0, 1 when emit or the progress
 * hook stopped it.
 */
int		 filemap_walk(const struct mapping *m,
		    int (*emit)(void *ctx, size_t off, size_t len,
		    enum filemap_kind kind), void *ctx,
		    const struct progress *progress);

#endif
