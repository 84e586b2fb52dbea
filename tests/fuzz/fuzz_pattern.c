/*
 * fuzz_pattern.c - libFuzzer harness for the byte patterns users type
 * (pattern.h): hex with ?? wildcards, and text with escapes.
 *
 * Input: one byte choosing hex or text, then the typed string.
 * Invariants: a parsed pattern has bytes; a hex pattern has one byte per
 * two digits or ??, its mask only where a ?? was typed, and matches its
 * own bytes; an error has a message and a position inside the string.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pattern p;
	struct error err;
	bool hex;
	char *s;
	int r;

	if (size < 1)
		return 0;
	hex = data[0] & 1;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	memset(&p, 0, sizeof(p));
	r = hex ? pattern_parse_hex(&p, s, &err) :
	    pattern_parse_text(&p, s, &err);
	if (r == 0) {
		size_t digits = 0, wild = 0;

		if (p.len == 0 || p.bytes == NULL)
			abort();
		if (hex) {
			for (const char *c = s; *c != '\0'; c++) {
				if (isxdigit((unsigned char)*c))
					digits++;
				else if (*c == '?')
					wild++;
			}
			if ((digits + wild) / 2 != p.len)
				abort();
			if ((wild == 0) != (p.mask == NULL))
				abort();
		} else if (p.len > strlen(s))
			abort();
		for (size_t i = 0; p.mask != NULL && i < p.len; i++)
			if (p.mask[i] != 0 && p.mask[i] != 0xff)
				abort();
		if (!pattern_match_at(&p, p.bytes))
			abort();
		pattern_free(&p);
	} else {
		if (err.msg[0] == '\0')
			abort();
		if (err.pos < -1 || err.pos > (long)strlen(s))
			abort();
	}
	free(s);
	return 0;
}
