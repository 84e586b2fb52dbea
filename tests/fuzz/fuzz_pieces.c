/*
 * fuzz_pieces.c - libFuzzer harness for the piece list: a base of up to
 * 255 bytes, then operations read from the input, each applied to the
 * list and to a plain array; after each one the list's bytes, spans and
 * pieces must agree with the array, and find and rfind of a pattern taken
 * from the input with brute force over it.
 *
 * Input: the base length, the base, then operations of three bytes:
 * KIND (even: insert, odd: delete; multiples of 3: a search instead),
 * OFFSET and LENGTH (both taken modulo what fits); an insert takes its
 * LENGTH bytes from the input that follows.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "pattern.h"
#include "pieces-find.h"
#include "pieces.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_BYTES	4096

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "invariant broken: %s\n", what);
		abort();
	}
}

/* The list holds the array's bytes, in pieces that tile the file. */
static void
check_same(const struct pieces *ps, const unsigned char *base,
    const unsigned char *want, size_t len)
{
	static unsigned char got[MAX_BYTES];
	uint64_t at = 0, run;

	check(ps->size == len, "size");
	for (size_t i = 0; i < ps->n; i++) {
		check(ps->p[i].at == at && ps->p[i].len > 0, "pieces tile");
		at += ps->p[i].len;
	}
	check(at == len, "pieces cover the file");
	pieces_read(ps, base, 0, got, len);
	check(memcmp(got, want, len) == 0, "bytes");
	for (at = 0; at < len; at += run)
		check(memcmp(pieces_span(ps, base, at, &run), want + at,
		    (size_t)run) == 0 && run > 0, "span");
}

/* find and rfind of pat (len bytes) from `from`, against brute force. */
static void
check_find(const struct pieces *ps, const unsigned char *base,
    const unsigned char *want, size_t size, const unsigned char *pat,
    size_t len, size_t from)
{
	struct pattern p;
	struct finder *f;
	uint64_t at;
	long lo = -1, hi = -1;
	size_t i;

	for (i = from; i + len <= size; i++)
		if (memcmp(want + i, pat, len) == 0) {
			lo = (long)i;
			break;
		}
	for (i = (from < size ? from : size) + 1; i-- > len;)
		if (memcmp(want + i - len, pat, len) == 0) {
			hi = (long)(i - len);
			break;
		}
	pattern_from_bytes(&p, pat, len);
	f = finder_new(&p);
	if (lo < 0)
		check(pieces_find(ps, base, f, &p, from, UINT64_MAX, &at, NULL) ==
		    SCAN_NOT_FOUND, "find: none");
	else
		check(pieces_find(ps, base, f, &p, from, UINT64_MAX, &at, NULL) ==
		    SCAN_FOUND && at == (uint64_t)lo, "find");
	if (hi < 0)
		check(pieces_rfind(ps, base, f, &p, from, &at, NULL) ==
		    SCAN_NOT_FOUND, "rfind: none");
	else
		check(pieces_rfind(ps, base, f, &p, from, &at, NULL) ==
		    SCAN_FOUND && at == (uint64_t)hi, "rfind");
	finder_free(f);
	pattern_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char want[MAX_BYTES + 256];
	struct pieces ps;
	size_t blen, len = 0, i = 0;

	if (size < 1)
		return 0;
	blen = data[0] < size - 1 ? data[0] : size - 1;
	const unsigned char *base = data + 1;
	memcpy(want, base, blen);
	len = blen;
	pieces_init(&ps, blen);
	check_same(&ps, base, want, len);
	for (i = 1 + blen; i + 3 <= size;) {
		int kind = data[i];
		size_t off = data[i + 1], n = data[i + 2];

		i += 3;
		if (kind % 3 == 0) {
			/* A search: a pattern of up to 8 bytes from the array. */
			size_t plen = 1 + n % 8, from = off % (len + 2);
			unsigned char pat[8];

			for (size_t k = 0; k < plen; k++)
				pat[k] = len > 0 ? want[(off + k * 7) % len] :
				    (unsigned char)k;
			check_find(&ps, base, want, len, pat, plen, from);
		} else if (kind % 2 == 0) {
			off %= len + 1;
			if (n > size - i)
				n = size - i;
			if (len + n > MAX_BYTES)
				break;
			check(pieces_insert(&ps, off, data + i, n) == 0, "insert");
			memmove(want + off + n, want + off, len - off);
			memcpy(want + off, data + i, n);
			len += n;
			i += n;
		} else {
			if (len == 0)
				continue;
			off %= len;
			n %= len - off + 1;
			check(pieces_delete(&ps, off, n) == 0, "delete");
			memmove(want + off, want + off + n, len - off - n);
			len -= n;
		}
		check(pieces_insert(&ps, len + 1, "x", 1) == -1 &&
		    pieces_delete(&ps, len, 1) == -1, "out of range refused");
		check_same(&ps, base, want, len);
	}
	pieces_free(&ps);
	return 0;
}
