/*
 * pattern.c - parse the byte patterns users type (hex with "??" wildcards,
 * text with C-like escapes) and match one at a given place.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pattern.h"

/* Blanks may separate the bytes of a hex pattern. */
static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Write c as the user would recognise it in a message: itself when
 * printable, \xNN otherwise (a message is one line of plain text).
 */
static const char *
show_char(unsigned char c, char buf[8])
{
	static const char digits[] = "0123456789abcdef";

	if (c >= 0x20 && c < 0x7f) {
		buf[0] = (char)c;
		buf[1] = '\0';
	} else {
		buf[0] = '\\';
		buf[1] = 'x';
		buf[2] = digits[c >> 4];
		buf[3] = digits[c & 0xf];
		buf[4] = '\0';
	}
	return buf;
}

/*
 * Fill p from a parse: take ownership of bytes, and keep mask only when
 * some byte is a wildcard, so the common case compares with memcmp.
 */
static void
pattern_take(struct pattern *p, unsigned char *bytes, unsigned char *mask,
    size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (mask[i] != 0xff)
			break;
	if (i == len) {
		free(mask);
		mask = NULL;
	}
	p->bytes = bytes;
	p->mask = mask;
	p->len = len;
}

/*
 * Parse a hex pattern.  Each byte is two hex digits or "??"; blanks may
 * separate bytes but not split one, so "d e" is refused rather than read
 * as 0xde: a split pair is almost always a typo for a missing digit.
 */
int
pattern_parse_hex(struct pattern *p, const char *s, struct error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *bytes, *mask;
	size_t n = 0, i = 0, j, nibbles, slen = strlen(s);
	char shown[8];
	int hi = 0, lo = 0;

	memset(p, 0, sizeof(*p));
	/* At most one byte per two characters. */
	bytes = xmalloc(slen / 2 + 1);
	mask = xmalloc(slen / 2 + 1);
	for (;;) {
		while (is_blank(u[i]))
			i++;
		if (u[i] == '\0')
			break;
		if (u[i] == '?' && u[i + 1] == '?') {
			bytes[n] = 0;
			mask[n++] = 0x00;
			i += 2;
			continue;
		}
		if (u[i] != '?' && (hi = hex_digit_value(u[i])) < 0) {
			error_set(err, (long)i, "bad hex digit '%s' at position %zu",
			    show_char(u[i], shown), i);
			goto fail;
		}
		if (u[i + 1] == '\0' || is_blank(u[i + 1]))
			goto lone;
		if (u[i] == '?' || (lo = hex_digit_value(u[i + 1])) < 0) {
			/* "?a" or "a?": half a wildcard is no byte at all. */
			error_set(err, (long)i + 1, "bad hex digit '%s' at position "
			    "%zu%s", show_char(u[i + 1], shown), i + 1,
			    u[i] == '?' || u[i + 1] == '?' ?
			    " (a wildcard byte is '?\?')" : "");
			goto fail;
		}
		bytes[n] = (unsigned char)(hi << 4 | lo);
		mask[n++] = 0xff;
		i += 2;
	}
	if (n == 0) {
		error_set(err, 0, "empty hex pattern");
		goto fail;
	}
	pattern_take(p, bytes, mask, n);
	return 0;

lone:
	/*
	 * A digit (or '?') followed by a blank or the end.  With an odd count
	 * it has no partner at all; with an even one a blank split a byte.
	 */
	for (j = 0, nibbles = 0; u[j] != '\0'; j++)
		if (!is_blank(u[j]))
			nibbles++;
	if (nibbles % 2 != 0)
		error_set(err, (long)i, "odd number of hex digits: "
		    "'%s' at position %zu has no partner",
		    show_char(u[i], shown), i);
	else
		error_set(err, (long)i + 1, "blank inside a byte at position %zu",
		    i + 1);
fail:
	free(bytes);
	free(mask);
	return -1;
}

/*
 * Parse text with escapes.  The escapes are the few a user needs to put
 * a non-printable byte into a search: \xNN, \n, \t, \r, \0 and \\.
 */
int
pattern_parse_text(struct pattern *p, const char *s, struct error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *bytes, *mask;
	size_t n = 0, i = 0, slen = strlen(s);
	char shown[8];
	int hi = 0, lo = 0;

	memset(p, 0, sizeof(*p));
	if (slen == 0) {
		error_set(err, 0, "empty text pattern");
		return -1;
	}
	bytes = xmalloc(slen);
	mask = xmalloc(slen);
	while (u[i] != '\0') {
		if (u[i] != '\\') {
			bytes[n++] = u[i++];
			continue;
		}
		switch (u[i + 1]) {
		case 'n':
			bytes[n++] = '\n';
			break;
		case 't':
			bytes[n++] = '\t';
			break;
		case 'r':
			bytes[n++] = '\r';
			break;
		case '0':
			bytes[n++] = '\0';
			break;
		case '\\':
			bytes[n++] = '\\';
			break;
		case 'x':
			if ((hi = hex_digit_value(u[i + 2])) < 0 ||
			    (lo = hex_digit_value(u[i + 3])) < 0) {
				error_set(err, (long)i, "bad escape at position %zu: "
				    "\\x needs two hex digits", i);
				goto fail;
			}
			bytes[n++] = (unsigned char)(hi << 4 | lo);
			i += 2;
			break;
		case '\0':
			error_set(err, (long)i, "lone backslash at position %zu "
			    "(write \\\\ for a backslash)", i);
			goto fail;
		default:
			error_set(err, (long)i, "bad escape '\\%s' at position %zu",
			    show_char(u[i + 1], shown), i);
			goto fail;
		}
		i += 2;
	}
	memset(mask, 0xff, n);
	pattern_take(p, bytes, mask, n);
	return 0;

fail:
	free(bytes);
	free(mask);
	return -1;
}

/* Copy len raw bytes into p; every byte is fixed. */
void
pattern_from_bytes(struct pattern *p, const void *bytes, size_t len)
{
	p->bytes = xmalloc(len);
	memcpy(p->bytes, bytes, len);
	p->mask = NULL;
	p->len = len;
}

/*
 * Compare p with the bytes at hay.  A wildcard's value byte is 0 and its
 * mask byte 0, so (hay ^ value) & mask is 0 exactly where a byte matches.
 */
bool
pattern_match_at(const struct pattern *p, const unsigned char *hay)
{
	size_t i;

	if (p->mask == NULL)
		return memcmp(hay, p->bytes, p->len) == 0;
	for (i = 0; i < p->len; i++)
		if (((hay[i] ^ p->bytes[i]) & p->mask[i]) != 0)
			return false;
	return true;
}

/* Free what p owns; p can be parsed into again afterwards. */
void
pattern_free(struct pattern *p)
{
	free(p->bytes);
	free(p->mask);
	p->bytes = NULL;
	p->mask = NULL;
	p->len = 0;
}
