/* util.c - error records, allocation wrappers, CRC-32. */
#include "config.h"

#include <endian.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
error_set(struct error *e, long pos, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->pos = pos;
}

/* Run before the out-of-memory exit; see util_set_fatal_hook(). */
static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*fn)(void))
{
	fatal_hook = fn;
}

static void
out_of_memory(void)
{
	void (*fn)(void) = fatal_hook;

	/* Once only: a hook that runs out of memory itself ends here. */
	fatal_hook = NULL;
	if (fn != NULL)
		fn();
	fputs("mmhex: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n != 0 ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n != 0 ? n : 1, size != 0 ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n != 0 ? n : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

int
hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reflected 0xedb88320, a table made once, a byte at a time. */
uint32_t
crc32_update(uint32_t crc, const void *p, size_t len)
{
	static uint32_t table[256];
	static bool made;
	const unsigned char *b = p;
	size_t i;
	int k;

	if (!made) {
		for (i = 0; i < 256; i++) {
			uint32_t c = (uint32_t)i;

			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		made = true;
	}
	crc = ~crc;
	for (i = 0; i < len; i++)
		crc = table[(crc ^ b[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* Fold a word in: multiply by the golden ratio, xor the high half down. */
static uint64_t
hash_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return h ^ (h >> 32);
}

/* A little-endian 64-bit word at p, wherever it lies. */
static uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return le64toh(w);
}

uint64_t
hash64(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t h0 = 0x243f6a8885a308d3u, h1 = 0x13198a2e03707344u,
	    h2 = 0xa4093822299f31d0u, h3 = 0x082efa98ec4e6c89u, w;
	size_t i;

	/*
	 * Four lanes, so that the multiplies do not wait on each other, in
	 * locals: lanes in an array went through memory (5x slower).
	 */
	for (i = 0; i + 32 <= len; i += 32) {
		h0 = hash_mix(h0, load64(b + i));
		h1 = hash_mix(h1, load64(b + i + 8));
		h2 = hash_mix(h2, load64(b + i + 16));
		h3 = hash_mix(h3, load64(b + i + 24));
	}
	for (; i + 8 <= len; i += 8)
		h0 = hash_mix(h0, load64(b + i));
	for (w = 0; i < len; i++)
		w = w << 8 | b[i];
	h0 = hash_mix(h0, w);
	h0 = hash_mix(h0, h1);
	h0 = hash_mix(h0, h2);
	h0 = hash_mix(h0, h3);
	return hash_mix(h0, len);
}
