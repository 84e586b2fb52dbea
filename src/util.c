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

uint64_t
hash64(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t h[4] = { 0x243f6a8885a308d3u, 0x13198a2e03707344u,
	    0xa4093822299f31d0u, 0x082efa98ec4e6c89u }, w[4];
	size_t i, k;

	/* Four lanes, so that the multiplies do not wait on each other. */
	for (i = 0; i + 32 <= len; i += 32) {
		memcpy(w, b + i, 32);
		for (k = 0; k < 4; k++)
			h[k] = hash_mix(h[k], le64toh(w[k]));
	}
	for (; i + 8 <= len; i += 8) {
		memcpy(w, b + i, 8);
		h[0] = hash_mix(h[0], le64toh(w[0]));
	}
	for (w[0] = 0; i < len; i++)
		w[0] = w[0] << 8 | b[i];
	h[0] = hash_mix(h[0], w[0]);
	for (k = 1; k < 4; k++)
		h[0] = hash_mix(h[0], h[k]);
	return hash_mix(h[0], len);
}
