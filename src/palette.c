/*
 * palette.c - colours for a dark and a light background; see palette.h.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "util.h"

#define D	PALETTE_DEFAULT

/*
 * On a dark background: the colours mmhex always had.  Bright black (8)
 * is the quiet grey of NULs and offsets where there are 16 colours; with
 * 8 it is bold blue, which terminals draw bright (plain blue on black is
 * below 3:1).  Black on yellow is not bold: bold black is drawn grey.
 */
static const struct palette_color dark16[PAL_NROLES] = {
	[PAL_NUL] =	 { 8, D, false },
	[PAL_PRINT] =	 { 6, D, false },
	[PAL_SPACE] =	 { 2, D, false },
	[PAL_CTRL] =	 { 5, D, false },
	[PAL_HIGH] =	 { 3, D, false },
	[PAL_OFFSET] =	 { 8, D, false },
	[PAL_MATCH] =	 { 0, 3, false },
	[PAL_CHANGED] =	 { 1, D, true },
	[PAL_ERROR] =	 { 7, 1, true },
	[PAL_SELECT] =	 { 7, 4, false },
	[PAL_QUESTION] = { 0, 3, false },
	[PAL_DIFFER] =	 { 7, 5, true },
};

static const struct palette_color dark8[PAL_NROLES] = {
	[PAL_NUL] =	 { 4, D, true },
	[PAL_PRINT] =	 { 6, D, false },
	[PAL_SPACE] =	 { 2, D, false },
	[PAL_CTRL] =	 { 5, D, false },
	[PAL_HIGH] =	 { 3, D, false },
	[PAL_OFFSET] =	 { 4, D, true },
	[PAL_MATCH] =	 { 0, 3, false },
	[PAL_CHANGED] =	 { 1, D, true },
	[PAL_ERROR] =	 { 7, 1, true },
	[PAL_SELECT] =	 { 7, 4, false },
	[PAL_QUESTION] = { 0, 3, false },
	[PAL_DIFFER] =	 { 7, 5, true },
};

/*
 * On a light background cyan, green, yellow and the greys of the eight
 * are close to white; the 256-colour cube has darker ones of each hue
 * (16 is the cube's black, which bold does not brighten).
 */
static const struct palette_color light256[PAL_NROLES] = {
	[PAL_NUL] =	 { 245, D, false },
	[PAL_PRINT] =	 { 25, D, false },
	[PAL_SPACE] =	 { 28, D, false },
	[PAL_CTRL] =	 { 127, D, false },
	[PAL_HIGH] =	 { 130, D, false },
	[PAL_OFFSET] =	 { 244, D, false },
	[PAL_MATCH] =	 { 16, 222, false },
	[PAL_CHANGED] =	 { 160, D, true },
	[PAL_ERROR] =	 { 231, 160, true },
	[PAL_SELECT] =	 { 231, 25, false },
	[PAL_QUESTION] = { 16, 222, true },
	[PAL_DIFFER] =	 { 231, 127, true },
};

/* With eight colours only black, red, blue and magenta read on white. */
static const struct palette_color light8[PAL_NROLES] = {
	[PAL_NUL] =	 { 0, D, false },
	[PAL_PRINT] =	 { 4, D, false },
	[PAL_SPACE] =	 { 0, D, false },
	[PAL_CTRL] =	 { 5, D, false },
	[PAL_HIGH] =	 { 1, D, false },
	[PAL_OFFSET] =	 { D, D, false },
	[PAL_MATCH] =	 { 0, 3, false },
	[PAL_CHANGED] =	 { 1, D, true },
	[PAL_ERROR] =	 { 7, 1, true },
	[PAL_SELECT] =	 { 7, 4, false },
	[PAL_QUESTION] = { 0, 3, false },
	[PAL_DIFFER] =	 { 7, 5, true },
};

#undef D

static const char *const role_names[PAL_NROLES] = {
	[PAL_NUL] = "nul", [PAL_PRINT] = "printable",
	[PAL_SPACE] = "whitespace", [PAL_CTRL] = "ascii",
	[PAL_HIGH] = "nonascii", [PAL_OFFSET] = "offset",
	[PAL_MATCH] = "match", [PAL_CHANGED] = "changed",
	[PAL_ERROR] = "error", [PAL_SELECT] = "selection",
	[PAL_QUESTION] = "question", [PAL_DIFFER] = "differ",
};

const struct palette_color *
palette_colors(enum palette_background bg, int ncolors)
{
	if (bg == PALETTE_LIGHT)
		return ncolors >= 256 ? light256 : light8;
	return ncolors >= 16 ? dark16 : dark8;
}

const char *
palette_role_name(enum palette_role role)
{
	return role_names[role];
}

/* xterm's colours 0-15. */
static const struct palette_rgb xterm16[16] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

struct palette_rgb
palette_rgb(short c, bool fg, bool bold, enum palette_background bg)
{
	static const unsigned char level[6] = { 0, 95, 135, 175, 215, 255 };
	struct palette_rgb v;

	if (c == PALETTE_DEFAULT) {
		if (fg)
			return bg == PALETTE_LIGHT ? xterm16[0] : xterm16[7];
		return bg == PALETTE_LIGHT ? xterm16[15] : xterm16[0];
	}
	if (fg && bold && c >= 0 && c < 8)
		c += 8;
	if (c < 16)
		return xterm16[c];
	if (c < 232) {
		c -= 16;
		v.r = level[c / 36];
		v.g = level[c / 6 % 6];
		v.b = level[c % 6];
		return v;
	}
	v.r = v.g = v.b = (unsigned char)(8 + 10 * (c - 232));
	return v;
}

/* One sRGB channel, linear. */
static double
linear(unsigned char v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double
luminance(struct palette_rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) +
	    0.0722 * linear(c.b);
}

double
palette_contrast(struct palette_rgb a, struct palette_rgb b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

enum palette_background
palette_of_rgb(struct palette_rgb c)
{
	static const struct palette_rgb black = { 0, 0, 0 };
	static const struct palette_rgb white = { 255, 255, 255 };

	return palette_contrast(c, black) > palette_contrast(c, white) ?
	    PALETTE_LIGHT : PALETTE_DARK;
}

int
palette_parse_colorfgbg(const char *value)
{
	const char *bg;
	char *end;
	long n;

	if (value == NULL || (bg = strrchr(value, ';')) == NULL)
		return -1;
	bg++;
	n = strtol(bg, &end, 10);
	if (end == bg || *end != '\0' || n < 0 || n > 15)
		return -1;
	return n == 7 || n >= 9 ? PALETTE_LIGHT : PALETTE_DARK;
}

/* Where in buf the text s starts, or NULL. */
static const char *
find(const char *buf, size_t len, const char *s)
{
	return memmem(buf, len, s, strlen(s));
}

bool
palette_reply_done(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while ((p = find(p, (size_t)(end - p), "\033[?")) != NULL) {
		for (p += 3; p < end && (isdigit((unsigned char)*p) ||
		    *p == ';'); p++)
			continue;
		if (p < end && *p == 'c')
			return true;
	}
	return false;
}

/* One part of "rgb:R/G/B": 1-4 hex digits, scaled to 0-255. */
static const char *
channel(const char *p, const char *end, unsigned char *out)
{
	unsigned v = 0, max = 0;
	int n = 0;

	for (; p < end && n < 4 && hex_digit_value(*p) >= 0; p++, n++) {
		v = v * 16 + (unsigned)hex_digit_value(*p);
		max = max * 16 + 15;
	}
	if (n == 0)
		return NULL;
	*out = (unsigned char)((v * 255 + max / 2) / max);
	return p;
}

int
palette_parse_osc11(const char *buf, size_t len)
{
	const char *p, *end = buf + len;
	struct palette_rgb c;

	if ((p = find(buf, len, "\033]11;rgb:")) == NULL)
		return -1;
	p += 9;
	if ((p = channel(p, end, &c.r)) == NULL || p == end || *p++ != '/' ||
	    (p = channel(p, end, &c.g)) == NULL || p == end || *p++ != '/' ||
	    (p = channel(p, end, &c.b)) == NULL || p == end)
		return -1;
	/* Ended by BEL or ST (ESC \); anything else is not this answer. */
	if (*p != '\a' && *p != '\033')
		return -1;
	return palette_of_rgb(c);
}
