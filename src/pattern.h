/*
 * pattern.h - the byte patterns users type: hex ("de ad be ef", "deadbeef",
 * "??" for any byte) and text with escapes ("\x00", "\n", "\t", "\\").
 *
 * A pattern owns its bytes and a mask (mask[i] == 0 means "any byte here");
 * mask is NULL when every byte is fixed.  Parse errors name the 0-based
 * position in the typed string.
 */
#ifndef MMHEX_PATTERN_H
#define MMHEX_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct pattern {
	unsigned char	*bytes;	/* len bytes; value of a wildcard byte is 0 */
	unsigned char	*mask;	/* NULL, or len bytes of 0xff (fixed) / 0x00 (any) */
	size_t		 len;	/* > 0 for a parsed pattern */
};

/*
 * Parse hex: pairs of hex digits or "??", blanks allowed between pairs
 * (not inside one).  Empty input, an odd nibble count or any other
 * character is an error at its position.  Returns 0, or -1 with *err set.
 */
int	pattern_parse_hex(struct pattern *p, const char *s, struct error *err);

/*
 * Parse text with C-like escapes: \xNN, \n, \t, \r, \0, \\.  Any other
 * byte is itself.  Returns 0, or -1 with *err set (empty input, bad escape).
 */
int	pattern_parse_text(struct pattern *p, const char *s, struct error *err);

/* Take len bytes as they are (no parsing); len must be > 0. */
void	pattern_from_bytes(struct pattern *p, const void *bytes, size_t len);

/* Does p match at hay (hay has at least p->len bytes)? */
bool	pattern_match_at(const struct pattern *p, const unsigned char *hay);

void	pattern_free(struct pattern *p);

#endif
