/*
 * regex-lines.c - does a pattern stay inside a line?  A conservative
 * reading of the pattern's text (regex-lines.h): every item it lets
 * through is one whose matches, and whose assertions' looks, never take
 * a newline; anything else, or anything it does not know, says no.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "regex-lines.h"

/* What one escape outside or inside a class stands for. */
enum esc {
	ESC_NO,		/* not known here: the pattern is not line-local */
	ESC_BYTE,	/* one byte, in *byte */
	ESC_SET_NL,	/* a set holding the newline: \s \v \D \W \H */
	ESC_SET,	/* a set without it: \d \w \S \h \V \N */
	ESC_ZERO,	/* an assertion that looks at no newline: \b \B */
};

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/*
 * The escape at p (p[0] is the backslash); *len its length.  In a class
 * \b is a backspace and \N means nothing.
 */
static enum esc
escape(const char *p, bool in_class, size_t *len, unsigned char *byte)
{
	int c = (unsigned char)p[1], h;

	*len = 2;
	if (c == '\0')
		return ESC_NO;
	if (!isalnum(c)) {
		/* Escaped punctuation is itself; a newline byte is one. */
		*byte = (unsigned char)c;
		return ESC_BYTE;
	}
	switch (c) {
	case 't': *byte = '\t'; return ESC_BYTE;
	case 'r': *byte = '\r'; return ESC_BYTE;
	case 'n': *byte = '\n'; return ESC_BYTE;
	case 'f': *byte = '\f'; return ESC_BYTE;
	case 'e': *byte = 0x1b; return ESC_BYTE;
	case 'a': *byte = 0x07; return ESC_BYTE;
	case 'x':
		/* \xHH, one or two digits; \x{...} is not read here. */
		if ((h = hexval((unsigned char)p[2])) < 0)
			return ESC_NO;
		*byte = (unsigned char)h;
		*len = 3;
		if ((h = hexval((unsigned char)p[3])) >= 0) {
			*byte = (unsigned char)(*byte * 16 + h);
			*len = 4;
		}
		return ESC_BYTE;
	case 'd': case 'w': case 'S': case 'h': case 'V':
		return ESC_SET;
	case 's': case 'v': case 'D': case 'W': case 'H':
		return ESC_SET_NL;
	case 'N':
		/* \N{...} is a name or a count: not read here. */
		return in_class || p[2] == '{' ? ESC_NO : ESC_SET;
	case 'b':
		if (in_class) {
			*byte = 0x08;
			return ESC_BYTE;
		}
		return ESC_ZERO;
	case 'B':
		return in_class ? ESC_NO : ESC_ZERO;
	default:
		/*
		 * \A \z \Z \G (where the subject ends), \R \X \C \p \P, back
		 * references, octal, \c, \o, \g, \k, \Q, \E: no.
		 */
		return ESC_NO;
	}
}

/*
 * The class at p (p[0] is '['): its length in *len, and whether it is
 * line-local: without the newline, or negated with it.  POSIX names and
 * anything unread say no.
 */
static bool
class_ok(const char *p, size_t *len)
{
	size_t i = 1, n;
	bool negated = false, has_nl = false, single = false;
	unsigned char byte, prev = 0;
	enum esc e;

	if (p[i] == '^') {
		negated = true;
		i++;
	}
	/* A ']' first is a literal. */
	if (p[i] == ']') {
		prev = ']';
		single = true;
		i++;
	}
	for (;;) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\0')
			return false;
		if (c == ']')
			break;
		if (c == '[' && p[i + 1] == ':')
			return false;
		if (c == '-' && single && p[i + 1] != ']' && p[i + 1] != '\0') {
			/* A range from prev to the next single byte. */
			unsigned char hi;

			i++;
			c = (unsigned char)p[i];
			if (c == '\\') {
				if (escape(p + i, true, &n, &hi) != ESC_BYTE)
					return false;
				i += n;
			} else if (c == '[') {
				return false;
			} else {
				hi = c;
				i++;
			}
			if (prev <= '\n' && hi >= '\n')
				has_nl = true;
			single = false;
			continue;
		}
		if (c == '\\') {
			e = escape(p + i, true, &n, &byte);
			if (e == ESC_NO)
				return false;
			i += n;
			single = e == ESC_BYTE;
			if (e == ESC_SET_NL || (single && byte == '\n'))
				has_nl = true;
			prev = byte;
			continue;
		}
		if (c == '\n')
			has_nl = true;
		prev = c;
		single = true;
		i++;
	}
	*len = i + 1;
	return negated ? has_nl : !has_nl;
}

/*
 * A group's opening "(?..." at p: its length in *len when it is one that
 * keeps the pattern line-local: non-capturing, atomic, branch reset,
 * lookahead, named, or the option letters n, U, J (and their unsetting).
 * Not s (dot takes newlines), x (comments this reading cannot follow),
 * m (unset, ^ and $ are the subject's ends), ^, nor i: a caseless first
 * or required byte is not the one byte memchr would look for.  Not a
 * lookbehind: the byte it needs may lie before the search's start.
 */
static bool
group_ok(const char *p, size_t *len)
{
	static const char *const opens[] = { "(?:", "(?>", "(?|", "(?=",
	    "(?!", "(?P<" };
	size_t i, k;

	for (k = 0; k < sizeof(opens) / sizeof(opens[0]); k++) {
		if (strncmp(p, opens[k], strlen(opens[k])) == 0) {
			*len = strlen(opens[k]);
			/* (?P<name>: the name is letters. */
			if (k == 5) {
				for (i = *len; isalnum((unsigned char)p[i]) ||
				    p[i] == '_'; i++)
					;
				if (p[i] != '>')
					return false;
				*len = i + 1;
			}
			return true;
		}
	}
	/* (?<name>, not a lookbehind. */
	if (p[2] == '<' && (isalpha((unsigned char)p[3]) || p[3] == '_')) {
		for (i = 3; isalnum((unsigned char)p[i]) || p[i] == '_'; i++)
			;
		if (p[i] != '>')
			return false;
		*len = i + 1;
		return true;
	}
	/* (?n) (?-U) (?nJ: ... */
	for (i = 2; p[i] != '\0' && strchr("nUJ-", p[i]) != NULL; i++)
		;
	if (i > 2 && (p[i] == ')' || p[i] == ':')) {
		*len = i + 1;
		return true;
	}
	return false;
}

bool
regex_line_local(const char *pattern)
{
	const char *p = pattern;
	unsigned char byte = 0;
	enum esc e;
	size_t n;

	while (*p != '\0') {
		switch (*p) {
		case '\n':
			return false;
		case '\\':
			e = escape(p, false, &n, &byte);
			if (e == ESC_NO || e == ESC_SET_NL ||
			    (e == ESC_BYTE && byte == '\n'))
				return false;
			p += n;
			break;
		case '[':
			if (!class_ok(p, &n))
				return false;
			p += n;
			break;
		case '(':
			if (p[1] == '*')
				return false;
			if (p[1] == '?') {
				if (!group_ok(p, &n))
					return false;
				p += n;
			} else
				p++;
			break;
		default:
			/* Literals, . (no newline: LF, no s), | ^ $ ) and counts. */
			p++;
			break;
		}
	}
	return true;
}
